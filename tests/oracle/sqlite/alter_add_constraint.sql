-- oracle: SQLite has no ALTER TABLE ADD CONSTRAINT (a syntax error); the fix is the table rebuild. The rule for
-- oracle: it has no code yet: some error finding on the statement.
-- expect: error@7
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);
ALTER TABLE posts
  ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
