-- oracle: lifecycle: statements that still use a name a rename took away (FK101, FK102), and a drop of a column of the renamed table that an FK depends on (FK106)
-- expect: FK101 FK102 FK106
CREATE TABLE author (id int PRIMARY KEY, handle text UNIQUE);

CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES author (id));

ALTER TABLE author RENAME TO authors;

ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (id) REFERENCES author (id);

ALTER TABLE authors RENAME COLUMN handle TO username;

CREATE TABLE mentions (id int PRIMARY KEY, handle text REFERENCES authors (handle));

ALTER TABLE authors DROP COLUMN id;
