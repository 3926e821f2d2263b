-- oracle: InnoDB needs an index on the referenced columns: none gives 1005 errno 150 (or 1822 in MySQL);
-- oracle: MariaDB accepts a non-unique index (MySQL 8.4 refuses it by default: restrict_fk_on_non_standard_key).
-- expect: FK103
CREATE TABLE users (id INT NOT NULL PRIMARY KEY, email VARCHAR(100) NOT NULL, team VARCHAR(20) NOT NULL,
  KEY users_team_idx (team)) ENGINE=InnoDB;
CREATE TABLE invites (
  id INT NOT NULL PRIMARY KEY,
  email VARCHAR(100) NOT NULL,
  FOREIGN KEY (email) REFERENCES users (email)
) ENGINE=InnoDB;
CREATE TABLE boards (
  id INT NOT NULL PRIMARY KEY,
  team VARCHAR(20) NOT NULL,
  FOREIGN KEY (team) REFERENCES users (team)
) ENGINE=InnoDB;
