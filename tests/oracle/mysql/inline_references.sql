-- oracle: an inline column REFERENCES: MariaDB 10.5+ creates the FK (so a missing parent is rejected), MySQL
-- oracle: before 9.0 parses and ignores it. Judged by MariaDB with --target mariadb-<version>.
-- expect: FK101
CREATE TABLE authors (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE books (
  id INT NOT NULL PRIMARY KEY,
  author_id INT NOT NULL REFERENCES authors (id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE reviews (
  id INT NOT NULL PRIMARY KEY,
  reviewer_id INT NOT NULL REFERENCES reviewers (id)
) ENGINE=InnoDB;
