//! FK602 down-does-not-restore-foreign-keys.
//!
//! Not a check of one catalog: `fklint check --down` (the driver's `down` module) replays the ups before a
//! step, then the step and its down, and hands both catalogs to [`compare`].

use std::collections::BTreeMap;

use super::context::{Rule, RuleMeta};
use crate::catalog::{Catalog, ForeignKey};
use crate::diagnostic::{About, Diagnostic, FixPlan, RelatedLocation, Severity, Subject, TextEdit};
use crate::dialect_sql;
use crate::dialect::Dialect;
use crate::source::{Location, Source};

const META: RuleMeta = RuleMeta {
    code: "FK602",
    name: "down-does-not-restore-foreign-keys",
    severity: Severity::Warning,
    summary: "A down migration leaves the foreign keys different from what they were before its up ran.",
    docs: r#"## What it does
With `fklint check --down`, replays the migrations up to each one that has a down part (a goose or dbmate
`Down` section, a `.down.sql` file, diesel's `down.sql`, a Flyway `U` file, a sqitch `revert/` script,
Liquibase `--rollback` lines, the `down()` of a TypeScript migration), then its down, and compares the foreign
keys with those before its up ran: the same tables, columns, referenced tables and columns, `ON DELETE` and
`ON UPDATE`. A foreign key the down leaves behind, or one it loses, is reported once per down, with each
difference as a related location. Constraint names are not compared, nor keys on tables whose statements
fklint could not read. A down with no statement (a section left empty: the migration is not meant to be
reverted) is not checked. A down the server rejects is reported by the rule that finds the rejection (a
`DROP TABLE` that other tables' keys still need is FK106), not by this one. The fix ends the down with the SQL
that drops the keys it left and adds back the ones it lost, as they were (none for SQLite, which rebuilds
tables to change keys).

## Why it is bad
The server runs the down without complaint, and the database is not what the migrations before it built:
rolling back and migrating up again (`goose redo`, `diesel migration redo`) fails on a key that already
exists, or a key the application relies on (a cascade, a parent that must exist) is silently gone until
someone notices orphaned rows.

## Example
Each `-- file:` line starts a migration file (goose, here). The second migration replaces a key by a cascading
one; its down drops the new key but does not put the old one back:

```sql expect_diagnostic
-- file: migrations/1_init.sql
-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int CONSTRAINT posts_author_fk REFERENCES users (id));
-- +goose Down
DROP TABLE posts;
DROP TABLE users;
-- file: migrations/2_cascade.sql
-- +goose Up
ALTER TABLE posts DROP CONSTRAINT posts_author_fk;
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;
-- +goose Down
ALTER TABLE posts DROP CONSTRAINT posts_author_fk;
```

## Use instead
Undo every change of the up, the key included:

```sql valid
-- file: migrations/1_init.sql
-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int CONSTRAINT posts_author_fk REFERENCES users (id));
-- +goose Down
DROP TABLE posts;
DROP TABLE users;
-- file: migrations/2_cascade.sql
-- +goose Up
ALTER TABLE posts DROP CONSTRAINT posts_author_fk;
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;
-- +goose Down
ALTER TABLE posts DROP CONSTRAINT posts_author_fk;
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
```
"#,
};

/// This rule in the registry: its findings come from [`compare`], not from a check of one catalog.
pub const RULE: Rule = Rule {
    meta: META,
    check: None,
};

/// What makes two foreign keys the same edge of the graph: tables, columns and actions, not the name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    schema: String,
    table: String,
    columns: Vec<String>,
    ref_schema: String,
    ref_table: String,
    ref_columns: Vec<String>,
    on_delete: String,
    on_update: String,
}

impl Edge {
    fn label(&self) -> String {
        let qualified = |schema: &str, table: &str| {
            if schema == "public" || schema.is_empty() {
                table.to_string()
            } else {
                format!("{schema}.{table}")
            }
        };
        let actions: String = [("DELETE", &self.on_delete), ("UPDATE", &self.on_update)]
            .iter()
            .filter(|(_, action)| !action.is_empty() && *action != "NO ACTION")
            .map(|(when, action)| format!(" ON {when} {action}"))
            .collect();
        format!(
            "`{}({})` → `{}({})`{actions}",
            qualified(&self.schema, &self.table),
            self.columns.join(", "),
            qualified(&self.ref_schema, &self.ref_table),
            self.ref_columns.join(", ")
        )
    }

    /// Whether fklint could know every name of the edge in this catalog.
    fn certain_in(&self, catalog: &Catalog) -> bool {
        let name = |schema: &str, table: &str| crate::ident::QualName::new(schema, table);
        let uncertain_table = |schema: &str, table: &str| {
            catalog.is_uncertain(&name(schema, table))
                || catalog
                    .live_tables()
                    .any(|t| t.uncertain && t.name.schema == schema && t.name.name == table)
        };
        !uncertain_table(&self.schema, &self.table)
            && !uncertain_table(&self.ref_schema, &self.ref_table)
    }
}

/// The project's live foreign keys as edges.
fn edges(catalog: &Catalog) -> BTreeMap<Edge, &ForeignKey> {
    catalog
        .live_foreign_keys()
        .filter(|fk| !fk.uncertain && !catalog.is_platform(fk.stmt))
        .filter_map(|fk| Some((edge(catalog, fk)?, fk)))
        .collect()
}

/// The SQL that brings the keys back after the down: drop what it left, add back what it lost (as they were
/// before the step). `None` where the dialect cannot alter foreign keys (SQLite rebuilds tables).
fn restoring_sql(
    before: &Catalog,
    after: &Catalog,
    kept: &[(&Edge, &&ForeignKey)],
    lost: &[(&Edge, &&ForeignKey)],
) -> Option<String> {
    if !dialect_sql::for_dialect(after.dialect).alters_foreign_keys() {
        return None;
    }
    let drops = kept
        .iter()
        .map(|(_, fk)| dialect_sql::drop_foreign_key_sql(after, fk));
    let adds = lost.iter().filter_map(|(_, fk)| {
        let target = fk.reference()?;
        Some(
            dialect_sql::ForeignKeySql {
                catalog: before,
                fk,
                target,
                on_delete: None,
                on_update: None,
            }
            .add_constraint(),
        )
    });
    let sql: Vec<String> = drops.chain(adds).collect();
    (!sql.is_empty()).then(|| sql.join("\n"))
}

fn edge(catalog: &Catalog, fk: &ForeignKey) -> Option<Edge> {
    let table = &catalog.table(fk.table).name;
    let (target, ref_columns) = match fk.reference() {
        Some(reference) => (
            catalog.table(reference.table).name.clone(),
            reference.ref_columns.clone(),
        ),
        // Bound late (SQLite, MySQL without checks): the name it waits for.
        None if fk.binds_late => (
            fk.ref_name.clone(),
            fk.def
                .ref_columns
                .as_ref()
                .map(|c| c.iter().map(|i| i.value.clone()).collect())
                .unwrap_or_default(),
        ),
        None => return None,
    };
    // PostgreSQL keeps the case of quoted names; the others compare column names without case.
    let fold = |columns: &[String]| -> Vec<String> {
        match catalog.dialect {
            Dialect::Postgres => columns.to_vec(),
            _ => columns.iter().map(|c| c.to_lowercase()).collect(),
        }
    };
    Some(Edge {
        schema: table.schema.clone(),
        table: table.name.clone(),
        columns: fold(&fk.columns),
        ref_schema: target.schema.clone(),
        ref_table: target.name.clone(),
        ref_columns: fold(&ref_columns),
        on_delete: fk.def.on_delete.sql(),
        on_update: fk.def.on_update.sql(),
    })
}

/// Where a down starts (the finding's place) and where it ends (its fix goes after it).
#[derive(Debug, Clone, Copy)]
pub struct DownSpan {
    pub start: Location,
    /// Just after the last statement and its `;`.
    pub end: Location,
    /// Whether the last statement has its `;` (else the fix adds one).
    pub terminated: bool,
}

/// The finding when the foreign keys after a step and its down (`after`) differ from those before the step
/// (`before`); `down` is where the down is, `step` the migration it reverts.
pub fn compare(
    before: &Catalog,
    after: &Catalog,
    down: DownSpan,
    step: &Source,
) -> Option<Diagnostic> {
    let was = edges(before);
    let is = edges(after);
    let certain = |edge: &Edge| edge.certain_in(before) && edge.certain_in(after);
    let kept: Vec<(&Edge, &&ForeignKey)> = is
        .iter()
        .filter(|(edge, _)| !was.contains_key(*edge) && certain(edge))
        .collect();
    let lost: Vec<(&Edge, &&ForeignKey)> = was
        .iter()
        .filter(|(edge, _)| !is.contains_key(*edge) && certain(edge))
        .collect();
    let first = kept.first().or(lost.first())?.0;
    let list = |edges: &[(&Edge, &&ForeignKey)]| {
        edges
            .iter()
            .map(|(e, _)| e.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !kept.is_empty() {
        parts.push(format!("leaves {} that it did not have", list(&kept)));
    }
    if !lost.is_empty() {
        parts.push(format!("loses {}", list(&lost)));
    }
    let message = format!(
        "reverting `{}` does not bring the foreign keys back to what they were before it ran: the database {}",
        step.name,
        parts.join(", and ")
    );
    let mut diagnostic = META.diagnostic(message, down.start);
    diagnostic.related = kept
        .iter()
        .map(|(e, fk)| RelatedLocation {
            location: fk.location,
            message: format!("{} is declared here and is still there after the down", e.label()),
        })
        .chain(lost.iter().map(|(e, fk)| RelatedLocation {
            location: fk.location,
            message: format!("{} existed before the migration and is gone after its down", e.label()),
        }))
        .collect();
    diagnostic.fix = restoring_sql(before, after, &kept, &lost).map(|sql| FixPlan {
        title: "End the down with what brings the foreign keys back".to_string(),
        edits: vec![TextEdit {
            location: down.end,
            replacement: format!("{}\n{sql}", if down.terminated { "" } else { ";" }),
        }],
        sql: Some(sql),
        rerun_statement: None,
    });
    diagnostic.about = About::table(Subject {
        schema: first.schema.clone(),
        table: first.table.clone(),
        columns: first.columns.clone(),
    });
    Some(diagnostic)
}
