-- Alembic revision 7456be403827 (initial migration), offline SQL (alembic upgrade --sql),
-- applied statement by statement.
-- upgrade() created tenant_roles inside a branch that never ran: the table was never created,
-- but tenant_users still declares its foreign key to it.
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE tenants (
    id         VARCHAR(36) NOT NULL,
    name       VARCHAR(255) NOT NULL,
    slug       VARCHAR(100) NOT NULL,
    plan       VARCHAR(50) DEFAULT 'free',
    is_active  BOOLEAN DEFAULT true,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    UNIQUE (slug)
);

CREATE TABLE users (
    id              VARCHAR(36) NOT NULL,
    email           VARCHAR(255) NOT NULL,
    hashed_password VARCHAR(255) NOT NULL,
    first_name      VARCHAR(100),
    last_name       VARCHAR(100),
    is_active       BOOLEAN DEFAULT true,
    is_superuser    BOOLEAN DEFAULT false,
    user_type       VARCHAR(50) DEFAULT 'brand',
    created_at      TIMESTAMP WITHOUT TIME ZONE DEFAULT now(),
    updated_at      TIMESTAMP WITHOUT TIME ZONE DEFAULT now(),
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_users_email ON users (email);

CREATE TABLE tenant_users (
    id          VARCHAR(36) NOT NULL,
    tenant_id   VARCHAR(36) NOT NULL,
    user_id     VARCHAR(36) NOT NULL,
    role_id     VARCHAR(36),
    permissions JSON,
    created_at  TIMESTAMP WITHOUT TIME ZONE DEFAULT now(),
    PRIMARY KEY (id),
    CONSTRAINT tenant_users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    CONSTRAINT tenant_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT tenant_users_role_id_fkey FOREIGN KEY (role_id) REFERENCES tenant_roles (id),
    UNIQUE (tenant_id, user_id)
);

CREATE INDEX ix_tenant_users_user_id ON tenant_users (user_id);

INSERT INTO alembic_version (version_num) VALUES ('7456be403827');
