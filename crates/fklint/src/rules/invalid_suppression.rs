//! FK002 invalid-suppression. Reported by the suppressions step (`suppress.rs`), which reads the comments.

use super::context::{Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Location;

const META: RuleMeta = RuleMeta {
    code: "FK002",
    name: "invalid-suppression",
    severity: Severity::Warning,
    summary: "An `fklint-ignore` comment without a reason, or naming a rule that does not exist.",
    docs: r#"## What it does
Checks every `-- fklint-ignore CODE: reason` and `-- fklint-ignore-file CODE: reason` comment: it must name
at least one existing rule (by code, such as `FK404`, or by name, such as `unindexed-foreign-key`) and give a
reason after a colon. A suppression that fails this check suppresses nothing.

## Why it is bad
A suppression hides a finding from everyone who reads the migration later. Without a reason nobody can tell
whether the finding was judged harmless or just silenced; a misspelled code silences nothing while looking as if
it did.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
-- fklint-ignore FK404
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
-- fklint-ignore FK404: posts are always read through their id, never by author
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: None,
};

/// The finding for a suppression comment that cannot be used.
pub fn diagnostic(location: Location, problem: &str) -> Diagnostic {
    META.diagnostic(
        format!("{problem}; this suppression suppresses nothing"),
        location,
    )
}
