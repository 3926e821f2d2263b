-- oracle: FK301/FK302 on Supabase's tables (the preset is applied first): references to users split between
-- auth.users and public.users, and references into auth / storage that keep ON DELETE NO ACTION
-- expect: FK301 FK302
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE public.bands (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by uuid NOT NULL REFERENCES public.users (id)
);
CREATE TABLE public.songs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by       uuid NOT NULL REFERENCES public.users (id),
    last_modified_by uuid REFERENCES auth.users (id)
);
CREATE TABLE public.shows (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by uuid NOT NULL,
    CONSTRAINT shows_created_by_fkey FOREIGN KEY (created_by) REFERENCES auth.users
);
CREATE TABLE public.members (band_id uuid REFERENCES public.bands (id), user_id uuid REFERENCES public.users (id));
CREATE TABLE public.recordings (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    object_id uuid NOT NULL REFERENCES storage.objects (id),
    bucket_id text REFERENCES storage.buckets (id) ON DELETE RESTRICT
);
