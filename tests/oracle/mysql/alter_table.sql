-- oracle: ALTER TABLE ADD CONSTRAINT (valid, and int → bigint rejected), DROP FOREIGN KEY, MODIFY COLUMN of a
-- oracle: column an FK uses (rejected while the FK exists: 1832/1833), then the same after DROP FOREIGN KEY.
-- expect: FK201
CREATE TABLE teams (id INT NOT NULL PRIMARY KEY, big_id BIGINT NOT NULL, UNIQUE KEY teams_big (big_id)) ENGINE=InnoDB;
CREATE TABLE players (id INT NOT NULL PRIMARY KEY, team_id INT NOT NULL, other_id INT NOT NULL) ENGINE=InnoDB;
ALTER TABLE players ADD CONSTRAINT players_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);
ALTER TABLE players ADD CONSTRAINT players_other_fk FOREIGN KEY (other_id) REFERENCES teams (big_id);
ALTER TABLE players MODIFY COLUMN team_id BIGINT NOT NULL;
ALTER TABLE players DROP FOREIGN KEY players_team_fk;
ALTER TABLE players MODIFY COLUMN team_id BIGINT NOT NULL;
ALTER TABLE players ADD CONSTRAINT players_team_big_fk FOREIGN KEY (team_id) REFERENCES teams (big_id);
