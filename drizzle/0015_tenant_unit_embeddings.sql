ALTER TABLE "memory_tenant_stats" ADD COLUMN "unit_embedded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Is the embedding of length 1? A search by cosine may walk the tenant's L2 index when every one
-- of its embeddings is (then both metrics order them alike). float4 storage leaves about 1e-7.
CREATE OR REPLACE FUNCTION memory_unit_embedding(p_embedding vector) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT abs(vector_norm(p_embedding) - 1) <= 1e-4
$$;
--> statement-breakpoint
-- As in 0007, with the count of unit-length embeddings kept beside the count of embeddings.
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
      INSERT INTO memory_tenant_stats AS s (user_id, project_id, memories, embedded, unit_embedded, latest_at)
      SELECT user_id, project_id, %1$s * count(*), %1$s * count(embedding),
             %1$s * count(*) FILTER (WHERE memory_unit_embedding(embedding)),
             CASE WHEN %1$s > 0 THEN max(created_at) END
        FROM %2$I GROUP BY user_id, project_id ORDER BY user_id, project_id
      ON CONFLICT (user_id, project_id) DO UPDATE
         SET memories = s.memories + excluded.memories,
             embedded = s.embedded + excluded.embedded,
             unit_embedded = s.unit_embedded + excluded.unit_embedded,
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
CREATE OR REPLACE FUNCTION memory_tenant_stats_rebuild() RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE memory_logs IN SHARE MODE;
  DELETE FROM memory_tenant_stats;
  DELETE FROM memory_tenant_facets;
  INSERT INTO memory_tenant_stats (user_id, project_id, memories, embedded, unit_embedded, latest_at)
  SELECT user_id, project_id, count(*), count(embedding), count(*) FILTER (WHERE memory_unit_embedding(embedding)), max(created_at)
    FROM memory_logs GROUP BY user_id, project_id;
  INSERT INTO memory_tenant_facets (user_id, project_id, kind, value, memories)
  SELECT r.user_id, r.project_id, v.kind, v.value, count(*)
    FROM memory_logs AS r CROSS JOIN LATERAL memory_facet_values(r.raw_data) AS v
   GROUP BY 1, 2, 3, 4;
END
$fn$;
--> statement-breakpoint
-- Fills the new count (writers wait meanwhile, so none is counted twice or missed).
LOCK TABLE memory_logs IN SHARE MODE;
--> statement-breakpoint
UPDATE memory_tenant_stats AS s SET unit_embedded = c.n
  FROM (SELECT user_id, project_id, count(*) AS n FROM memory_logs
         WHERE memory_unit_embedding(embedding) GROUP BY user_id, project_id) AS c
 WHERE s.user_id = c.user_id AND s.project_id = c.project_id;
