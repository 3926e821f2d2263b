-- oracle: who runs a statement decides what the server refuses: a role without the privilege cannot write a
-- oracle: table's rows (42501) or change a table it does not own, and its COPY ... FROM stdin is refused before
-- oracle: any data is read, as is one into a table whose row-level security applies to it, so psql runs the
-- oracle: lines after those as SQL; the owner, and a member of the owning role, write as they like
CREATE ROLE fklint_oracle_owner NOLOGIN;
CREATE ROLE fklint_oracle_reader NOLOGIN;
CREATE ROLE fklint_oracle_writer NOLOGIN;
CREATE ROLE fklint_oracle_member NOLOGIN IN ROLE fklint_oracle_owner;
CREATE TABLE authors (id int PRIMARY KEY);
INSERT INTO authors VALUES (1), (2), (3);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
INSERT INTO books VALUES (10, 1);
GRANT SELECT ON authors, books TO fklint_oracle_reader;
GRANT SELECT, INSERT, DELETE ON authors TO fklint_oracle_writer;
GRANT ALL ON books TO fklint_oracle_writer;
ALTER TABLE books ENABLE ROW LEVEL SECURITY;
SET SESSION AUTHORIZATION fklint_oracle_reader;
DELETE FROM authors WHERE id = 2;
COPY books FROM stdin;
INSERT INTO books VALUES (11, 3);
\.
RESET SESSION AUTHORIZATION;
INSERT INTO books VALUES (12, 2);
SET SESSION AUTHORIZATION fklint_oracle_writer;
SET row_security TO off;
COPY books FROM stdin;
UPDATE books SET author_id = 2 WHERE id = 10;
DELETE FROM authors WHERE id = 1;
\.
ALTER TABLE books ADD CONSTRAINT books_author_again_fkey FOREIGN KEY (author_id) REFERENCES authors;
RESET SESSION AUTHORIZATION;
ALTER TABLE books OWNER TO fklint_oracle_owner;
SET SESSION AUTHORIZATION fklint_oracle_member;
COPY books FROM stdin;
13	3
\.
ALTER TABLE books ADD CONSTRAINT books_author_again_fkey FOREIGN KEY (author_id) REFERENCES authors;
RESET SESSION AUTHORIZATION;
REASSIGN OWNED BY fklint_oracle_owner TO CURRENT_USER;
DROP OWNED BY fklint_oracle_owner, fklint_oracle_reader, fklint_oracle_writer, fklint_oracle_member;
DROP ROLE fklint_oracle_member, fklint_oracle_owner, fklint_oracle_reader, fklint_oracle_writer;
