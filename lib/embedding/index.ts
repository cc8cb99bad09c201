import { createHashingEmbedder } from "./hashing-embedder";
import type { Embedder } from "./types";

export type { Embedder } from "./types";
export { assertEmbedding, EMBEDDING_DIMENSIONS, InvalidEmbeddingError } from "./vector-check";

/** The embedder the app uses for new memories and queries. */
export function defaultEmbedder(): Embedder {
  return createHashingEmbedder();
}
