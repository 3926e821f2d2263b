//! FK201 incompatible-key-types.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::rerun_fix;
use super::support::fix;
use super::support::key_types::typed_pairs;
use crate::catalog::{ColumnPair, ForeignKey, Reference, TypeConflict};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::types::{SqlType, TypeRelation};

const META: RuleMeta = RuleMeta {
    code: "FK201",
    name: "incompatible-key-types",
    severity: Severity::Error,
    summary: "The server cannot create the foreign key: the column and key types are incompatible.",
    docs: r#"## What it does
Compares each referencing column's type with the referenced key column's type, using a table generated from
the server itself (every pair of common types tried as FK → PK): PostgreSQL, or for `--dialect mysql` MariaDB
with InnoDB. When the referenced table is missing but fklint suggests one (FK101), the suggestion's key is
compared, so both problems are reported at once.

InnoDB (MySQL/MariaDB) is stricter than PostgreSQL: integers must have the same size and signedness (`int` →
`bigint`, `int` → `int unsigned` are rejected; the display width `int(11)` does not matter), and string columns
the same character set and collation (their lengths may differ). fklint reads a string column without
`CHARACTER SET`/`COLLATE` as the MariaDB 10.11 server default, `utf8mb4_general_ci`.

SQLite never rejects a foreign key for its types, so this rule never fires there; see FK202 for the affinity
differences that still break matching.

## Why it is bad
The server rejects the statement. PostgreSQL: `foreign key constraint ... cannot be implemented: Key columns ...
are of incompatible types: integer and character varying` (42804); MariaDB: `Can't create table ... (errno: 150
"Foreign key constraint is incorrectly formed")` (1005); MySQL 8: 3780. The classic case is an `Integer` FK
column copied from code written before the keys became uuid, varchar or `bigint unsigned`.

## Example
```sql expect_diagnostic
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE orders (approved_by integer REFERENCES users (id));
```

## Use instead
```sql valid
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE orders (approved_by uuid REFERENCES users (id));
```

In MySQL/MariaDB, `int` cannot reference `bigint unsigned` (Laravel's `id()` key):
```sql expect_diagnostic
-- dialect: mysql
CREATE TABLE users (id bigint unsigned NOT NULL, PRIMARY KEY (id));
CREATE TABLE posts (author_id int(11), FOREIGN KEY (author_id) REFERENCES users (id));
```

Use the same size and signedness:
```sql valid
-- dialect: mysql
CREATE TABLE users (id bigint unsigned NOT NULL, PRIMARY KEY (id));
CREATE TABLE posts (author_id bigint(20) unsigned, FOREIGN KEY (author_id) REFERENCES users (id));
```

SQLite accepts any pair of types (FK202 warns when the affinities differ):
```sql valid
-- dialect: sqlite
CREATE TABLE users (id CHAR(36) PRIMARY KEY);
CREATE TABLE orders (approved_by TEXT REFERENCES users (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let declared = typed_pairs(ctx, TypeRelation::Incompatible)
        .map(|p| diagnostic(ctx, p.fk, p.reference, p.pair, p.fk_type, p.ref_type));
    let altered = ctx
        .catalog
        .type_conflicts
        .iter()
        .filter(|c| !ctx.catalog.foreign_keys[c.foreign_key].uncertain)
        .map(|c| type_change_diagnostic(ctx, c));
    declared.chain(altered).collect()
}

/// `ALTER COLUMN ... TYPE` on either side of an existing foreign key, to a type the other side cannot match.
fn type_change_diagnostic(ctx: &RuleContext, conflict: &TypeConflict) -> Diagnostic {
    let fk = &ctx.catalog.foreign_keys[conflict.foreign_key];
    let server = ctx.sql().type_change_refusal();
    let message = format!(
        "changing `{}` to {} breaks foreign key `{}`: `{}` is {}, and {server}, so it rejects this statement; \
         change both columns together or drop the foreign key first",
        conflict.column, conflict.new_type, fk.name, conflict.other_column, conflict.other_type
    );
    let related = vec![RelatedLocation {
        location: fk.location,
        message: format!("`{}` is declared here", fk.name),
    }];
    META.diagnostic(message, conflict.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
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
    let via_suggestion = if fk.reference().is_none() {
        format!(" (the table meant by `{}`)", fk.def.ref_table)
    } else {
        String::new()
    };
    let message = ctx.sql().incompatible_types(
        &format!("{table}.{}", pair.fk_column),
        &format!("{}.{}", target.name, pair.ref_column),
        &via_suggestion,
        fk_type,
        ref_type,
    );
    let mut related = Vec::new();
    if let Some(location) = pair.fk_type_location {
        related.push(RelatedLocation {
            location,
            message: format!("`{}` is declared {fk_type} here", pair.fk_column),
        });
    }
    if let Some(column) = target.column(&pair.ref_column) {
        if let Some(location) = column.type_location {
            related.push(RelatedLocation {
                location,
                message: format!("`{}.{}` is {ref_type}", target.name, pair.ref_column),
            });
        }
    }
    let fix = type_fix(ctx, fk, pair, ref_type);
    META.diagnostic(message, fk.location)
        .about(ctx.about_reference(fk, reference))
        .with_related(related)
        .with_fix(fix)
}

/// Change the referencing column's type. When the column is declared in the rejected statement itself, the
/// corrected statement is the forward fix; otherwise an ALTER COLUMN runs before the statement again.
fn type_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    pair: &ColumnPair,
    ref_type: &SqlType,
) -> Option<crate::diagnostic::FixPlan> {
    let text = ctx.sql().matching_type_text(pair)?;
    let location = pair.fk_type_location?;
    let edit = fix::replace(location, text);
    let inside = location.source == fk.stmt.source
        && location.span.start >= fk.stmt.span.start
        && location.span.end <= fk.stmt.span.end;
    let table = ctx.catalog.table(fk.table);
    let prefix = if inside {
        None
    } else {
        Some(ctx.sql().alter_column_type(
            ctx.catalog,
            table,
            &pair.fk_column,
            ref_type,
            true,
        ))
    };
    Some(rerun_fix(
        format!("Change `{}` to {ref_type}", pair.fk_column),
        vec![edit],
        fk.stmt.location(),
        prefix,
    ))
}
