-- oracle: INSERT ... SELECT over generate_series of integer literals (with or without FROM, a step, literals
-- oracle: beside the series' value) writes rows fklint knows: a key the series covers serves, others do not
-- expect: FK501
CREATE TABLE sp (a int PRIMARY KEY);
INSERT INTO sp SELECT generate_series(1, 100);
CREATE TABLE sc (a int REFERENCES sp);
INSERT INTO sc SELECT generate_series(1, 100, 3);
CREATE TABLE mp (a int, b int, PRIMARY KEY (a, b));
INSERT INTO mp SELECT i, i FROM generate_series(1, 20) i;
CREATE TABLE mc (x int, a int, b int, FOREIGN KEY (a, b) REFERENCES mp);
INSERT INTO mc SELECT i, i, i FROM generate_series(20, 1, -1) AS i;
INSERT INTO mc (a) SELECT generate_series(-2, 0);
DELETE FROM mp WHERE a > 19;
DELETE FROM sp WHERE a > 100;
DELETE FROM sp WHERE a BETWEEN 99 AND 100;
INSERT INTO mc SELECT 7, i, 7 FROM generate_series(6, 8) i;
INSERT INTO sc VALUES (101);
INSERT INTO sc SELECT generate_series(95, 105, 5);
