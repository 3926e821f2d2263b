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
    /// What the older server answers: a syntax error (42601), or 42809 for what it parses but refuses.
    pub sqlstate: &'static str,
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
                    sqlstate: "42601",
                },
            ),
            (
                def.not_enforced,
                NewerSyntax {
                    what: "`NOT ENFORCED`",
                    since: 18,
                    sqlstate: "42601",
                },
            ),
            (
                def.period || def.ref_period,
                NewerSyntax {
                    what: "`PERIOD` (a temporal foreign key)",
                    since: 18,
                    sqlstate: "42601",
                },
            ),
        ];
        newer
            .into_iter()
            .find(|(written, syntax)| *written && major < syntax.since)
            .map(|(_, syntax)| syntax)
    }
}

/// A `WITHOUT OVERLAPS` key (or `ALTER CONSTRAINT ... ENFORCED`) written for a PostgreSQL before 18: a syntax
/// error there (42601), which refuses the statement (and so the table or key it declares).
#[derive(Debug, Clone)]
pub struct NewerKey {
    pub stmt: crate::events::StmtRef,
    /// The table it is about (gone when the refused statement created it), and its columns.
    pub table: Option<super::TableId>,
    pub columns: Vec<String>,
    /// The key constraint as written.
    pub location: crate::source::Location,
    pub syntax: NewerSyntax,
}

impl Catalog {
    /// The syntax of a key constraint the target version does not have, if any.
    pub(super) fn key_newer_than_target(
        &self,
        kind: &crate::events::ConstraintKind,
    ) -> Option<NewerSyntax> {
        let temporal = matches!(kind, crate::events::ConstraintKind::WithoutOverlaps { .. });
        let syntax = NewerSyntax {
            what: "`WITHOUT OVERLAPS` (a temporal key)",
            since: 18,
            sqlstate: "42601",
        };
        (temporal
            && self.dialect == crate::dialect::Dialect::Postgres
            && self.postgres_major() < syntax.since)
            .then_some(syntax)
    }
}

impl Catalog {
    /// `ALTER CONSTRAINT ... [NOT] ENFORCED` on a target before PostgreSQL 18 (a syntax error there).
    pub(super) fn enforced_newer_than_target(&self) -> Option<NewerSyntax> {
        let syntax = NewerSyntax {
            what: "`ALTER CONSTRAINT ... [NOT] ENFORCED`",
            since: 18,
            sqlstate: "42601",
        };
        (self.dialect == crate::dialect::Dialect::Postgres && self.postgres_major() < syntax.since)
            .then_some(syntax)
    }
}

impl Catalog {
    /// `col int REFERENCES t NOT VALID`: PostgreSQL's grammar has `NOT VALID` for table constraints only, so
    /// every version rejects the statement (42601, a syntax error), in CREATE TABLE and in ADD COLUMN alike.
    pub fn not_valid_inline(&self, fk: &super::ForeignKey) -> bool {
        self.dialect == crate::dialect::Dialect::Postgres && fk.def.inline && fk.def.not_valid
    }

    /// `ALTER TABLE partitioned ADD FOREIGN KEY ... NOT VALID` before PostgreSQL 18: "cannot add NOT VALID foreign
    /// key on partitioned table" (42809). (In CREATE TABLE, NOT VALID is accepted and means nothing.)
    pub fn not_valid_on_partitioned(&self, fk: &super::ForeignKey) -> Option<NewerSyntax> {
        let syntax = NewerSyntax {
            what: "`NOT VALID` on a foreign key added to a partitioned table",
            since: 18,
            sqlstate: "42809",
        };
        (self.dialect == crate::dialect::Dialect::Postgres
            && fk.standalone
            && fk.def.not_valid
            && self.tables[fk.table].partitioned
            && self.postgres_major() < syntax.since)
            .then_some(syntax)
    }
}
