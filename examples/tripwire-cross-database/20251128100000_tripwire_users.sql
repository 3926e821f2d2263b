-- Tripwire: students of the free course, created by sales managers from the admin panel.
CREATE TABLE public.tripwire_users (
    id                  uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id             uuid NOT NULL,
    full_name           text NOT NULL,
    email               text NOT NULL,
    granted_by          uuid NOT NULL,          -- fklint: ids-from main (the sales manager who created the student)
    manager_name        text,
    generated_password  text NOT NULL,
    password_changed    boolean DEFAULT false,
    welcome_email_sent  boolean DEFAULT false,
    modules_completed   integer DEFAULT 0,
    status              text DEFAULT 'active',
    created_at          timestamptz DEFAULT now(),
    updated_at          timestamptz DEFAULT now(),
    CONSTRAINT tripwire_users_pkey PRIMARY KEY (id),
    CONSTRAINT tripwire_users_email_key UNIQUE (email),
    -- OK: the student is created in this database (supabase.auth.admin.createUser on the Tripwire project)
    CONSTRAINT tripwire_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users (id),
    -- the managers live in the MAIN platform's database: their UUIDs never exist here
    CONSTRAINT tripwire_users_granted_by_fkey FOREIGN KEY (granted_by) REFERENCES auth.users (id),
    CONSTRAINT tripwire_users_status_check CHECK (status IN ('active', 'inactive', 'completed', 'blocked'))
);

CREATE INDEX idx_tripwire_users_user_id ON public.tripwire_users (user_id);

ALTER TABLE public.tripwire_users ENABLE ROW LEVEL SECURITY;
