-- oracle: REFERENCES `user` where the table is `users`, and a table that never exists: SQLite accepts the CREATE
-- oracle: but no row can ever be written ("no such table"), so it counts as rejected; FK101.
-- expect: FK101
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user (id)
);
CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL,
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
