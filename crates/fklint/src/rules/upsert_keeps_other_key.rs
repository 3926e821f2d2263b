//! FK502 upsert-keeps-other-key.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::UpsertHazard;
use crate::diagnostic::{About, Diagnostic, RelatedLocation, Severity};
use crate::ident::quote_if_needed;

const META: RuleMeta = RuleMeta {
    code: "FK502",
    name: "upsert-keeps-other-key",
    severity: Severity::Warning,
    summary: "An upsert on another unique key keeps the existing row's id, but later rows reference the id it wrote.",
    docs: r#"## What it does
Finds `INSERT ... ON CONFLICT (other_unique_columns) DO UPDATE SET ...` that writes a literal referenced key (an
`id` that foreign keys point at) without updating it, followed by rows that reference that literal id.

## Why it is bad
When a row with the same conflict key already exists (the seed ran before, or the database already has that
user), PostgreSQL updates that row and keeps its old id: the id the upsert wrote is never inserted. Every later
row that references the written id then violates its foreign key (23503), but only on a database that already
had the row, so a fresh test database never shows it. When fklint knows the existing rows and one of them
conflicts, the later rows are also reported as FK501 errors.

## Example
```sql expect_diagnostic
CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE TABLE memberships (user_id text NOT NULL REFERENCES users (id), team text);
INSERT INTO users (id, email, name) VALUES ('user-1', 'a@example.com', 'A')
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO memberships (user_id, team) VALUES ('user-1', 'core');
```

## Use instead
Reference the row by its conflict key (or capture `RETURNING id`).
```sql valid
CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE TABLE memberships (user_id text NOT NULL REFERENCES users (id), team text);
INSERT INTO users (id, email, name) VALUES ('user-1', 'a@example.com', 'A')
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO memberships (user_id, team)
SELECT id, 'core' FROM users WHERE email = 'a@example.com';
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .data
        .upserts
        .iter()
        .filter_map(|h| diagnostic(ctx, h))
        .collect()
}

fn diagnostic(ctx: &RuleContext, hazard: &UpsertHazard) -> Option<Diagnostic> {
    let catalog = ctx.catalog;
    let table = catalog.table(hazard.table);
    let table_name = table.name.sql();
    let mut related = Vec::new();
    let mut referenced_values = Vec::new();
    for fk in catalog.foreign_keys.iter().filter(|fk| {
        !fk.uncertain
            && fk
                .reference()
                .is_some_and(|r| r.table == hazard.table && r.ref_columns == hazard.key_columns)
    }) {
        let child = catalog.table(fk.table).name.sql();
        for logged in catalog
            .data
            .log
            .iter()
            .filter(|l| l.table == fk.table && l.stmt.index > hazard.stmt.index)
        {
            let cells: Vec<_> = fk.columns.iter().map(|c| logged.cell(c).clone()).collect();
            let found = hazard.rows.iter().find(|(row, _, key)| {
                *key == cells
                    && (hazard.kept_existing.is_empty() || hazard.kept_existing.contains(row))
            });
            if let Some((_, written, _)) = found {
                let value = written.join(", ");
                related.push(RelatedLocation {
                    location: logged.location,
                    message: format!("this `{child}` row references {value}"),
                });
                if !referenced_values.contains(&value) {
                    referenced_values.push(value);
                }
            }
        }
    }
    if related.is_empty() {
        return None;
    }
    let key = hazard
        .key_columns
        .iter()
        .map(|c| quote_if_needed(c))
        .collect::<Vec<_>>()
        .join(", ");
    let conflict = hazard
        .conflict_columns
        .iter()
        .map(|c| quote_if_needed(c))
        .collect::<Vec<_>>()
        .join(", ");
    let existing = if hazard.kept_existing.is_empty() {
        format!("when a `{table_name}` row with the same ({conflict}) already exists (a re-run, or data already there)")
    } else {
        format!("a `{table_name}` row with the same ({conflict}) already exists here")
    };
    let message = format!(
        "ON CONFLICT ({conflict}) DO UPDATE does not set ({key}): {existing}, PostgreSQL keeps that row's \
         ({key}) and {} {} never inserted, so the later rows that reference {} violate their foreign key. \
         Reference the row by ({conflict}), e.g. `(SELECT {key} FROM {table_name} WHERE {conflict} = \
         ...)`, or use the upsert's `RETURNING {key}`",
        referenced_values.join(", "),
        if referenced_values.len() == 1 { "is" } else { "are" },
        if referenced_values.len() == 1 { "it" } else { "them" }
    );
    Some(
        META.diagnostic(message, hazard.conflict)
            .about(About::table(ctx.subject(hazard.table, &hazard.key_columns)))
            .with_related(related),
    )
}
