-- oracle: string keys: a different CHARACTER SET is rejected (errno 150); a different length is accepted; a
-- oracle: different collation of the same character set is for MariaDB to say (fklint must agree either way).
-- expect: FK201
CREATE TABLE countries (code VARCHAR(8) CHARACTER SET latin1 NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE cities (
  id INT NOT NULL PRIMARY KEY,
  country_code VARCHAR(8) CHARACTER SET utf8mb4 NOT NULL,
  FOREIGN KEY (country_code) REFERENCES countries (code)
) ENGINE=InnoDB;
CREATE TABLE regions (code VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE towns (
  id INT NOT NULL PRIMARY KEY,
  region_code VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
  FOREIGN KEY (region_code) REFERENCES regions (code)
) ENGINE=InnoDB;
CREATE TABLE villages (
  id INT NOT NULL PRIMARY KEY,
  region_code VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  FOREIGN KEY (region_code) REFERENCES regions (code)
) ENGINE=InnoDB;
