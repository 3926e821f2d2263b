-- oracle: FK101 REFERENCES a view: only tables can be referenced
-- expect: FK101
-- regression (a core bug this fixture found, fixed): FK101 says the view "does not exist" and cites 42P01; PostgreSQL raises 42809 (referenced relation is
-- regression (a core bug this fixture found, fixed): not a table)
CREATE TABLE parents (id int PRIMARY KEY, active boolean NOT NULL DEFAULT true);

CREATE VIEW active_parents AS SELECT id FROM parents WHERE active;

CREATE TABLE kids (id int PRIMARY KEY, parent_id int REFERENCES active_parents (id));
