-- oracle: FK102 REFERENCES a column that was dropped, and a column by its name before a rename
-- expect: FK102
CREATE TABLE products (id int PRIMARY KEY, legacy_code text UNIQUE);

ALTER TABLE products DROP COLUMN legacy_code;

CREATE TABLE imports (id int PRIMARY KEY, code text REFERENCES products (legacy_code));

CREATE TABLE suppliers (supplier_id int PRIMARY KEY);

ALTER TABLE suppliers RENAME COLUMN supplier_id TO id;

CREATE TABLE deliveries (id int PRIMARY KEY, supplier_id int REFERENCES suppliers (supplier_id));

-- Valid: the new name.
CREATE TABLE returns (id int PRIMARY KEY, supplier_id int REFERENCES suppliers (id));
