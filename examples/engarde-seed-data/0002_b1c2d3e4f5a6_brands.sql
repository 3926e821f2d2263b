-- Alembic revision b1c2d3e4f5a6 (brands and brand members), offline SQL.
CREATE TABLE brands (
    id          VARCHAR(36) NOT NULL,
    tenant_id   VARCHAR(36) NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL,
    industry    VARCHAR(100),
    is_active   BOOLEAN DEFAULT true,
    created_at  TIMESTAMP WITHOUT TIME ZONE DEFAULT now(),
    PRIMARY KEY (id)
);

CREATE INDEX ix_brands_tenant_id ON brands (tenant_id);

CREATE TABLE brand_members (
    id                 VARCHAR(36) PRIMARY KEY DEFAULT gen_random_uuid()::text,
    brand_id           VARCHAR(36) REFERENCES brands (id) ON DELETE CASCADE,
    user_id            VARCHAR(36) REFERENCES users (id) ON DELETE CASCADE,
    tenant_id          VARCHAR(36) REFERENCES tenants (id) ON DELETE CASCADE,
    role               VARCHAR(50) NOT NULL DEFAULT 'member',
    is_active          BOOLEAN DEFAULT TRUE,
    joined_at          TIMESTAMP DEFAULT NOW(),
    created_at         TIMESTAMP DEFAULT NOW(),
    updated_at         TIMESTAMP DEFAULT NOW(),
    custom_permissions JSONB DEFAULT '{}',
    invitation_id      VARCHAR(36),
    last_accessed_at   TIMESTAMP,
    access_count       INTEGER DEFAULT 0,
    UNIQUE (brand_id, user_id)
);

UPDATE alembic_version SET version_num = 'b1c2d3e4f5a6' WHERE alembic_version.version_num = '7456be403827';
