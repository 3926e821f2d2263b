-- oracle: DECIMAL keys must have the same precision and scale (errno 150); equal ones are accepted.
-- expect: FK201
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
