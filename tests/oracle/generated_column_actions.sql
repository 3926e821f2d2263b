-- oracle: a foreign key over a stored generated column is refused with an action that would write the column
-- oracle: (ON UPDATE CASCADE / SET NULL / SET DEFAULT, ON DELETE SET NULL / SET DEFAULT), in CREATE TABLE and ALTER
-- oracle: TABLE alike; NO ACTION, RESTRICT and ON DELETE CASCADE are accepted,
-- oracle: and so is referencing a generated column
-- expect: FK117
CREATE TABLE products (sku int PRIMARY KEY, code int GENERATED ALWAYS AS (sku * 2) STORED UNIQUE);
CREATE TABLE bundles (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 10) STORED REFERENCES products ON UPDATE CASCADE);
CREATE TABLE boxes (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 10) STORED REFERENCES products ON DELETE SET NULL);
CREATE TABLE packs (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 10) STORED REFERENCES products ON DELETE CASCADE ON UPDATE RESTRICT);
CREATE TABLE kits (id int PRIMARY KEY, n int, sku int GENERATED ALWAYS AS (n + 1) STORED);
ALTER TABLE kits ADD CONSTRAINT kits_pair_fkey FOREIGN KEY (sku) REFERENCES products (code) ON UPDATE SET NULL;
ALTER TABLE kits ADD CONSTRAINT kits_sku_fkey FOREIGN KEY (sku) REFERENCES products ON DELETE SET DEFAULT;
CREATE TABLE sets (id int PRIMARY KEY, n int, sku int GENERATED ALWAYS AS (n + 1) STORED);
ALTER TABLE sets ADD CONSTRAINT sets_sku_fkey FOREIGN KEY (sku) REFERENCES products;
CREATE TABLE offers (id int PRIMARY KEY, code int REFERENCES products (code) ON UPDATE CASCADE ON DELETE SET NULL);
