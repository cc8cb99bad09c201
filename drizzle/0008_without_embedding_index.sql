-- The without-embedding filter (and embed-missing) through an index of just those rows, in list
-- order: a tenant's memories still waiting for an embedding are found without reading the others.
-- Built here only while memory_logs is small, like 0002; otherwise by npm run db:indexes.
DO $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM memory_logs LIMIT 10001) AS probe) <= 10000 THEN
    CREATE INDEX IF NOT EXISTS idx_memory_logs_tenant_no_embedding ON memory_logs (user_id, project_id, (COALESCE(created_at, '-infinity'::timestamp)) DESC, id DESC) WHERE embedding IS NULL;
  ELSE
    RAISE NOTICE 'memory_logs has more than 10000 rows: run npm run db:indexes to build idx_memory_logs_tenant_no_embedding concurrently';
  END IF;
END
$$;
