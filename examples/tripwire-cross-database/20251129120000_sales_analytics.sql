-- Public profile table of this project, and per-manager sales statistics.
CREATE TABLE public.users (
    id         uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    email      text NOT NULL,
    full_name  text,
    role       text NOT NULL DEFAULT 'student',
    created_at timestamptz DEFAULT now()
);

CREATE TABLE public.sales_analytics (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    manager_id       uuid NOT NULL REFERENCES public.users (id),   -- fklint: ids-from main (a manager: another database again)
    period_start     date NOT NULL,
    period_end       date NOT NULL,
    students_created integer NOT NULL DEFAULT 0,
    revenue          numeric(12, 2) NOT NULL DEFAULT 0,
    UNIQUE (manager_id, period_start)
);

NOTIFY pgrst, 'reload schema';
