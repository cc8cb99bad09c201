/**
 * The JSON text of `value` with `json` (JSON text already, such as raw_data as the database
 * prints it) as member `key`, so it goes out byte for byte instead of through JSON.parse.
 */
export function jsonWithRawMember(value: Record<string, unknown>, key: string, json: string): string {
  const rest = JSON.stringify(value);
  return `${rest.slice(0, -1)}${rest === "{}" ? "" : ","}${JSON.stringify(key)}:${json}}`;
}
