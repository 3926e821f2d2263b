//! FK305 identity-source-mismatch.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::platform_users::{qualified, repoint_fix, sync_fix, synced, users, Users};
use crate::catalog::{ForeignKey, TableId};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::source::Location;

const META: RuleMeta = RuleMeta {
    code: "FK305",
    name: "identity-source-mismatch",
    severity: Severity::Warning,
    summary: "A trigger, function or default writes the signed-in user's id (`auth.uid()`) into a column whose foreign key \
              points at a table that id is not guaranteed to be in.",
    docs: r#"## What it does
Finds where the platform's signed-in user id (Supabase: `auth.uid()`, an `auth.users` id) is written into a column
(a trigger's `NEW.col := auth.uid()`, an `INSERT ... VALUES (auth.uid(), ...)` in a function, a column
`DEFAULT auth.uid()`) whose foreign key points at a table other than `auth.users` that nothing fills from it.

## Why it is bad
`auth.uid()` returns a row of `auth.users`. If the column references `public.users` and no trigger copies new
users there, the insert fails with 23503 for every user whose copy is missing: the write happens in the
database, after the application thought the user existed.

## Example
```sql expect_diagnostic
CREATE TABLE public.users (id uuid PRIMARY KEY, email text NOT NULL);
CREATE TABLE public.notes (
    id         bigint PRIMARY KEY,
    created_by uuid NOT NULL DEFAULT auth.uid() REFERENCES public.users (id)
);
```

## Use instead
Reference the table the id comes from, or keep the copy filled by a trigger (FK304's fix).
```sql valid
CREATE TABLE public.notes (
    id         bigint PRIMARY KEY,
    created_by uuid NOT NULL DEFAULT auth.uid() REFERENCES auth.users (id) ON DELETE CASCADE
);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// A place that writes the signed-in user's id into a column.
struct IdentityWrite {
    table: TableId,
    column: String,
    location: Location,
    /// How the value gets there, for the message.
    how: String,
    /// The trigger that runs the function, when it is a trigger.
    trigger: Option<Location>,
}

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let Some(users) = users(ctx) else {
        return Vec::new();
    };
    let Some(call) = identity_call(ctx) else {
        return Vec::new();
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for write in identity_writes(ctx, &call) {
        for fk in ctx
            .accepted_foreign_keys()
            .filter(|fk| fk.table == write.table && fk.columns.as_slice() == [write.column.clone()])
        {
            if let Some(diagnostic) = diagnostic(ctx, &users, &write, fk, &call) {
                let repeated = diagnostics
                    .iter()
                    .any(|d| d.location == diagnostic.location && d.message == diagnostic.message);
                if !repeated {
                    diagnostics.push(diagnostic);
                }
            }
        }
    }
    diagnostics
}

/// `auth.uid(`: how the identity function is called, lower-cased.
fn identity_call(ctx: &RuleContext) -> Option<String> {
    let function = ctx
        .catalog
        .known_platform
        .as_ref()?
        .identity_function
        .as_ref()?;
    Some(format!("{}.{}(", function.schema, function.name))
}

/// Every trigger assignment, function insert and column default that writes the identity call.
fn identity_writes(ctx: &RuleContext, call: &str) -> Vec<IdentityWrite> {
    let catalog = ctx.catalog;
    let mut writes = Vec::new();
    for trigger in &catalog.triggers {
        let Some(function) = catalog.trigger_function(trigger) else {
            continue;
        };
        for write in &function.def.writes {
            let table = match &write.table {
                None if trigger.def.before => Some(trigger.table),
                None => None,
                Some(name) => catalog.find_table(name),
            };
            let Some(table) = table.filter(|_| write.value.contains(call)) else {
                continue;
            };
            writes.push(IdentityWrite {
                table,
                column: write.column.clone(),
                location: function.stmt.at(write.span),
                how: format!(
                    "trigger `{}` on `{}` runs {}()",
                    trigger.def.name.value,
                    catalog.table(trigger.table).name.sql(),
                    function.name.sql()
                ),
                trigger: Some(trigger.stmt.location()),
            });
        }
    }
    // Functions no trigger runs (called by the application, e.g. through PostgREST's RPC) that insert it.
    let run_by_triggers: Vec<_> = catalog
        .triggers
        .iter()
        .filter_map(|t| catalog.trigger_function(t))
        .map(|f| f.stmt)
        .collect();
    for function in catalog
        .functions
        .iter()
        .filter(|f| !catalog.is_platform(f.stmt) && !run_by_triggers.contains(&f.stmt))
    {
        for write in &function.def.writes {
            let Some(table) = write
                .table
                .as_ref()
                .and_then(|name| catalog.find_table(name))
                .filter(|_| write.value.contains(call))
            else {
                continue;
            };
            writes.push(IdentityWrite {
                table,
                column: write.column.clone(),
                location: function.stmt.at(write.span),
                how: format!("{}() inserts it", function.name.sql()),
                trigger: None,
            });
        }
    }
    for table in catalog
        .live_tables()
        .filter(|t| !catalog.is_platform(t.created))
    {
        for column in &table.columns {
            let default = column.default.as_deref().unwrap_or("").to_ascii_lowercase();
            let compact: String = default.split_whitespace().collect();
            if compact.contains(call) {
                writes.push(IdentityWrite {
                    table: table.id,
                    column: column.name.clone(),
                    location: column.location,
                    how: "its default".to_string(),
                    trigger: None,
                });
            }
        }
    }
    writes
}

fn diagnostic(
    ctx: &RuleContext,
    users: &Users,
    write: &IdentityWrite,
    fk: &ForeignKey,
    call: &str,
) -> Option<Diagnostic> {
    let catalog = ctx.catalog;
    let target = fk.reference()?.table;
    let mirror = users.mirrors.iter().find(|m| m.table == target);
    if target == users.source || (mirror.is_some() && synced(ctx, users, target)) {
        return None;
    }
    let source = qualified(&catalog.table(users.source).name);
    let target_name = qualified(&catalog.table(target).name);
    let why = match mirror {
        Some(_) => format!("which nothing fills from `{source}` (no trigger on it inserts there)"),
        None => format!("which is not `{source}`"),
    };
    let message = format!(
        "{} gets {call}) here ({}): an id from `{source}`, but its foreign key `{}` points at `{target_name}`, {why}: the \
         write fails with 23503 for every user without a row there",
        ctx.fk_columns_label(fk),
        write.how,
        fk.name,
    );
    let mut related = vec![RelatedLocation {
        location: fk.location,
        message: format!("`{}` references `{target_name}`", fk.name),
    }];
    if let Some(trigger) = write.trigger {
        related.push(RelatedLocation {
            location: trigger,
            message: "the trigger".into(),
        });
    }
    let fix = match mirror {
        Some(mirror) => sync_fix(ctx, users, mirror),
        None => repoint_fix(ctx, fk, users.source, &users.key),
    };
    Some(
        META.diagnostic(message, write.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related)
            .with_fix(fix),
    )
}
