//! FK703 non-transactional-engine.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::{ForeignKey, IgnoredForeignKey, TableId};
use crate::diagnostic::{Diagnostic, FixPlan, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK703",
    name: "non-transactional-engine",
    severity: Severity::Warning,
    summary: "MySQL: a foreign key on (or to) a MyISAM table, whose engine has no foreign keys.",
    docs: r#"## What it does
Finds foreign keys declared on MySQL tables whose storage engine has none (`ENGINE=MyISAM`, `MEMORY`,
`ARCHIVE`, ...), and foreign keys of InnoDB tables that reference such a table.

## Why it is bad
On a MyISAM table MySQL and MariaDB parse `FOREIGN KEY ... REFERENCES` and throw it away without a warning: the
migration succeeds, no key exists, and orphan rows are accepted. An InnoDB table cannot reference a MyISAM
one at all: the server rejects the statement (errno 150).

## Example
```sql expect_diagnostic
-- dialect: mysql
CREATE TABLE users (id int NOT NULL PRIMARY KEY) ENGINE=MyISAM;
CREATE TABLE posts (
    id int NOT NULL PRIMARY KEY,
    user_id int NOT NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=MyISAM;
```

## Use instead
```sql valid
-- dialect: mysql
CREATE TABLE users (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE posts (
    id int NOT NULL PRIMARY KEY,
    user_id int NOT NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    if !ctx.catalog.dialect.has_storage_engines() {
        return Vec::new();
    }
    let ignored = ctx
        .catalog
        .ignored_foreign_keys
        .iter()
        .filter(|fk| !declared_since(ctx, fk))
        .map(|fk| ignored(ctx, fk));
    let rejected = ctx
        .certain_foreign_keys()
        .filter(|fk| {
            fk.target_table()
                .is_some_and(|t| ctx.catalog.table(t).ignores_foreign_keys())
        })
        .map(|fk| to_non_innodb(ctx, fk));
    ignored.chain(rejected).collect()
}

/// The table became InnoDB later and has the key now (what the fix does).
fn declared_since(ctx: &RuleContext, fk: &IgnoredForeignKey) -> bool {
    !ctx.catalog.table(fk.table).ignores_foreign_keys()
        && ctx.catalog.live_foreign_keys().any(|live| {
            live.table == fk.table
                && live
                    .columns
                    .iter()
                    .eq(fk.def.columns.iter().map(|c| &c.value))
        })
}

/// The engine as MySQL's documentation spells it.
fn engine_of(ctx: &RuleContext, table: TableId) -> String {
    let engine = ctx.catalog.table(table).engine.clone().unwrap_or_default();
    match engine.as_str() {
        "myisam" => "MyISAM".to_string(),
        "aria" => "Aria".to_string(),
        other => other.to_ascii_uppercase(),
    }
}

/// A key MySQL dropped: the forward fix converts the tables to InnoDB and declares it.
fn ignored(ctx: &RuleContext, fk: &IgnoredForeignKey) -> Diagnostic {
    let table = ctx.catalog.table(fk.table);
    let message = format!(
        "`{}` is a {} table: MySQL parses this foreign key and drops it without a warning (only InnoDB has foreign \
         keys), so orphan rows are accepted. Make the table ENGINE=InnoDB",
        table.name,
        engine_of(ctx, fk.table)
    );
    let clause = ctx.text(fk.location).trim();
    let declaration = if fk.def.inline {
        let columns: Vec<String> = fk.def.columns.iter().map(|c| c.value.clone()).collect();
        format!("FOREIGN KEY ({}) {clause}", ctx.quote_list(&columns))
    } else {
        clause.to_string()
    };
    let diagnostic = META
        .diagnostic(message, fk.location)
        .about(ctx.about_declaration(fk.table, &fk.def));
    // A key to a table that does not exist would be rejected once declared: the message is all there is.
    let Some(parent) = ctx.catalog.find_table(&fk.def.ref_table) else {
        return diagnostic;
    };
    let mut sql: Vec<String> = Vec::new();
    for id in [fk.table, parent] {
        if ctx.catalog.table(id).ignores_foreign_keys()
            && !sql.iter().any(|s| s.contains(&ctx.table_sql(id)))
        {
            sql.push(format!("ALTER TABLE {} ENGINE=InnoDB;", ctx.table_sql(id)));
        }
    }
    sql.push(format!(
        "ALTER TABLE {} ADD {declaration};",
        ctx.table_sql(fk.table)
    ));
    diagnostic.with_fix(Some(FixPlan {
        title: "Convert to InnoDB and declare the foreign key".into(),
        edits: Vec::new(),
        sql: Some(sql.join("\n")),
        rerun_statement: None,
    }))
}

/// An InnoDB table's key to a table of another engine: rejected.
fn to_non_innodb(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let parent = fk.target_table().map_or(fk.table, |t| t);
    let message = format!(
        "`{}` is a {} table, and an InnoDB foreign key can only reference an InnoDB table; {}",
        ctx.catalog.table(parent).name,
        engine_of(ctx, parent),
        ctx.rejection(
            "",
            "error 1005, errno 150: foreign key constraint is incorrectly formed",
            None
        )
    );
    let mut diagnostic = META
        .diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk));
    diagnostic.severity = Severity::Error;
    diagnostic.with_fix(Some(crate::dialect_sql::rerun_fix(
        "Make the referenced table InnoDB first".into(),
        Vec::new(),
        fk.stmt.location(),
        Some(format!(
            "ALTER TABLE {} ENGINE=InnoDB;",
            ctx.table_sql(parent)
        )),
    )))
}
