-- oracle: key characteristics that contradict each other are a syntax error (42601), whatever the key: the whole
-- oracle: statement is rejected, so the table it declares does not exist and the referenced table drops afterwards
-- expect: FK001
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors NOT DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE reviews (id int, author_id int, FOREIGN KEY (author_id) REFERENCES authors DEFERRABLE NOT DEFERRABLE);
CREATE TABLE notes (id int, author_id int,
  CONSTRAINT notes_author_fk FOREIGN KEY (author_id) REFERENCES authors INITIALLY DEFERRED INITIALLY IMMEDIATE);
CREATE TABLE quotes (id int PRIMARY KEY, author_id int REFERENCES authors DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE quotes ALTER CONSTRAINT quotes_author_id_fkey NOT DEFERRABLE INITIALLY DEFERRED;
-- The same words once each are fine.
CREATE TABLE letters (id int, author_id int, FOREIGN KEY (author_id) REFERENCES authors DEFERRABLE INITIALLY IMMEDIATE);
DROP TABLE quotes, letters;
DROP TABLE authors;
