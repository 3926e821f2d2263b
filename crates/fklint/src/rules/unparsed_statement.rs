//! FK001 unparsed-statement.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::RefusalReason;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Location;

const META: RuleMeta = RuleMeta {
    code: "FK001",
    name: "unparsed-statement",
    severity: Severity::Warning,
    summary: "A statement that may define or change the schema could not be understood.",
    docs: r#"## What it does
Reports a statement that neither fklint's schema reader nor `sqlparser` understood. It is a *warning* when the
statement looks like it changes tables or keys (it mentions TABLE, REFERENCES, CONSTRAINT, ...) and *info*
otherwise. Unterminated quotes and comments are reported here too.

A foreign key written in a way PostgreSQL's grammar does not allow is an *error*, since the server rejects the
statement (42601) and creates nothing of it: `NOT VALID` on a column's `REFERENCES` (only a table constraint,
added by `ALTER TABLE ... ADD CONSTRAINT`, can be NOT VALID), and `REFERENCES` among a `CREATE DOMAIN`'s
constraints (a domain cannot have a foreign key). fklint reads such a statement and replays it as rejected: its
table, column or domain does not exist afterwards, and the names it mentions stay certain.

## Why it matters
fklint cannot check what it cannot read. Every table the statement names becomes *uncertain*: no other rule
reports on it, so a real problem there could go unnoticed.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
ALTER TABLE users FROBNICATE CONSTRAINT x;
```

## Use instead
Write the statement in PostgreSQL syntax, or report it to fklint if PostgreSQL accepts it.
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// The foreign keys PostgreSQL's grammar rejects (the statements it cannot read are reported by the driver).
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .foreign_keys
        .iter()
        .filter(|fk| ctx.catalog.not_valid_inline(fk))
        .map(|fk| {
            let message = "`NOT VALID` on a column's REFERENCES: PostgreSQL allows it only on a table constraint \
                           (`ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID`), so it rejects the \
                           statement (42601) and creates nothing of it";
            META.diagnostic(message.to_string(), fk.location)
                .with_severity(Severity::Error)
                .about(ctx.about_foreign_key(fk))
        })
        .chain(domain_foreign_keys(ctx))
        .collect()
}

/// `CREATE DOMAIN ... REFERENCES ...`: PostgreSQL reads a domain's constraints as a column's, then refuses a
/// foreign key among them.
fn domain_foreign_keys<'a>(ctx: &'a RuleContext) -> impl Iterator<Item = Diagnostic> + 'a {
    ctx.catalog
        .refusals
        .iter()
        .filter(|refusal| refusal.reason == RefusalReason::DomainForeignKey)
        .map(|refusal| {
            let message = "a domain cannot have a foreign key (foreign key constraints not possible for domains): \
                           PostgreSQL rejects the statement (42601), and the domain is not created";
            META.diagnostic(message.to_string(), refusal.location)
                .with_severity(Severity::Error)
        })
}

/// The diagnostic for a statement nothing could read (the front end lists them; the driver reports them).
pub fn diagnostic(location: Location, message: &str, schema_shaped: bool) -> Diagnostic {
    let severity = if schema_shaped {
        Severity::Warning
    } else {
        Severity::Info
    };
    META.diagnostic(message.to_string(), location)
        .with_severity(severity)
}

#[cfg(test)]
mod tests {
    /// Each error's code and the rest of its line.
    fn errors(sql: &str) -> Vec<(String, String)> {
        crate::postgres_errors(sql)
            .into_iter()
            .map(|f| {
                let rest = sql[f.position.start..].lines().next().unwrap_or("");
                (f.code.to_string(), rest.to_string())
            })
            .collect()
    }

    #[test]
    fn a_domain_with_a_foreign_key_is_rejected_and_not_created() {
        let sql = "CREATE TABLE users (id int PRIMARY KEY);\n\
                   CREATE DOMAIN user_ref AS int CONSTRAINT fk REFERENCES users (id);\n\
                   CREATE DOMAIN checked AS int CHECK (VALUE > 0) NOT NULL;\n";
        assert_eq!(
            errors(sql),
            [("FK001".to_string(), "REFERENCES users (id);".to_string())]
        );
    }
}
