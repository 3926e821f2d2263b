-- oracle: RENAME TABLE moves a table (and InnoDB renames its generated FK names); a procedure between
-- oracle: DELIMITER $$ lines whose END is glued to the delimiter; an FK to the old name is rejected.
-- expect: FK101
CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE members (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
RENAME TABLE accounts TO tenants, members TO tenant_members;
DELIMITER $$
CREATE PROCEDURE touch_tenants() BEGIN UPDATE tenants SET id = id WHERE id < 0; END$$
DELIMITER ;
CREATE TABLE invoices (id INT NOT NULL PRIMARY KEY, tenant_id INT NOT NULL, FOREIGN KEY (tenant_id) REFERENCES tenants (id)) ENGINE=InnoDB;
CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
