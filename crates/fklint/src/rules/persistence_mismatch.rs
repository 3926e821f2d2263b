//! FK109 persistence-mismatch.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK109",
    name: "persistence-mismatch",
    severity: Severity::Error,
    summary: "A foreign key from a permanent table to an UNLOGGED or temporary one (or similar).",
    docs: r#"## What it does
Checks that a foreign key never points at a less durable table: permanent tables may reference only permanent
tables, unlogged tables permanent or unlogged ones, temporary tables only temporary ones.

## Why it is bad
PostgreSQL rejects the statement: `constraints on permanent tables may reference only permanent tables`
(42P16). An unlogged table is emptied after a crash; a permanent row pointing into it would dangle.

`ALTER TABLE ... SET LOGGED` of a table that references an unlogged one, and `SET UNLOGGED` of a table that a
permanent one references, are refused the same way (a table's references to itself do not count).

## Example
```sql expect_diagnostic
CREATE UNLOGGED TABLE sessions (id uuid PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));
```

## Use instead
```sql valid
CREATE TABLE sessions (id uuid PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let mut found = declared(ctx);
    found.extend(changed(ctx));
    found
}

/// Foreign keys declared between tables of the wrong persistence.
fn declared(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.certain_foreign_keys()
        .filter_map(|fk| {
            // The persistences when the key was declared: a later SET LOGGED | UNLOGGED changes no verdict.
            let reference = fk.reference()?;
            let (own, other) = reference.persistence_mismatch?;
            let target = ctx.catalog.table(reference.table);
            let table = ctx.catalog.table(fk.table);
            let message = format!(
                "{} table `{}` cannot reference {} table `{}`; PostgreSQL rejects this (42P16)",
                own.keyword(),
                table.name,
                other.keyword(),
                target.name
            );
            let related = vec![RelatedLocation {
                location: target.location,
                message: format!("`{}` is created {} here", target.name, other.keyword()),
            }];
            Some(
                META.diagnostic(message, fk.location)
                    .about(ctx.about_foreign_key(fk))
                    .with_related(related),
            )
        })
        .collect()
}

/// `ALTER TABLE ... SET LOGGED | UNLOGGED` refused because of a foreign key (the table stays as it was).
fn changed(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .persistence_conflicts
        .iter()
        .map(|conflict| {
            let fk = &ctx.catalog.foreign_keys[conflict.foreign_key];
            let table = ctx.catalog.table(conflict.table);
            let (other, why) = if fk.table == conflict.table {
                let target = fk.target_table().map(|t| ctx.catalog.table(t));
                let name = target.map_or_else(|| fk.ref_name.to_string(), |t| t.name.to_string());
                (name.clone(), format!("it references UNLOGGED table `{name}`"))
            } else {
                let referencing = ctx.catalog.table(fk.table);
                (
                    referencing.name.to_string(),
                    format!("permanent table `{}` references it", referencing.name),
                )
            };
            let to = match conflict.to {
                crate::events::Persistence::Permanent => "logged",
                _ => "UNLOGGED",
            };
            let message = format!(
                "`{}` cannot become {to}: {why}; PostgreSQL rejects this (42P16) and the table stays as it was",
                table.name
            );
            let related = vec![RelatedLocation {
                location: fk.location,
                message: format!("the foreign key between `{}` and `{other}`", table.name),
            }];
            META.diagnostic(message, conflict.location)
                .about(ctx.about_foreign_key(fk))
                .with_related(related)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{check, Options, Source};

    /// Lines of FK109 findings.
    fn lines(sql: &str) -> Vec<usize> {
        let report = check(&[Source::new("m.sql", sql)], &Options::default());
        report
            .findings
            .iter()
            .filter(|f| f.code == "FK109")
            .map(|f| sql[..f.position.start].lines().count())
            .collect()
    }

    #[test]
    fn a_declaration_is_judged_with_the_persistence_of_its_time() {
        let sql = "CREATE UNLOGGED TABLE s (id int PRIMARY KEY);\n\
                   CREATE TABLE a (s int REFERENCES s);\n\
                   ALTER TABLE s SET LOGGED;\n\
                   CREATE TABLE a (s int REFERENCES s);\n";
        assert_eq!(lines(sql), [2]);
        // Accepted while both were unlogged; both becoming logged later changes nothing.
        let sql = "CREATE UNLOGGED TABLE s (id int PRIMARY KEY);\n\
                   CREATE UNLOGGED TABLE a (s int REFERENCES s);\n\
                   ALTER TABLE s SET LOGGED;\n\
                   ALTER TABLE a SET LOGGED;\n";
        assert_eq!(lines(sql), Vec::<usize>::new());
    }
}
