-- oracle: a data statement on a view writes through it: an automatically updatable view writes the table it
-- oracle: selects from, and a view's rule or INSTEAD OF trigger runs when the view is written, not before (the
-- oracle: rows of the tables it writes stay known until then)
-- expect: FK501
CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);
CREATE VIEW authors_v AS SELECT * FROM authors;
INSERT INTO authors_v VALUES (1);
INSERT INTO books VALUES (1, 1);
CREATE TABLE editors (id int PRIMARY KEY);
CREATE TABLE editions (id int PRIMARY KEY, editor_id int REFERENCES editors);
CREATE TABLE drafts (editor_id int);
CREATE VIEW drafts_v AS SELECT * FROM drafts;
CREATE RULE drafts_publish AS ON INSERT TO drafts_v DO INSTEAD INSERT INTO editors VALUES (new.editor_id);
-- The rule has not run: there is no editor 2 yet.
INSERT INTO editions VALUES (2, 2);
INSERT INTO drafts_v VALUES (3);
INSERT INTO editions VALUES (3, 3);
CREATE TABLE reviewers (id int PRIMARY KEY);
CREATE TABLE reviews (id int PRIMARY KEY, reviewer_id int REFERENCES reviewers);
CREATE VIEW pending AS SELECT 1 AS id;
CREATE FUNCTION pending_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reviewers VALUES (NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER pending_insert INSTEAD OF INSERT ON pending FOR EACH ROW EXECUTE FUNCTION pending_insert();
INSERT INTO reviews VALUES (4, 4);
INSERT INTO pending VALUES (5);
INSERT INTO reviews VALUES (5, 5);
