-- Indexes for the dashboard's queries (see db/recommended-indexes.ts and the README).
-- Built here only while memory_logs is small: on a big, live table a plain CREATE INDEX blocks
-- writes for minutes, so there they are left to `npm run db:indexes` (CREATE INDEX CONCURRENTLY)
-- and reported as missing by /api/health and the dashboard.
DO $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM memory_logs LIMIT 10001) AS probe) <= 10000 THEN
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_created ON memory_logs (user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC);
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_updated ON memory_logs (user_id, project_id, (COALESCE(updated_at, '-infinity'::timestamp)) DESC, id DESC);
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_id ON memory_logs (user_id, project_id, id);
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_component ON memory_logs (user_id, project_id, (raw_data ->> 'component'));
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tags ON memory_logs USING gin ((raw_data -> 'tags'));
  ELSE
    RAISE NOTICE 'memory_logs has more than 10000 rows: run npm run db:indexes to build the recommended indexes concurrently';
  END IF;
END
$$;
