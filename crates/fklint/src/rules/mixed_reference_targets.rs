//! FK301 mixed-reference-targets.

use super::support::fix::{drop_constraint_sql, replace, ForeignKeySql};
use super::support::platform_users::{qualified, user_references, users, Users};
use super::{RuleContext, RuleMeta};
use crate::catalog::{ForeignKey, KeyMatch, Reference, TableId};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity, TextEdit};
use crate::ident::quote_if_needed;
use crate::types::{relate, TypeRelation};

pub const META: RuleMeta = RuleMeta {
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

/// How the references to users split: the target most of them use, and the ones that use another.
pub struct Split<'c> {
    pub target: TableId,
    pub target_key: String,
    pub majority: Vec<&'c ForeignKey>,
    pub minority: Vec<&'c ForeignKey>,
}

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

/// The split, when the references use more than one table. Ties go to the project's own table: it is the one
/// the application controls (and the write-ups chose).
pub fn split<'c>(users: &Users, references: &[&'c ForeignKey]) -> Option<Split<'c>> {
    let target_of = |fk: &ForeignKey| fk.reference().map(|r| r.table);
    let mut counts: Vec<(TableId, usize)> = Vec::new();
    for fk in references {
        let Some(table) = target_of(fk) else { continue };
        match counts.iter_mut().find(|(t, _)| *t == table) {
            Some((_, n)) => *n += 1,
            None => counts.push((table, 1)),
        }
    }
    if counts.len() < 2 {
        return None;
    }
    let (target, _) = counts
        .iter()
        .copied()
        .max_by_key(|&(table, n)| (n, table != users.source))?;
    let target_key = users.tables().find(|(t, _)| *t == target)?.1.to_string();
    let (majority, minority) = references
        .iter()
        .partition(|fk| target_of(fk) == Some(target));
    Some(Split {
        target,
        target_key,
        majority,
        minority,
    })
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

/// Points the foreign key at `target (key)`: the reference edited in place, or dropped and added again.
pub fn repoint_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    target: TableId,
    key: &str,
) -> Option<FixPlan> {
    let catalog = ctx.catalog;
    let reference = fk.reference()?;
    let compatible = match (
        catalog
            .table(fk.table)
            .column(fk.columns.first()?)
            .and_then(|c| c.ty.as_ref()),
        catalog
            .table(target)
            .column(key)
            .and_then(|c| c.ty.as_ref()),
    ) {
        (Some(a), Some(b)) => relate(a, b) != TypeRelation::Incompatible,
        _ => false,
    };
    if !compatible || fk.columns.len() != 1 {
        return None;
    }
    let name = catalog.table(target).name.sql();
    let mut edits: Vec<TextEdit> = vec![replace(fk.stmt.at(fk.def.ref_table.span), name.clone())];
    if let Some([column]) = fk.def.ref_columns.as_deref() {
        if column.value != key {
            edits.push(replace(fk.stmt.at(column.span), quote_if_needed(key)));
        }
    } else if reference.ref_columns.as_slice() != [key.to_string()] {
        return None;
    }
    let new_target = Reference {
        table: target,
        ref_columns: vec![key.to_string()],
        missing_columns: Vec::new(),
        key: KeyMatch::PrimaryKey,
        key_ref: None,
        pairs: Vec::new(),
    };
    let sql = format!(
        "{}\n{}",
        drop_constraint_sql(catalog, fk),
        ForeignKeySql {
            catalog,
            fk,
            target: &new_target,
            on_delete: None,
            on_update: None,
        }
        .add_constraint()
    );
    Some(FixPlan {
        title: format!("Reference `{name}`"),
        edits,
        sql: Some(sql),
        rerun_statement: None,
    })
}
