-- oracle: FK201 REFERENCES without column list into a schema-qualified table with a varchar key; quoted columns
-- expect: FK201
CREATE SCHEMA catalog;

CREATE TABLE catalog.products ("ProductId" varchar(36) PRIMARY KEY);

CREATE TABLE "CartItems" ("Id" int PRIMARY KEY, "ProductId" integer REFERENCES catalog.products);

CREATE TABLE wishlist (id int PRIMARY KEY, product_id date REFERENCES catalog.products ("ProductId"));
