import { z } from "zod";
import { invalid } from "../app-error";
import type { ParamReader } from "./kind";

/** At most this many values of a repeatable filter (tags, components). */
export const MAX_LIST_VALUES = 20;

export const textParam = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} is longer than ${max} characters.`)
    .refine((s) => !s.includes("\u0000"), `${what} contains a NUL character.`);

/** Parses one parameter with a schema; a failure names the parameter with the schema's message. */
export function parseParam<T>(param: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(param, parsed.error.issues[0]!.message);
  return parsed.data;
}

/** Reads URL search parameters into a ParamReader, dropping empty values (an empty form field means "no filter"). */
export function paramReader(params: URLSearchParams): ParamReader {
  const given = (name: string) => params.getAll(name).filter((v) => v !== "");
  return { one: (name) => given(name).at(-1), all: given };
}
