CREATE TABLE IF NOT EXISTS "comments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "post_id" INTEGER NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- SQLite has no ALTER TABLE ... ADD CONSTRAINT: this is a syntax error there.
ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE;
CREATE INDEX "comments_post_id" ON "comments" ("post_id");
