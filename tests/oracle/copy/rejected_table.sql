-- oracle: a COPY into a table that does not exist is rejected before any data is read, and psql then runs the
-- oracle: lines after it as SQL: their foreign keys count, and so do their errors; rows left after the last `;`
-- oracle: are sent with the first statement after the `\.`, which then never runs
CREATE TABLE authors (id int PRIMARY KEY);
INSERT INTO authors VALUES (1);
COPY missing_table FROM stdin;
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
INSERT INTO books VALUES (1, 1);
INSERT INTO books VALUES (2, 99);
CREATE TABLE reviews (id int PRIMARY KEY, book_id int REFERENCES book);
\.
ALTER TABLE books ADD CONSTRAINT books_id_author_fkey FOREIGN KEY (id) REFERENCES authors;
COPY missing_table (a) FROM stdin;
1
2
\.
CREATE TABLE glued (id int PRIMARY KEY);
CREATE TABLE after_glue (id int PRIMARY KEY, glued_id int REFERENCES glued);
