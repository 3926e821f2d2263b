//! FK702 unsupported-alter-table.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix::{self, statement_with_terminator};
use crate::catalog::UnsupportedAlter;
use crate::diagnostic::{About, Diagnostic, FixPlan, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK702",
    name: "unsupported-alter-table",
    severity: Severity::Error,
    summary: "SQLite cannot add or drop a constraint or change a column with ALTER TABLE.",
    docs: r#"## What it does
Finds `ALTER TABLE` actions SQLite does not have: `ADD CONSTRAINT` / `ADD FOREIGN KEY`, `DROP CONSTRAINT`,
`ALTER COLUMN`. SQLite's `ALTER TABLE` can only rename a table or a column and add or drop a column.

libSQL, the SQLite fork Turso runs, also has `ALTER TABLE t ALTER COLUMN c TO c <column definition>`: the
column's type, constraints and `REFERENCES` become the new definition (rows already stored are not checked
again). With the target libSQL (`--target libsql`, `target = "libsql"`, or a Drizzle project whose
`drizzle.config` or `meta/_journal.json` says `dialect: "turso"`) fklint replays it and reports nothing; on
stock SQLite (`--target sqlite`, or no target) it is a syntax error like the others.

## Why it is bad
The statement fails with a syntax error, so the foreign key the migration meant to add never exists. A
migration written for PostgreSQL or MySQL and run on SQLite (tests, a mobile or embedded build) stops there.

## Example
```sql expect_diagnostic
-- dialect: sqlite
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);
ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
```

libSQL's form, judged as stock SQLite:
```sql expect_diagnostic
-- dialect: sqlite
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);
ALTER TABLE posts ALTER COLUMN user_id TO user_id INTEGER REFERENCES users (id);
```

## Use instead
Declare the key in the `CREATE TABLE` (the fix moves it there), or for a database that has the table already,
rebuild it as SQLite documents: create the new table, copy the rows, drop the old one, rename the new one
(the fix writes this sequence).
```sql valid
-- dialect: sqlite
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER,
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
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
    ctx.catalog
        .unsupported_alters
        .iter()
        .map(|alter| diagnostic(ctx, alter))
        .collect()
}

fn diagnostic(ctx: &RuleContext, alter: &UnsupportedAlter) -> Diagnostic {
    let message = format!(
        "SQLite has no `ALTER TABLE ... {}`: the statement fails with a syntax error{}. SQLite's ALTER TABLE can \
         only rename a table or a column and add or drop a column; constraints change by rebuilding the table",
        alter.action,
        if alter.constraint.is_some() {
            ", and the constraint is never added"
        } else {
            ""
        }
    );
    let message = if alter.action == crate::catalog::LIBSQL_ACTION {
        format!(
            "{message}. libSQL (Turso) has this form: if the migrations run there, say so with `--target libsql` \
             (`target = \"libsql\"` in fklint.toml)"
        )
    } else {
        message
    };
    let location = alter
        .constraint
        .as_ref()
        .map_or(alter.stmt.location(), |c| alter.stmt.at(c.span));
    META.diagnostic(message, location)
        .about(about(ctx, alter))
        .with_fix(fix_plan(ctx, alter))
}

/// The table altered and, for a foreign key, the table it names.
fn about(ctx: &RuleContext, alter: &UnsupportedAlter) -> About {
    let Some(table) = alter.table else {
        return About::default();
    };
    match alter.constraint.as_ref().map(|c| &c.kind) {
        Some(crate::events::ConstraintKind::ForeignKey(def)) => ctx.about_declaration(table, def),
        _ => About::table(ctx.subject(table, &[])),
    }
}

/// The constraint moved into the table's CREATE TABLE (edit), or added by a rebuild (forward).
fn fix_plan(ctx: &RuleContext, alter: &UnsupportedAlter) -> Option<FixPlan> {
    let (table, constraint) = (alter.table?, alter.constraint.as_ref()?);
    let clause = ctx.text(alter.stmt.at(constraint.span)).trim().to_string();
    let mut edits = Vec::new();
    let created = ctx.catalog.table(table).created.location();
    // The front end noted where the CREATE TABLE's column list ends: the constraint goes there.
    if let Some(close) = ctx.catalog.table(table).elements_end {
        edits.push(fix::insert_at(created, close, format!(",\n    {clause}")));
        let text = ctx
            .sources
            .get(alter.stmt.source)
            .map_or("", |s| s.text.as_str());
        let statement = statement_with_terminator(text, alter.stmt.span);
        edits.push(fix::replace(alter.stmt.at(statement), ""));
    }
    Some(FixPlan {
        title: "Declare the constraint in CREATE TABLE (or rebuild the table)".into(),
        edits,
        sql: Some(
            ctx.sql()
                .add_table_constraint(ctx.catalog, ctx.catalog.table(table), &clause),
        ),
        rerun_statement: None,
    })
}
