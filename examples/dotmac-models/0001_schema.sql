-- The tables that exist in the database (see the write-up's "Database Schema Reference").
CREATE TABLE tenants (
    id   VARCHAR(255) PRIMARY KEY,  -- UUID as string
    name VARCHAR(255),
    slug VARCHAR(255) UNIQUE
);

CREATE TABLE users (
    id       UUID PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email    VARCHAR(255) NOT NULL
);

CREATE TABLE workflow_executions (
    id        SERIAL PRIMARY KEY,
    tenant_id VARCHAR(255) REFERENCES tenants (id)
);
CREATE INDEX ix_workflow_executions_tenant_id ON workflow_executions (tenant_id);
