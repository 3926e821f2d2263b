-- oracle: FK106 ALTER TABLE DROP COLUMN of a referenced column, without and with CASCADE
-- expect: FK106
CREATE TABLE teams (id int PRIMARY KEY, slug text UNIQUE, name text);

CREATE TABLE players (id int PRIMARY KEY, team_slug text REFERENCES teams (slug));

ALTER TABLE teams DROP COLUMN slug;

CREATE TABLE "Leagues" ("Code" text PRIMARY KEY, "Name" text);

CREATE TABLE "Fixtures" (id int PRIMARY KEY, "LeagueCode" text REFERENCES "Leagues" ("Code"));

ALTER TABLE "Leagues" DROP COLUMN "Code" CASCADE;

-- A self-referencing foreign key depends on the key column too.
CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id));

ALTER TABLE nodes DROP COLUMN id;
