-- oracle: FK501 literal rows through multi-column keys, DELETE conditions with several terms or none, MATCH FULL keys written partly NULL, an integer referencing a numeric key, and the existing rows an added (or validated) foreign key checks
-- expect: FK501
CREATE TABLE shelves (aisle int, slot int, PRIMARY KEY (aisle, slot));

CREATE TABLE books (id int PRIMARY KEY, aisle int, slot int, FOREIGN KEY (aisle, slot) REFERENCES shelves);

INSERT INTO shelves VALUES (1, 1), (1, 2), (2, 1);

INSERT INTO books VALUES (1, 1, 2);

-- No book on (1, 1): fine.
DELETE FROM shelves WHERE aisle = 1 AND slot = 1;

-- Book 1 is on (1, 2).
DELETE FROM shelves WHERE aisle = 1 AND slot = 2;

DELETE FROM shelves WHERE aisle IN (2, 3);

-- (2, 1) was deleted.
INSERT INTO books VALUES (2, 2, 1);

-- MATCH SIMPLE: one NULL column and the key is not checked.
INSERT INTO books VALUES (3, 9, NULL);

CREATE TABLE strict_books (id int PRIMARY KEY, aisle int, slot int, FOREIGN KEY (aisle, slot) REFERENCES shelves MATCH FULL);

INSERT INTO strict_books VALUES (1, NULL, NULL);

INSERT INTO strict_books VALUES (2, 1, NULL);

INSERT INTO strict_books (id, slot) VALUES (3, 2);

-- Every row at once: book 1 still references (1, 2).
DELETE FROM shelves;

DELETE FROM books;

DELETE FROM shelves;

-- An integer column referencing a numeric key.
CREATE TABLE prices (amount numeric PRIMARY KEY);

INSERT INTO prices VALUES (42), (-7.0);

CREATE TABLE tickets (id int PRIMARY KEY, amount int REFERENCES prices);

INSERT INTO tickets VALUES (1, 42), (2, -7);

INSERT INTO tickets VALUES (3, 43);

-- Adding a foreign key checks the rows already there.
CREATE TABLE authors (id int PRIMARY KEY);

CREATE TABLE essays (id int PRIMARY KEY, author_id int);

INSERT INTO authors VALUES (1), (2);

INSERT INTO essays VALUES (1, 1), (2, 5);

ALTER TABLE essays ADD CONSTRAINT essays_author_fk FOREIGN KEY (author_id) REFERENCES authors;

ALTER TABLE essays ADD CONSTRAINT essays_author_fk FOREIGN KEY (author_id) REFERENCES authors NOT VALID;

ALTER TABLE essays VALIDATE CONSTRAINT essays_author_fk;

DELETE FROM essays WHERE author_id = 5;

ALTER TABLE essays VALIDATE CONSTRAINT essays_author_fk;

INSERT INTO essays VALUES (3, 5);
