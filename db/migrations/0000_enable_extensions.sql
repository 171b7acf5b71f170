-- drizzle-kit does not emit CREATE EXTENSION; pg_trgm backs typo-tolerant people search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
