-- Keyword search over a memory's text (raw_data's `content`, else its `text`, as memoryPreview
-- reads it), with English stemming, so "resets" finds "reset". plpgsql: never inlined, so the
-- planner matches the index expression as written (as memory_tenant_tags in 0006). The text is cut
-- at 250,000 characters (at most 1 MB, tsvector's limit), so a long text written by another
-- service never makes its own write, the index build or a search fail.
CREATE OR REPLACE FUNCTION memory_text_search(p_raw jsonb) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN to_tsvector('english'::regconfig, left(coalesce(p_raw ->> 'content', p_raw ->> 'text', ''), 250000));
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM memory_logs LIMIT 10001) AS probe) <= 10000 THEN
    CREATE INDEX IF NOT EXISTS idx_memory_logs_text_search ON memory_logs USING gin (memory_text_search(raw_data));
  ELSE
    RAISE NOTICE 'memory_logs has more than 10000 rows: run npm run db:indexes to build idx_memory_logs_text_search concurrently';
  END IF;
END
$$;
