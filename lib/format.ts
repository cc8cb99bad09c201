const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const integer = new Intl.NumberFormat("en-US");

/** Timestamps are stored without a zone and written in UTC; they are shown as such. */
export function formatDateTime(value: Date | null): string {
  return value ? `${dateTime.format(value)} UTC` : "—";
}

/** The same without the zone, for table cells whose column header says UTC. */
export function formatDateTimeShort(value: Date | null): string {
  return value ? dateTime.format(value) : "—";
}

export function formatCount(value: number): string {
  return integer.format(value);
}
