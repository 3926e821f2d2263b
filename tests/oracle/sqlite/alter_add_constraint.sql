-- oracle: SQLite has no ALTER TABLE ADD CONSTRAINT (a syntax error): FK702 on the constraint; the fix is the
-- oracle: table rebuild.
-- expect: FK702@7
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);
ALTER TABLE posts
  ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
