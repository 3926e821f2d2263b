-- oracle: FK001 `NOT VALID` on a column's REFERENCES is a syntax error (only table constraints can be NOT VALID): the CREATE TABLE or ADD COLUMN is rejected and leaves nothing, so the foreign key it declares blocks no later DROP, and the same table can be created again
-- expect: FK001 FK106
CREATE TABLE plans (id int PRIMARY KEY);

CREATE TABLE plans_old (id int PRIMARY KEY);

CREATE TABLE subscriptions (id int PRIMARY KEY, plan_id int REFERENCES plans_old NOT VALID);

CREATE TABLE subscriptions (id int PRIMARY KEY, plan_id int REFERENCES plans);

ALTER TABLE subscriptions ADD COLUMN old_plan_id int REFERENCES plans_old NOT VALID;

-- Neither rejected statement left a foreign key to plans_old.
DROP TABLE plans_old;

-- A table constraint may say NOT VALID (in CREATE TABLE it means nothing): this one blocks the drop.
CREATE TABLE invoices (id int PRIMARY KEY, plan_id int, FOREIGN KEY (plan_id) REFERENCES plans NOT VALID);

DROP TABLE plans;
