-- oracle: FK501 rows through ON DELETE CASCADE and SET NULL (the child rows go, or lose their key, and later statements meet what is left) and TRUNCATE (refused while referenced; CASCADE empties the referencing tables too)
-- expect: FK501 FK108
CREATE TABLE owners (id int PRIMARY KEY);

CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES owners ON DELETE CASCADE);

CREATE TABLE notes (id int PRIMARY KEY, a_id int, x int, FOREIGN KEY (a_id) REFERENCES owners ON DELETE SET NULL);

INSERT INTO owners VALUES (1), (2), (3);

INSERT INTO pets VALUES (1, 1), (2, 2), (3, 3), (4, 1);

INSERT INTO notes VALUES (1, 1, 5), (2, 2, 6);

DELETE FROM owners WHERE id IN (1, 2);

INSERT INTO owners VALUES (1);

UPDATE pets SET owner_id = 2 WHERE id = 3;

UPDATE notes SET a_id = 1 WHERE id = 1;

UPDATE notes SET a_id = 2 WHERE id = 2;

DELETE FROM owners WHERE id = 3;

INSERT INTO pets VALUES (1, 3);

INSERT INTO pets VALUES (5, 1);

INSERT INTO pets VALUES (3, 1);

CREATE TABLE t_a (id int PRIMARY KEY);

CREATE TABLE t_b (id int PRIMARY KEY, a_id int REFERENCES t_a);

CREATE TABLE t_c (id int PRIMARY KEY, b_id int REFERENCES t_b);

INSERT INTO t_a VALUES (1);

INSERT INTO t_b VALUES (1, 1);

INSERT INTO t_c VALUES (1, 1);

TRUNCATE t_a;

TRUNCATE t_a CASCADE;

INSERT INTO t_c VALUES (2, 1);

INSERT INTO t_a VALUES (1);

INSERT INTO t_b VALUES (1, 1);

TRUNCATE t_c;

DELETE FROM t_b WHERE id = 1;

DELETE FROM t_a;

