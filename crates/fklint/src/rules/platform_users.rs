//! The platform's users table (`auth.users`) and the project's copies of it (`public.users`, `profiles`), which
//! FK301, FK302, FK304 and FK305 reason about.
//!
//! A copy ("mirror") is a table whose single-column primary key holds the same ids as the platform's users: it
//! has the same name in another schema (`public.users` next to `auth.users`), or its key references the users'
//! key (`profiles.id REFERENCES auth.users (id)`). Only the platform's users table has mirrors here: elsewhere a
//! key referencing another key is usually a subtype (`employee` of `person`), which is a different entity.

use super::RuleContext;
use crate::catalog::{ForeignKey, ForeignKeyId, KeyMatch, TableId};
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

/// The foreign keys that reference a user: accepted, written by the project, into the users' key or a mirror's
/// key (a mirror's own key reference is how it copies the users, not a reference to one).
pub fn user_references<'c>(ctx: &'c RuleContext, users: &'c Users) -> Vec<&'c ForeignKey> {
    ctx.accepted_foreign_keys()
        .filter(|fk| !ctx.catalog.is_platform(fk.stmt) && !users.is_mirror_key(fk))
        .filter(|fk| {
            fk.reference().is_some_and(|r| {
                users
                    .tables()
                    .any(|(t, key)| r.table == t && r.ref_columns.as_slice() == [key.to_string()])
            })
        })
        .collect()
}
