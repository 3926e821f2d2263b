-- oracle: a COPY the server accepts reads the lines up to `\.` as rows, whatever SQL they look like; a COPY
-- oracle: inside the lines of a rejected one has its own rows, up to the same `\.`
CREATE TABLE notes (id int PRIMARY KEY, body text);
COPY notes FROM stdin;
1	CREATE TABLE x (id int REFERENCES nowhere);
2	DROP TABLE notes;
\.
COPY notes (id, body) FROM stdin WHERE id > 0;
3	ALTER TABLE notes ADD FOREIGN KEY (id) REFERENCES nowhere;
\.
CREATE TABLE tags (id int PRIMARY KEY, note_id int REFERENCES notes);
COPY nope FROM stdin;
COPY notes FROM stdin;
4	CREATE TABLE y (id int REFERENCES nowhere);
\.
CREATE TABLE z (id int PRIMARY KEY, note_id int REFERENCES notes);
