//! FK117 generated-column-foreign-key.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::{ForeignKey, GeneratedConflict};
use crate::diagnostic::{Diagnostic, FixPlan, Severity};
use crate::events::RefAction;

const META: RuleMeta = RuleMeta {
    code: "FK117",
    name: "generated-column-foreign-key",
    severity: Severity::Error,
    summary: "The foreign key cannot be built on a generated column as written.",
    docs: r#"## What it does
Finds PostgreSQL foreign keys whose referencing columns include a generated column
(`GENERATED ALWAYS AS (expr) STORED | VIRTUAL`) where the server refuses it: an action that would write the
column (`ON UPDATE CASCADE`, `SET NULL`, `SET DEFAULT`; `ON DELETE SET NULL`, `SET DEFAULT`), or a virtual
generated column (PostgreSQL 18), which is never stored and so cannot be checked.

## Why it is bad
Only its expression may write a generated column, so PostgreSQL rejects the statement that declares such a key
(42601 for the action, 0A000 for a virtual column): the table or the key does not exist afterwards, and every
later statement that uses it fails too.

## Example
```sql expect_diagnostic
CREATE TABLE products (sku int PRIMARY KEY);
CREATE TABLE bundles (
    id int PRIMARY KEY,
    sku int GENERATED ALWAYS AS (id * 10) STORED REFERENCES products (sku) ON UPDATE CASCADE
);
```

## Use instead
```sql valid
CREATE TABLE products (sku int PRIMARY KEY);
CREATE TABLE bundles (
    id int PRIMARY KEY,
    sku int GENERATED ALWAYS AS (id * 10) STORED REFERENCES products (sku) ON UPDATE NO ACTION
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
    ctx.certain_foreign_keys()
        .filter_map(|fk| {
            let conflict = fk.generated_conflict.as_ref()?;
            // Refused for something PostgreSQL checks first (the table, a column, the syntax): reported there.
            let first = ctx.catalog.refusal(fk)?;
            if first != conflict.sqlstate() || ctx.catalog.newer_than_target(&fk.def).is_some() {
                return None;
            }
            Some(diagnostic(ctx, fk, conflict))
        })
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, conflict: &GeneratedConflict) -> Diagnostic {
    let table = &ctx.catalog.tables[fk.table];
    let (message, location, fix) = match conflict {
        GeneratedConflict::Action { column, on_update } => {
            let (event, span) = if *on_update {
                ("UPDATE", fk.def.on_update_span)
            } else {
                ("DELETE", fk.def.on_delete_span)
            };
            let action = if *on_update { &fk.def.on_update } else { &fk.def.on_delete };
            let message = format!(
                "`ON {event} {}` would write `{}.{column}`, a generated column that only its expression may \
                 write; {}",
                action.sql(),
                table.name,
                ctx.rejection("42601", "", None)
            );
            let location = span.map_or(fk.location, |span| fk.stmt.at(span));
            // A virtual column refuses any key: NO ACTION would only meet the next refusal (0A000).
            let is_virtual = table
                .column(column)
                .and_then(|c| c.generated.as_ref())
                .is_some_and(|g| g.virtual_column);
            let fix = if is_virtual { None } else { no_action_fix(fk) };
            (message, location, fix)
        }
        GeneratedConflict::Virtual { column } => {
            let message = format!(
                "`{}.{column}` is a virtual generated column, computed when read and never stored, so no \
                 foreign key can check it; {}",
                table.name,
                ctx.rejection("0A000", "", None)
            );
            (message, fk.location, None)
        }
    };
    META.diagnostic(message, location)
        .about(ctx.about_foreign_key(fk))
        .with_fix(fix)
}

/// `NO ACTION` in place of every action that would write a generated column; the corrected statement runs
/// again (the server never ran the rejected one).
fn no_action_fix(fk: &ForeignKey) -> Option<FixPlan> {
    let writes = |action: &RefAction, on_update: bool| match action {
        RefAction::SetNull(_) | RefAction::SetDefault(_) => true,
        RefAction::Cascade => on_update,
        RefAction::NoAction | RefAction::Restrict => false,
    };
    let edits: Vec<_> = [
        ("DELETE", &fk.def.on_delete, fk.def.on_delete_span, false),
        ("UPDATE", &fk.def.on_update, fk.def.on_update_span, true),
    ]
    .into_iter()
    .filter(|(_, action, _, on_update)| writes(action, *on_update))
    .map(|(event, _, span, _)| span.map(|span| fix::replace(fk.stmt.at(span), format!("ON {event} NO ACTION"))))
    .collect::<Option<Vec<_>>>()?;
    Some(FixPlan {
        title: "Use NO ACTION".into(),
        edits,
        sql: None,
        rerun_statement: Some(fk.stmt.location()),
    })
}
