import { EMBEDDING_DIMENSIONS } from "@/db/vector-check";
import type { Embedder } from "./types";

/**
 * Offline, deterministic embedder: signed feature hashing of words, word pairs and character
 * trigrams, with sublinear term frequency, L2-normalised. Texts that share words land near each
 * other; it knows nothing of synonyms. Good for demos and tests, not a language model.
 */
export const HASHING_MODEL = "hashing-ngram-v1";

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const TRIGRAM_WEIGHT = 0.2;
const STOPWORD_WEIGHT = 0.1;

// Frequent English words would otherwise make every pair of texts look alike.
const STOPWORDS = new Set(
  (
    "a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our " +
    "she so that the their them then there they this to was we were what when which who will with you your"
  ).split(" "),
);

/**
 * A second local model: words only, hashed with other seeds, so its vectors live in a space of
 * their own. It is what a model migration can be tried with offline; its distances to
 * hashing-ngram-v1 vectors mean nothing, as between any two real models.
 */
export const HASHING_WORDS_MODEL = "hashing-words-v1";

export const LOCAL_MODELS = [HASHING_MODEL, HASHING_WORDS_MODEL] as const;
export type LocalModel = (typeof LOCAL_MODELS)[number];

export function createHashingEmbedder(model: LocalModel = HASHING_MODEL): Embedder {
  const embed = model === HASHING_WORDS_MODEL ? hashingWordsEmbedding : hashingEmbedding;
  return {
    provider: "local",
    model,
    async embed(texts) {
      return texts.map(embed);
    },
  };
}

export function hashingEmbedding(text: string): number[] {
  return hashed(text, { pairs: true, seed: 0x811c9dc5, signSeed: 0x9747b28c });
}

export function hashingWordsEmbedding(text: string): number[] {
  return hashed(text, { pairs: false, seed: 0x01234567, signSeed: 0x5bd1e995 });
}

function hashed(text: string, variant: { pairs: boolean; seed: number; signSeed: number }): number[] {
  // feature -> [weight, occurrences]
  const features = new Map<string, [number, number]>();
  const add = (feature: string, weight: number) => {
    const seen = features.get(feature);
    if (seen) seen[1]++;
    else features.set(feature, [weight, 1]);
  };

  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  words.forEach((word, i) => {
    const stop = STOPWORDS.has(word);
    add(`w:${word}`, stop ? STOPWORD_WEIGHT : WORD_WEIGHT);
    const next = words[i + 1];
    if (!variant.pairs) return;
    if (next !== undefined && !stop && !STOPWORDS.has(next)) add(`b:${word} ${next}`, BIGRAM_WEIGHT);
    if (!stop) {
      const padded = `#${word}#`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, TRIGRAM_WEIGHT);
    }
  });
  if (features.size === 0) {
    const trimmed = text.trim();
    if (!trimmed) throw new Error("nothing to embed: the text is empty");
    add(`s:${trimmed}`, 1);
  }

  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const [feature, [weight, occurrences]] of features) {
    const h = fnv1a(feature, variant.seed);
    const bucket = h % EMBEDDING_DIMENSIONS;
    const sign = fnv1a(feature, variant.signSeed) & 1 ? 1 : -1;
    // Sublinear: a word said ten times is not ten times as important.
    vector[bucket]! += sign * weight * (1 + Math.log(occurrences));
  }

  const norm = Math.sqrt(vector.reduce((s, v) => s + v * v, 0));
  // Collisions can cancel every feature out; fall back to a fixed direction rather than divide by 0.
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((v) => v / norm);
}

function fnv1a(input: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
