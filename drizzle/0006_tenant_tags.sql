-- Tag filters within one tenant, through an index: each memory's tags keyed by its tenant
-- ("user<US>project<US>tag"), so a GIN lookup finds one tenant's tagged memories directly
-- instead of every tenant's (idx_memory_logs_tags) or all of the tenant's rows. Queries keep
-- the exact ?| / ?& condition, so this is only a pre-filter. plpgsql: never inlined, so the
-- planner matches the index expression as written.
CREATE OR REPLACE FUNCTION memory_tenant_tags(p_user text, p_project text, p_raw jsonb) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF jsonb_typeof(p_raw -> 'tags') IS DISTINCT FROM 'array' THEN
    RETURN '{}'::text[];
  END IF;
  RETURN ARRAY(SELECT p_user || chr(31) || p_project || chr(31) || t FROM jsonb_array_elements_text(p_raw -> 'tags') AS t);
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM memory_logs LIMIT 10001) AS probe) <= 10000 THEN
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_tags ON memory_logs USING gin (memory_tenant_tags(user_id, project_id, raw_data));
  ELSE
    RAISE NOTICE 'memory_logs has more than 10000 rows: run npm run db:indexes to build idx_memory_logs_tenant_tags concurrently';
  END IF;
END
$$;
