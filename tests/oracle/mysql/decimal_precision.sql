-- oracle: DECIMAL keys of another precision: MariaDB 10.11 accepts them (InnoDB compares the storage format, and
-- the key type table generated from MariaDB agrees), so this is drift (FK202), not a rejection; equal ones are clean.
-- expect: FK202
CREATE TABLE prices (amount DECIMAL(10,2) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE quotes (
  id INT NOT NULL PRIMARY KEY,
  amount DECIMAL(12,2) NOT NULL,
  FOREIGN KEY (amount) REFERENCES prices (amount)
) ENGINE=InnoDB;
CREATE TABLE offers (
  id INT NOT NULL PRIMARY KEY,
  amount DECIMAL(10,2) NOT NULL,
  FOREIGN KEY (amount) REFERENCES prices (amount)
) ENGINE=InnoDB;
