//! FK102 missing-referenced-column.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::missing_column::missing_column;
use crate::catalog::{ForeignKey, Table};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::ident::Ident;

const META: RuleMeta = RuleMeta {
    code: "FK102",
    name: "missing-referenced-column",
    severity: Severity::Error,
    summary: "A referenced column does not exist in the referenced table.",
    docs: r#"## What it does
Finds `REFERENCES t (col)` where `t` has no column `col` at that point, and suggests the closest column.

## Why it is bad
PostgreSQL rejects the statement: `column "col" referenced in foreign key constraint does not exist` (42703).

## Example
```sql expect_diagnostic
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE posts (author_id uuid REFERENCES users (user_id));
```

## Use instead
```sql valid
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE posts (author_id uuid REFERENCES users (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for fk in ctx.certain_foreign_keys() {
        let Some(reference) = fk.reference() else {
            continue;
        };
        let table = ctx.catalog.table(reference.table);
        for column in &reference.missing_columns {
            out.push(diagnostic(ctx, fk, table, column));
        }
    }
    out
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, table: &Table, column: &Ident) -> Diagnostic {
    let related = vec![RelatedLocation {
        location: table.location,
        message: format!("`{}` is created here", table.name),
    }];
    let message = format!("table `{}` has no column `{}`", table.name, column.value);
    let rejection = ctx.rejection(
        "42703",
        "error 1005, errno 150: foreign key constraint is incorrectly formed",
        Some("foreign key mismatch"),
    );
    let mut diagnostic = missing_column(
        ctx,
        &META,
        fk,
        table,
        column,
        message,
        |name| format!("Reference `{}.{name}`", table.name),
    )
    .about(ctx.about_foreign_key(fk))
    .with_related(related);
    diagnostic.message.push_str(&format!(" {rejection}."));
    diagnostic
}
