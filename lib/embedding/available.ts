import { createHashingEmbedder, LOCAL_MODELS } from "./hashing-embedder";
import { defaultEmbedder, describeEmbedder } from "./index";
import type { Embedder } from "./types";

const local = LOCAL_MODELS.map((model) => createHashingEmbedder(model));

/**
 * The embedders the app can write and search with: the configured one (EMBEDDER, first) and the
 * local models, which need nothing. A model migration moves a tenant's vectors between them.
 */
export function availableEmbedders(env: NodeJS.ProcessEnv = process.env): Embedder[] {
  let configured: Embedder | null = null;
  try {
    configured = defaultEmbedder(env);
  } catch {
    // A bad configuration is reported where the configured embedder is used; the local ones still work.
  }
  const all = configured ? [configured, ...local] : local;
  return all.filter((e, i) => all.findIndex((o) => describeEmbedder(o) === describeEmbedder(e)) === i);
}

/** The available embedder of this name ("local · hashing-words-v1"), or null. */
export function embedderNamed(name: string, env: NodeJS.ProcessEnv = process.env): Embedder | null {
  return availableEmbedders(env).find((e) => describeEmbedder(e) === name) ?? null;
}
