-- database/migrations/001_users.sql
-- The app's users: one row per Supabase Auth user, same id. Rows are written by the app on sign-in.
CREATE TABLE public.users (
    id          uuid PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    full_name   text,
    role        text NOT NULL DEFAULT 'staff' CHECK (role IN ('admin', 'manager', 'staff')),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
