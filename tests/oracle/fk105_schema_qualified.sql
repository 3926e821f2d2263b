-- oracle: FK105 schema-qualified tables created in the wrong order
-- expect: FK105
CREATE SCHEMA crm;

CREATE TABLE crm.contacts (
    id int PRIMARY KEY,
    company_id int REFERENCES crm.companies (id)
);

CREATE TABLE crm.companies (id int PRIMARY KEY, name text);
