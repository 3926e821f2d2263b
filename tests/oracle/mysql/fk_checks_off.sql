-- oracle: with SET FOREIGN_KEY_CHECKS=0 an FK to a table created later is accepted (mysqldump relies on it), and
-- oracle: it works once the table exists.
-- expect: clean
SET FOREIGN_KEY_CHECKS=0;
CREATE TABLE orders (
  id INT NOT NULL PRIMARY KEY,
  customer_id INT NOT NULL,
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;
CREATE TABLE customers (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
SET FOREIGN_KEY_CHECKS=1;
INSERT INTO customers VALUES (1);
INSERT INTO orders VALUES (10, 1);
