-- database/migrations/002_inventory.sql
CREATE TABLE public.locations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL UNIQUE,
    created_by uuid REFERENCES public.users (id) ON DELETE SET NULL
);

CREATE TABLE public.inventory_items (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sku         text NOT NULL UNIQUE,
    name        text NOT NULL,
    quantity    integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    location_id uuid NOT NULL REFERENCES public.locations (id),
    updated_by  uuid REFERENCES public.users (id) ON DELETE SET NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_inventory_items_location ON public.inventory_items (location_id);
