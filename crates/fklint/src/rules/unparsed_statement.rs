//! FK001 unparsed-statement.

use super::context::{Rule, RuleMeta};
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
    check: None,
};

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
