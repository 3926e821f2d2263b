-- oracle: PostgreSQL 18 rejects ENFORCED with NOT ENFORCED (42601); a rejected CREATE TEMP TABLE does not shadow the
-- oracle: permanent table, and a rejected ALTER CONSTRAINT leaves the key enforced
-- target: postgres-18
-- expect: FK001 FK501
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
CREATE TEMP TABLE books (id int, author_id int REFERENCES authors ENFORCED NOT ENFORCED);
ALTER TABLE books ALTER CONSTRAINT books_author_id_fkey NOT ENFORCED ENFORCED;
ALTER TABLE books ALTER CONSTRAINT books_author_id_fkey ENFORCED NOT ENFORCED;
INSERT INTO books VALUES (1, 7);
