-- Trigram indexes back the `q` search over names in every language.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
