--liquibase formatted sql

--changeset dev:1
CREATE TABLE regions (id int PRIMARY KEY);
--rollback DROP TABLE regions;

--changeset dev:2
CREATE TABLE stores (id int PRIMARY KEY, region_id int REFERENCES regions (id));
--rollback DROP TABLE stores;
