-- oracle: seed rows: with the checks on, an order for a customer that does not exist is rejected (1452, FK501
-- oracle: error); with FOREIGN_KEY_CHECKS=0 (a dump) it is accepted (FK501 warning) and children may come before
-- oracle: their parents.
-- expect: FK501
CREATE TABLE customers (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE orders (id int NOT NULL PRIMARY KEY, customer_id int NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (10, 1), (11, 3);
SET FOREIGN_KEY_CHECKS = 0;
INSERT INTO orders VALUES (20, 4);
INSERT INTO orders VALUES (21, 5);
INSERT INTO customers VALUES (5);
SET FOREIGN_KEY_CHECKS = 1;
