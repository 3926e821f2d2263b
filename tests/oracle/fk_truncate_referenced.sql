-- oracle: TRUNCATE of a referenced table without CASCADE is rejected (0A000) even when the children are empty;
-- oracle: no fklint rule covers it yet
-- expect:
-- regression (a core bug this fixture found, fixed): gap: no rule knows that TRUNCATE of a referenced table without CASCADE is rejected (0A000)
CREATE TABLE parents (id int PRIMARY KEY);

CREATE TABLE kids (id int PRIMARY KEY, parent_id int REFERENCES parents (id));

TRUNCATE parents;

-- Valid: both at once, or CASCADE (which also empties kids).
TRUNCATE parents, kids;

TRUNCATE TABLE parents CASCADE;
