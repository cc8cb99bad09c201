import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultEmbedder, describeEmbedder, EmbedderError, embedderConfig as fromEnv } from "@/lib/embedding";
import { createOllamaEmbedder } from "@/lib/embedding/ollama-embedder";
import { createOpenAIEmbedder, OPENAI_BATCH_SIZE } from "@/lib/embedding/openai-embedder";
import type { Embedder } from "@/lib/embedding/types";

const asEnv = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const embedderConfig = (vars: Record<string, string>) => fromEnv(asEnv(vars));
const API_KEY = "sk-test-0123456789abcdef";

/** A deterministic 768-d vector per text, so tests can check which vector came back where. */
function vectorFor(text: string, dimensions = 768): number[] {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return Array.from({ length: dimensions }, (_, i) => Math.sin(h + i * 0.37));
}

// ---------------------------------------------------------------------------------------------
// A fake embeddings server: OpenAI-compatible /v1/embeddings and Ollama's /api/embed.

type Misbehaviour =
  | "none"
  | "dim1536"
  | "nan-literal" // Python's json.dumps writes NaN, which is not JSON
  | "null-value"
  | "string-value"
  | "fewer"
  | "unauthorized"
  | "server-error"
  | "invalid-json"
  | "wrong-shape"
  | "bad-index"
  | "model-missing"
  | "hang"
  | "hang-body";

type Received = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: { model?: unknown; input?: unknown; dimensions?: unknown };
};

let misbehaviour: Misbehaviour = "none";
let received: Received[] = [];
let server: http.Server;
let port: number;

function answer(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "application/json" }).end(body);
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
  const body = JSON.parse(raw || "{}") as Received["body"];
  const path = req.url ?? "";
  received.push({ method: req.method ?? "", path, headers: req.headers, body });
  const openai = path === "/v1/embeddings";
  if (!openai && path !== "/api/embed") return answer(res, 404, JSON.stringify({ error: "404 page not found" }));
  if (req.method !== "POST") return answer(res, 405, "{}");

  const texts = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  let vectors: unknown[][] = texts.map((t) => vectorFor(t));
  switch (misbehaviour) {
    case "hang":
      return; // never answers
    case "hang-body":
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": [');
      return; // headers sent, body never finished
    case "unauthorized":
      return answer(
        res,
        401,
        JSON.stringify({ error: { message: "Incorrect API key", type: "invalid_request_error" } }),
      );
    case "server-error":
      return answer(res, 500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
    case "model-missing":
      return answer(
        res,
        404,
        JSON.stringify({ error: `model "${String(body.model)}" not found, try pulling it first` }),
      );
    case "invalid-json":
      return answer(res, 200, '{"data": [ {"embedding": [0.1, 0.2');
    case "wrong-shape":
      return answer(res, 200, JSON.stringify({ result: "ok" }));
    case "dim1536":
      vectors = texts.map((t) => vectorFor(t, 1536));
      break;
    case "null-value":
      vectors[0]![5] = null;
      break;
    case "string-value":
      vectors[0]![7] = "0.5";
      break;
    case "fewer":
      vectors = vectors.slice(1);
      break;
    case "nan-literal": {
      const json = openai
        ? JSON.stringify({ data: vectors.map((embedding, index) => ({ embedding, index })) })
        : JSON.stringify({ embeddings: vectors });
      return answer(res, 200, json.replace(/-?\d+\.\d+/, "NaN"));
    }
  }
  if (!openai) return answer(res, 200, JSON.stringify({ model: body.model, embeddings: vectors }));
  // Answer in reverse order: the client must sort by index.
  const data = vectors.map((embedding, index) => ({ object: "embedding", embedding, index })).reverse();
  if (misbehaviour === "bad-index") data[0]!.index = 99;
  return answer(
    res,
    200,
    JSON.stringify({ object: "list", model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } }),
  );
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections(); // the hanging requests
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  misbehaviour = "none";
  received = [];
});

const openaiUrl = () => `http://127.0.0.1:${port}/v1`;
const ollamaUrl = () => `http://127.0.0.1:${port}`;

const remotes: { name: string; make: (o?: { apiKey?: string; timeoutMs?: number; model?: string }) => Embedder }[] = [
  {
    name: "openai",
    make: (o = {}) => createOpenAIEmbedder({ baseUrl: openaiUrl(), model: o.model ?? "text-embedding-3-small", ...o }),
  },
  {
    name: "ollama",
    make: (o = {}) => createOllamaEmbedder({ baseUrl: ollamaUrl(), model: o.model ?? "nomic-embed-text", ...o }),
  },
];

/** The EmbedderError the promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<EmbedderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the embedder to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbedderError);
  return error as EmbedderError;
}

/** A port on 127.0.0.1 that nobody listens on. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const free = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

describe("the OpenAI-compatible embedder", () => {
  it("posts model, input and dimensions: 768 to {baseUrl}/embeddings with the bearer key", async () => {
    const embedder = createOpenAIEmbedder({
      baseUrl: `${openaiUrl()}/`,
      model: "text-embedding-3-small",
      apiKey: API_KEY,
    });
    expect(embedder.provider).toBe("openai");
    expect(embedder.model).toBe("text-embedding-3-small");
    await embedder.embed(["alpha", "beta"]);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/v1/embeddings");
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers["content-type"]).toMatch(/application\/json/);
    expect(request!.body).toEqual({ model: "text-embedding-3-small", input: ["alpha", "beta"], dimensions: 768 });
  });

  it("sends no Authorization header without a key", async () => {
    await remotes[0]!.make().embed(["alpha"]);
    expect(received[0]!.headers.authorization).toBeUndefined();
  });

  it("puts the vectors back in input order using each item's index", async () => {
    const texts = ["one", "two", "three", "four"];
    const vectors = await remotes[0]!.make().embed(texts);
    expect(vectors).toEqual(texts.map((t) => vectorFor(t)));
  });

  it(`sends at most ${OPENAI_BATCH_SIZE} texts per request and keeps the order across batches`, async () => {
    const texts = Array.from({ length: 2 * OPENAI_BATCH_SIZE + 8 }, (_, i) => `memory ${i}`);
    const vectors = await remotes[0]!.make().embed(texts);
    expect(received.map((r) => (r.body.input as string[]).length)).toEqual([96, 96, 8]);
    expect(received.flatMap((r) => r.body.input as string[])).toEqual(texts);
    expect(vectors).toEqual(texts.map((t) => vectorFor(t)));
  });

  it("rejects an index that is out of range", async () => {
    misbehaviour = "bad-index";
    const error = await failure(remotes[0]!.make().embed(["a", "b"]));
    expect(error.message).toMatch(/openai model text-embedding-3-small answered data\[0\] with an index/);
  });

  it("reports HTTP 401 with the server's message, never the key", async () => {
    misbehaviour = "unauthorized";
    const error = await failure(remotes[0]!.make({ apiKey: API_KEY }).embed(["a"]));
    expect(error.kind).toBe("http");
    expect(error.status).toBe(401);
    expect(error.provider).toBe("openai");
    expect(error.model).toBe("text-embedding-3-small");
    expect(error.message).toContain("openai model text-embedding-3-small");
    expect(error.message).toContain("HTTP 401");
    expect(error.message).toContain("Incorrect API key");
    expect(error.message).toContain("EMBEDDER_API_KEY");
    expect(error.message).not.toContain(API_KEY);
  });

  it("does not embed nothing", async () => {
    expect(await remotes[0]!.make().embed([])).toEqual([]);
    expect(received).toHaveLength(0);
  });
});

describe("the Ollama embedder", () => {
  it("posts model and input to {baseUrl}/api/embed and returns the embeddings", async () => {
    const embedder = remotes[1]!.make();
    expect(describeEmbedder(embedder)).toBe("ollama · nomic-embed-text");
    const vectors = await embedder.embed(["alpha", "beta"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/api/embed");
    expect(received[0]!.body).toEqual({ model: "nomic-embed-text", input: ["alpha", "beta"] });
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(vectors).toEqual([vectorFor("alpha"), vectorFor("beta")]);
  });

  it("also batches large inputs", async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `memory ${i}`);
    expect(await remotes[1]!.make().embed(texts)).toEqual(texts.map((t) => vectorFor(t)));
    expect(received.map((r) => (r.body.input as string[]).length)).toEqual([96, 4]);
  });

  it("suggests ollama pull when the model is missing", async () => {
    misbehaviour = "model-missing";
    const error = await failure(remotes[1]!.make().embed(["a"]));
    expect(error.status).toBe(404);
    expect(error.message).toBe(
      `ollama model nomic-embed-text: http://127.0.0.1:${port}/api/embed answered HTTP 404: ` +
        'model "nomic-embed-text" not found, try pulling it first (run: ollama pull nomic-embed-text)',
    );
  });

  it("points at the URL when the path does not exist", async () => {
    const embedder = createOllamaEmbedder({ baseUrl: `${ollamaUrl()}/nope`, model: "nomic-embed-text" });
    const error = await failure(embedder.embed(["a"]));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/HTTP 404: 404 page not found \(check EMBEDDER_MODEL and EMBEDDER_BASE_URL\)/);
  });
});

describe.each(remotes)("the $name embedder fails clearly", ({ name, make }) => {
  const model = name === "openai" ? "text-embedding-3-small" : "nomic-embed-text";
  const subject = `${name} model ${model}`;

  it("on vectors of the wrong dimension", async () => {
    misbehaviour = "dim1536";
    const error = await failure(make().embed(["a", "b"]));
    expect(error.kind).toBe("bad-vectors");
    expect(error.message).toContain(`${subject} returned vectors of 1536 dimensions; the memory_logs column needs 768`);
  });

  it("on NaN written into the JSON", async () => {
    misbehaviour = "nan-literal";
    const error = await failure(make().embed(["a"]));
    expect(error.message).toContain(`${subject} answered with NaN or Infinity`);
  });

  it("on null and strings in a vector", async () => {
    misbehaviour = "null-value";
    expect((await failure(make().embed(["a"]))).message).toBe(
      `${subject} vector 0 value at index 5 is not a finite number (null)`,
    );
    misbehaviour = "string-value";
    expect((await failure(make().embed(["a"]))).message).toMatch(
      new RegExp(`^${subject} vector 0 value at index 7 is not a finite number \\(the string "0.5"\\)`),
    );
  });

  it("on fewer vectors than texts", async () => {
    misbehaviour = "fewer";
    const error = await failure(make().embed(["a", "b", "c"]));
    expect(error.message).toBe(`${subject} returned 2 vectors for 3 texts`);
  });

  it("on HTTP 500, with a short piece of the body", async () => {
    misbehaviour = "server-error";
    const error = await failure(make().embed(["a"]));
    expect(error.status).toBe(500);
    expect(error.message).toContain(subject);
    expect(error.message).toContain("HTTP 500: 500 Internal Server Error");
    expect(error.message).not.toContain("<html>");
  });

  it("on invalid JSON", async () => {
    misbehaviour = "invalid-json";
    const error = await failure(make().embed(["a"]));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(`${subject} answered with something that is not JSON`);
  });

  it("on JSON of the wrong shape", async () => {
    misbehaviour = "wrong-shape";
    const error = await failure(make().embed(["a"]));
    expect(error.message).toMatch(
      new RegExp(`^${subject} answered without an? "(data|embeddings)" array; got an object with keys result`),
    );
  });

  it("when the server never answers, within the timeout", async () => {
    misbehaviour = "hang";
    const started = Date.now();
    const error = await failure(make({ timeoutMs: 300 }).embed(["a"]));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe(
      `${subject} did not answer within 300 ms (http://127.0.0.1:${port}${name === "openai" ? "/v1" : ""})`,
    );
  });

  it("when the server stops in the middle of the body", async () => {
    misbehaviour = "hang-body";
    const started = Date.now();
    const error = await failure(make({ timeoutMs: 300 }).embed(["a"]));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toContain(`${subject} did not answer within 300 ms`);
  });

  it("when nobody listens on the port", async () => {
    const free = await closedPort();
    const baseUrl = `http://127.0.0.1:${free}${name === "openai" ? "/v1" : ""}`;
    const embedder =
      name === "openai" ? createOpenAIEmbedder({ baseUrl, model }) : createOllamaEmbedder({ baseUrl, model });
    const error = await failure(embedder.embed(["a"]));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toBe(
      `${subject}: cannot reach the ${name} server at ${baseUrl} (connection refused: is the server running, and on that port?)`,
    );
  });
});

describe("an unknown host", () => {
  it("gives cannot reach, naming the URL", async () => {
    // .invalid never resolves (RFC 2606).
    const embedder = createOllamaEmbedder({
      baseUrl: "http://embedder.invalid:11434",
      model: "nomic-embed-text",
      timeoutMs: 10_000,
    });
    const error = await failure(embedder.embed(["a"]));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toMatch(
      /^ollama model nomic-embed-text: cannot reach the ollama server at http:\/\/embedder\.invalid:11434 \(/,
    );
  });
});

describe("defaultEmbedder", () => {
  it("is the local hashing embedder unless configured otherwise", () => {
    expect(describeEmbedder(defaultEmbedder(asEnv({})))).toBe("local · hashing-ngram-v1");
  });

  it("builds the configured provider once per configuration", async () => {
    const env = asEnv({
      EMBEDDER: "openai",
      EMBEDDER_BASE_URL: openaiUrl(),
      EMBEDDER_MODEL: "m1",
      EMBEDDER_API_KEY: API_KEY,
    });
    const embedder = defaultEmbedder(env);
    expect(describeEmbedder(embedder)).toBe("openai · m1");
    expect(defaultEmbedder({ ...env })).toBe(embedder);
    expect(defaultEmbedder({ ...env, EMBEDDER_MODEL: "m2" })).not.toBe(embedder);
    expect(await embedder.embed(["x"])).toEqual([vectorFor("x")]);
    expect(received[0]!.body.model).toBe("m1");
    expect(received[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("applies the timeout from the environment", async () => {
    misbehaviour = "hang";
    const embedder = defaultEmbedder(
      asEnv({ EMBEDDER: "ollama", EMBEDDER_BASE_URL: ollamaUrl(), EMBEDDER_TIMEOUT_MS: "250" }),
    );
    const error = await failure(embedder.embed(["a"]));
    expect(error.message).toContain("did not answer within 250 ms");
  });

  it("throws on a bad configuration", () => {
    expect(() => defaultEmbedder(asEnv({ EMBEDDER: "cohere" }))).toThrow(
      /EMBEDDER must be one of local, openai, ollama/,
    );
  });
});

describe("embedderConfig", () => {
  it("defaults to the local embedder, and ignores blank values", () => {
    expect(embedderConfig({})).toEqual({ provider: "local" });
    expect(embedderConfig({ EMBEDDER: "  ", EMBEDDER_TIMEOUT_MS: "" })).toEqual({ provider: "local" });
  });

  it("has defaults for OpenAI", () => {
    expect(embedderConfig({ EMBEDDER: "openai", EMBEDDER_API_KEY: API_KEY })).toEqual({
      provider: "openai",
      baseUrl: "https://api.openai.com/v1",
      model: "text-embedding-3-small",
      apiKey: API_KEY,
      timeoutMs: 15000,
    });
  });

  it("has defaults for Ollama", () => {
    expect(embedderConfig({ EMBEDDER: "ollama" })).toEqual({
      provider: "ollama",
      baseUrl: "http://localhost:11434",
      model: "nomic-embed-text",
      timeoutMs: 15000,
    });
  });

  it("reads every variable, trims them, and drops trailing slashes from the URL", () => {
    expect(
      embedderConfig({
        EMBEDDER: " OpenAI ",
        EMBEDDER_BASE_URL: "http://localhost:1234/v1/",
        EMBEDDER_MODEL: " nomic-embed-text-v1.5 ",
        EMBEDDER_TIMEOUT_MS: "60000",
      }),
    ).toEqual({
      provider: "openai",
      baseUrl: "http://localhost:1234/v1",
      model: "nomic-embed-text-v1.5",
      timeoutMs: 60000,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => embedderConfig({ EMBEDDER: "cohere" })).toThrow(
      'EMBEDDER must be one of local, openai, ollama (got "cohere")',
    );
    expect(() => embedderConfig({ EMBEDDER: "ollama", EMBEDDER_BASE_URL: "localhost:11434" })).toThrow(
      /EMBEDDER_BASE_URL must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => embedderConfig({ EMBEDDER: "ollama", EMBEDDER_BASE_URL: "ftp://host" })).toThrow(/EMBEDDER_BASE_URL/);
    for (const timeout of ["15s", "0", "-5", "1.5", "600001"]) {
      expect(() => embedderConfig({ EMBEDDER: "ollama", EMBEDDER_TIMEOUT_MS: timeout })).toThrow(
        `EMBEDDER_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000 (got "${timeout}")`,
      );
    }
  });

  it("reports every bad variable at once, without echoing the API key", () => {
    const secret = "sk-has a space";
    let message = "";
    try {
      embedderConfig({ EMBEDDER: "openai", EMBEDDER_API_KEY: secret, EMBEDDER_TIMEOUT_MS: "soon" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("EMBEDDER_API_KEY must be a single token");
    expect(message).toContain("EMBEDDER_TIMEOUT_MS");
    expect(message).not.toContain(secret);
  });

  it("requires a key for api.openai.com, not for local OpenAI-compatible servers", () => {
    expect(() => embedderConfig({ EMBEDDER: "openai" })).toThrow(
      "EMBEDDER_API_KEY is required when EMBEDDER=openai uses https://api.openai.com/v1",
    );
    expect(embedderConfig({ EMBEDDER: "openai", EMBEDDER_BASE_URL: "http://localhost:11434/v1" })).not.toHaveProperty(
      "apiKey",
    );
  });

  it("catches Ollama's /v1 URL given to the native Ollama provider", () => {
    expect(() => embedderConfig({ EMBEDDER: "ollama", EMBEDDER_BASE_URL: "http://localhost:11434/v1" })).toThrow(
      /without \/v1.*set EMBEDDER=openai/,
    );
  });
});
