import { type SQL, sql } from "drizzle-orm";
import { invalid } from "../app-error";
import { memoryLogs } from "../schema";
import { sortKey } from "../sort-key";
import type { FilterKind } from "./kind";
import { filterKind } from "./kind";
import { timestampText } from "./sql";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A calendar date (UTC) or an ISO date-time without impossible parts (2026-02-30, 25:00). */
export function parseDateParam(raw: string): { date: Date; dateOnly: boolean } | null {
  const m = DATE_ONLY.exec(raw) ?? DATE_TIME.exec(raw);
  if (!m) return null;
  const [, y, mo, d, hh = "0", mm = "0", ss = "0", zone] = m;
  const day = new Date(0);
  day.setUTCFullYear(Number(y), Number(mo) - 1, Number(d)); // Date.UTC would read years 0-99 as 1900-1999
  const realDay =
    day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
  if (!realDay || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const dateOnly = m.length === 4;
  const date = dateOnly ? day : new Date(zone ? raw : `${raw}Z`);
  // PostgreSQL has no year 0 (1 BC): refuse it rather than fail in the query.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return null;
  return { date, dateOnly };
}

function dateBound(param: string, raw: string | undefined) {
  if (raw === undefined) return undefined;
  const parsed = parseDateParam(raw);
  if (!parsed) throw invalid(param, `${param} must be a real date such as 2026-05-31 or 2026-05-31T14:00:00Z.`);
  return parsed;
}

const isMidnight = (d: Date) => d.getTime() % 86_400_000 === 0;

/** A bound as the user wrote it: a date when it is a whole day (`dayOf`, the bound it came from, says so), else ISO. */
function dateText(d: Date, dayOf: Date = d): string {
  const iso = d.toISOString();
  return isMidnight(dayOf) ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/**
 * A range of one timestamp column, inclusive at both ends: a date (UTC; the upper one up to the end
 * of that day) or an ISO date-time. Held as `from` and an exclusive `before`. Each bound is also
 * written on the column's sort key, so the tenant's index in that order scans just the range.
 */
function dateRangeFilter<F extends string, B extends string>(options: {
  column: "created_at" | "updated_at";
  params: { from: string; to: string };
  keys: { from: F; before: B };
  label: string;
}): FilterKind<{ [K in F | B]?: Date }> {
  const { column, params, keys } = options;
  type Value = { [K in F | B]?: Date };
  const bounds = (v: Value) => [v[keys.from], v[keys.before]] as [Date | undefined, Date | undefined];
  return filterKind<Value>({
    params: [params.from, params.to],
    parse(read) {
      const from = dateBound(params.from, read.one(params.from))?.date;
      const to = dateBound(params.to, read.one(params.to));
      const before = to ? new Date(to.date.getTime() + (to.dateOnly ? 86_400_000 : 1)) : undefined;
      if (from && before && from >= before)
        throw invalid(params.from, `${params.from} must not be after ${params.to}.`);
      return { ...(from ? { [keys.from]: from } : {}), ...(before ? { [keys.before]: before } : {}) } as Value;
    },
    active: (v) => bounds(v).some(Boolean),
    where(v) {
      const [from, before] = bounds(v);
      const col = column === "created_at" ? memoryLogs.createdAt : memoryLogs.updatedAt;
      const key = sortKey(column);
      const conditions: SQL[] = [];
      if (from)
        conditions.push(
          sql`${col} >= ${timestampText(from)}::timestamp`,
          sql`${key} >= ${timestampText(from)}::timestamp`,
        );
      if (before)
        conditions.push(
          sql`${col} < ${timestampText(before)}::timestamp`,
          sql`${key} < ${timestampText(before)}::timestamp`,
        );
      return conditions;
    },
    plan: () => ({ answeredBy: "index" }),
    describe(v) {
      const [from, before] = bounds(v);
      // The inclusive upper bound as typed: the day before a midnight, else the instant before.
      const to = before && new Date(before.getTime() - (isMidnight(before) ? 86_400_000 : 1));
      const word = options.label.toLowerCase();
      if (from && to) return [`${word} ${dateText(from)} to ${dateText(to, before)}`];
      if (from) return [`${word} from ${dateText(from)}`];
      return to ? [`${word} until ${dateText(to, before)}`] : [];
    },
    input: { control: "date-range", from: params.from, to: params.to, label: options.label },
  });
}

/** `from`, `to`: created_at range. */
export const createdFilter = dateRangeFilter({
  column: "created_at",
  params: { from: "from", to: "to" },
  keys: { from: "from", before: "before" },
  label: "Created",
});

/** `updatedFrom`, `updatedTo`: updated_at range. */
export const updatedFilter = dateRangeFilter({
  column: "updated_at",
  params: { from: "updatedFrom", to: "updatedTo" },
  keys: { from: "updatedFrom", before: "updatedBefore" },
  label: "Updated",
});
