-- migrate:up
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors (id))

-- migrate:down
DROP TABLE books;
DROP TABLE authors;
