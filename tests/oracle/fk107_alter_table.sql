-- oracle: FK107 ALTER TABLE ADD CONSTRAINT on a column the table does not have (one added later, one dropped before)
-- expect: FK107
CREATE TABLE users (id int PRIMARY KEY);

CREATE TABLE posts (id int PRIMARY KEY, author int, editor_id int);

ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);

ALTER TABLE posts DROP COLUMN editor_id;

ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);
