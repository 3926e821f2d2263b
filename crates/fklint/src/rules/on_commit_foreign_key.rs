//! FK119 on-commit-foreign-key.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK119",
    name: "on-commit-foreign-key",
    severity: Severity::Error,
    summary: "A COMMIT PostgreSQL refuses: a table emptied at commit (ON COMMIT DELETE ROWS) is referenced by one that is not.",
    docs: r#"## What it does
Checks each commit of a session that uses temporary tables: PostgreSQL empties an `ON COMMIT DELETE ROWS` table
at every commit (of a transaction that used a temporary table), as a TRUNCATE would, and refuses when a table
not emptied with it references it. The commit fails with `unsupported ON COMMIT and foreign key combination`
(0A000) and the whole transaction is rolled back. Outside `BEGIN` ... `COMMIT` each statement commits on its own,
so the statement that creates the reference is the one refused.

## Why it is bad
Nothing the transaction did is kept: the tables it created are gone, and every later statement that uses them
fails too.

## Example
```sql expect_diagnostic
BEGIN;
CREATE TEMP TABLE cart (id int PRIMARY KEY) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE cart_items (id int PRIMARY KEY, cart_id int REFERENCES cart (id));
COMMIT;
```

## Use instead
Give both tables the same `ON COMMIT` setting.
```sql valid
BEGIN;
CREATE TEMP TABLE cart (id int PRIMARY KEY) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE cart_items (id int PRIMARY KEY, cart_id int REFERENCES cart (id)) ON COMMIT DELETE ROWS;
COMMIT;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// One error per refused commit, on the COMMIT (or the statement that was its own transaction).
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .on_commit_conflicts
        .iter()
        .map(|conflict| {
            let fk = &ctx.catalog.foreign_keys[conflict.foreign_key];
            let table = ctx.catalog.table(fk.table);
            let emptied = fk.target_table().map(|t| ctx.catalog.table(t));
            let emptied_name = emptied.map_or_else(|| fk.ref_name.to_string(), |t| t.name.to_string());
            let message = format!(
                "PostgreSQL refuses to commit the transaction: `{emptied_name}` is emptied at each commit (ON COMMIT DELETE \
                 ROWS) but `{}` references it and is not: unsupported ON COMMIT and foreign key combination \
                 (0A000); the transaction is rolled back. Give both tables the same ON COMMIT setting",
                table.name
            );
            let mut related = vec![RelatedLocation {
                location: fk.location,
                message: format!("`{}` references `{emptied_name}` here", table.name),
            }];
            if let Some(emptied) = emptied {
                related.push(RelatedLocation {
                    location: emptied.location,
                    message: format!("`{}` is created ON COMMIT DELETE ROWS here", emptied.name),
                });
            }
            META.diagnostic(message, conflict.stmt.location())
                .about(ctx.about_foreign_key(fk))
                .with_related(related)
        })
        .collect()
}
