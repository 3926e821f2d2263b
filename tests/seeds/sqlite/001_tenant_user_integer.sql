-- oracle: seed 001 in SQLite: INTEGER FK columns to `tenant`/`user` where the tables are `tenants`/`users` (TEXT
-- oracle: keys): the missing tables make every write fail; SQLite does not compare the types (no error for them).
-- expect: FK101@7 FK101@8
CREATE TABLE tenants (id VARCHAR(255) NOT NULL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT NOT NULL PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE api_keys (id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenant (id),
  user_id INTEGER NOT NULL REFERENCES user (id)
);
