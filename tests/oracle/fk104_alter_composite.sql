-- oracle: FK104 ALTER TABLE ADD CONSTRAINT with one column against a two-column unique key, schema-qualified
-- expect: FK104
CREATE SCHEMA geo;

CREATE TABLE geo.cities (country char(2), name text, UNIQUE (country, name));

CREATE TABLE offices (id int PRIMARY KEY, city text);

ALTER TABLE offices ADD CONSTRAINT offices_city_fk FOREIGN KEY (city) REFERENCES geo.cities (country, name);
