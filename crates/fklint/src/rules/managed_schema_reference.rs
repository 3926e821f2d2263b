//! FK302 managed-schema-reference.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, ForeignKeySql};
use super::support::fix::{insert_at, replace};
use super::support::platform_users::{user_references, users};
use super::support::targets::ids_from_elsewhere;
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, FixPlan, Severity};
use crate::events::RefAction;

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
            fk.def.actions_at.unwrap_or(fk.location.span.end),
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

#[cfg(test)]
mod tests {
    use crate::{check, Options, Source};

    /// The migration after FK302's edit, on Supabase.
    fn fixed(sql: &str) -> String {
        let options = Options {
            platform: Some("supabase".to_string()),
            ..Options::default()
        };
        let report = check(&[Source::new("m.sql", sql)], &options);
        let finding = report.findings.iter().find(|f| f.code == "FK302");
        let edits = &finding.and_then(|f| f.fix.as_ref()).expect("an FK302 fix").edits;
        let [edit] = edits.as_slice() else {
            panic!("one edit, not {edits:?}");
        };
        format!("{}{}{}", &sql[..edit.start], edit.replacement, &sql[edit.end..])
    }

    #[test]
    fn actions_go_after_the_reference_and_before_constraint_attributes() {
        let table = |clause: &str| format!("CREATE TABLE profiles (id uuid PRIMARY KEY, u uuid NOT NULL {clause});\n");
        for (clause, expected) in [
            (
                "REFERENCES auth.users (id) MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED",
                "REFERENCES auth.users (id) MATCH SIMPLE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
            ),
            ("REFERENCES auth.users", "REFERENCES auth.users ON DELETE CASCADE"),
            (
                "REFERENCES auth.users (id) ON UPDATE CASCADE UNIQUE",
                "REFERENCES auth.users (id) ON UPDATE CASCADE ON DELETE CASCADE UNIQUE",
            ),
        ] {
            assert_eq!(fixed(&table(clause)), table(expected), "{clause}");
        }
        let not_valid = "CREATE TABLE profiles (u uuid NOT NULL);\nALTER TABLE profiles ADD FOREIGN KEY (u) REFERENCES \
                         auth.users (id) NOT VALID;\n";
        assert_eq!(
            fixed(not_valid),
            not_valid.replace("(id) NOT VALID", "(id) ON DELETE CASCADE NOT VALID")
        );
    }
}
