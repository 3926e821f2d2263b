//! What the target PostgreSQL version does not have yet: a statement written with it is a syntax error there
//! (42601), refused like any other (see [`super::rejection`]) and reported by FK112.

use super::Catalog;
use crate::events::{ForeignKeyDef, RefAction};
use crate::server::{Server, POSTGRES_DEFAULT_MAJOR};

/// Foreign-key syntax newer than some PostgreSQL release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewerSyntax {
    /// As the finding names it.
    pub what: &'static str,
    /// The first major version that accepts it.
    pub since: u32,
}

impl Catalog {
    /// The PostgreSQL major version the migrations are judged for (the newest fklint models without a target).
    pub fn postgres_major(&self) -> u32 {
        match self.target {
            Some(target) if target.server == Server::Postgres => target.major,
            _ => POSTGRES_DEFAULT_MAJOR,
        }
    }

    /// The first piece of the foreign key's syntax that the target version does not have, if any.
    pub fn newer_than_target(&self, def: &ForeignKeyDef) -> Option<NewerSyntax> {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return None;
        }
        let major = self.postgres_major();
        let with_columns = |action: &RefAction| matches!(action, RefAction::SetNull(c) | RefAction::SetDefault(c) if !c.is_empty());
        let newer = [
            (
                with_columns(&def.on_delete) || with_columns(&def.on_update),
                NewerSyntax {
                    what: "`SET NULL (columns)` / `SET DEFAULT (columns)`",
                    since: 15,
                },
            ),
            (
                def.not_enforced,
                NewerSyntax {
                    what: "`NOT ENFORCED`",
                    since: 18,
                },
            ),
        ];
        newer
            .into_iter()
            .find(|(written, syntax)| *written && major < syntax.since)
            .map(|(_, syntax)| syntax)
    }
}
