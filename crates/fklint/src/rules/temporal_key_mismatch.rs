//! FK114 temporal-key-mismatch.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::PeriodMismatch;
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK114",
    name: "temporal-key-mismatch",
    severity: Severity::Error,
    summary: "A temporal foreign key and the key it references disagree on PERIOD / WITHOUT OVERLAPS.",
    docs: r#"## What it does
Finds PostgreSQL 18 foreign keys whose `PERIOD` does not fit the key they reference: `PERIOD` on one side of
`FOREIGN KEY (...) REFERENCES t (...)` only, a key declared `WITHOUT OVERLAPS` referenced without `PERIOD`
(explicitly or as `REFERENCES t`), `PERIOD` with `REFERENCES t` whose primary key is an ordinary one, and a
referenced column list that names a column twice.

## Why it is bad
PostgreSQL rejects the statement: "foreign key uses PERIOD on the referenced table but not the referencing
table" (42830), "... on the referencing table but not the referenced table", "foreign key must use PERIOD when
referencing a primary key using WITHOUT OVERLAPS", "could not identify an overlaps operator for foreign key"
(42704). A temporal key is an exclusion constraint: rows are unique per instant, not per value, so a plain
foreign key cannot point at one row, and a temporal one needs a key whose period column matches its own.

## Example
```sql expect_diagnostic
-- target: postgres-18
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES rooms);
```

## Use instead
```sql valid
-- target: postgres-18
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (
    room_id int4range,
    valid_at daterange,
    FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at)
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
        .filter(|fk| fk.missing_columns.is_empty())
        .filter_map(|fk| {
            let reference = fk.reference()?;
            let mismatch = reference.period.filter(|_| reference.missing_columns.is_empty())?;
            let target = &ctx.catalog.table(reference.table).name;
            let why = match mismatch {
                PeriodMismatch::ReferencedOnly => format!(
                    "the key of `{target}` it references uses PERIOD (WITHOUT OVERLAPS) but the foreign key's own \
                     columns do not: write `PERIOD` before its last column"
                ),
                PeriodMismatch::ReferencingOnly => format!(
                    "the foreign key uses PERIOD on its own columns but not on the referenced columns of \
                     `{target}`: write `PERIOD` before the last referenced column"
                ),
                PeriodMismatch::DuplicateReferenced => format!(
                    "the referenced columns of `{target}` ({}) name a column twice",
                    reference.ref_columns.join(", ")
                ),
                PeriodMismatch::MustUsePeriod => format!(
                    "the key of `{target}` it references is WITHOUT OVERLAPS, so the foreign key must use PERIOD \
                     on both sides"
                ),
                PeriodMismatch::PlainPrimaryKey => format!(
                    "the foreign key uses PERIOD, but the primary key of `{target}` is not WITHOUT OVERLAPS, so \
                     there is no overlaps operator to check it with"
                ),
            };
            let message = format!(
                "{why}; PostgreSQL rejects the statement ({})",
                mismatch.sqlstate()
            );
            Some(META.diagnostic(message, fk.location).about(ctx.about_foreign_key(fk)))
        })
        .collect()
}
