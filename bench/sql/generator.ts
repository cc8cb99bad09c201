import "server-only";
import type { Connection } from "@/db/connect";
import { EMBEDDING_DIMENSIONS } from "@/db/vector-check";
import { DEMO_ANCHOR, DEMO_PROJECT_IDS, demoMemories } from "@/lib/demo-data";
import { hashingEmbedding } from "@/lib/embedding/hashing-embedder";
import { seededRandom } from "@/lib/random";
import { BENCH_PROJECTS, type BenchLayout, slotMultiplier } from "../layout";
import { query, withSession } from "./session";

/**
 * Synthetic memories for the benchmark, made by the database itself (no rows travel from
 * Node): texts, tags, components and entities taken from the demo data's topics, nested
 * source and meta fields, timestamps over two years, and 768-d embeddings from a mixture of
 * clusters: the local hashing embedder's vector of the memory's text, moved by its sub-topic's
 * offset, a random point of the sub-topic's 8-dimensional subspace and a little noise, then
 * normalised to length 1 as embedding models do. So
 * nearest neighbours share a text or a topic, and a search by text embedded with the app's
 * local embedder lands among them.
 */

/** Sub-topics per component, each with its own offset and subspace. */
const SUBCLUSTERS = 3;
/** Intrinsic dimension of each cluster. */
const CLUSTER_DIMENSIONS = 8;
const NOISE_VECTORS = 256;
/** Distinct two-sentence texts per component (fewer where the component has few sentences). */
const TEXTS_PER_COMPONENT = 1000;
/** Coefficients along a cluster's basis are standard normal, rounded to one of Z_LEVELS steps over ±Z_RANGE. */
const Z_LEVELS = 41;
const Z_RANGE = 3;
const SPAN_DAYS = 730;
export const GENERAL_TAGS = ["important", "follow-up", "fact", "decision", "preference"] as const;
export const LANGUAGES = { en: 0.85, de: 0.05, fr: 0.04, es: 0.04, ja: 0.02 } as const;

/** Creates the `bench` schema of helper tables the generator draws from (replacing any old one). */
export async function prepareGenerator(conn: Connection, layout: BenchLayout, seed: number): Promise<void> {
  const rng = seededRandom(seed ^ 0x5eed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const randomVector = (scale: number) =>
    Array.from({ length: EMBEDDING_DIMENSIONS }, () => (gaussian() * scale) / Math.sqrt(EMBEDDING_DIMENSIONS));
  const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
  const literal = (v: number[]) => `[${v.map((x) => x.toFixed(6)).join(",")}]`;

  // The demo data's sentences, grouped by component; each demo project is one set of topics.
  type Text = { content: string; tags: string[]; entities: unknown[] };
  const components: { idx: number; name: string; topicSet: number; pos: number; sentences: Text[]; texts: Text[] }[] =
    [];
  for (const memory of demoMemories()) {
    const topicSet = DEMO_PROJECT_IDS.indexOf(memory.projectId);
    const name = String(memory.rawData.component);
    let component = components.find((c) => c.name === name);
    if (!component) {
      component = {
        idx: components.length,
        name,
        topicSet,
        pos: components.filter((c) => c.topicSet === topicSet).length,
        sentences: [],
        texts: [],
      };
      components.push(component);
    }
    const content = String(memory.rawData.content);
    if (!component.sentences.some((t) => t.content === content)) {
      component.sentences.push({
        content,
        tags: memory.rawData.tags as string[],
        entities: memory.rawData.entities as unknown[],
      });
    }
  }
  // Memories of two sentences of the same component: thousands of distinct texts, so that a big
  // tenant holds few near-copies of any one of them (as real memories do).
  for (const component of components) {
    const n = component.sentences.length;
    const seen = new Set<number>();
    const wanted = Math.min(TEXTS_PER_COMPONENT, n * (n - 1));
    while (seen.size < wanted) {
      const a = Math.floor(rng() * n);
      const b = Math.floor(rng() * n);
      if (a === b || seen.has(a * n + b)) continue;
      seen.add(a * n + b);
      const [x, y] = [component.sentences[a]!, component.sentences[b]!];
      component.texts.push({
        content: `${x.content} ${y.content}`,
        tags: [...new Set([...x.tags, ...y.tags])],
        entities: [
          ...x.entities,
          ...y.entities.filter((e) => !x.entities.some((f) => JSON.stringify(f) === JSON.stringify(e))),
        ],
      });
    }
  }

  await withSession(conn, async (s) => {
    await s.exec(`
      DROP SCHEMA IF EXISTS bench CASCADE;
      CREATE SCHEMA bench;
      -- A uniform number in (0, 1) for row i and stream k, the same on every run.
      CREATE FUNCTION bench.u(i int8, k int8) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ((hashint8extended(i, k) & 4503599627370495)::float8 + 0.5) / 4503599627370496 $$;
      CREATE TABLE bench.components (idx int PRIMARY KEY, name text NOT NULL, topic_set int NOT NULL, pos int NOT NULL, texts int NOT NULL, UNIQUE (topic_set, pos));
      CREATE TABLE bench.topic_sets (topic_set int PRIMARY KEY, components int NOT NULL);
      CREATE TABLE bench.texts (component_idx int, k int, content text NOT NULL, tags jsonb NOT NULL, entities jsonb NOT NULL,
                                v vector(${EMBEDDING_DIMENSIONS}) NOT NULL, PRIMARY KEY (component_idx, k));
      ALTER TABLE bench.texts ALTER COLUMN v SET STORAGE PLAIN;
      CREATE TABLE bench.basis (cluster int, j int, v vector(${EMBEDDING_DIMENSIONS}) NOT NULL, PRIMARY KEY (cluster, j));
      ALTER TABLE bench.basis ALTER COLUMN v SET STORAGE PLAIN;
      CREATE TABLE bench.terms (cluster int, j int, q int, v vector(${EMBEDDING_DIMENSIONS}) NOT NULL, PRIMARY KEY (cluster, j, q));
      ALTER TABLE bench.terms ALTER COLUMN v SET STORAGE PLAIN;
      CREATE TABLE bench.noise (k int PRIMARY KEY, v vector(${EMBEDDING_DIMENSIONS}) NOT NULL);
      ALTER TABLE bench.noise ALTER COLUMN v SET STORAGE PLAIN;
      CREATE TABLE bench.tenants (n int PRIMARY KEY, project_id text NOT NULL, user_id text NOT NULL, topic_set int NOT NULL,
                                  first_slot int8 NOT NULL UNIQUE, rows int NOT NULL, kind text NOT NULL);
    `);
    await s.query(
      `INSERT INTO bench.components SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(idx int, name text, topic_set int, pos int, texts int)`,
      [
        JSON.stringify(
          components.map((c) => ({
            idx: c.idx,
            name: c.name,
            topic_set: c.topicSet,
            pos: c.pos,
            texts: c.texts.length,
          })),
        ),
      ],
    );
    await s.exec(`INSERT INTO bench.topic_sets SELECT topic_set, count(*) FROM bench.components GROUP BY topic_set`);
    const texts = components.flatMap((c) => c.texts.map((t, k) => ({ component_idx: c.idx, k, ...t })));
    for (let start = 0; start < texts.length; start += 500) {
      await s.query(
        `INSERT INTO bench.texts SELECT component_idx, k, content, tags, entities, v::vector
           FROM jsonb_to_recordset($1::jsonb) AS x(component_idx int, k int, content text, tags jsonb, entities jsonb, v text)`,
        [
          JSON.stringify(
            texts.slice(start, start + 500).map((t) => ({ ...t, v: literal(hashingEmbedding(t.content)) })),
          ),
        ],
      );
    }

    // Per sub-topic: an offset (a component's sub-topics share part of it) and the basis of its subspace.
    for (const component of components) {
      const offset = randomVector(0.15);
      for (let sub = 0; sub < SUBCLUSTERS; sub++) {
        const cluster = component.idx * SUBCLUSTERS + sub;
        // Spread along the subspace about 0.4: two memories of the same text end up about as far apart as paraphrases do.
        const vectors = [
          add(offset, randomVector(0.1)),
          ...Array.from({ length: CLUSTER_DIMENSIONS }, () => randomVector(0.15)),
        ];
        await s.query(
          `INSERT INTO bench.basis (cluster, j, v) SELECT $1, j - 1, v::vector FROM unnest($2::text[]) WITH ORDINALITY AS x(v, j)`,
          [cluster, vectors.map(literal)],
        );
      }
    }
    // Each basis vector times each level of its coefficient, made once: a row then costs lookups and additions only.
    await s.query(
      `INSERT INTO bench.terms (cluster, j, q, v)
       SELECT cluster, 0, 0, v FROM bench.basis WHERE j = 0
       UNION ALL
       SELECT b.cluster, b.j, q, b.v * array_fill(($1::float8 + q * $2::float8), '{${EMBEDDING_DIMENSIONS}}')::vector
         FROM bench.basis b CROSS JOIN generate_series(0, $3::int - 1) AS q WHERE b.j > 0`,
      [-Z_RANGE, (2 * Z_RANGE) / (Z_LEVELS - 1), Z_LEVELS],
    );
    await s.query(
      `INSERT INTO bench.noise (k, v) SELECT k - 1, v::vector FROM unnest($1::text[]) WITH ORDINALITY AS x(v, k)`,
      [Array.from({ length: NOISE_VECTORS }, () => literal(randomVector(0.1)))],
    );

    const topicSet = (projectId: string) =>
      BENCH_PROJECTS.indexOf(projectId as (typeof BENCH_PROJECTS)[number]) % DEMO_PROJECT_IDS.length;
    await s.query(
      `INSERT INTO bench.tenants SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(n int, project_id text, user_id text, topic_set int, first_slot int8, rows int, kind text)`,
      [
        JSON.stringify(
          layout.tenants.map((t) => ({
            n: t.n,
            project_id: t.projectId,
            user_id: t.userId,
            topic_set: topicSet(t.projectId),
            first_slot: t.firstSlot,
            rows: t.rows,
            kind: t.kind,
          })),
        ),
      ],
    );
    await s.exec("ANALYZE bench.components, bench.topic_sets, bench.texts, bench.terms, bench.noise, bench.tenants");
  });
}

/**
 * Inserts rows [start, end) of `total` into memory_logs, in row order (so ids follow time).
 * Row i belongs to the tenant owning slot (a * i + b) mod total: tenants' rows interleave.
 * Every lookup is a LATERAL … LIMIT 1, which keeps the plan a chain of nested loops over
 * generate_series and so the insertion order.
 */
export async function insertChunk(conn: Connection, range: ChunkRange, seed: number): Promise<void> {
  const { text, params } = chunkStatement(range, seed);
  await query(conn, text, params);
}

export type ChunkRange = { start: number; end: number; total: number };

function chunkStatement(range: ChunkRange, seed: number): { text: string; params: unknown[] } {
  const u = (k: number) => `bench.u(g.i, ${seed * 64 + k})`;
  const normal = (pair: number, sin: boolean) =>
    `sqrt(-2 * ln(${u(20 + 2 * pair)})) * ${sin ? "sin" : "cos"}(2 * pi() * ${u(21 + 2 * pair)})`;
  const z = Array.from({ length: CLUSTER_DIMENSIONS }, (_, j) => normal(Math.floor(j / 2), j % 2 === 1));
  const level = (zj: string) =>
    `least(${Z_LEVELS - 1}, greatest(0, round((${zj} + ${Z_RANGE}) * ${(Z_LEVELS - 1) / (2 * Z_RANGE)})::int))`;
  const term = (j: number, q: string) =>
    `(SELECT m.v FROM bench.terms m WHERE m.cluster = k.cluster AND m.j = ${j} AND m.q = ${q})`;
  const embedding = ["x.v", term(0, "0"), ...z.map((zj, j) => term(j + 1, level(zj))), "nz.v"].join("\n          + ");
  const languages = Object.entries(LANGUAGES);
  let cumulative = 0;
  const language = `CASE ${languages
    .slice(0, -1)
    .map(([code, share]) => {
      cumulative += share;
      return `WHEN ${u(9)} < ${cumulative.toFixed(4)} THEN '${code}'`;
    })
    .join(" ")} ELSE '${languages.at(-1)![0]}' END`;
  const general = `(ARRAY[${GENERAL_TAGS.map((t) => `'${t}'`).join(",")}])[1 + floor(${u(10)} * ${GENERAL_TAGS.length})::int]`;

  return {
    text: `INSERT INTO memory_logs (user_id, project_id, raw_data, embedding, created_at, updated_at)
     SELECT t.user_id, t.project_id,
       jsonb_build_object(
         'content', x.content,
         'tags', CASE WHEN ${u(11)} < 0.3 AND NOT x.tags ? ${general} THEN x.tags || to_jsonb(${general}) ELSE x.tags END,
         'component', c.name,
         'memory_type', (ARRAY['episodic','semantic','preference','procedural'])[1 + floor(${u(12)} * 4)::int],
         'importance', round((0.2 + ${u(13)} * 0.8)::numeric, 2),
         'source', jsonb_build_object(
           'channel', (ARRAY['chat','email','api','voice','import'])[1 + floor(${u(14)} * 5)::int],
           'conversation_id', 'conv_' || lpad(to_hex(floor(${u(15)} * 268435455)::int), 7, '0'),
           'turn', 1 + floor(${u(16)} * 40)::int),
         'entities', x.entities,
         'meta', jsonb_build_object('language', ${language}, 'confidence', round((0.5 + ${u(17)} * 0.5)::numeric, 2), 'pii', ${u(18)} < 0.05)
       ) || CASE WHEN ${u(19)} < 0.1
                 THEN jsonb_build_object('expires_at', to_char(tt.ts + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                 ELSE '{}'::jsonb END,
       CASE WHEN ${u(8)} < 0.05 THEN NULL ELSE l2_normalize(
            ${embedding})
       END,
       tt.ts,
       CASE WHEN ${u(6)} < 0.15 THEN least($6::timestamp, tt.ts + ${u(7)} * interval '30 days') ELSE tt.ts END
     FROM generate_series($1::int8, $2::int8 - 1) AS g(i)
     CROSS JOIN LATERAL (SELECT * FROM bench.tenants t WHERE t.first_slot <= ($3::int8 * g.i + $4::int8) % $5::int8
                          ORDER BY t.first_slot DESC LIMIT 1) t
     CROSS JOIN LATERAL (SELECT ts.components FROM bench.topic_sets ts WHERE ts.topic_set = t.topic_set LIMIT 1) ts
     CROSS JOIN LATERAL (SELECT * FROM bench.components c
                          WHERE c.topic_set = t.topic_set
                            AND c.pos = (floor(power(${u(1)}, 1.6) * ts.components)::int + t.n) % ts.components LIMIT 1) c
     CROSS JOIN LATERAL (SELECT c.idx * ${SUBCLUSTERS} + floor(${u(2)} * ${SUBCLUSTERS})::int AS cluster) k
     CROSS JOIN LATERAL (SELECT * FROM bench.texts x WHERE x.component_idx = c.idx AND x.k = floor(${u(3)} * c.texts)::int LIMIT 1) x
     CROSS JOIN LATERAL (SELECT v FROM bench.noise nz WHERE nz.k = floor(${u(4)} * ${NOISE_VECTORS})::int LIMIT 1) nz
     CROSS JOIN LATERAL (SELECT $6::timestamp - (${SPAN_DAYS * 86_400} * (1 - (g.i + ${u(5)}) / $5::float8)) * interval '1 second' AS ts) tt`,
    params: [
      range.start,
      range.end,
      slotMultiplier(range.total),
      Math.floor(range.total / 3),
      range.total,
      timestampLiteral(DEMO_ANCHOR),
    ],
  };
}

function timestampLiteral(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
