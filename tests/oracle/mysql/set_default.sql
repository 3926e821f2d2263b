-- oracle: InnoDB has no ON DELETE SET DEFAULT: MariaDB 10.11 accepts the table and keeps the key as RESTRICT
-- oracle: (information_schema says so; deleting a referenced plan then fails), MySQL 8 rejects it. FK402 warns.
-- expect: FK402
CREATE TABLE plans (code varchar(8) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE subscriptions (
  id int NOT NULL PRIMARY KEY,
  plan_code varchar(8) NOT NULL DEFAULT 'free',
  FOREIGN KEY (plan_code) REFERENCES plans (code) ON DELETE SET DEFAULT
) ENGINE=InnoDB;
