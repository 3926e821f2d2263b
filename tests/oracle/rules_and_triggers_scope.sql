-- oracle: a rule or a trigger runs only on the data statements of its own table (and what cascades into it): the
-- oracle: rows of other tables stay known until then (a rule's actions write the tables they name), and a table
-- oracle: created after the code ran starts empty; a foreign key added to ONLY a partitioned table is rejected (42809)
-- expect: FK501 FK118
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
CREATE TABLE archive (book_id int);
CREATE TABLE audit (review_id int);
CREATE TABLE reviews (id int PRIMARY KEY);
CREATE RULE books_archive AS ON DELETE TO books DO ALSO INSERT INTO archive VALUES (old.id);
CREATE FUNCTION log_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit VALUES (NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER reviews_log AFTER INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION log_review();
-- Neither has run yet: authors is empty.
INSERT INTO books VALUES (1, 7);
INSERT INTO authors VALUES (1);
INSERT INTO books VALUES (2, 1);
-- The rule writes archive only: authors is still known.
DELETE FROM books WHERE id = 2;
INSERT INTO books VALUES (3, 8);
-- The trigger's function may write any table: from here the rows of the tables that exist are not followed.
INSERT INTO reviews VALUES (1);
INSERT INTO books VALUES (4, 1);
CREATE TABLE tags (id int PRIMARY KEY);
CREATE TABLE book_tags (tag_id int REFERENCES tags);
INSERT INTO book_tags VALUES (5);
CREATE TABLE events (id int, author_id int) PARTITION BY RANGE (id);
ALTER TABLE ONLY events ADD FOREIGN KEY (author_id) REFERENCES authors;
ALTER TABLE events ADD FOREIGN KEY (author_id) REFERENCES authors;
