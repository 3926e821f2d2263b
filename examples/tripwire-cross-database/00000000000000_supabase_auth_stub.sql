-- A minimal stand-in for what Supabase provides in every project (not part of the app's migrations):
-- the `auth` schema, its `users` table and `auth.uid()`.
CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.users (
    id                 uuid PRIMARY KEY,
    email              varchar(255),
    encrypted_password varchar(255),
    raw_user_meta_data jsonb,
    raw_app_meta_data  jsonb,
    created_at         timestamptz DEFAULT now(),
    updated_at         timestamptz DEFAULT now()
);

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $$
  SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid
$$;
