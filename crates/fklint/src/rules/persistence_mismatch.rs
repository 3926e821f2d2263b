//! FK109 persistence-mismatch.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK109",
    name: "persistence-mismatch",
    severity: Severity::Error,
    summary: "A foreign key from a permanent table to an UNLOGGED or temporary one (or similar).",
    docs: r#"## What it does
Checks that a foreign key never points at a less durable table: permanent tables may reference only permanent
tables, unlogged tables permanent or unlogged ones, temporary tables only temporary ones.

## Why it is bad
PostgreSQL rejects the statement: `constraints on permanent tables may reference only permanent tables`
(42P16). An unlogged table is emptied after a crash; a permanent row pointing into it would dangle.

## Example
```sql expect_diagnostic
CREATE UNLOGGED TABLE sessions (id uuid PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));
```

## Use instead
```sql valid
CREATE TABLE sessions (id uuid PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));
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
            let target = ctx.catalog.table(fk.reference()?.table);
            let table = ctx.catalog.table(fk.table);
            if table.persistence.may_reference(target.persistence) {
                return None;
            }
            let message = format!(
                "{} table `{}` cannot reference {} table `{}`; PostgreSQL rejects this (42P16)",
                table.persistence.keyword(),
                table.name,
                target.persistence.keyword(),
                target.name
            );
            let related = vec![RelatedLocation {
                location: target.location,
                message: format!(
                    "`{}` is created {} here",
                    target.name,
                    target.persistence.keyword()
                ),
            }];
            Some(
                META.diagnostic(message, fk.location)
                    .about(ctx.about_foreign_key(fk))
                    .with_related(related),
            )
        })
        .collect()
}
