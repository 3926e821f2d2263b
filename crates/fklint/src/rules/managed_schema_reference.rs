//! FK302 managed-schema-reference.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, ForeignKeySql};
use super::support::fix::{insert_at, replace};
use super::support::platform_users::{user_references, users};
use super::support::targets::ids_from_elsewhere;
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, FixPlan, Severity};
use crate::events::RefAction;
use crate::lex::{self, TokenKind};

const META: RuleMeta = RuleMeta {
    code: "FK302",
    name: "managed-schema-reference",
    severity: Severity::Warning,
    summary: "A foreign key into a schema the platform owns (Supabase `auth`, `storage`) blocks deleting its rows.",
    docs: r#"## What it does
Finds foreign keys from the project's tables into a schema the platform manages (Supabase: `auth`, `storage`)
that keep the default `ON DELETE NO ACTION` (or `RESTRICT`), and says what that does to the platform's own
operations.

## Why it is bad
The platform deletes those rows itself: deleting a user from the Supabase dashboard or with
`auth.admin.deleteUser()` runs `DELETE FROM auth.users`, which fails with 23503 (`update or delete on table
"users" violates foreign key constraint`) as long as one of your rows references the user. Users cannot be
removed, and the error surfaces in the dashboard, far from the migration that caused it.

## Example
```sql expect_diagnostic
CREATE TABLE public.profiles (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES auth.users (id)
);
```

## Use instead
Say what happens to your rows: `ON DELETE CASCADE` for rows that belong to the user (the fix's choice when the
column is NOT NULL), `ON DELETE SET NULL` for rows that outlive them (when it is nullable).
```sql valid
CREATE TABLE public.profiles (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE
);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let repointed = repointed_elsewhere(ctx);
    ctx.accepted_foreign_keys()
        // The platform's own tables referencing each other (from its preset, a stub, or its own migrations)
        // are its business, not the project's.
        .filter(|fk| {
            !ctx.catalog.is_platform(fk.stmt)
                && !ctx
                    .catalog
                    .is_managed_schema(&ctx.catalog.table(fk.table).name.schema)
                && !repointed.contains(&fk.id)
                && ids_from_elsewhere(ctx, fk).is_none()
        })
        .filter(|fk| matches!(fk.def.on_delete, RefAction::NoAction | RefAction::Restrict))
        .filter_map(|fk| {
            let target = ctx.catalog.table(fk.reference()?.table);
            ctx.catalog
                .is_managed_schema(&target.name.schema)
                .then(|| diagnostic(ctx, fk))
        })
        .collect()
}

/// Foreign keys FK301 points away from the managed table: its fix makes this finding moot.
fn repointed_elsewhere(ctx: &RuleContext) -> Vec<crate::catalog::ForeignKeyId> {
    let Some(users) = users(ctx) else {
        return Vec::new();
    };
    let references = user_references(ctx, &users);
    super::support::platform_users::split(&users, &references)
        .filter(|split| {
            !ctx.catalog
                .is_managed_schema(&ctx.catalog.table(split.target).name.schema)
        })
        .map(|split| split.minority.iter().map(|fk| fk.id).collect())
        .unwrap_or_default()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let catalog = ctx.catalog;
    let target = fk
        .reference()
        .map(|r| catalog.table(r.table).name.clone())
        .unwrap_or_else(|| crate::ident::QualName::new("", ""));
    let platform = catalog
        .known_platform
        .as_ref()
        .map_or_else(|| "the platform".to_string(), |p| p.display_name());
    let table = catalog.table(fk.table);
    let not_null = fk
        .columns
        .iter()
        .all(|c| table.column(c).is_some_and(|c| c.not_null));
    let (action, why) = if not_null {
        (
            "CASCADE",
            "the column is NOT NULL: its rows belong to the referenced row",
        )
    } else {
        (
            "SET NULL",
            "the column is nullable: its rows can outlive the referenced row",
        )
    };
    let deleted_by = if catalog.identity_table().map(|(t, _)| t) == fk.reference().map(|r| r.table)
    {
        format!(
            "deleting a user from the {platform} dashboard or with auth.admin.deleteUser() runs DELETE FROM {}",
            target.sql()
        )
    } else {
        format!(
            "{platform}'s API and dashboard delete `{}` rows themselves",
            target.sql()
        )
    };
    let message = format!(
        "{} references `{}` in the `{}` schema, which {platform} manages, with ON DELETE {}: {deleted_by}, and \
         that fails with 23503 while a row of `{}` references it. Use ON DELETE {action} ({why})",
        ctx.fk_columns_label(fk),
        target.sql(),
        target.schema,
        fk.def.on_delete.sql(),
        table.name.sql(),
    );
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_fix(on_delete_fix(ctx, fk, action))
}

/// `ON DELETE <action>` written into the clause, or the constraint dropped and added with it.
fn on_delete_fix(ctx: &RuleContext, fk: &ForeignKey, action: &str) -> Option<FixPlan> {
    let reference = fk.reference()?;
    let edit = match fk.def.on_delete_span {
        Some(span) => replace(fk.stmt.at(span), format!("ON DELETE {action}")),
        None => insert_at(
            fk.location,
            actions_end(ctx.text(fk.location), fk.location.span.start),
            format!(" ON DELETE {action}"),
        ),
    };
    let sql = format!(
        "{}\n{}",
        drop_foreign_key_sql(ctx.catalog, fk),
        ForeignKeySql {
            catalog: ctx.catalog,
            fk,
            target: reference,
            on_delete: Some(action.to_string()),
            on_update: None,
        }
        .add_constraint()
    );
    Some(FixPlan {
        title: format!("Use ON DELETE {action}"),
        edits: vec![edit],
        sql: Some(sql),
        rerun_statement: None,
    })
}

/// Where referential actions may be added in a foreign-key clause: before `DEFERRABLE`, `INITIALLY`, `NOT ...`
/// or `ENFORCED` (which must follow them), else at its end. `clause` starts at byte `offset`.
fn actions_end(clause: &str, offset: usize) -> usize {
    let attribute = lex::tokenize(clause).into_iter().find(|t| {
        t.kind == TokenKind::Word
            && ["deferrable", "initially", "not", "enforced"]
                .iter()
                .any(|w| t.is_word(clause, w))
    });
    let at = attribute.map_or(clause.trim_end().len(), |t| {
        clause
            .get(..t.span.start)
            .unwrap_or(clause)
            .trim_end()
            .len()
    });
    offset + at
}

#[cfg(test)]
mod tests {
    use super::actions_end;

    #[test]
    fn actions_go_before_constraint_attributes() {
        let clause = "REFERENCES auth.users (id) MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED";
        assert_eq!(
            actions_end(clause, 10),
            10 + "REFERENCES auth.users (id) MATCH SIMPLE".len()
        );
        assert_eq!(
            actions_end("REFERENCES auth.users", 0),
            "REFERENCES auth.users".len()
        );
        let not_valid = "FOREIGN KEY (u) REFERENCES auth.users (id) ON UPDATE CASCADE NOT VALID";
        assert_eq!(
            actions_end(not_valid, 0),
            "FOREIGN KEY (u) REFERENCES auth.users (id) ON UPDATE CASCADE".len()
        );
    }
}
