-- oracle: FK304/FK305 on Supabase (the preset is applied first): a users mirror that foreign keys reference but
-- no trigger fills, auth.uid() written by a trigger and a default into columns that reference it or another table
-- expect: FK304 FK305
CREATE TABLE public.users (
    id         uuid PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    full_name  text,
    role       text NOT NULL DEFAULT 'staff'
);
CREATE TABLE public.teams (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE public.notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id    uuid REFERENCES public.teams (id),
    author_id  uuid NOT NULL DEFAULT auth.uid() REFERENCES public.users (id) ON DELETE CASCADE,
    editor_id  uuid REFERENCES public.teams (id),
    body       text
);
CREATE FUNCTION public.stamp_editor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.editor_id := auth.uid();
  RETURN NEW;
END;
$$;
CREATE TRIGGER notes_editor BEFORE UPDATE ON public.notes FOR EACH ROW EXECUTE FUNCTION public.stamp_editor();
