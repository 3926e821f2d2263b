-- oracle: FK201 an ALTER COLUMN ... TYPE (of the referencing or the referenced column) that makes an existing foreign key
-- oracle: impossible to implement
-- expect: FK201
-- regression (a core bug this fixture found, fixed): key types are judged only when a foreign key is declared; ALTER COLUMN ... TYPE of either side is not
-- regression (a core bug this fixture found, fixed): re-checked: both ALTERs are rejected (42804), fklint reports nothing
CREATE TABLE users (id int PRIMARY KEY);

CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));

ALTER TABLE posts ALTER COLUMN author_id TYPE uuid USING NULL;

CREATE TABLE teams (id int PRIMARY KEY);

CREATE TABLE members (id int PRIMARY KEY, team_id int REFERENCES teams (id));

ALTER TABLE teams ALTER COLUMN id TYPE text;
