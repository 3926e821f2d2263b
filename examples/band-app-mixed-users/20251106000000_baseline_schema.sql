-- supabase/migrations/20251106000000_baseline_schema.sql (before the fix)
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- ============================================================================
-- USERS: the app's own table; ids are meant to equal auth.users ids
-- (synchronised by the app, SupabaseAuthService.ts, not by the database)
-- ============================================================================
CREATE TABLE public.users (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT,
    created_date  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_login    TIMESTAMPTZ,
    auth_provider TEXT DEFAULT 'email'
);

CREATE TABLE public.user_profiles (
    id           UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id      UUID NOT NULL UNIQUE REFERENCES public.users(id) ON DELETE CASCADE,
    display_name TEXT,
    instruments  TEXT[] DEFAULT '{}',
    avatar_url   TEXT
);

-- ============================================================================
-- BANDS
-- ============================================================================
CREATE TABLE public.bands (
    id          UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name        TEXT NOT NULL,
    description TEXT,
    created_by  UUID NOT NULL REFERENCES public.users(id),
    created_date TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE public.band_memberships (
    id        UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    band_id   UUID NOT NULL REFERENCES public.bands(id) ON DELETE CASCADE,
    user_id   UUID NOT NULL REFERENCES public.users(id) ON DELETE CASCADE,
    role      TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member', 'viewer')),
    joined_date TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (band_id, user_id)
);
CREATE INDEX idx_band_memberships_user ON public.band_memberships (user_id);

-- ============================================================================
-- SONGS
-- ============================================================================
CREATE TABLE public.songs (
    id               UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    title            TEXT NOT NULL,
    artist           TEXT,
    key              TEXT,
    bpm              INTEGER,
    context_type     TEXT NOT NULL CHECK (context_type IN ('personal', 'band')),
    context_id       UUID NOT NULL,
    created_by       UUID NOT NULL REFERENCES public.users(id),
    created_date     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_modified    TIMESTAMPTZ,
    version          INTEGER NOT NULL DEFAULT 1,
    last_modified_by UUID REFERENCES auth.users(id)
);
CREATE INDEX idx_songs_context ON public.songs (context_type, context_id);

CREATE TABLE public.song_groups (
    id           UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    band_id      UUID NOT NULL REFERENCES public.bands(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    created_by   UUID NOT NULL REFERENCES public.users(id),
    created_date TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE public.song_group_memberships (
    id            UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    song_id       UUID NOT NULL REFERENCES public.songs(id) ON DELETE CASCADE,
    song_group_id UUID NOT NULL REFERENCES public.song_groups(id) ON DELETE CASCADE,
    added_by      UUID NOT NULL REFERENCES public.users(id),
    added_date    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (song_id, song_group_id)
);

-- ============================================================================
-- SETLISTS AND SHOWS
-- ============================================================================
CREATE TABLE public.setlists (
    id               UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    band_id          UUID NOT NULL REFERENCES public.bands(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    items            JSONB NOT NULL DEFAULT '[]',
    created_by       UUID NOT NULL REFERENCES public.users(id),
    created_date     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_modified    TIMESTAMPTZ,
    version          INTEGER NOT NULL DEFAULT 1,
    last_modified_by UUID REFERENCES auth.users(id)
);
CREATE INDEX idx_setlists_band ON public.setlists (band_id);

CREATE TABLE public.shows (
    id               UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    band_id          UUID NOT NULL REFERENCES public.bands(id) ON DELETE CASCADE,
    setlist_id       UUID REFERENCES public.setlists(id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    venue            TEXT,
    scheduled_date   TIMESTAMPTZ NOT NULL,
    created_by       UUID NOT NULL REFERENCES auth.users(id),
    created_date     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_modified    TIMESTAMPTZ,
    version          INTEGER NOT NULL DEFAULT 1,
    last_modified_by UUID REFERENCES auth.users(id)
);
CREATE INDEX idx_shows_band ON public.shows (band_id);

CREATE TABLE public.practice_sessions (
    id               UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    band_id          UUID NOT NULL REFERENCES public.bands(id) ON DELETE CASCADE,
    scheduled_date   TIMESTAMPTZ NOT NULL,
    duration         INTEGER,
    songs            JSONB NOT NULL DEFAULT '[]',
    last_modified    TIMESTAMPTZ,
    version          INTEGER NOT NULL DEFAULT 1,
    last_modified_by UUID REFERENCES auth.users(id)
);
CREATE INDEX idx_practice_sessions_band ON public.practice_sessions (band_id);

-- ============================================================================
-- AUDIT LOG
-- ============================================================================
CREATE TABLE public.audit_log (
    id          UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    table_name  TEXT NOT NULL,
    record_id   UUID NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    user_id     UUID REFERENCES auth.users(id),
    band_id     UUID REFERENCES public.bands(id) ON DELETE CASCADE,
    old_values  JSONB,
    new_values  JSONB,
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_audit_log_band ON public.audit_log (band_id, changed_at DESC);

-- ============================================================================
-- TRIGGERS: versioning and authorship, filled from auth.uid() (an auth.users id)
-- ============================================================================
CREATE OR REPLACE FUNCTION public.increment_version()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.version = COALESCE(OLD.version, 0) + 1;
  NEW.last_modified = NOW();
  NEW.last_modified_by = auth.uid();
  RETURN NEW;
END;
$$;

CREATE TRIGGER songs_version BEFORE UPDATE ON public.songs
  FOR EACH ROW EXECUTE FUNCTION public.increment_version();
CREATE TRIGGER setlists_version BEFORE UPDATE ON public.setlists
  FOR EACH ROW EXECUTE FUNCTION public.increment_version();
CREATE TRIGGER shows_version BEFORE UPDATE ON public.shows
  FOR EACH ROW EXECUTE FUNCTION public.increment_version();
CREATE TRIGGER practice_sessions_version BEFORE UPDATE ON public.practice_sessions
  FOR EACH ROW EXECUTE FUNCTION public.increment_version();

CREATE OR REPLACE FUNCTION public.set_created_by()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.created_by = auth.uid();
  RETURN NEW;
END;
$$;

CREATE TRIGGER shows_created_by BEFORE INSERT ON public.shows
  FOR EACH ROW EXECUTE FUNCTION public.set_created_by();
CREATE TRIGGER setlists_created_by BEFORE INSERT ON public.setlists
  FOR EACH ROW EXECUTE FUNCTION public.set_created_by();

-- No trigger on auth.users copies new sign-ups into public.users: that is left to the app.

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can upsert their own row" ON public.users
  FOR ALL USING (auth.uid() = id) WITH CHECK (auth.uid() = id);
