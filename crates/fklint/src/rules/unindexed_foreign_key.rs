//! FK404 unindexed-foreign-key.

use crate::events::Persistence;
use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix::{self, join_idents};
use std::collections::HashMap;

use crate::catalog::{Catalog, ForeignKey, Index, TableId};
use crate::diagnostic::{Diagnostic, FixPlan, Group, GroupFix, Severity};
use crate::ident::{choose_constraint_name, column_name_addition, quote_if_needed};

const META: RuleMeta = RuleMeta {
    code: "FK404",
    name: "unindexed-foreign-key",
    severity: Severity::Info,
    summary: "No index starts with the foreign key's columns.",
    docs: r#"## What it does
Finds foreign keys for which no index (including primary key and unique constraints) of the referencing table
starts with the foreign key's columns, in any order.

One cause, one finding: the cause is the columns without an index, so the foreign keys of one table on the
same columns (in any order) are one finding, at the first, with the others as related locations; its fix, one
index, serves all of them. Foreign keys on other columns need other indexes: other findings.

## Why it is bad
PostgreSQL indexes the referenced key, not the referencing columns. Every delete or key update of a parent row
scans the child table to check for references, and joins from parent to children cannot use an index.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
```

Two foreign keys on one column are one finding (one index fixes both):
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE profiles (user_id int PRIMARY KEY REFERENCES users (id));
CREATE TABLE comments (
    id int PRIMARY KEY,
    author_id int REFERENCES users (id),
    FOREIGN KEY (author_id) REFERENCES profiles (user_id)
);
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
CREATE INDEX posts_author_id_idx ON posts (author_id);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    // InnoDB creates an index for every foreign key that has none: there is nothing to advise.
    if ctx.catalog.dialect.indexes_foreign_keys() {
        return Vec::new();
    }
    let mut indexes: HashMap<TableId, Vec<&Index>> = HashMap::new();
    for index in ctx.catalog.live_indexes().filter(|i| !i.partial) {
        indexes.entry(index.table).or_default().push(index);
    }
    ctx.accepted_foreign_keys()
        // A temporary table lives for one session: no later migration could index it.
        .filter(|fk| ctx.catalog.table(fk.table).persistence != Persistence::Temporary)
        .filter(|fk| {
            let table_indexes = indexes.get(&fk.table).map_or(&[][..], Vec::as_slice);
            fk.missing_columns.is_empty() && !is_indexed(ctx.catalog, table_indexes, fk)
        })
        .map(|fk| diagnostic(ctx, fk))
        .collect()
}

/// Whether some index's leading columns are exactly the foreign key's columns (as a set).
fn is_indexed(catalog: &Catalog, indexes: &[&Index], fk: &ForeignKey) -> bool {
    let table = catalog.table(fk.table);
    let from_keys = table
        .live_keys()
        .any(|k| leads_with(k.columns.iter().map(Some), &fk.columns));
    let from_indexes = indexes
        .iter()
        .any(|i| leads_with(i.columns.iter().map(Option::as_ref), &fk.columns));
    from_keys || from_indexes || table.uncertain
}

/// Whether the first `columns.len()` of a key's or an index's columns (`None`: an expression), read in place,
/// are `columns` in any order.
fn leads_with<'a>(
    leading: impl ExactSizeIterator<Item = Option<&'a String>>,
    columns: &[String],
) -> bool {
    leading.len() >= columns.len()
        && leading
            .take(columns.len())
            .all(|c| c.is_some_and(|c| columns.contains(c)))
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let table = ctx.catalog.table(fk.table);
    // A free name: a partial index may already have the default one (and IF NOT EXISTS would then skip ours).
    let index_name = choose_constraint_name(
        &table.name.name,
        Some(&column_name_addition(&fk.columns)),
        "idx",
        |name| ctx.catalog.relation_name_taken(&table.name.schema, name),
    );
    let create_on = |name: &crate::ident::QualName| {
        format!(
            "CREATE INDEX {} ON {} ({})",
            quote_if_needed(&index_name),
            name.sql(),
            join_idents(&fk.columns)
        )
    };
    // The edit goes into the migration where the table may still have an older name; the forward SQL runs
    // after all of them.
    let create = create_on(table.name_at(fk.stmt.index + 1));
    let create_now = create_on(&table.name);
    let message = format!(
        "no index on {} starts with the foreign key's columns: deleting a referenced row scans `{}`",
        ctx.fk_columns_label(fk),
        table.name
    );
    let edit = if table.partitioned {
        // Partitions created later get their own copy of a parent's index, named like the migration's own
        // per-partition indexes would be: add it at the end of the file, after them.
        let end = ctx
            .sources
            .get(fk.stmt.source)
            .map_or(fk.stmt.span.end, |s| s.text.len());
        let separator = if ctx
            .sources
            .get(fk.stmt.source)
            .is_some_and(|s| s.text.ends_with('\n'))
        {
            ""
        } else {
            "\n"
        };
        fix::insert_at(fk.stmt.location(), end, format!("{separator}{create};\n"))
    } else {
        fix::insert_at(fk.stmt.location(), fk.stmt.span.end, format!(";\n{create}"))
    };
    let fix = FixPlan {
        title: format!("Create index `{index_name}`"),
        edits: vec![edit],
        sql: Some(format!(
            "{};",
            create_now.replacen("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
        )),
        rerun_statement: None,
    };
    let mut columns = fk.columns.clone();
    columns.sort();
    let target = fk
        .reference()
        .map_or_else(String::new, |r| ctx.catalog.table(r.table).name.to_string());
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_fix(Some(fix))
        .in_group(Group {
            // One cause: the columns have no index; one index serves every foreign key on them.
            key: format!(
                "{}|{}|{}",
                ctx.database.unwrap_or(""),
                table.name,
                columns.join(",")
            ),
            label: format!("the foreign key to `{target}`"),
            plural: "foreign keys",
            fix: GroupFix::First,
        })
}
