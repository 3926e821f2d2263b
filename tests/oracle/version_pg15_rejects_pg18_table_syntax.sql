-- oracle: PostgreSQL 15 has no NOT NULL table constraints, no NOT NULL ... NO INHERIT and no virtual generated
-- oracle: columns: the CREATE TABLE is a syntax error, the table does not exist, and a key referencing it fails
-- target: postgres-15
-- expect: FK112 FK101
CREATE TABLE notes (id int, CONSTRAINT notes_id_nn NOT NULL id, PRIMARY KEY (id));
CREATE TABLE note_refs (note_id int REFERENCES notes);
CREATE TABLE tags (id int PRIMARY KEY NOT NULL NO INHERIT);
CREATE TABLE tag_refs (tag_id int REFERENCES tags);
CREATE TABLE sizes (id int PRIMARY KEY, double_id int GENERATED ALWAYS AS (id * 2));
CREATE TABLE size_refs (size_id int REFERENCES sizes);
CREATE TABLE memos (id int NOT NULL PRIMARY KEY, body text);
CREATE TABLE memo_refs (memo_id int REFERENCES memos);
