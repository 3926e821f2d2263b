-- scripts/seed_demo_data.sql, version 1.0.0 (before the fix).
-- Users are upserted by email: a user who already exists keeps its old id (e.g. 'demo-user-id'),
-- but the rows below use the ids this script expects ('user-demo-main', ...).
INSERT INTO tenants (id, name, slug, plan) VALUES
    ('tenant-demo-main',  'EnGarde Demo',       'demo',       'enterprise'),
    ('tenant-techflow',   'TechFlow Solutions', 'techflow',   'pro'),
    ('tenant-ecostyle',   'EcoStyle Fashion',   'ecostyle',   'pro'),
    ('tenant-globaleats', 'GlobalEats Delivery','globaleats', 'pro'),
    ('tenant-shared',     'Team Testing',       'shared',     'free')
ON CONFLICT (id) DO NOTHING;

INSERT INTO users (id, email, hashed_password, first_name, last_name, user_type) VALUES
    ('user-demo-main', 'demo@engarde.com',    '$2b$12$demo.hash', 'Demo',  'User',  'brand'),
    ('user-demo-1',    'demo1@engarde.local', '$2b$12$demo.hash', 'Tess',  'Flow',  'brand'),
    ('user-demo-2',    'demo2@engarde.local', '$2b$12$demo.hash', 'Eco',   'Style', 'brand'),
    ('user-demo-3',    'demo3@engarde.local', '$2b$12$demo.hash', 'Glen',  'Eats',  'brand')
ON CONFLICT (email) DO UPDATE SET
    hashed_password = EXCLUDED.hashed_password,
    updated_at      = now();

INSERT INTO tenant_roles (id, tenant_id, name, permissions, is_system_role) VALUES
    ('role-demo-main-admin', 'tenant-demo-main',  'Admin', '["*"]', true),
    ('role-techflow-admin',  'tenant-techflow',   'Admin', '["*"]', true),
    ('role-ecostyle-admin',  'tenant-ecostyle',   'Admin', '["*"]', true),
    ('role-globaleats-admin','tenant-globaleats', 'Admin', '["*"]', true),
    ('role-shared-member',   'tenant-shared',     'Member', '["read"]', true);

INSERT INTO tenant_users (id, tenant_id, user_id, role_id, permissions, created_at) VALUES
    ('tu-1', 'tenant-demo-main',  'user-demo-main', 'role-demo-main-admin',  '["*"]', NOW()),
    ('tu-2', 'tenant-techflow',   'user-demo-1',    'role-techflow-admin',   '["*"]', NOW()),
    ('tu-3', 'tenant-ecostyle',   'user-demo-2',    'role-ecostyle-admin',   '["*"]', NOW()),
    ('tu-4', 'tenant-globaleats', 'user-demo-3',    'role-globaleats-admin', '["*"]', NOW()),
    ('tu-5', 'tenant-shared',     'user-demo-main', 'role-shared-member',    '["read"]', NOW())
ON CONFLICT (tenant_id, user_id) DO NOTHING;

INSERT INTO brands (id, tenant_id, name, industry) VALUES
    ('brand-demo-main',  'tenant-demo-main',  'EnGarde Demo',        'marketing'),
    ('brand-techflow',   'tenant-techflow',   'TechFlow Solutions',  'software'),
    ('brand-ecostyle',   'tenant-ecostyle',   'EcoStyle Fashion',    'retail'),
    ('brand-globaleats', 'tenant-globaleats', 'GlobalEats Delivery', 'food'),
    ('brand-shared',     'tenant-shared',     'Team Testing Brand',  'testing')
ON CONFLICT (id) DO NOTHING;

INSERT INTO brand_members (brand_id, user_id, tenant_id, role, is_active, joined_at, created_at) VALUES
    -- demo@engarde.com owns all 4 demo brands, but only 'brand-demo-main' is inserted above
    ('brand-demo-main',        'user-demo-main', 'tenant-demo-main', 'owner', true, NOW(), NOW()),
    ('brand-demo-main-retail', 'user-demo-main', 'tenant-demo-main', 'owner', true, NOW(), NOW()),
    ('brand-demo-main-tech',   'user-demo-main', 'tenant-demo-main', 'owner', true, NOW(), NOW()),
    ('brand-demo-main-health', 'user-demo-main', 'tenant-demo-main', 'owner', true, NOW(), NOW()),
    ('brand-techflow',   'user-demo-1',    'tenant-techflow',   'owner',  true, NOW(), NOW()),
    ('brand-ecostyle',   'user-demo-2',    'tenant-ecostyle',   'owner',  true, NOW(), NOW()),
    ('brand-globaleats', 'user-demo-3',    'tenant-globaleats', 'owner',  true, NOW(), NOW()),
    ('brand-shared',     'user-demo-main', 'tenant-shared',     'admin',  true, NOW(), NOW()),
    ('brand-shared',     'user-demo-1',    'tenant-shared',     'member', true, NOW(), NOW()),
    ('brand-shared',     'user-demo-2',    'tenant-shared',     'member', true, NOW(), NOW()),
    ('brand-shared',     'user-demo-3',    'tenant-shared',     'member', true, NOW(), NOW())
ON CONFLICT (brand_id, user_id) DO NOTHING;
