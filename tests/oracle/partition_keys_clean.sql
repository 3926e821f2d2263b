-- oracle: clean partitions and foreign keys as the server's catalog lists them: a partitioned table referencing a partitioned one, ATTACH PARTITION merging the partition's matching key into the parent's (and keeping one that differs), DETACH turning the parent's copies into keys of the partition, DROP of a partitioned table taking its partitions' copies, and literal rows the server accepts
-- expect: clean
CREATE TABLE teams (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);

CREATE TABLE teams_eu PARTITION OF teams FOR VALUES IN ('eu');

CREATE TABLE teams_us PARTITION OF teams FOR VALUES IN ('us');

CREATE TABLE players (id int, team_id int, region text, joined int, PRIMARY KEY (id, joined),
    FOREIGN KEY (team_id, region) REFERENCES teams) PARTITION BY RANGE (joined);

CREATE TABLE players_old PARTITION OF players FOR VALUES FROM (MINVALUE) TO (2000);

-- Same key as the parent's: merged into it (the server lists only the parent's).
CREATE TABLE players_new (id int NOT NULL, team_id int, region text, joined int NOT NULL,
    CONSTRAINT players_new_team_fk FOREIGN KEY (team_id, region) REFERENCES teams);

-- Another key: it stays the partition's own.
CREATE TABLE coaches (id int PRIMARY KEY);

ALTER TABLE players_new ADD COLUMN coach_id int REFERENCES coaches;

ALTER TABLE players ADD COLUMN coach_id int;

ALTER TABLE players ATTACH PARTITION players_new FOR VALUES FROM (2000) TO (MAXVALUE);

INSERT INTO teams VALUES (1, 'eu'), (2, 'us');

INSERT INTO players (id, team_id, region, joined) VALUES (1, 1, 'eu', 1990), (2, 2, 'us', 2010);

INSERT INTO players_new (id, team_id, region, joined) VALUES (3, 1, 'eu', 2020);

-- Team 1 in the US has no player.
DELETE FROM teams WHERE id = 1 AND region = 'us';

UPDATE players SET team_id = 2, region = 'us' WHERE id = 3;

DELETE FROM players WHERE id = 1;

DELETE FROM teams WHERE id = 1 AND region = 'eu';

-- Detached, players_old holds a copy of the parent's key, named as the parent's.
ALTER TABLE players DETACH PARTITION players_old;

DROP TABLE players;

-- players_old's key still references teams; players' partitions and their copies are gone.
CREATE TABLE leagues (id int PRIMARY KEY);

CREATE TABLE matches (id int PRIMARY KEY, league_id int REFERENCES leagues) PARTITION BY RANGE (id);

CREATE TABLE matches_1 PARTITION OF matches FOR VALUES FROM (0) TO (100);

DROP TABLE matches, leagues;
