-- What the SQLAlchemy models in sales/models.py generate (before the fix).
CREATE TABLE orders (
    id             SERIAL PRIMARY KEY,
    order_number   VARCHAR(50) NOT NULL UNIQUE,
    tenant_id      INTEGER REFERENCES tenant (id),
    customer_email VARCHAR(255) NOT NULL,
    approved_by    INTEGER REFERENCES "user" (id)
);
CREATE INDEX ix_orders_tenant_id ON orders (tenant_id);

CREATE TABLE service_activations (
    id           SERIAL PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenant (id),
    service_name VARCHAR(100) NOT NULL,
    activated_by INTEGER REFERENCES "user" (id)
);
CREATE INDEX ix_service_activations_tenant_id ON service_activations (tenant_id);
