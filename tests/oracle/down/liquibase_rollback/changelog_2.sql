--liquibase formatted sql

--changeset dev:3
CREATE TABLE staff (id int PRIMARY KEY, store_id int REFERENCES stores (id));
--rollback DROP TABLE stores;

--changeset dev:4
CREATE INDEX staff_store_idx ON staff (store_id);
--rollback DROP INDEX staff_store_idx;
