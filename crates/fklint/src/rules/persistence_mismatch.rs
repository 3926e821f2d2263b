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

`ALTER TABLE ... SET LOGGED` of a table that references an unlogged one, and `SET UNLOGGED` of a table that a
permanent one references, are refused the same way (a table's references to itself do not count).

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
    let mut found = declared(ctx);
    found.extend(changed(ctx));
    found
}

/// Foreign keys declared between tables of the wrong persistence.
fn declared(ctx: &RuleContext) -> Vec<Diagnostic> {
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

/// `ALTER TABLE ... SET LOGGED | UNLOGGED` refused because of a foreign key (the table stays as it was).
fn changed(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .persistence_conflicts
        .iter()
        .map(|conflict| {
            let fk = &ctx.catalog.foreign_keys[conflict.foreign_key];
            let table = ctx.catalog.table(conflict.table);
            let (other, why) = if fk.table == conflict.table {
                let target = fk.target_table().map(|t| ctx.catalog.table(t));
                let name = target.map_or_else(|| fk.ref_name.to_string(), |t| t.name.to_string());
                (name.clone(), format!("it references UNLOGGED table `{name}`"))
            } else {
                let referencing = ctx.catalog.table(fk.table);
                (
                    referencing.name.to_string(),
                    format!("permanent table `{}` references it", referencing.name),
                )
            };
            let to = match conflict.to {
                crate::events::Persistence::Permanent => "logged",
                _ => "UNLOGGED",
            };
            let message = format!(
                "`{}` cannot become {to}: {why}; PostgreSQL rejects this (42P16) and the table stays as it was",
                table.name
            );
            let related = vec![RelatedLocation {
                location: fk.location,
                message: format!("the foreign key between `{}` and `{other}`", table.name),
            }];
            META.diagnostic(message, conflict.location)
                .about(ctx.about_foreign_key(fk))
                .with_related(related)
        })
        .collect()
}
