import { isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import { memoryLogs } from "../schema";
import { filterKind } from "./kind";
import { parseParam } from "./params";

const embeddingParam = z.enum(["with", "without"], "embedding must be with or without.");

/** `embedding=with|without`. Without is answered by the tenant's index of rows without one. */
export const embeddingFilter = filterKind<{ embedding?: "with" | "without" }>({
  params: ["embedding"],
  parse(read) {
    const raw = read.one("embedding");
    return raw === undefined ? {} : { embedding: parseParam("embedding", embeddingParam, raw) };
  },
  active: (v) => v.embedding !== undefined,
  where: (v) =>
    v.embedding === "with"
      ? [isNotNull(memoryLogs.embedding)]
      : v.embedding === "without"
        ? [isNull(memoryLogs.embedding)]
        : [],
  plan: () => ({ answeredBy: "index" }),
  describe: (v) => (v.embedding ? [`${v.embedding} embedding`] : []),
  input: {
    control: "choice",
    param: "embedding",
    label: "Embedding",
    options: [
      { value: "", label: "any" },
      { value: "with", label: "with embedding" },
      { value: "without", label: "without embedding" },
    ],
  },
});
