-- oracle: a stored generated column computed from another integer column (`a * 2`, `10 - a`) has a known value in
-- oracle: a row of literals, on either side of a foreign key; without a column list the values fill the first
-- oracle: columns and the generated one is computed
-- expect: FK501
CREATE TABLE gp (x int PRIMARY KEY, y int GENERATED ALWAYS AS (x * 2) STORED UNIQUE);
INSERT INTO gp VALUES (1), (2), (3);
CREATE TABLE gc (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED REFERENCES gp (x));
INSERT INTO gc VALUES (1);
INSERT INTO gc VALUES (5);
CREATE TABLE gq (a int PRIMARY KEY, b int REFERENCES gp (y));
INSERT INTO gq VALUES (1, 2);
INSERT INTO gq VALUES (2, 5);
CREATE TABLE gr (a int PRIMARY KEY, b int GENERATED ALWAYS AS (10 - a) STORED REFERENCES gp (x));
INSERT INTO gr (a) VALUES (8);
INSERT INTO gr (a) VALUES (1);
