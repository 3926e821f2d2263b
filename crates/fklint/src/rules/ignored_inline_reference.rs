//! FK701 ignored-inline-reference.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, FixPlan, Severity};
use crate::server::{Server, ServerVersion};

const META: RuleMeta = RuleMeta {
    code: "FK701",
    name: "ignored-inline-reference",
    severity: Severity::Warning,
    summary: "MySQL before 9.0 ignores a REFERENCES written on a column: the foreign key does not exist there.",
    docs: r#"## What it does
Finds foreign keys written inline on a column (`user_id int REFERENCES users (id)`) in MySQL migrations, unless
`--target` (or `target` in `fklint.toml`) names a server that honours them: MySQL 9.0 or later, MariaDB 10.5 or
later.

## Why it is bad
MySQL before 9.0 parses an inline `REFERENCES` and throws it away, without a warning: the table is created, the
migration succeeds, and no foreign key exists. Orphan rows are accepted from then on. MariaDB creates the key
since 10.5, so the same migration gives two different schemas on two servers, and the test database (often
MariaDB in CI) hides the problem.

## Example
```sql expect_diagnostic
-- dialect: mysql
CREATE TABLE users (id bigint unsigned PRIMARY KEY);
CREATE TABLE posts (
    id bigint unsigned PRIMARY KEY,
    user_id bigint unsigned REFERENCES users (id)
);
```

## Use instead
```sql valid
-- dialect: mysql
CREATE TABLE users (id bigint unsigned PRIMARY KEY);
CREATE TABLE posts (
    id bigint unsigned PRIMARY KEY,
    user_id bigint unsigned,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// The first versions that create an inline column REFERENCES as a foreign key.
const HONOURED_SINCE: [ServerVersion; 2] = [
    ServerVersion::new(Server::MySql, 9, 0),
    ServerVersion::new(Server::MariaDb, 10, 5),
];

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    if !ctx.catalog.dialect.ignores_inline_references() || ctx.catalog.target.is_some_and(honours) {
        return Vec::new();
    }
    ctx.accepted_foreign_keys()
        .filter(|fk| fk.def.inline && !declared_again(ctx, fk))
        .map(|fk| diagnostic(ctx, fk))
        .collect()
}

fn honours(target: ServerVersion) -> bool {
    HONOURED_SINCE
        .iter()
        .any(|since| target.at_least(since.server, since.major, since.minor))
}

/// The same key also declared as a table constraint (the forward fix does this): it exists on every server.
fn declared_again(ctx: &RuleContext, fk: &ForeignKey) -> bool {
    ctx.accepted_foreign_keys().any(|other| {
        !other.def.inline
            && other.table == fk.table
            && other.columns == fk.columns
            && other.target_table() == fk.target_table()
    })
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let target = match ctx.catalog.target {
        Some(target) => format!(" (the target is {target})"),
        None => String::new(),
    };
    let message = format!(
        "{} is declared with an inline REFERENCES, which MySQL before 9.0 parses and ignores{target}: there the \
         foreign key does not exist and orphan rows are accepted; MariaDB 10.5+ and MySQL 9.0+ create it. \
         Declare it as a table constraint (FOREIGN KEY (...) REFERENCES ...)",
        ctx.fk_columns_label(fk),
    );
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_fix(Some(table_constraint_fix(ctx, fk)))
}

/// Moves the clause out of the column: the edit deletes it and adds `ALTER TABLE t ADD FOREIGN KEY ...` right
/// after the statement; the forward SQL is that ALTER (harmless where the inline key exists: FK405 then
/// reports the duplicate only where it is one).
fn table_constraint_fix(ctx: &RuleContext, fk: &ForeignKey) -> FixPlan {
    let clause = ctx.text(fk.location).trim();
    let add = format!(
        "ALTER TABLE {} ADD FOREIGN KEY ({}) {clause}",
        ctx.table_sql(fk.table),
        ctx.quote_list(&fk.columns)
    );
    // From the end of the column's previous word, so no space is left before the comma.
    let mut removal = fk.removal;
    let before = ctx
        .sources
        .get(removal.source)
        .and_then(|s| s.text.get(..removal.span.start))
        .unwrap_or("");
    removal.span.start -= before.len() - before.trim_end_matches([' ', '\t']).len();
    let delete = fix::replace(removal, "");
    let append = fix::insert_at(fk.stmt.location(), fk.stmt.span.end, format!(";\n{add}"));
    FixPlan {
        title: "Declare the foreign key as a table constraint".into(),
        edits: vec![delete, append],
        sql: Some(format!("{add};")),
        rerun_statement: None,
    }
}
