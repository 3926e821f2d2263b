-- oracle: what ON UPDATE CASCADE / SET NULL / SET DEFAULT and ON DELETE SET DEFAULT do to known child rows is
-- oracle: followed: a later statement is judged on the rows they leave (MATCH FULL refuses a partly NULL key), a
-- oracle: default no parent row has is refused, as is a default equal to the key going away; a self-reference
-- oracle: is judged on the rows the statement leaves
-- expect: FK501
CREATE TABLE mp (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE mc (a int, b int, n int, FOREIGN KEY (a, b) REFERENCES mp MATCH FULL ON DELETE SET NULL ON UPDATE SET NULL);
INSERT INTO mp VALUES (1, 2), (1, 3), (2, 4);
INSERT INTO mc VALUES (1, 2, 1), (1, 3, 2), (2, 4, 3);
UPDATE mp SET a = 5 WHERE a = 2;
UPDATE mc SET a = NULL WHERE n = 2;
UPDATE mc SET b = 9 WHERE n = 3;
DELETE FROM mp WHERE a = 1 AND b = 2;
UPDATE mc SET b = 3 WHERE n = 1;
CREATE TABLE up (id int PRIMARY KEY);
CREATE TABLE uc (id int PRIMARY KEY, up_id int REFERENCES up ON UPDATE CASCADE);
INSERT INTO up VALUES (1), (2);
INSERT INTO uc VALUES (1, 1);
UPDATE up SET id = 10 WHERE id = 1;
DELETE FROM up WHERE id = 10;
DELETE FROM up WHERE id = 1;
UPDATE uc SET up_id = up_id + 1;
CREATE TABLE dp (f1 int PRIMARY KEY);
CREATE TABLE dc (f1 int DEFAULT 0 REFERENCES dp ON DELETE SET DEFAULT ON UPDATE SET DEFAULT);
INSERT INTO dp VALUES (0), (1), (2);
INSERT INTO dc VALUES (2);
DELETE FROM dp WHERE f1 = 2;
DELETE FROM dp WHERE f1 = 0;
ALTER TABLE dc ALTER COLUMN f1 SET DEFAULT 7;
DELETE FROM dp WHERE f1 = 0;
UPDATE dp SET f1 = f1 + 5 WHERE f1 = 0;
ALTER TABLE dc ALTER COLUMN f1 SET DEFAULT 1;
UPDATE dp SET f1 = f1 + 5 WHERE f1 = 0;
DELETE FROM dp WHERE f1 = 1;
CREATE TABLE sp (a int, b int, pa int, pb int, PRIMARY KEY (a, b), FOREIGN KEY (pa, pb) REFERENCES sp (a, b));
INSERT INTO sp VALUES (1, 1, 1, 1), (2, 1, 1, 1), (2, 2, 2, 1), (1, 3, 2, 2);
DELETE FROM sp WHERE a = 2;
UPDATE sp SET a = 3 WHERE a = 1;
UPDATE sp SET a = a + 10 WHERE b = 3;
DELETE FROM sp WHERE pa = 2;
DELETE FROM sp WHERE a = 2;
