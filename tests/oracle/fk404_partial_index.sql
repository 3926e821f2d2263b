-- oracle: FK404 unindexed foreign keys, one with only a partial index named as PostgreSQL names indexes
-- expect: FK404
-- regression (a core bug this fixture found, fixed): FK404's fix `CREATE INDEX IF NOT EXISTS posts_author_id_idx` is silently skipped: PostgreSQL already
-- regression (a core bug this fixture found, fixed): gave that name to the earlier partial index, so no usable index is created
CREATE TABLE users (id int PRIMARY KEY);

CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id), deleted_at timestamptz);

-- Unnamed: PostgreSQL calls it posts_author_id_idx.
CREATE INDEX ON posts (author_id) WHERE deleted_at IS NULL;

CREATE TABLE "Comments" ("Id" int PRIMARY KEY, "PostId" int REFERENCES posts (id), "AuthorId" int REFERENCES users (id));

CREATE INDEX comments_author_idx ON "Comments" ("AuthorId");
