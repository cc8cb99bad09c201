-- The tenant sort indexes carry the timestamp itself too, so a page number deep in a list skips its
-- rows in the index alone (an index-only scan) instead of visiting each skipped row. On a small
-- table the old ones are replaced here; on a big one npm run db:indexes rebuilds them beside the old.
DO $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM memory_logs LIMIT 10001) AS probe) <= 10000 THEN
    IF NOT coalesce(pg_get_indexdef(to_regclass('idx_memory_logs_tenant_created')) LIKE '%INCLUDE (created_at)%', false) THEN
      DROP INDEX IF EXISTS idx_memory_logs_tenant_created;
      CREATE INDEX idx_memory_logs_tenant_created ON memory_logs (user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC) INCLUDE (created_at);
    END IF;
    IF NOT coalesce(pg_get_indexdef(to_regclass('idx_memory_logs_tenant_updated')) LIKE '%INCLUDE (updated_at)%', false) THEN
      DROP INDEX IF EXISTS idx_memory_logs_tenant_updated;
      CREATE INDEX idx_memory_logs_tenant_updated ON memory_logs (user_id, project_id, (COALESCE(updated_at, '-infinity'::timestamp)) DESC, id DESC) INCLUDE (updated_at);
    END IF;
  ELSE
    RAISE NOTICE 'memory_logs has more than 10000 rows: run npm run db:indexes to rebuild idx_memory_logs_tenant_created and _updated concurrently';
  END IF;
END
$$;
