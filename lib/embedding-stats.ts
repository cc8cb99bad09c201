export type EmbeddingStats = {
  dimensions: number;
  norm: number;
  min: number;
  max: number;
  mean: number;
  /** Mean of each consecutive slice of values, for a small picture of the vector. */
  buckets: number[];
};

export function embeddingStats(vector: number[], bucketCount = 96): EmbeddingStats {
  const size = Math.max(1, Math.ceil(vector.length / bucketCount));
  const buckets: number[] = [];
  for (let i = 0; i < vector.length; i += size) {
    const slice = vector.slice(i, i + size);
    buckets.push(slice.reduce((s, v) => s + v, 0) / slice.length);
  }
  return {
    dimensions: vector.length,
    norm: Math.sqrt(vector.reduce((s, v) => s + v * v, 0)),
    min: vector.length ? Math.min(...vector) : 0,
    max: vector.length ? Math.max(...vector) : 0,
    mean: vector.length ? vector.reduce((s, v) => s + v, 0) / vector.length : 0,
    buckets,
  };
}
