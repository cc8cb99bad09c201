import { AppError } from "@/db/app-error";
import { FILTER_KINDS } from "@/db/filters";
import { type SearchParamsInput, toSearchParams } from "../next-search-params";

/** A parameter of a link that could not be read, and why. */
export type ParamProblem = { param: string; message: string };

export type LenientParse<T> = {
  value: T;
  /** The bad parameters left out, in the order they were found. */
  problems: ParamProblem[];
  /** The link's parameters without the bad ones: the same view, as a link that reads cleanly. */
  params: URLSearchParams;
};

/**
 * Parses with a strict parser, leaving out each parameter it refuses, so a link with one bad value
 * still shows the page with the rest (and the page names what was left out). A refusal that names
 * a parameter the link does not have (a value without its JSON path) leaves out the parameters of
 * that filter kind.
 */
export function parseLeavingOut<T>(input: SearchParamsInput, parse: (params: URLSearchParams) => T): LenientParse<T> {
  const params = toSearchParams(input);
  const problems: ParamProblem[] = [];
  for (;;) {
    try {
      return { value: parse(new URLSearchParams(params)), problems, params };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "invalid") throw error;
      const param = error.field ?? "query";
      if (!problems.some((p) => p.param === param)) problems.push({ param, message: error.message });
      const drop = params.has(param)
        ? [param]
        : ((FILTER_KINDS as readonly { params: readonly string[] }[]).find((k) => k.params.includes(param))?.params ?? [
            ...params.keys(),
          ]);
      if (!drop.some((key) => params.has(key))) throw error; // nothing left to leave out: a parser bug, not a link
      for (const key of drop) params.delete(key);
    }
  }
}
