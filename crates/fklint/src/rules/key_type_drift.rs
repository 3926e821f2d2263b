//! FK202 key-type-drift.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use super::support::key_types::typed_pairs;
use crate::catalog::{ColumnPair, ForeignKey, Reference};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::types::{relate, SqlType, TypeRelation};

const META: RuleMeta = RuleMeta {
    code: "FK202",
    name: "key-type-drift",
    severity: Severity::Warning,
    summary: "The server accepts the foreign key, but the column and key types differ.",
    docs: r#"## What it does
Finds foreign keys whose column type differs from the referenced key's type in a way the server accepts:
in PostgreSQL `integer` → `bigint`, `varchar(36)` → `varchar(255)`, `text` → `varchar`; in MySQL/MariaDB
(InnoDB) strings of other lengths or `char` → `varchar` (what InnoDB accepts comes from a table generated from
MariaDB).

In SQLite, where any types are accepted, what counts is the *affinity* each declared type gives its column
(INTEGER, TEXT, BLOB, REAL, NUMERIC): `CHAR(36)` and `TEXT`, or `INT` and `BIGINT`, are the same. It warns when
one side has TEXT affinity and the other a numeric one (INTEGER, REAL, NUMERIC), as an `INTEGER` column
referencing a `VARCHAR(36)` key.

## Why it is bad
The constraint works today, but the two sides can drift apart: a `bigint` key outgrows an `integer` column, a
255-character key does not fit a 36-character column, comparisons need casts and indexes may not be used.
In SQLite, values are converted to the column's affinity when stored and to the key's when the foreign key is
checked, so keys that change on the way (text like `'007'` or `'1.0'`) never match.

## Example
```sql expect_diagnostic
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE payments (account_id integer REFERENCES accounts (id));
```

## Use instead
```sql valid
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE payments (account_id bigint REFERENCES accounts (id));
```

In MySQL/MariaDB, InnoDB accepts strings of different lengths:
```sql expect_diagnostic
-- dialect: mysql
CREATE TABLE tags (code varchar(36) NOT NULL, PRIMARY KEY (code));
CREATE TABLE post_tags (tag_code varchar(255), FOREIGN KEY (tag_code) REFERENCES tags (code));
```

```sql valid
-- dialect: mysql
CREATE TABLE tags (code varchar(36) NOT NULL, PRIMARY KEY (code));
CREATE TABLE post_tags (tag_code varchar(36), FOREIGN KEY (tag_code) REFERENCES tags (code));
```

In SQLite, an INTEGER column referencing a TEXT key:
```sql expect_diagnostic
-- dialect: sqlite
CREATE TABLE identities (id VARCHAR(36) PRIMARY KEY);
CREATE TABLE sessions (identity_id INTEGER REFERENCES identities (id));
```

Any declared type of the same affinity matches:
```sql valid
-- dialect: sqlite
CREATE TABLE identities (id VARCHAR(36) PRIMARY KEY);
CREATE TABLE sessions (identity_id CHAR(36) REFERENCES identities (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    // Drift matters while the key exists: one dropped later (as the MySQL fix does, to change the column)
    // is gone.
    let mut out: Vec<Diagnostic> = typed_pairs(ctx, TypeRelation::Drift)
        .filter(|p| p.fk.is_live())
        .map(|p| diagnostic(ctx, p.fk, p.reference, p.pair, p.fk_type, p.ref_type))
        .collect();
    out.extend(later_drift(ctx));
    out
}

/// Drift that a later `ALTER COLUMN ... TYPE` created (Rails' `change_column :accounts, :id, :bigint` leaves
/// every `account_id integer` behind): the types at the end differ where they matched when declared.
fn later_drift(ctx: &RuleContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for fk in ctx.accepted_foreign_keys() {
        let Some(reference) = fk.reference() else {
            continue;
        };
        for declared in &reference.pairs {
            let was_same = match (&declared.fk_type, &declared.ref_type) {
                (Some(a), Some(b)) => relate(a, b) == TypeRelation::Same,
                _ => false,
            };
            let fk_column = ctx.catalog.table(fk.table).column(&declared.fk_column);
            let ref_column = ctx
                .catalog
                .table(reference.table)
                .column(&declared.ref_column);
            let (Some(fk_column), Some(ref_column)) = (fk_column, ref_column) else {
                continue;
            };
            let (Some(fk_type), Some(ref_type)) = (&fk_column.ty, &ref_column.ty) else {
                continue;
            };
            if was_same && relate(fk_type, ref_type) == TypeRelation::Drift {
                let now = crate::catalog::ColumnPair {
                    fk_column: fk_column.name.clone(),
                    fk_type: Some(fk_type.clone()),
                    fk_type_text: fk_column.type_text.clone(),
                    fk_type_location: fk_column.type_location,
                    ref_column: ref_column.name.clone(),
                    ref_type: Some(ref_type.clone()),
                    ref_type_text: ref_column.type_text.clone(),
                };
                out.push(diagnostic(ctx, fk, reference, &now, fk_type, ref_type));
            }
        }
    }
    out
}

fn diagnostic(
    ctx: &RuleContext,
    fk: &ForeignKey,
    reference: &Reference,
    pair: &ColumnPair,
    fk_type: &SqlType,
    ref_type: &SqlType,
) -> Diagnostic {
    let table = &ctx.catalog.table(fk.table).name;
    let target = ctx.catalog.table(reference.table);
    let message = ctx.sql().type_drift(
        &format!("{table}.{}", pair.fk_column),
        &format!("{}.{}", target.name, pair.ref_column),
        fk_type,
        ref_type,
    );
    let mut related = Vec::new();
    if let Some(location) = target
        .column(&pair.ref_column)
        .and_then(|c| c.type_location)
    {
        related.push(RelatedLocation {
            location,
            message: format!("`{}.{}` is {ref_type}", target.name, pair.ref_column),
        });
    }
    let fix = match (ctx.sql().matching_type_text(pair), pair.fk_type_location) {
        (Some(text), Some(location)) => Some(FixPlan {
            title: format!("Change `{}` to {ref_type}", pair.fk_column),
            edits: vec![fix::replace(location, text)],
            sql: Some(ctx.sql().alter_column_type(
                ctx.catalog,
                ctx.catalog.table(fk.table),
                &pair.fk_column,
                ref_type,
                false,
            )),
            rerun_statement: None,
        }),
        _ => None,
    };
    let location = pair
        .fk_type_location
        .filter(|l| l.source == fk.stmt.source)
        .unwrap_or(fk.location);
    META.diagnostic(message, location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(fix)
}
