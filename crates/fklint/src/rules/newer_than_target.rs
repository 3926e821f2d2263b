//! FK112 newer-than-target.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::RefusalReason;
use crate::diagnostic::{About, Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK112",
    name: "newer-than-target",
    severity: Severity::Error,
    summary: "The statement uses syntax the target PostgreSQL version does not have.",
    docs: r#"## What it does
Finds foreign keys written with syntax that the PostgreSQL version named by `--target` (or `target` in
`fklint.toml`) does not have yet: `ON DELETE SET NULL (columns)` and `SET DEFAULT (columns)` (PostgreSQL 15),
`NOT ENFORCED`, temporal keys (`PRIMARY KEY | UNIQUE (..., period WITHOUT OVERLAPS)`) and temporal foreign
keys (`FOREIGN KEY (..., PERIOD period)`), `ALTER CONSTRAINT ... [NOT] ENFORCED` and a `NOT VALID` foreign key
added to a partitioned table (PostgreSQL 18; before, 42809); and tables whose CREATE TABLE does (PostgreSQL 18:
`CONSTRAINT n NOT NULL col`, `NOT NULL ... NO INHERIT`, virtual generated columns), since what the server does
not create cannot be referenced. Without a target fklint judges for PostgreSQL 18, the newest release it
models, and reports none of these.

## Why it is bad
The older server stops at the syntax (SQLSTATE 42601): the statement is rejected, and with it the table or the
key it declares. A migration written against a newer local server fails on the production one.

## Example
```sql expect_diagnostic
-- target: postgres-14
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int NOT NULL, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (
    tenant_id int NOT NULL,
    author_id int,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id)
);
```

## Use instead
```sql valid
-- target: postgres-14
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int NOT NULL, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (
    tenant_id int NOT NULL,
    author_id int,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE NO ACTION
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
    let tables = ctx.catalog.refusals.iter().filter_map(|refusal| {
        let RefusalReason::NewerSyntax { what, since } = &refusal.reason else {
            return None;
        };
        let message = format!(
            "{what} needs PostgreSQL {since} or later, and the target is PostgreSQL {}: it rejects the statement \
             (42601), and the table is not created",
            ctx.catalog.postgres_major()
        );
        let about = refusal
            .tables
            .first()
            .map(|&table| About::table(ctx.subject(table, &refusal.columns)));
        Some(match about {
            Some(about) => META.diagnostic(message, refusal.location).about(about),
            None => META.diagnostic(message, refusal.location),
        })
    });
    let keys = ctx.catalog.newer_keys.iter().map(|key| {
        let message = message(ctx, key.syntax);
        let diagnostic = META.diagnostic(message, key.location);
        match key.table {
            Some(table) => diagnostic.about(crate::diagnostic::About::table(
                ctx.subject(table, &key.columns),
            )),
            None => diagnostic,
        }
    });
    ctx.catalog
        .foreign_keys
        .iter()
        .filter(|fk| !fk.uncertain)
        .filter_map(|fk| {
            let newer = ctx
                .catalog
                .newer_than_target(&fk.def)
                .or_else(|| ctx.catalog.not_valid_on_partitioned(fk))?;
            Some(META.diagnostic(message(ctx, newer), fk.location).about(ctx.about_foreign_key(fk)))
        })
        .chain(keys)
        .chain(tables)
        .collect()
}

fn message(ctx: &RuleContext, newer: crate::catalog::NewerSyntax) -> String {
    format!(
        "{} needs PostgreSQL {} or later, and the target is PostgreSQL {}: it rejects the statement ({})",
        newer.what,
        newer.since,
        ctx.catalog.postgres_major(),
        newer.sqlstate
    )
}
