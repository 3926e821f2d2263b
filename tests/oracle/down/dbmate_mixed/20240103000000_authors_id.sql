-- migrate:up
ALTER TABLE authors ADD COLUMN code text UNIQUE

-- migrate:down
-- books.author_id references the primary key, not this column: PostgreSQL drops it.
ALTER TABLE authors DROP COLUMN code;
-- The primary key is referenced by books (2BP01).
ALTER TABLE authors DROP CONSTRAINT authors_pkey;
