import {
  badResponse,
  checkVectors,
  chunk,
  type HttpHint,
  isRecord,
  postJson,
  REMOTE_BATCH_SIZE,
  remoteTarget,
} from "./http-client";
import type { RemoteEmbedder } from "./types";

export type OllamaEmbedderOptions = {
  /** The server root, such as http://localhost:11434 (no /v1). */
  baseUrl: string;
  model: string;
  /** For an Ollama behind a proxy that wants a bearer token. */
  apiKey?: string;
  timeoutMs?: number;
};

/** Ollama's native API: POST {baseUrl}/api/embed with { model, input } answering { embeddings }. */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): RemoteEmbedder {
  const target = remoteTarget("ollama", options);
  const hint: HttpHint = (status, detail) =>
    status === 404 && /not found/i.test(detail) && /model/i.test(detail)
      ? `run: ollama pull ${target.model}`
      : undefined;

  return {
    provider: target.provider,
    model: target.model,
    baseUrl: target.baseUrl,
    async embed(texts) {
      const vectors: number[][] = [];
      for (const input of chunk(texts, REMOTE_BATCH_SIZE)) {
        const json = await postJson(target, `${target.baseUrl}/api/embed`, { model: target.model, input }, hint);
        if (!isRecord(json) || !Array.isArray(json.embeddings))
          throw badResponse(target, 'without an "embeddings" array', json);
        vectors.push(
          ...checkVectors(
            target,
            json.embeddings,
            input.length,
            "choose a 768-dimension model such as nomic-embed-text",
          ),
        );
      }
      return vectors;
    },
  };
}
