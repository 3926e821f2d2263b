PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS "authors" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL UNIQUE,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS "posts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "author_id" INTEGER NOT NULL REFERENCES "authors" ("id") ON DELETE CASCADE,
    "category_id" INTEGER REFERENCES "categories" ("id") ON DELETE SET NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "published_at" DATETIME
);
CREATE INDEX "posts_author_id" ON "posts" ("author_id");
