-- oracle: an UPDATE or DELETE of an inheritance parent (no ONLY) reaches the rows of the tables inheriting from it,
-- oracle: also those that joined with ALTER TABLE ... INHERIT: a key referencing a child then sees the changed
-- oracle: rows; a key referencing the parent sees only the parent's own rows, never a child's
-- expect: FK501
CREATE TABLE items (id int);
CREATE TABLE books (title text) INHERITS (items);
ALTER TABLE books ADD PRIMARY KEY (id);
INSERT INTO books VALUES (1, 'a');
UPDATE items SET id = 2;
CREATE TABLE loans (book_id int REFERENCES books (id));
INSERT INTO loans VALUES (2);
CREATE TABLE tapes (id int PRIMARY KEY);
INSERT INTO tapes VALUES (3);
ALTER TABLE tapes INHERIT items;
UPDATE items SET id = 4 WHERE id = 3;
CREATE TABLE rentals (tape_id int REFERENCES tapes);
INSERT INTO rentals VALUES (4);
CREATE TABLE base (id int PRIMARY KEY);
CREATE TABLE derived () INHERITS (base);
INSERT INTO derived VALUES (5);
CREATE TABLE refs (base_id int REFERENCES base);
INSERT INTO refs VALUES (5);
