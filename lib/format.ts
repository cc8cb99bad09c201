const integer = new Intl.NumberFormat("en-US");
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Timestamps are stored without a zone and written in UTC; they are shown as such, in a fixed
 * format (not Intl's, whose month names differ between the server's and the browser's ICU).
 */
export function formatDateTimeShort(value: Date | null): string {
  if (!value) return "—";
  return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
}

export function formatDateTime(value: Date | null): string {
  return value ? `${formatDateTimeShort(value)} UTC` : "—";
}

export function formatCount(value: number): string {
  return integer.format(value);
}
