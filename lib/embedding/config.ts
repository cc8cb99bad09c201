import { z } from "zod";

/** Which embedder computes the vectors: "local" needs nothing, the others call a server. */
export const EMBEDDER_PROVIDERS = ["local", "openai", "ollama"] as const;
export type EmbedderProvider = (typeof EMBEDDER_PROVIDERS)[number];

export const DEFAULT_EMBEDDER_TIMEOUT_MS = 15_000;
export const MAX_EMBEDDER_TIMEOUT_MS = 600_000;

/** Defaults for the remote providers when EMBEDDER_BASE_URL / EMBEDDER_MODEL are not set. */
export const REMOTE_EMBEDDER_DEFAULTS = {
  openai: { baseUrl: "https://api.openai.com/v1", model: "text-embedding-3-small" },
  ollama: { baseUrl: "http://localhost:11434", model: "nomic-embed-text" },
} as const;

export type RemoteEmbedderConfig = {
  provider: "openai" | "ollama";
  /** Without a trailing slash. For openai it already ends in /v1; for ollama it is the server root. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
};

export type EmbedderConfig = { provider: "local" } | RemoteEmbedderConfig;

/** The variables read, in the order they are reported. */
export const EMBEDDER_ENV_VARS = [
  "EMBEDDER",
  "EMBEDDER_BASE_URL",
  "EMBEDDER_MODEL",
  "EMBEDDER_API_KEY",
  "EMBEDDER_TIMEOUT_MS",
] as const;
type EnvVar = (typeof EMBEDDER_ENV_VARS)[number];

// A blank variable counts as unset, like DATABASE_URL in lib/config.ts.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !url.search && !url.hash;
  } catch {
    return false;
  }
};

const schema = z.object({
  EMBEDDER: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().pipe(z.enum(EMBEDDER_PROVIDERS)).optional()),
  EMBEDDER_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine(isHttpUrl)
      .transform((v) => v.replace(/\/+$/, ""))
      .optional(),
  ),
  EMBEDDER_MODEL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(200)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
      .regex(/^[^\u0000-\u001f\u007f]+$/)
      .optional(),
  ),
  // Sent as an HTTP header: printable ASCII, no spaces. Never echoed in messages.
  EMBEDDER_API_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]+$/)
      .optional(),
  ),
  EMBEDDER_TIMEOUT_MS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(MAX_EMBEDDER_TIMEOUT_MS))
      .optional(),
  ),
});

const shown = (value: string | undefined) => JSON.stringify((value ?? "").trim().slice(0, 80));

const MESSAGES: Record<EnvVar, (value: string | undefined) => string> = {
  EMBEDDER: (v) => `EMBEDDER must be one of ${EMBEDDER_PROVIDERS.join(", ")} (got ${shown(v)})`,
  EMBEDDER_BASE_URL: (v) =>
    `EMBEDDER_BASE_URL must be an http:// or https:// URL without query string, such as ` +
    `${REMOTE_EMBEDDER_DEFAULTS.ollama.baseUrl} or ${REMOTE_EMBEDDER_DEFAULTS.openai.baseUrl} (got ${shown(v)})`,
  EMBEDDER_MODEL: (v) => `EMBEDDER_MODEL must be a model name of at most 200 characters on one line (got ${shown(v)})`,
  EMBEDDER_API_KEY: () => "EMBEDDER_API_KEY must be a single token without spaces or line breaks",
  EMBEDDER_TIMEOUT_MS: (v) =>
    `EMBEDDER_TIMEOUT_MS must be a whole number of milliseconds from 1 to ${MAX_EMBEDDER_TIMEOUT_MS} (got ${shown(v)})`,
};

/**
 * Which embedder to use, read from the environment on every call (tests change it).
 * Throws an Error naming the variable when the configuration is unusable.
 */
export function embedderConfig(env: NodeJS.ProcessEnv = process.env): EmbedderConfig {
  const raw = Object.fromEntries(EMBEDDER_ENV_VARS.map((name) => [name, env[name]])) as Record<
    EnvVar,
    string | undefined
  >;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const bad = EMBEDDER_ENV_VARS.filter((name) => parsed.error.issues.some((issue) => issue.path[0] === name));
    const messages = bad.length ? bad.map((name) => MESSAGES[name](raw[name])) : [parsed.error.message];
    throw new Error(`Invalid embedder configuration: ${messages.join("; ")}`);
  }
  const {
    EMBEDDER: provider = "local",
    EMBEDDER_BASE_URL,
    EMBEDDER_MODEL,
    EMBEDDER_API_KEY,
    EMBEDDER_TIMEOUT_MS,
  } = parsed.data;
  if (provider === "local") return { provider };

  const defaults = REMOTE_EMBEDDER_DEFAULTS[provider];
  const baseUrl = EMBEDDER_BASE_URL ?? defaults.baseUrl;
  if (provider === "ollama" && /\/v1$/.test(baseUrl)) {
    throw new Error(
      `Invalid embedder configuration: EMBEDDER_BASE_URL for EMBEDDER=ollama is the server's root URL ` +
        `(such as ${defaults.baseUrl}), without /v1 (got ${shown(baseUrl)}); ` +
        `to use Ollama's OpenAI-compatible /v1 API instead, set EMBEDDER=openai`,
    );
  }
  if (provider === "openai" && !EMBEDDER_API_KEY && new URL(baseUrl).hostname === "api.openai.com") {
    throw new Error(
      `Invalid embedder configuration: EMBEDDER_API_KEY is required when EMBEDDER=openai uses ${baseUrl}`,
    );
  }
  return {
    provider,
    baseUrl,
    model: EMBEDDER_MODEL ?? defaults.model,
    ...(EMBEDDER_API_KEY ? { apiKey: EMBEDDER_API_KEY } : {}),
    timeoutMs: EMBEDDER_TIMEOUT_MS ?? DEFAULT_EMBEDDER_TIMEOUT_MS,
  };
}
