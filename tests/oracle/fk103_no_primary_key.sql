-- oracle: FK103 REFERENCES without a column list to a table that has only a UNIQUE constraint, via ALTER TABLE
-- expect: FK103
-- regression (a core bug this fixture found, fixed): FK103's message cites SQLSTATE 42830 for `REFERENCES t` without a primary key; PostgreSQL raises 42704
-- regression (a core bug this fixture found, fixed): (there is no primary key for referenced table)
CREATE TABLE coupon_codes (code text UNIQUE, discount int);

CREATE TABLE coupon_uses (id int PRIMARY KEY, code text);

ALTER TABLE coupon_uses ADD CONSTRAINT coupon_uses_code_fk FOREIGN KEY (code) REFERENCES coupon_codes;
