-- pgvector must exist before any table uses vector(768).
CREATE EXTENSION IF NOT EXISTS vector;
