import { EMBEDDING_DIMENSIONS } from "@/db/vector-check";
import {
  badResponse,
  checkVectors,
  chunk,
  isRecord,
  postJson,
  REMOTE_BATCH_SIZE,
  type RemoteTarget,
  remoteTarget,
} from "./http-client";
import type { RemoteEmbedder } from "./types";

export const OPENAI_BATCH_SIZE = REMOTE_BATCH_SIZE;

export type OpenAIEmbedderOptions = {
  /** Ends in /v1: https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), http://localhost:1234/v1 (LM Studio)… */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
};

/**
 * Any OpenAI-compatible embeddings API: POST {baseUrl}/embeddings with { model, input, dimensions },
 * at most 96 texts per request. Asks for 768 dimensions, and checks that it got them.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): RemoteEmbedder {
  const target = remoteTarget("openai", options);
  return {
    provider: target.provider,
    model: target.model,
    baseUrl: target.baseUrl,
    async embed(texts) {
      const vectors: number[][] = [];
      for (const batch of chunk(texts, OPENAI_BATCH_SIZE)) vectors.push(...(await embedBatch(target, batch)));
      return vectors;
    },
  };
}

async function embedBatch(target: RemoteTarget, input: string[]): Promise<number[][]> {
  const json = await postJson(target, `${target.baseUrl}/embeddings`, {
    model: target.model,
    input,
    dimensions: EMBEDDING_DIMENSIONS,
  });
  if (!isRecord(json) || !Array.isArray(json.data)) throw badResponse(target, 'without a "data" array', json);
  const data: unknown[] = json.data;
  // The count first: a missing item would otherwise look like a bad index.
  if (data.length !== input.length) return checkVectors(target, data, input.length);
  return checkVectors(
    target,
    inIndexOrder(target, data),
    input.length,
    "does the server honour the dimensions parameter? Choose a model that does, or one with 768 dimensions",
  );
}

/** The embeddings ordered by their `index` (servers may answer in any order), or as sent when none has one. */
function inIndexOrder(target: RemoteTarget, data: unknown[]): unknown[] {
  const items = data.map((item, position) => {
    if (!isRecord(item) || !("embedding" in item))
      throw badResponse(target, `data[${position}] without an "embedding"`, item);
    return item;
  });
  if (items.every((item) => item.index === undefined)) return items.map((item) => item.embedding);
  const ordered = new Array<unknown>(items.length);
  const seen = new Set<number>();
  items.forEach((item, position) => {
    const { index } = item;
    if (
      typeof index !== "number" ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= items.length ||
      seen.has(index)
    ) {
      throw badResponse(
        target,
        `data[${position}] with an index that is missing, repeated or out of range 0–${items.length - 1}`,
        index,
      );
    }
    seen.add(index);
    ordered[index] = item.embedding;
  });
  return ordered;
}
