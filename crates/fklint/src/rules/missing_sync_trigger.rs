//! FK304 missing-sync-trigger.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::platform_users::{
    qualified, sync_fix, synced, user_references, users, Mirror, Users,
};
use crate::diagnostic::{About, Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK304",
    name: "missing-sync-trigger",
    severity: Severity::Warning,
    summary: "Foreign keys reference the project's copy of the platform's users, but nothing copies new users into it.",
    docs: r#"## What it does
Finds the project's copy of the platform's users (`public.users` next to Supabase's `auth.users`, or a table whose
key references `auth.users (id)`) that foreign keys reference, when no trigger on `auth.users` inserts into it.

## Why it is bad
Users are created by the platform: sign-up, the dashboard, invitations, OAuth. Until something writes their row
in the copy, every insert that references them there fails with 23503. When that something is application code
(an upsert after sign-in), it fails silently under RLS, on a network error or in a race, and users created from
the dashboard never get a row at all. Tests pass because fixtures write both tables.

## Example
```sql expect_diagnostic
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE public.audit_logs (id bigint PRIMARY KEY, user_id uuid NOT NULL REFERENCES public.users (id));
SELECT auth.uid();
```

## Use instead
Copy every new user in the database, where it cannot be skipped (and backfill the users who already exist):
```sql valid
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE public.audit_logs (id bigint PRIMARY KEY, user_id uuid NOT NULL REFERENCES public.users (id));
CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
  INSERT INTO public.users (id, email) VALUES (NEW.id, NEW.email) ON CONFLICT (id) DO NOTHING;
  RETURN NEW;
END;
$$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let Some(users) = users(ctx) else {
        return Vec::new();
    };
    users
        .mirrors
        .iter()
        .filter(|mirror| !synced(ctx, &users, mirror.table))
        .filter_map(|mirror| diagnostic(ctx, &users, mirror))
        .collect()
}

fn diagnostic(ctx: &RuleContext, users: &Users, mirror: &Mirror) -> Option<Diagnostic> {
    let catalog = ctx.catalog;
    let references: Vec<_> = user_references(ctx, users)
        .into_iter()
        .filter(|fk| fk.target_table() == Some(mirror.table))
        .collect();
    let first = references.first()?;
    let table = catalog.table(mirror.table);
    let source = qualified(&catalog.table(users.source).name);
    let platform = catalog
        .known_platform
        .as_ref()
        .map_or_else(|| "the platform".to_string(), |p| p.display_name());
    let message = format!(
        "`{}` holds the same users as `{source}` and {} foreign key(s) reference it (such as {}), but no trigger on \
         `{source}` inserts into it: a user created by {platform} (sign-up, the dashboard, an invitation) has no row \
         there until the application writes one, and every insert that references them fails with 23503 until \
         then. Copy new users with a trigger, and backfill the existing ones",
        qualified(&table.name),
        references.len(),
        ctx.fk_columns_label(first),
    );
    let related = vec![RelatedLocation {
        location: first.location,
        message: format!("{} references it", ctx.fk_columns_label(first)),
    }];
    Some(
        META.diagnostic(message, table.location)
            .about(About::table(ctx.subject(mirror.table, &[])))
            .with_related(related)
            .with_fix(sync_fix(ctx, users, mirror)),
    )
}
