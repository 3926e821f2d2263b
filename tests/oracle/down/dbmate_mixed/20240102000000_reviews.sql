-- migrate:up
CREATE TABLE reviews (id int PRIMARY KEY, book_id int REFERENCES books (id))

-- migrate:down
