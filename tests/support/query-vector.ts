/** A deterministic pseudo-random 768-d query vector. */
export function queryVector(seed: number): number[] {
  let x = seed;
  return Array.from({ length: 768 }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  });
}
