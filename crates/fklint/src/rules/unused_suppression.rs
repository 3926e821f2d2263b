//! FK003 unused-suppression. Reported by the suppressions step (`suppress.rs`), which knows which suppressions were used.

use super::context::{Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, FixPlan, Severity, TextEdit};
use crate::source::Location;

const META: RuleMeta = RuleMeta {
    code: "FK003",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "An `fklint-ignore` comment that suppresses no finding.",
    docs: r#"## What it does
Reports a `-- fklint-ignore` or `-- fklint-ignore-file` comment (or one code of it) that no finding needed: the
problem it silenced was fixed, or it names a rule that never fired there. Its fix deletes the comment (or the
unused code). Suppressions of rules turned off in `fklint.toml` are not reported.

## Why it is bad
A stale suppression would silently hide the next real finding of that rule in the same statement or file.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
-- fklint-ignore FK404: looked up by id only
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
CREATE INDEX posts_author_id_idx ON posts (author_id);
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
    check: None,
};

/// The finding for unused codes of a suppression; `edit` removes them (or the whole comment).
pub fn diagnostic(location: Location, unused: &[&str], edit: TextEdit) -> Diagnostic {
    let codes = unused.join(", ");
    let title = if edit.replacement.is_empty() {
        "Remove the unused suppression".to_string()
    } else {
        format!("Remove {codes} from the suppression")
    };
    META.diagnostic(
        format!("suppression of {codes} is unused: no such finding here"),
        location,
    )
    .with_fix(Some(FixPlan {
        title,
        edits: vec![edit],
        sql: None,
        rerun_statement: None,
    }))
}
