-- Migration 0019's trigger, but a vector the app writes is recorded even when it equals the one it
-- replaces (a vector no one named, re-embedded by the model that made it), so a migration to that
-- model finishes instead of finding the same vectors left to do.
CREATE OR REPLACE FUNCTION memory_versions_keep() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  keep boolean := NOT EXISTS (SELECT 1 FROM app_settings WHERE key = 'memory_history' AND value = 'off');
  writer text := nullif(current_setting('semantix.embedder', true), '');
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF keep THEN
      INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation, embedder, vector_embedder)
      SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'u',
             nullif(current_setting('semantix.actor', true), ''),
             nullif(current_setting('semantix.operation', true), '')::uuid,
             CASE WHEN o.embedding IS DISTINCT FROM n.embedding THEN writer END,
             e.embedder
        FROM memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
        LEFT JOIN memory_embedders e ON e.memory_id = o.id
       WHERE (o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at)
             IS DISTINCT FROM (n.user_id, n.project_id, n.raw_data, n.embedding, n.created_at, n.updated_at)
       ORDER BY o.id;
    END IF;
    DELETE FROM memory_embedders e
     USING memory_versions_old o JOIN memory_versions_new n ON n.id = o.id
     WHERE e.memory_id = o.id
       AND (o.embedding IS DISTINCT FROM n.embedding OR (o.user_id, o.project_id) IS DISTINCT FROM (n.user_id, n.project_id));
    IF writer IS NOT NULL THEN
      INSERT INTO memory_embedders (memory_id, user_id, project_id, embedder)
      SELECT n.id, n.user_id, n.project_id, writer
        FROM memory_versions_new n
       WHERE n.embedding IS NOT NULL
      ON CONFLICT (memory_id) DO UPDATE SET user_id = excluded.user_id, project_id = excluded.project_id, embedder = excluded.embedder;
    END IF;
  ELSE
    IF keep THEN
      INSERT INTO memory_versions (memory_id, user_id, project_id, raw_data, embedding, created_at, updated_at, change, actor, operation, vector_embedder)
      SELECT o.id, o.user_id, o.project_id, o.raw_data, o.embedding, o.created_at, o.updated_at, 'd',
             nullif(current_setting('semantix.actor', true), ''),
             nullif(current_setting('semantix.operation', true), '')::uuid,
             e.embedder
        FROM memory_versions_old o
        LEFT JOIN memory_embedders e ON e.memory_id = o.id
       ORDER BY o.id;
    END IF;
    DELETE FROM memory_embedders e USING memory_versions_old o WHERE e.memory_id = o.id;
  END IF;
  RETURN NULL;
END
$fn$;
