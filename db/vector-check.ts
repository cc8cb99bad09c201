export const EMBEDDING_DIMENSIONS = 768;

export class InvalidEmbeddingError extends Error {
  override name = "InvalidEmbeddingError";
}

/** Throws a clear error unless `value` is exactly 768 finite numbers (what `vector(768)` accepts). */
export function assertEmbedding(value: unknown, source = "embedding"): asserts value is number[] {
  if (!Array.isArray(value)) {
    throw new InvalidEmbeddingError(
      `${source} must be an array of ${EMBEDDING_DIMENSIONS} numbers, got ${describeValue(value)}`,
    );
  }
  if (value.length !== EMBEDDING_DIMENSIONS) {
    throw new InvalidEmbeddingError(`${source} must have ${EMBEDDING_DIMENSIONS} dimensions, got ${value.length}`);
  }
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidEmbeddingError(`${source} value at index ${i} is not a finite number (${describeValue(v)})`);
    }
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 20))}`;
  return typeof value;
}
