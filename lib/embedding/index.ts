import { EMBEDDER_ENV_VARS, embedderConfig } from "./config";
import { createHashingEmbedder } from "./hashing-embedder";
import { createOllamaEmbedder } from "./ollama-embedder";
import { createOpenAIEmbedder } from "./openai-embedder";
import type { Embedder } from "./types";

export { assertEmbedding, EMBEDDING_DIMENSIONS, InvalidEmbeddingError } from "@/db/vector-check";
export {
  DEFAULT_EMBEDDER_TIMEOUT_MS,
  type EmbedderConfig,
  type EmbedderProvider,
  embedderConfig,
  REMOTE_EMBEDDER_DEFAULTS,
} from "./config";
export { EmbedderError, type EmbedderErrorKind } from "./embedder-error";
export type { Embedder } from "./types";

// Keyed by the raw variables, so a repeated call costs a string join and a lookup.
const cache = new Map<string, Embedder>();
const CACHE_LIMIT = 8;

/**
 * The embedder the app uses for new memories and queries, chosen by EMBEDDER (local, openai,
 * ollama; local by default). Throws an Error naming the variable when the configuration is bad.
 */
export function defaultEmbedder(env: NodeJS.ProcessEnv = process.env): Embedder {
  const key = EMBEDDER_ENV_VARS.map((name) => env[name] ?? "").join("\u0000");
  const cached = cache.get(key);
  if (cached) return cached;

  const config = embedderConfig(env);
  const embedder =
    config.provider === "openai"
      ? createOpenAIEmbedder(config)
      : config.provider === "ollama"
        ? createOllamaEmbedder(config)
        : createHashingEmbedder();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, embedder);
  return embedder;
}

/** For display: "local · hashing-ngram-v1", "openai · text-embedding-3-small". */
export function describeEmbedder(e: Embedder): string {
  return `${e.provider} · ${e.model}`;
}
