//! FK107 missing-fk-column.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::missing_column::missing_column;
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ident::Ident;

const META: RuleMeta = RuleMeta {
    code: "FK107",
    name: "missing-fk-column",
    severity: Severity::Error,
    summary: "A column listed in FOREIGN KEY (...) does not exist in its own table.",
    docs: r#"## What it does
Finds `FOREIGN KEY (col)` where the table that declares the constraint has no column `col`, and the column
list of `ON DELETE SET NULL (...)` / `SET DEFAULT (...)` naming a column the table does not have, or one that
is not among the foreign key's columns.

## Why it is bad
PostgreSQL rejects the statement: `column "col" referenced in foreign key constraint does not exist` (42703),
or `column "col" referenced in ON DELETE SET action must be part of foreign key` (42P10).

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author int, FOREIGN KEY (author_id) REFERENCES users (id));
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int, FOREIGN KEY (author_id) REFERENCES users (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let set_columns = ctx
        .certain_foreign_keys()
        .filter_map(|fk| set_column_diagnostic(ctx, fk));
    ctx.certain_foreign_keys()
        .flat_map(|fk| {
            fk.missing_columns
                .iter()
                .map(move |column| diagnostic(ctx, fk, column))
        })
        .chain(set_columns)
        .collect()
}

/// `ON DELETE SET NULL | SET DEFAULT (columns)` naming a column the server refuses, when that is what it
/// stops at (an earlier refusal, such as a missing table, is reported by its own rule).
fn set_column_diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Option<Diagnostic> {
    let (column, sqlstate) = ctx.catalog.set_column_refusal(fk)?;
    if ctx.catalog.refusal(fk) != Some(sqlstate) {
        return None;
    }
    let table = ctx.catalog.table(fk.table);
    let problem = if sqlstate == "42703" {
        format!("which table `{}` does not have", table.name)
    } else {
        format!(
            "which is not one of the foreign key's columns ({})",
            fk.columns.join(", ")
        )
    };
    let message = format!(
        "ON DELETE {} names `{}`, {problem}; {}. List only columns of the foreign key",
        fk.def.on_delete.sql(),
        column.value,
        ctx.rejection(sqlstate, "", None)
    );
    Some(
        META.diagnostic(message, fk.location)
            .about(ctx.about_foreign_key(fk)),
    )
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, column: &Ident) -> Diagnostic {
    let table = ctx.catalog.table(fk.table);
    let message = format!(
        "table `{}` has no column `{}` for this foreign key",
        table.name, column.value
    );
    let rejection = ctx.rejection("42703", "error 1072: key column doesn't exist", None);
    let mut diagnostic = missing_column(
        ctx,
        &META,
        fk,
        table,
        column,
        message,
        |name| format!("Use column `{name}`"),
    )
    .about(ctx.about_foreign_key(fk));
    diagnostic.message.push_str(&format!(" {rejection}."));
    diagnostic
}
