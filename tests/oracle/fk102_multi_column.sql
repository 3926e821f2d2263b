-- oracle: FK102 a table-level multi-column foreign key naming one column the key does not have
-- expect: FK102
CREATE TABLE regions (country char(2), code text, name text, PRIMARY KEY (country, code));

CREATE TABLE stores (
    id int PRIMARY KEY,
    country char(2) NOT NULL,
    region text NOT NULL,
    FOREIGN KEY (country, region) REFERENCES regions (country, region_code)
);
