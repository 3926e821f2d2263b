-- oracle: FK201 ALTER TABLE ADD CONSTRAINT where the column was declared earlier with an incompatible type
-- expect: FK201
CREATE TABLE users (id uuid PRIMARY KEY);

CREATE TABLE orders (id int PRIMARY KEY, approved_by int);

ALTER TABLE orders ADD CONSTRAINT orders_approved_by_fk FOREIGN KEY (approved_by) REFERENCES users (id);
