//! FK611 identifier-too-long. MySQL and MariaDB keep identifiers up to 64 characters and reject a longer one
//! (ER_TOO_LONG_IDENT, 1059) rather than truncate it as PostgreSQL does (to 63 bytes, which the catalog already
//! models). ORMs make names up from the table and column names: drizzle-kit's `<table>_<cols>_<ref>_<refcols>_fk`
//! passes 64 characters easily, and the generated migration then fails.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, FixPlan, Severity};
use crate::dialect::Dialect;
use crate::dialect_sql::ForeignKeySql;
use crate::rules::support::fix;

const META: RuleMeta = RuleMeta {
    code: "FK611",
    name: "identifier-too-long",
    severity: Severity::Error,
    summary: "MySQL rejects a constraint name longer than 64 characters (an ORM's generated name included).",
    docs: r#"## What it does
Reports a foreign key whose name, written or made up by an ORM (drizzle-kit names a key
`<table>_<columns>_<referenced table>_<referenced columns>_fk`), is longer than 64 characters on MySQL or
MariaDB.

## Why it is bad
MySQL rejects the statement (`ERROR 1059 (42000): Identifier name '...' is too long`); it never truncates a
name, unlike PostgreSQL, which cuts it to 63 bytes with a notice. A Drizzle schema that PostgreSQL accepts
fails on MySQL, and `drizzle-kit push` or the generated migration stops there.

## Example
```sql expect_diagnostic
-- dialect: mysql
CREATE TABLE custom_widget_definition (id int PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE custom_widget_secret (
  id int PRIMARY KEY,
  definition_id int,
  CONSTRAINT custom_widget_secret_definition_id_custom_widget_definition_id_fk
    FOREIGN KEY (definition_id) REFERENCES custom_widget_definition (id)
) ENGINE=InnoDB;
```

## Use instead
A name of at most 64 characters (in Drizzle, declare the key with `foreignKey({ columns, foreignColumns, name
})` instead of `.references()`):

```sql valid
-- dialect: mysql
CREATE TABLE custom_widget_definition (id int PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE custom_widget_secret (
  id int PRIMARY KEY,
  definition_id int,
  CONSTRAINT cw_secret_definition_id_cw_definition_id_fk
    FOREIGN KEY (definition_id) REFERENCES custom_widget_definition (id)
) ENGINE=InnoDB;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// The longest identifier MySQL and MariaDB accept, in characters.
const MYSQL_MAX: usize = 64;

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    if ctx.catalog.dialect != Dialect::MySql {
        return Vec::new();
    }
    ctx.catalog
        .foreign_keys
        .iter()
        .filter(|fk| !fk.uncertain && fk.name.chars().count() > MYSQL_MAX)
        .map(|fk| diagnostic(ctx, fk))
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let length = fk.name.chars().count();
    let short = shortened(&fk.name);
    let origin = if fk.name_span.is_some() {
        "is"
    } else {
        "is the name the ORM generates, and"
    };
    let mut message = format!(
        "`{}` {origin} {length} characters long: MySQL rejects identifiers longer than {MYSQL_MAX} \
         (error 1059); name the foreign key `{short}`",
        fk.name
    );
    let source = ctx.sources.get(fk.stmt.source).map_or("", |s| s.name.as_str());
    if let Some(how) = naming_in_orm(source, fk.name_span.is_some()) {
        message.push_str(&format!(" ({how})"));
    }
    let fix = FixPlan {
        title: format!("Name the foreign key `{short}`"),
        edits: fk
            .name_span
            .map(|at| fix::replace(at, short.clone()))
            .into_iter()
            .collect(),
        // A name written in SQL: the server rejected that statement, which runs again renamed. A name the ORM
        // made up: the key its tool adds (drizzle-kit adds MySQL keys by `ALTER TABLE`), under the short name.
        sql: fk
            .name_span
            .is_none()
            .then(|| renamed_sql(ctx, fk, &short))
            .flatten(),
        rerun_statement: fk.name_span.map(|_| fk.stmt.location()),
    };
    META.diagnostic(message, fk.name_span.unwrap_or(fk.location))
        .about(ctx.about_foreign_key(fk))
        .with_fix(Some(fix))
}

/// How the ORM of the source names a foreign key, for a name it made up or one written in its own syntax.
fn naming_in_orm(source: &str, written: bool) -> Option<&'static str> {
    let lower = source.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "ts" | "mts" | "cts" if !written => Some(
            "declare it with `foreignKey({ columns, foreignColumns, name })`, since `.references()` takes no name",
        ),
        "ts" | "mts" | "cts" => Some("shorten the `name` of its `foreignKey({ ... })`"),
        "prisma" => Some("give the `@relation` a `map: \"...\"` of at most 64 characters"),
        "php" => Some("pass the name: `$table->foreign('column', 'name')`"),
        "rb" => Some("pass `name: \"...\"` to `add_foreign_key`"),
        _ => None,
    }
}

/// The foreign key added under the short name: the statement the server never ran, with the name it accepts.
fn renamed_sql(ctx: &RuleContext, fk: &ForeignKey, short: &str) -> Option<String> {
    let target = fk.reference()?;
    let mut renamed = fk.clone();
    renamed.name = short.to_string();
    Some(
        ForeignKeySql {
            catalog: ctx.catalog,
            fk: &renamed,
            target,
            on_delete: None,
            on_update: None,
        }
        .add_constraint(),
    )
}

/// A name of 64 characters that keeps the start of the long one and stays unique to it: its first 55
/// characters, `_` and 8 hex digits of a hash of the whole name (FNV-1a).
fn shortened(name: &str) -> String {
    let hash = name
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    let head: String = name.chars().take(MYSQL_MAX - 9).collect();
    format!("{}_{hash:08x}", head.trim_end_matches('_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_names_fit_and_differ() {
        let a = shortened("custom_widget_secret_definition_id_custom_widget_definition_id_fk");
        let b = shortened("custom_widget_secret_definition_id_custom_widget_definition_id2_fk");
        assert!(a.chars().count() <= MYSQL_MAX);
        assert_ne!(a, b);
        assert!(a.starts_with("custom_widget_secret_definition_id_custom_widget_defini"));
    }
}
