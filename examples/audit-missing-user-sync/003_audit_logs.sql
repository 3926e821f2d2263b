-- database/migrations/003_audit_logs.sql
-- Every inventory change is audited with the acting user. lib/audit.ts inserts auth.uid() as user_id:
-- an auth.users id, which exists in public.users only if the app wrote that row first.
CREATE TABLE public.audit_logs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES public.users (id),
    action      text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'adjust')),
    entity_type text NOT NULL,
    entity_id   uuid NOT NULL,
    changes     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_audit_logs_entity ON public.audit_logs (entity_type, entity_id);
CREATE INDEX idx_audit_logs_user ON public.audit_logs (user_id, created_at DESC);

CREATE OR REPLACE FUNCTION public.audit_inventory_change()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
AS $$
BEGIN
  INSERT INTO public.audit_logs (user_id, action, entity_type, entity_id, changes)
  VALUES (
    auth.uid(),
    lower(TG_OP),
    TG_TABLE_NAME,
    COALESCE(NEW.id, OLD.id),
    jsonb_build_object('old', to_jsonb(OLD), 'new', to_jsonb(NEW))
  );
  RETURN COALESCE(NEW, OLD);
END;
$$;

CREATE TRIGGER inventory_items_audit
  AFTER INSERT OR UPDATE OR DELETE ON public.inventory_items
  FOR EACH ROW EXECUTE FUNCTION public.audit_inventory_change();

-- Missing: a trigger on auth.users (handle_new_user) that creates the public.users row.
