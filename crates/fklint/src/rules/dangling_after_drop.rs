//! FK106 dangling-after-drop.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, rerun_fix};
use super::support::fix::insert_at;
use crate::catalog::DropConflict;
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK106",
    name: "dangling-after-drop",
    severity: Severity::Error,
    summary:
        "A later DROP of the referenced table, column or key breaks foreign keys that depend on it.",
    docs: r#"## What it does
Finds `DROP TABLE`, `ALTER TABLE ... DROP COLUMN`, `DROP CONSTRAINT` and `DROP INDEX` statements that remove
something a foreign key of another table depends on.

## Why it is bad
Without `CASCADE`, PostgreSQL rejects the statement: `cannot drop table users because other objects depend on
it` (2BP01): an error. With `CASCADE` the statement succeeds and silently drops every dependent foreign key, so
the referencing tables lose their integrity checks: a warning that lists them.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int REFERENCES users (id));
DROP TABLE users;
```

## Use instead
Drop (or re-point) the dependent foreign keys explicitly first.
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int REFERENCES users (id));
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
DROP TABLE users;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .drop_conflicts
        .iter()
        .filter(|conflict| {
            conflict
                .foreign_keys
                .iter()
                .all(|&id| !ctx.catalog.foreign_keys[id].uncertain)
        })
        .map(|conflict| diagnostic(ctx, conflict))
        .collect()
}

fn diagnostic(ctx: &RuleContext, conflict: &DropConflict) -> Diagnostic {
    let fks: Vec<_> = conflict
        .foreign_keys
        .iter()
        .map(|&id| &ctx.catalog.foreign_keys[id])
        .collect();
    let names: Vec<String> = fks
        .iter()
        .map(|fk| format!("`{}` on `{}`", fk.name, ctx.catalog.table(fk.table).name))
        .collect();
    let related = fks
        .iter()
        .map(|fk| RelatedLocation {
            location: fk.location,
            message: format!("`{}` is declared here", fk.name),
        })
        .collect();
    // The edit runs where the DROP is, so it names each table as it was called then; the forward SQL runs after
    // every migration, under the final names.
    let drops_then: String = fks
        .iter()
        .map(|fk| {
            ctx.sql()
                .drop_foreign_key(ctx.catalog.table(fk.table).name_at(conflict.stmt.index), fk)
                + "\n"
        })
        .collect();
    let drops: String = fks
        .iter()
        .map(|fk| drop_foreign_key_sql(ctx.catalog, fk) + "\n")
        .collect();
    let edit = insert_at(
        conflict.stmt.location(),
        conflict.stmt.span.start,
        drops_then,
    );
    let (severity, message, fix) = if conflict.cascade {
        let message = format!(
            "dropping {} with CASCADE also drops the foreign key(s) {}: those tables silently lose their integrity \
             check",
            conflict.what,
            names.join(", ")
        );
        let fix = FixPlan {
            title: "Drop the dependent foreign keys explicitly, so the change is visible".into(),
            edits: vec![edit],
            sql: None,
            rerun_statement: None,
        };
        (Severity::Warning, message, fix)
    } else {
        let message = format!(
            "cannot drop {} because foreign key(s) {} depend on it; {}",
            conflict.what,
            names.join(", "),
            ctx.rejection(
                "2BP01",
                "error 1451; MySQL 8: error 3730, cannot drop a table referenced by a foreign key",
                None
            )
        );
        let fix = rerun_fix(
            "Drop the dependent foreign keys first".into(),
            vec![edit],
            conflict.stmt.location(),
            Some(drops.trim_end().to_string()),
        );
        (Severity::Error, message, fix)
    };
    META.diagnostic(message, conflict.location)
        .about(ctx.about_conflict(conflict))
        .with_severity(severity)
        .with_related(related)
        .with_fix(Some(fix))
}
