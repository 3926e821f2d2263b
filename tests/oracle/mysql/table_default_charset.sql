-- oracle: a legacy latin1 table and a new utf8mb4 one: the string columns take their table's DEFAULT CHARSET, so
-- oracle: an FK between them is rejected (errno 150) although both are written varchar(2); same charset is fine.
-- expect: FK201
CREATE TABLE countries (code varchar(2) NOT NULL PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=latin1;
CREATE TABLE cities (
  id int NOT NULL PRIMARY KEY,
  country_code varchar(2) NOT NULL,
  FOREIGN KEY (country_code) REFERENCES countries (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE towns (
  id int NOT NULL PRIMARY KEY,
  country_code varchar(2) NOT NULL,
  FOREIGN KEY (country_code) REFERENCES countries (code)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;
CREATE TABLE villages (
  id int NOT NULL PRIMARY KEY,
  country_code varchar(2) CHARACTER SET latin1 NOT NULL,
  FOREIGN KEY (country_code) REFERENCES countries (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
