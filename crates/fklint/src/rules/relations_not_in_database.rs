//! FK610 relations-not-in-database. The front end notes where an ORM says the database keeps no foreign keys
//! (Prisma's `relationMode = "prisma"`); the relations are still replayed as foreign keys, so every other rule
//! checks them as the integrity the application keeps.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK610",
    name: "relations-not-in-database",
    severity: Severity::Info,
    summary: "The ORM keeps the relations itself (Prisma's relationMode = prisma): the database has no foreign keys.",
    docs: r#"## What it does
Reports a Prisma schema whose datasource says `relationMode = "prisma"`: `prisma migrate` then creates no
foreign keys, and Prisma Client emulates them (it checks and cascades in its own queries). fklint still reads
every `@relation` as a foreign key, so the other rules judge them as the integrity the application keeps; their
findings are then warnings, not errors, since no server rejects anything.

## Why it is bad
Nothing stops another client, a manual `DELETE` or a raw query from leaving orphans, and the referencing columns
get no index unless the schema declares one (Prisma recommends `@@index` on every relation scalar in this mode).

## Example
```prisma expect_diagnostic
datasource db {
  provider     = "mysql"
  relationMode = "prisma"
}

model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])

  @@index([userId])
}
```

## Use instead
```prisma valid
datasource db {
  provider = "mysql"
}

model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// One finding per place that turns the database's foreign keys off.
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.parsed
        .emulated_relations
        .iter()
        .map(|location| {
            META.diagnostic(
                "`relationMode = \"prisma\"`: the database gets no foreign keys; Prisma emulates the relations, \
                 and fklint checks them as the integrity the application keeps (a broken one fails queries, not \
                 migrations)"
                    .to_string(),
                *location,
            )
        })
        .collect()
}

/// A finding the server would raise is a warning in a source whose relations the ORM keeps: no foreign key is
/// created there, so nothing is rejected (the broken relation fails the application's queries instead).
pub fn soften_emulated(ctx: &RuleContext, diagnostics: &mut [Diagnostic]) {
    let emulated: Vec<usize> = ctx
        .parsed
        .emulated_relations
        .iter()
        .map(|l| l.source)
        .collect();
    if emulated.is_empty() {
        return;
    }
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|d| d.severity == Severity::Error && emulated.contains(&d.location.source))
    {
        diagnostic.severity = Severity::Warning;
        diagnostic.message.push_str(
            " (with `relationMode = \"prisma\"` no foreign key is created: Prisma's queries break instead)",
        );
    }
}
