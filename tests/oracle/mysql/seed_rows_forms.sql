-- oracle: seed-data forms MySQL writes rows with: AUTO_INCREMENT ids asked for with NULL or 0, INSERT IGNORE,
-- oracle: REPLACE, column names in another case, a saved FOREIGN_KEY_CHECKS restored (=@OLD...). None of them is
-- oracle: an error; the parent table's ids are then partly unknown to fklint. Only the last insert, into a table
-- oracle: whose parents are all known, has no parent (1452).
-- expect: FK501
CREATE TABLE parent (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10)) ENGINE=InnoDB;
CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL DEFAULT 1, FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB;
CREATE TABLE colors (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE swatches (id INT NOT NULL PRIMARY KEY, color_id INT NOT NULL, FOREIGN KEY (color_id) REFERENCES colors (id)) ENGINE=InnoDB;
INSERT INTO parent VALUES (NULL, 'a');
INSERT INTO parent VALUES (0, 'b');
INSERT INTO child VALUES (1, 1), (2, 2);
INSERT IGNORE INTO parent VALUES (8, 'h');
REPLACE INTO parent VALUES (9, 'i');
INSERT INTO child (ID, PARENT_ID) VALUES (3, 8), (4, 9);
INSERT INTO colors VALUES (1), (2);
SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;
SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS;
INSERT INTO swatches (ID, COLOR_ID) VALUES (1, 2), (2, 7);
