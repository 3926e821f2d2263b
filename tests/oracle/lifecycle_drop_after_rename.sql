-- oracle: lifecycle: DROP TABLE of a renamed referenced table, referenced by a renamed table (rejected: FK106), then with CASCADE (accepted: FK106 warning)
-- expect: FK106
CREATE TABLE teams (id int PRIMARY KEY);

CREATE TABLE members (id int PRIMARY KEY, team_id int REFERENCES teams (id));

CREATE INDEX ON members (team_id);

ALTER TABLE teams RENAME TO squads;

ALTER TABLE members RENAME TO squad_members;

ALTER TABLE squad_members RENAME COLUMN team_id TO squad_id;

DROP TABLE squads;

CREATE TABLE leagues (id int PRIMARY KEY);

CREATE TABLE clubs (id int PRIMARY KEY, league_id int REFERENCES leagues (id));

CREATE INDEX ON clubs (league_id);

ALTER TABLE leagues RENAME TO divisions;

DROP TABLE divisions CASCADE;
