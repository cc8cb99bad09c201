CREATE TABLE IF NOT EXISTS "memory_tenant_facets" (
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"kind" char(1) NOT NULL,
	"value" text NOT NULL,
	"memories" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "memory_tenant_stats" (
	"user_id" varchar(255) NOT NULL,
	"project_id" varchar(255) NOT NULL,
	"memories" bigint NOT NULL,
	"embedded" bigint NOT NULL,
	"latest_at" timestamp,
	CONSTRAINT "memory_tenant_stats_user_id_project_id_pk" PRIMARY KEY("user_id","project_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "uq_memory_tenant_facets" ON "memory_tenant_facets" USING btree ("user_id","project_id","kind",md5("value"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_memory_tenant_facets_top" ON "memory_tenant_facets" USING btree ("user_id","project_id","kind","memories" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_memory_tenant_stats_project" ON "memory_tenant_stats" USING btree ("project_id","memories" DESC NULLS LAST);--> statement-breakpoint
-- The facet values of a memory, the way the facets count them: once per distinct string of its
-- tags array (what a tag filter matches), and its component when it has one.
CREATE OR REPLACE FUNCTION memory_facet_values(p_raw jsonb) RETURNS TABLE (kind char(1), value text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT 't'::char(1), t #>> '{}'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_raw -> 'tags') = 'array' THEN p_raw -> 'tags' ELSE '[]'::jsonb END) AS t
   WHERE jsonb_typeof(t) = 'string'
  UNION ALL
  SELECT 'c'::char(1), p_raw ->> 'component' WHERE p_raw ->> 'component' IS NOT NULL
$$;
--> statement-breakpoint
-- One statement trigger for inserts, updates and deletes: an update takes its old rows away and
-- adds its new ones. Transition tables are visible only in the trigger function itself, hence
-- the loop over (table, sign). Rows are upserted in key order so two writers never deadlock.
CREATE OR REPLACE FUNCTION memory_tenant_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  step record;
BEGIN
  FOR step IN
    SELECT * FROM (VALUES ('old_rows', -1, 1), ('new_rows', 1, 2)) AS v(rel, sign, ord)
     WHERE (rel = 'old_rows' AND TG_OP IN ('UPDATE', 'DELETE')) OR (rel = 'new_rows' AND TG_OP IN ('UPDATE', 'INSERT'))
     ORDER BY ord
  LOOP
    EXECUTE format($q$
      INSERT INTO memory_tenant_stats AS s (user_id, project_id, memories, embedded, latest_at)
      SELECT user_id, project_id, %1$s * count(*), %1$s * count(embedding), CASE WHEN %1$s > 0 THEN max(created_at) END
        FROM %2$I GROUP BY user_id, project_id ORDER BY user_id, project_id
      ON CONFLICT (user_id, project_id) DO UPDATE
         SET memories = s.memories + excluded.memories,
             embedded = s.embedded + excluded.embedded,
             latest_at = CASE WHEN %1$s > 0 THEN greatest(s.latest_at, excluded.latest_at) ELSE s.latest_at END
    $q$, step.sign, step.rel);
    EXECUTE format($q$
      INSERT INTO memory_tenant_facets AS f (user_id, project_id, kind, value, memories)
      SELECT r.user_id, r.project_id, v.kind, v.value, %1$s * count(*)
        FROM %2$I AS r CROSS JOIN LATERAL memory_facet_values(r.raw_data) AS v
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (user_id, project_id, kind, md5(value)) DO UPDATE SET memories = f.memories + excluded.memories
    $q$, step.sign, step.rel);
    IF step.sign < 0 THEN
      -- The tenant's latest memory may be gone: read it again from its newest-first index.
      EXECUTE format($q$
        UPDATE memory_tenant_stats AS s
           SET latest_at = (SELECT m.created_at FROM memory_logs AS m
                             WHERE m.user_id = s.user_id AND m.project_id = s.project_id
                             ORDER BY coalesce(m.created_at, '-infinity'::timestamp) DESC, m.id DESC LIMIT 1)
          FROM (SELECT DISTINCT user_id, project_id FROM %1$I) AS g
         WHERE s.user_id = g.user_id AND s.project_id = g.project_id
      $q$, step.rel);
      EXECUTE format($q$
        DELETE FROM memory_tenant_stats AS s USING (SELECT DISTINCT user_id, project_id FROM %1$I) AS g
         WHERE s.user_id = g.user_id AND s.project_id = g.project_id AND s.memories <= 0
      $q$, step.rel);
      EXECUTE format($q$
        DELETE FROM memory_tenant_facets AS f USING (SELECT DISTINCT user_id, project_id FROM %1$I) AS g
         WHERE f.user_id = g.user_id AND f.project_id = g.project_id AND f.memories <= 0
      $q$, step.rel);
    END IF;
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION memory_tenant_stats_truncate() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM memory_tenant_stats;
  DELETE FROM memory_tenant_facets;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- Recounts every tenant from memory_logs: the backfill below, and the repair after writes made
-- with triggers disabled (SELECT memory_tenant_stats_rebuild()).
CREATE OR REPLACE FUNCTION memory_tenant_stats_rebuild() RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE memory_logs IN SHARE MODE;
  DELETE FROM memory_tenant_stats;
  DELETE FROM memory_tenant_facets;
  INSERT INTO memory_tenant_stats (user_id, project_id, memories, embedded, latest_at)
  SELECT user_id, project_id, count(*), count(embedding), max(created_at) FROM memory_logs GROUP BY user_id, project_id;
  INSERT INTO memory_tenant_facets (user_id, project_id, kind, value, memories)
  SELECT r.user_id, r.project_id, v.kind, v.value, count(*)
    FROM memory_logs AS r CROSS JOIN LATERAL memory_facet_values(r.raw_data) AS v
   GROUP BY 1, 2, 3, 4;
END
$fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_tenant_stats_insert ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_tenant_stats_insert AFTER INSERT ON memory_logs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_tenant_stats_trigger();
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_tenant_stats_update ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_tenant_stats_update AFTER UPDATE ON memory_logs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_tenant_stats_trigger();
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_tenant_stats_delete ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_tenant_stats_delete AFTER DELETE ON memory_logs
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION memory_tenant_stats_trigger();
--> statement-breakpoint
DROP TRIGGER IF EXISTS memory_tenant_stats_truncate ON memory_logs;
--> statement-breakpoint
CREATE TRIGGER memory_tenant_stats_truncate AFTER TRUNCATE ON memory_logs
  FOR EACH STATEMENT EXECUTE FUNCTION memory_tenant_stats_truncate();
--> statement-breakpoint
SELECT memory_tenant_stats_rebuild();
