//! FK301 mixed-reference-targets.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::platform_users::{
    qualified, repoint_fix, split, user_references, users, Split,
};
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK301",
    name: "mixed-reference-targets",
    severity: Severity::Warning,
    summary: "Foreign keys to the same users are split between the platform's users table and the project's copy.",
    docs: r#"## What it does
Finds foreign keys to one entity, the users, that point at two tables: some at the platform's `auth.users`, others
at the project's copy of it (`public.users`, or a table whose key references `auth.users (id)`), sometimes within
one table. The less used target is reported on each foreign key that uses it; the fix points it at the other.

## Why it is bad
The two tables hold the same ids only while something keeps them in sync. A user who signed up but whose
`public.users` row was never written (a failed upsert, an RLS policy, a race) can be referenced by half the
tables and not by the other half: inserts fail in production with 23503 while tests, whose fixtures write both
tables, pass. Which table a column points at then depends on who wrote the migration.

## Example
```sql expect_diagnostic
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL);
CREATE TABLE bands (id uuid PRIMARY KEY, created_by uuid NOT NULL REFERENCES public.users (id));
CREATE TABLE songs (id uuid PRIMARY KEY, created_by uuid REFERENCES public.users (id));
CREATE TABLE setlists (
    id uuid PRIMARY KEY,
    created_by uuid NOT NULL REFERENCES public.users (id),
    last_modified_by uuid REFERENCES auth.users (id)
);
```

## Use instead
One target for every reference to a user (and a trigger that fills it, see FK304).
```sql valid
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL);
CREATE TABLE bands (id uuid PRIMARY KEY, created_by uuid NOT NULL REFERENCES public.users (id));
CREATE TABLE setlists (
    id uuid PRIMARY KEY,
    created_by uuid NOT NULL REFERENCES public.users (id),
    last_modified_by uuid REFERENCES public.users (id)
);
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
    let references = user_references(ctx, &users);
    let Some(split) = split(&users, &references) else {
        return Vec::new();
    };
    split
        .minority
        .iter()
        .map(|fk| diagnostic(ctx, fk, &split))
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, split: &Split) -> Diagnostic {
    let catalog = ctx.catalog;
    let target = qualified(&catalog.table(split.target).name);
    let current = fk
        .reference()
        .map(|r| qualified(&catalog.table(r.table).name))
        .unwrap_or_default();
    let same_table = split.majority.iter().find(|other| other.table == fk.table);
    let within = same_table.map_or(String::new(), |other| {
        format!(
            ", even in the same table ({} → `{target}`)",
            ctx.fk_columns_label(other)
        )
    });
    let message = format!(
        "{} references `{current}`, but {} other reference(s) to the same users point at `{target}`{within}. \
         The two tables hold the same ids only while something copies every user into both: a user missing \
         from one makes inserts fail with 23503 in production while fixtures that write both tables pass. \
         Point it at `{target}` like the others",
        ctx.fk_columns_label(fk),
        split.majority.len()
    );
    let related = same_table
        .or(split.majority.first())
        .map(|other| RelatedLocation {
            location: other.location,
            message: format!("{} references `{target}`", ctx.fk_columns_label(other)),
        })
        .into_iter()
        .collect();
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(repoint_fix(ctx, fk, split.target, &split.target_key))
}
