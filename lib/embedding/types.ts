/** Turns texts into 768-dimensional vectors. Remote providers implement the same interface. */
export interface Embedder {
  /** Who computes the vectors, for example "local" or an API's name. */
  readonly provider: string;
  /** Which model: vectors from different models must not be compared. */
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** An embedder that calls a server over HTTP. */
export type RemoteEmbedder = Embedder & { readonly baseUrl: string };
