-- What the SQLAlchemy models in deployment/models.py generate (before the fix).
CREATE TABLE deployment_instances (
    id          SERIAL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    deployed_by INTEGER REFERENCES "user" (id),  -- User who deployed
    approved_by INTEGER REFERENCES "user" (id)   -- User who approved
);

CREATE TABLE deployment_executions (
    id           SERIAL PRIMARY KEY,
    instance_id  INTEGER NOT NULL REFERENCES deployment_instances (id) ON DELETE CASCADE,
    triggered_by INTEGER REFERENCES "user" (id)  -- User or system
);
CREATE INDEX ix_deployment_executions_instance_id ON deployment_executions (instance_id);
