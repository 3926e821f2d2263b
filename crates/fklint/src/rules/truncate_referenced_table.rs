//! FK108 truncate-referenced-table.

use std::collections::HashSet;

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::rerun_fix;
use super::support::fix::insert_at;
use crate::catalog::{DropConflict, ForeignKey, TableId};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK108",
    name: "truncate-referenced-table",
    severity: Severity::Error,
    summary: "TRUNCATE of a table that other tables reference.",
    docs: r#"## What it does
Finds `TRUNCATE` of a table that foreign keys of other tables reference, when those tables are not truncated in
the same statement.

## Why it is bad
Without `CASCADE`, PostgreSQL rejects the statement: `cannot truncate a table referenced in a foreign key
constraint` (0A000), even when the referencing tables are empty. With `CASCADE` it succeeds and also empties every
referencing table, which a seed or reset script rarely means to do: a warning that names them.

## Example
```sql expect_diagnostic
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, tenant_id int REFERENCES tenants (id));
TRUNCATE tenants;
```

## Use instead
Truncate the referencing tables in the same statement.
```sql valid
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (id int PRIMARY KEY, tenant_id int REFERENCES tenants (id));
TRUNCATE tenants, users;
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
        .truncate_conflicts
        .iter()
        .filter(|c| {
            c.foreign_keys
                .iter()
                .all(|&id| !ctx.catalog.foreign_keys[id].uncertain)
        })
        .map(|c| diagnostic(ctx, c))
        .collect()
}

fn diagnostic(ctx: &RuleContext, conflict: &DropConflict) -> Diagnostic {
    let mut tables: Vec<String> = conflict
        .foreign_keys
        .iter()
        .map(|&id| {
            ctx.catalog
                .table(ctx.catalog.foreign_keys[id].table)
                .name
                .sql()
        })
        .collect();
    tables.dedup();
    let fix_list = tables_to_add(ctx, conflict)
        .iter()
        .map(|&t| ctx.catalog.table(t).name.sql())
        .collect::<Vec<_>>()
        .join(", ");
    let related = conflict
        .foreign_keys
        .iter()
        .map(|&id| {
            let fk = &ctx.catalog.foreign_keys[id];
            RelatedLocation {
                location: fk.location,
                message: format!("`{}` references it", fk.name),
            }
        })
        .collect();
    let list = tables.join(", ");
    if conflict.cascade {
        let message = format!(
            "TRUNCATE ... CASCADE of {} also empties {list}, which reference it",
            conflict.what
        );
        return META
            .diagnostic(message, conflict.location)
            .about(ctx.about_conflict(conflict))
            .with_severity(Severity::Warning)
            .with_related(related);
    }
    let message = format!(
        "cannot truncate {} because {list} {} it; PostgreSQL rejects this statement (0A000): truncate {} in \
         the same statement",
        conflict.what,
        if tables.len() == 1 { "references" } else { "reference" },
        if tables.len() == 1 { "it" } else { "them" },
    );
    let last_name_end = last_table_end(ctx, conflict);
    let edit = insert_at(conflict.stmt.location(), last_name_end, format!(", {fix_list}"));
    let fix = rerun_fix(
        format!("Truncate {fix_list} too"),
        vec![edit],
        conflict.stmt.location(),
        None,
    );
    META.diagnostic(message, conflict.location)
        .about(ctx.about_conflict(conflict))
        .with_related(related)
        .with_fix(Some(fix))
}

/// Where to add more tables: after the last table name of the TRUNCATE (before RESTART IDENTITY / CASCADE).
fn last_table_end(ctx: &RuleContext, conflict: &DropConflict) -> usize {
    ctx.catalog
        .truncate_conflicts
        .iter()
        .filter(|c| c.stmt == conflict.stmt)
        .map(|c| c.location.span.end)
        .max()
        .unwrap_or(conflict.location.span.end)
}

/// The tables the TRUNCATE must empty too: those that reference what it empties, and those that reference them
/// in turn (PostgreSQL refuses any foreign key into the emptied tables from outside them), as the foreign keys
/// stood at the statement.
fn tables_to_add(ctx: &RuleContext, conflict: &DropConflict) -> Vec<TableId> {
    let catalog = ctx.catalog;
    let at = conflict.stmt.index;
    let stood = |fk: &ForeignKey| {
        fk.stmt.index < at && fk.dropped.is_none_or(|d| d.index > at) && fk.clone_of.is_none()
    };
    let truncated: HashSet<TableId> = catalog
        .truncate_conflicts
        .iter()
        .filter(|c| c.stmt == conflict.stmt)
        .flat_map(|c| c.foreign_keys.iter())
        .filter_map(|&id| catalog.foreign_keys[id].target_table())
        .collect();
    let mut seen: HashSet<TableId> = HashSet::new();
    let mut added: Vec<TableId> = conflict
        .foreign_keys
        .iter()
        .map(|&id| catalog.foreign_keys[id].table)
        .filter(|&table| seen.insert(table))
        .collect();
    // Breadth first over the keys into each added table (from the catalog's index, not a scan of every key
    // per table: a chain of n tables truncated one by one made that cubic).
    let mut next = 0;
    while next < added.len() {
        let table = added[next];
        next += 1;
        for id in catalog.foreign_keys_targeting(table) {
            let fk = &catalog.foreign_keys[id];
            if stood(fk) && !truncated.contains(&fk.table) && seen.insert(fk.table) {
                added.push(fk.table);
            }
        }
    }
    added
}
