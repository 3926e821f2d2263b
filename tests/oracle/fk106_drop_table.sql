-- oracle: FK106 DROP TABLE IF EXISTS without CASCADE (rejected) and DROP TABLE ... CASCADE (accepted, warning)
-- expect: FK106
CREATE TABLE authors (id int PRIMARY KEY);

CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors (id));

DROP TABLE IF EXISTS authors;

CREATE SCHEMA archive;

CREATE TABLE archive.shelves (id int PRIMARY KEY);

CREATE TABLE archive.boxes (id int PRIMARY KEY, shelf_id int REFERENCES archive.shelves (id));

DROP TABLE archive.shelves CASCADE;
