/** Appends a key or index to a JSON path in the syntax the list filter accepts (meta.source, entities[0].type). */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const plain = /^[A-Za-z0-9_-]+$/.test(key);
  if (!plain) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}
