-- oracle: int → bigint: InnoDB wants the same integer size on both sides (1005 errno 150); FK201.
-- expect: FK201
CREATE TABLE accounts (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE invoices (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id INT NOT NULL,
  CONSTRAINT fk_invoices_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
