//! FK202 key-type-drift.

use super::fix::{self, alter_column_type_sql, matching_type_text};
use super::incompatible_key_types::typed_pairs;
use super::{RuleContext, RuleMeta};
use crate::catalog::{ColumnPair, ForeignKey, Reference};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::types::{SqlType, TypeRelation};

pub const META: RuleMeta = RuleMeta {
    code: "FK202",
    name: "key-type-drift",
    severity: Severity::Warning,
    summary: "PostgreSQL accepts the foreign key, but the column and key types differ.",
    docs: r#"## What it does
Finds foreign keys whose column type differs from the referenced key's type in a way PostgreSQL accepts:
`integer` → `bigint`, `varchar(36)` → `varchar(255)`, `text` → `varchar`.

## Why it is bad
The constraint works today, but the two sides can drift apart: a `bigint` key outgrows an `integer` column, a
255-character key does not fit a 36-character column, comparisons need casts and indexes may not be used.

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
"#,
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    typed_pairs(ctx, TypeRelation::Drift)
        .map(|p| diagnostic(ctx, p.fk, p.reference, p.pair, p.fk_type, p.ref_type))
        .collect()
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
    let message = format!(
        "`{table}.{}` is {fk_type} but the key `{}.{}` is {ref_type}; PostgreSQL accepts this, but values can \
         stop fitting and lookups need casts: use {ref_type}",
        pair.fk_column, target.name, pair.ref_column
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
    let fix = match (matching_type_text(pair), pair.fk_type_location) {
        (Some(text), Some(location)) => Some(FixPlan {
            title: format!("Change `{}` to {ref_type}", pair.fk_column),
            edits: vec![fix::replace(location, text)],
            sql: Some(alter_column_type_sql(
                table,
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
        .with_related(related)
        .with_fix(fix)
}
