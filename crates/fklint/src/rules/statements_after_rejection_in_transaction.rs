//! FK110 statements-after-rejection-in-transaction.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::AbortedBlock;
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK110",
    name: "statements-after-rejection-in-transaction",
    severity: Severity::Info,
    summary: "Statements PostgreSQL does not run because an earlier statement of their transaction block was rejected.",
    docs: r#"## What it does
Notes, once per transaction block, the statements that follow a statement PostgreSQL rejects inside `BEGIN` ...
`COMMIT`: the block is aborted, and PostgreSQL rejects every later statement of it without running it
(`current transaction is aborted, commands ignored until end of transaction block`, 25P02) until `ROLLBACK` or
`ROLLBACK TO` a savepoint made before the error. A `COMMIT` of an aborted block rolls it back.

## Why it is bad
Nothing the block did is kept: fixing the rejected statement is the one fix, and these statements were never
checked against the database (fklint does not judge them either, so one problem reads as one). The finding is a
note on the first of them; the rejected statement has its own error.

## Example
```sql expect_diagnostic
CREATE TABLE accounts (id int PRIMARY KEY);
BEGIN;
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES account (id));
CREATE TABLE comments (id int PRIMARY KEY, post_id int REFERENCES posts (id));
COMMIT;
```

## Use instead
Fix the rejected statement; the block then runs as a whole.
```sql valid
CREATE TABLE accounts (id int PRIMARY KEY);
BEGIN;
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES accounts (id));
CREATE TABLE comments (id int PRIMARY KEY, post_id int REFERENCES posts (id));
COMMIT;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// One note per aborted block that skipped statements, on the first of them.
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .aborted_blocks
        .iter()
        .filter_map(|block| diagnostic(ctx, block))
        .collect()
}

fn diagnostic(ctx: &RuleContext, block: &AbortedBlock) -> Option<Diagnostic> {
    let first = block.skipped.first()?;
    let count = block.skipped.len();
    let statements = if count == 1 {
        "this statement".to_string()
    } else {
        format!("this statement and the {} after it", count - 1)
    };
    let message = format!(
        "PostgreSQL does not run {statements}: an earlier statement of this transaction block was rejected, so \
         the block is aborted and every later statement is rejected until ROLLBACK (25P02); nothing the block did \
         is kept. Fix the rejected statement"
    );
    let root = ctx.catalog.root_of(block.root).location();
    let related = vec![RelatedLocation {
        location: root,
        message: "the rejected statement that aborted the block".to_string(),
    }];
    Some(
        META.diagnostic(message, first.location())
            .with_related(related)
            .caused_by(root),
    )
}
