import { embedderConfig, EMBEDDER_ENV_VARS } from "./config";
import { createHashingEmbedder } from "./hashing-embedder";
import { createOllamaEmbedder } from "./ollama-embedder";
import { createOpenAIEmbedder } from "./openai-embedder";
import type { Embedder } from "./types";

export type { Embedder } from "./types";
export { assertEmbedding, EMBEDDING_DIMENSIONS, InvalidEmbeddingError } from "./vector-check";
export { EmbedderError, type EmbedderErrorKind } from "./embedder-error";
export {
  DEFAULT_EMBEDDER_TIMEOUT_MS,
  embedderConfig,
  REMOTE_EMBEDDER_DEFAULTS,
  type EmbedderConfig,
  type EmbedderProvider,
} from "./config";

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
