-- oracle: FK401 at run time: ON DELETE SET NULL on a NOT NULL column; deleting the parent fails with 23502
-- expect: FK401
-- runtime DELETE: DELETE FROM teams WHERE id = 1
CREATE TABLE teams (id int PRIMARY KEY);

CREATE TABLE players (
    id int PRIMARY KEY,
    team_id int NOT NULL REFERENCES teams (id) ON DELETE SET NULL
);

INSERT INTO teams VALUES (1);

INSERT INTO players VALUES (10, 1);
