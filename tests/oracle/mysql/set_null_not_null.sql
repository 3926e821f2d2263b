-- oracle: ON DELETE SET NULL on a NOT NULL column: PostgreSQL accepts the DDL (and fails every delete), MariaDB
-- oracle: rejects the statement (1830: the column cannot be NOT NULL); a nullable column is fine.
-- expect: FK401
CREATE TABLE users (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE posts (
  id int NOT NULL PRIMARY KEY,
  user_id int NOT NULL,
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;
CREATE TABLE comments (
  id int NOT NULL PRIMARY KEY,
  user_id int NULL,
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;
