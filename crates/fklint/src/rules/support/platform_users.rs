//! The platform's users table (`auth.users`) and the project's copies of it (`public.users`, `profiles`), which
//! FK301, FK302, FK304 and FK305 reason about.
//!
//! A copy ("mirror") is a table whose single-column primary key holds the same ids as the platform's users: it
//! has the same name in another schema (`public.users` next to `auth.users`), or its key references the users'
//! key (`profiles.id REFERENCES auth.users (id)`). Only the platform's users table has mirrors here: elsewhere a
//! key referencing another key is usually a subtype (`employee` of `person`), which is a different entity.

use super::fix::{insert_at, replace};
use super::targets::ids_from_elsewhere;
use crate::catalog::Reference;
use crate::catalog::{ForeignKey, ForeignKeyId, KeyMatch, TableId};
use crate::diagnostic::{FixPlan, TextEdit};
use crate::dialect_sql::{drop_foreign_key_sql, ForeignKeySql};
use crate::ident::quote_if_needed;
use crate::rules::context::RuleContext;
use crate::types::{relate, TypeRelation};

/// The platform's users and the tables that copy them.
pub struct Users {
    pub source: TableId,
    pub key: String,
    pub mirrors: Vec<Mirror>,
}

pub struct Mirror {
    pub table: TableId,
    pub key: String,
    /// The foreign key from the mirror's key to the users' key, when there is one.
    pub key_reference: Option<ForeignKeyId>,
}

impl Users {
    /// The tables that hold the users: the platform's and its mirrors.
    pub fn tables(&self) -> impl Iterator<Item = (TableId, &str)> {
        std::iter::once((self.source, self.key.as_str()))
            .chain(self.mirrors.iter().map(|m| (m.table, m.key.as_str())))
    }

    /// Whether a foreign key is a mirror's own key pointing at the users (not a reference to "a user").
    pub fn is_mirror_key(&self, fk: &ForeignKey) -> bool {
        self.mirrors.iter().any(|m| m.key_reference == Some(fk.id))
    }
}

/// The platform's users table and its mirrors, when the migrations are written for a platform.
pub fn users(ctx: &RuleContext) -> Option<Users> {
    let catalog = ctx.catalog;
    let (source, key) = catalog.identity_table()?;
    let source_table = catalog.table(source);
    let key_type = source_table.column(key)?.ty.clone()?;
    let mut mirrors = Vec::new();
    for table in catalog.live_tables() {
        if table.id == source || catalog.is_platform(table.created) {
            continue;
        }
        let Some([mirror_key]) = table.primary_key().map(|k| k.columns.as_slice()) else {
            continue;
        };
        let same_type = table
            .column(mirror_key)
            .and_then(|c| c.ty.as_ref())
            .is_some_and(|ty| relate(ty, &key_type) == TypeRelation::Same);
        if !same_type {
            continue;
        }
        let key_reference = ctx
            .accepted_foreign_keys()
            .find(|fk| {
                fk.table == table.id
                    && fk.columns.as_slice() == [mirror_key.clone()]
                    && fk.reference().is_some_and(|r| {
                        r.table == source
                            && r.ref_columns.as_slice() == [key.to_string()]
                            && matches!(r.key, KeyMatch::PrimaryKey | KeyMatch::Unique)
                    })
            })
            .map(|fk| fk.id);
        if key_reference.is_some() || table.name.name == source_table.name.name {
            mirrors.push(Mirror {
                table: table.id,
                key: mirror_key.clone(),
                key_reference,
            });
        }
    }
    Some(Users {
        source,
        key: key.to_string(),
        mirrors,
    })
}

/// The foreign keys that reference a user of this database: accepted, written by the project, into the users'
/// key or a mirror's key (a mirror's own key reference is how it copies the users, not a reference to one), and
/// not declared to hold ids from another database (FK303 says what to do with those).
pub fn user_references<'c>(ctx: &'c RuleContext, users: &'c Users) -> Vec<&'c ForeignKey> {
    ctx.accepted_foreign_keys()
        .filter(|fk| {
            !ctx.catalog.is_platform(fk.stmt)
                && !users.is_mirror_key(fk)
                && ids_from_elsewhere(ctx, fk).is_none()
        })
        .filter(|fk| {
            fk.reference().is_some_and(|r| {
                users
                    .tables()
                    .any(|(t, key)| r.table == t && r.ref_columns.as_slice() == [key.to_string()])
            })
        })
        .collect()
}

/// Whether a trigger on the users table copies new users into `table`: the function it runs on INSERT inserts
/// into it.
pub fn synced(ctx: &RuleContext, users: &Users, table: TableId) -> bool {
    let catalog = ctx.catalog;
    catalog
        .triggers
        .iter()
        .filter(|t| t.table == users.source && t.def.events.iter().any(|e| e == "insert"))
        .filter_map(|t| catalog.trigger_function(t))
        .any(|f| {
            f.def
                .inserts
                .iter()
                .any(|name| catalog.find_table(name) == Some(table))
        })
}

/// The SQL that keeps a mirror filled: a `SECURITY DEFINER` function and an `AFTER INSERT` trigger on the users
/// table (what the write-ups added), and the backfill of users who signed up before it.
pub struct SyncSql {
    pub function_and_trigger: String,
    pub backfill: String,
}

/// The sync SQL for a mirror, or `None` when a NOT NULL column of the mirror has nothing to be filled from.
pub fn sync_sql(ctx: &RuleContext, users: &Users, mirror: &Mirror) -> Option<SyncSql> {
    let catalog = ctx.catalog;
    let source = catalog.table(users.source);
    let target = catalog.table(mirror.table);
    let has_metadata = source.column("raw_user_meta_data").is_some();
    // (column, value from the users row `{row}`)
    let mut columns: Vec<(String, String)> =
        vec![(mirror.key.clone(), format!("{{row}}.{}", quote(&users.key)))];
    for column in &target.columns {
        if column.name == mirror.key {
            continue;
        }
        let required = column.not_null && column.default.is_none();
        let from_source = source.column(&column.name).is_some();
        let from_metadata = has_metadata
            && (required
                || [
                    "name",
                    "full_name",
                    "display_name",
                    "username",
                    "avatar_url",
                ]
                .contains(&column.name.as_str()))
            && column
                .ty
                .as_ref()
                .is_some_and(|t| matches!(t.base.as_str(), "text" | "varchar"));
        let value = if from_source && (required || column.name == "email") {
            format!("{{row}}.{}", quote(&column.name))
        } else if from_metadata {
            format!(
                "{{row}}.raw_user_meta_data ->> '{}'",
                column.name.replace('\'', "''")
            )
        } else if required {
            return None;
        } else {
            continue;
        };
        columns.push((column.name.clone(), value));
    }
    let names: Vec<String> = columns.iter().map(|(c, _)| quote(c)).collect();
    let values = |prefix: &str| -> Vec<String> {
        columns
            .iter()
            .map(|(_, v)| v.replace("{row}", prefix))
            .collect()
    };
    let mirror_name = qualified(&target.name);
    let source_name = qualified(&source.name);
    let function = unused_function_name(ctx, &target.name.name);
    let trigger = unused_trigger_name(ctx, users.source, &target.name.name);
    let key = quote(&mirror.key);
    let function_and_trigger = format!(
        "CREATE OR REPLACE FUNCTION {function}()\nRETURNS trigger\nLANGUAGE plpgsql\nSECURITY DEFINER\n\
         SET search_path = ''\nAS $$\nBEGIN\n  INSERT INTO {mirror_name} ({})\n  VALUES ({})\n  ON CONFLICT ({key}) \
         DO NOTHING;\n  RETURN NEW;\nEND;\n$$;\nCREATE TRIGGER {trigger}\n  AFTER INSERT ON {source_name}\n  FOR EACH \
         ROW EXECUTE FUNCTION {function}();",
        names.join(", "),
        values("NEW").join(", "),
    );
    let backfill = format!(
        "INSERT INTO {mirror_name} ({})\nSELECT {}\nFROM {source_name} AS u\nLEFT JOIN {mirror_name} AS m ON m.{key} = \
         u.{}\nWHERE m.{key} IS NULL;",
        names.join(", "),
        values("u").join(", "),
        quote(&users.key),
    );
    Some(SyncSql {
        function_and_trigger,
        backfill,
    })
}

fn quote(name: &str) -> String {
    crate::ident::quote_if_needed(name)
}

/// `public.users`: always with its schema (next to `auth.users` the schema is the point).
pub fn qualified(name: &crate::ident::QualName) -> String {
    format!("{}.{}", quote(&name.schema), quote(&name.name))
}

/// `public.handle_new_user`, or `public.handle_new_<mirror>` when that name is taken.
fn unused_function_name(ctx: &RuleContext, mirror: &str) -> String {
    let taken = |name: &str| ctx.catalog.functions.iter().any(|f| f.name.name == name);
    let name = if taken("handle_new_user") {
        format!("handle_new_{mirror}")
    } else {
        "handle_new_user".to_string()
    };
    format!("public.{}", quote(&name))
}

/// `on_auth_user_created`, or `on_auth_user_created_<mirror>` when the users table has a trigger of that name.
fn unused_trigger_name(ctx: &RuleContext, source: TableId, mirror: &str) -> String {
    let taken = ctx
        .catalog
        .triggers
        .iter()
        .any(|t| t.table == source && t.def.name.value == "on_auth_user_created");
    if taken {
        quote(&format!("on_auth_user_created_{mirror}"))
    } else {
        "on_auth_user_created".to_string()
    }
}

/// The function and trigger written after the mirror's `CREATE TABLE`; forward, with the backfill.
pub fn sync_fix(ctx: &RuleContext, users: &Users, mirror: &Mirror) -> Option<FixPlan> {
    let sql = sync_sql(ctx, users, mirror)?;
    let created = ctx.catalog.table(mirror.table).created;
    let body = sql
        .function_and_trigger
        .strip_suffix(';')
        .unwrap_or(&sql.function_and_trigger);
    Some(FixPlan {
        title: format!(
            "Copy new users into `{}` with a trigger",
            qualified(&ctx.catalog.table(mirror.table).name)
        ),
        edits: vec![insert_at(
            created.location(),
            created.span.end,
            format!(";\n{body}"),
        )],
        sql: Some(format!("{}\n{}", sql.function_and_trigger, sql.backfill)),
        rerun_statement: None,
    })
}

/// How the references to users split: the target most of them use, and the ones that use another.
pub struct Split<'c> {
    pub target: TableId,
    pub target_key: String,
    pub majority: Vec<&'c ForeignKey>,
    pub minority: Vec<&'c ForeignKey>,
}

/// The split, when the references use more than one table. Ties go to the project's own table: it is the one
/// the application controls (and the write-ups chose).
pub fn split<'c>(users: &Users, references: &[&'c ForeignKey]) -> Option<Split<'c>> {
    let target_of = |fk: &ForeignKey| fk.reference().map(|r| r.table);
    let mut counts: Vec<(TableId, usize)> = Vec::new();
    for fk in references {
        let Some(table) = target_of(fk) else { continue };
        match counts.iter_mut().find(|(t, _)| *t == table) {
            Some((_, n)) => *n += 1,
            None => counts.push((table, 1)),
        }
    }
    if counts.len() < 2 {
        return None;
    }
    let (target, _) = counts
        .iter()
        .copied()
        .max_by_key(|&(table, n)| (n, table != users.source))?;
    let target_key = users.tables().find(|(t, _)| *t == target)?.1.to_string();
    let (majority, minority) = references
        .iter()
        .partition(|fk| target_of(fk) == Some(target));
    Some(Split {
        target,
        target_key,
        majority,
        minority,
    })
}

/// Points the foreign key at `target (key)`: the reference edited in place, or dropped and added again.
pub fn repoint_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    target: TableId,
    key: &str,
) -> Option<FixPlan> {
    let catalog = ctx.catalog;
    let reference = fk.reference()?;
    let compatible = match (
        catalog
            .table(fk.table)
            .column(fk.columns.first()?)
            .and_then(|c| c.ty.as_ref()),
        catalog
            .table(target)
            .column(key)
            .and_then(|c| c.ty.as_ref()),
    ) {
        (Some(a), Some(b)) => relate(a, b) != TypeRelation::Incompatible,
        _ => false,
    };
    if !compatible || fk.columns.len() != 1 {
        return None;
    }
    let name = catalog.table(target).name.sql();
    let mut edits: Vec<TextEdit> = vec![replace(fk.stmt.at(fk.def.ref_table.span), name.clone())];
    if let Some([column]) = fk.def.ref_columns.as_deref() {
        if column.value != key {
            edits.push(replace(fk.stmt.at(column.span), quote_if_needed(key)));
        }
    } else if reference.ref_columns.as_slice() != [key.to_string()] {
        return None;
    }
    let new_target = Reference {
        table: target,
        ref_columns: vec![key.to_string()],
        missing_columns: Vec::new(),
        key: KeyMatch::PrimaryKey,
        key_ref: None,
        pairs: Vec::new(),
        period: None,
        persistence_mismatch: None,
    };
    let sql = format!(
        "{}\n{}",
        drop_foreign_key_sql(catalog, fk),
        ForeignKeySql {
            catalog,
            fk,
            target: &new_target,
            on_delete: None,
            on_update: None,
        }
        .add_constraint()
    );
    Some(FixPlan {
        title: format!("Reference `{name}`"),
        edits,
        sql: Some(sql),
        rerun_statement: None,
    })
}
