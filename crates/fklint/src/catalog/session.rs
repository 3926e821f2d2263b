//! What belongs to the session rather than the database: temporary tables live in the session's own schema
//! (`pg_temp`), which PostgreSQL searches first for relation names unless `search_path` places it; and the
//! end of each transaction runs their `ON COMMIT` actions: `DELETE ROWS` tables are emptied (which PostgreSQL
//! refuses, failing the commit, while a table not emptied with them references one), `DROP` tables are dropped
//! with what references them. Outside a transaction block every statement is its own transaction.
//!
//! `ALTER TABLE ... SET LOGGED | UNLOGGED` changes a table's persistence, which its foreign keys constrain the
//! same way `CREATE TABLE` does.

use super::{Catalog, ForeignKeyId, TableId};
use crate::events::{CreateTable, OnCommit, Persistence, StmtRef};
use crate::ident::{ObjName, QualName};
use crate::source::Location;

/// The name that means the session's temporary schema (the server's is `pg_temp_N`).
pub(super) const TEMP_SCHEMA: &str = "pg_temp";

/// A commit PostgreSQL refuses: `unsupported ON COMMIT and foreign key combination` (0A000). The whole
/// transaction is rolled back.
#[derive(Debug, Clone)]
pub struct OnCommitConflict {
    /// The COMMIT, or the statement whose own transaction it was.
    pub stmt: StmtRef,
    /// A foreign key from a table not emptied at commit to one that is.
    pub foreign_key: ForeignKeyId,
}

/// `ALTER TABLE t SET LOGGED | UNLOGGED` that PostgreSQL refuses (42P16) because of a foreign key.
#[derive(Debug, Clone)]
pub struct PersistenceConflict {
    pub stmt: StmtRef,
    /// The `SET LOGGED` / `SET UNLOGGED` as written.
    pub location: Location,
    /// The table changed.
    pub table: TableId,
    /// What it was to become.
    pub to: Persistence,
    /// The foreign key that forbids it (of the table, or referencing it).
    pub foreign_key: ForeignKeyId,
}

impl Catalog {
    /// The qualified name and persistence a CREATE TABLE gives its table: PostgreSQL puts a temporary table in
    /// the session's schema, and a table created in that schema (`pg_temp.t`, or `pg_temp` first on the path)
    /// is temporary.
    pub(super) fn table_creation_name(&self, create: &CreateTable) -> (QualName, Persistence) {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return (self.creation_name(&create.name), create.persistence);
        }
        let name = match create.persistence {
            Persistence::Temporary => QualName::new(TEMP_SCHEMA, &create.name.name.value),
            _ => self.creation_name(&create.name),
        };
        let persistence = if name.schema == TEMP_SCHEMA {
            Persistence::Temporary
        } else {
            create.persistence
        };
        (name, persistence)
    }

    /// Whether the statement ends a transaction: it runs outside a block (or is the COMMIT that closed one).
    pub(super) fn outside_block(&self) -> bool {
        self.savepoints.is_empty()
    }

    /// The commit of the running transaction, as PostgreSQL runs it: `ON COMMIT DELETE ROWS` tables are emptied
    /// when the transaction opened a temporary table, unless a table not emptied with them references one
    /// (then the commit fails: the conflict is recorded and `false` returned, and nothing is changed); then `ON
    /// COMMIT DROP` tables are dropped with CASCADE.
    pub(super) fn run_commit_actions(&mut self, stmt: StmtRef) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return true;
        }
        let touched = self.temp_touched.replace(false);
        // Most runs have no such table: the commit of each statement costs nothing then.
        self.on_commit_tables
            .retain(|&t| self.tables[t].dropped.is_none());
        if self.on_commit_tables.is_empty() {
            return true;
        }
        let emptied: Vec<TableId> = self
            .on_commit_tables
            .iter()
            .copied()
            .filter(|&t| self.tables[t].on_commit == OnCommit::DeleteRows)
            .collect();
        if touched && !emptied.is_empty() {
            if let Some(foreign_key) = self.reference_into(&emptied) {
                self.on_commit_conflicts
                    .push(OnCommitConflict { stmt, foreign_key });
                return false;
            }
            for &table in &emptied {
                self.empty_rows(table);
            }
        }
        let dropped: Vec<TableId> = self
            .on_commit_tables
            .iter()
            .copied()
            .filter(|&t| self.tables[t].on_commit == OnCommit::Drop)
            .collect();
        if !dropped.is_empty() {
            let dependents: Vec<ForeignKeyId> = self
                .live_foreign_keys()
                .filter(|fk| fk.target_table().is_some_and(|t| dropped.contains(&t)))
                .map(|fk| fk.id)
                .collect();
            for fk in dependents {
                self.drop_foreign_key(fk, stmt);
            }
            self.remove_tables(&dropped, stmt);
        }
        true
    }

    /// A live foreign key from a table outside `tables` to one of them.
    fn reference_into(&self, tables: &[TableId]) -> Option<ForeignKeyId> {
        self.live_foreign_keys()
            .find(|fk| {
                !tables.contains(&fk.table)
                    && fk.target_table().is_some_and(|t| tables.contains(&t))
            })
            .map(|fk| fk.id)
    }

    /// `ALTER TABLE t SET LOGGED | UNLOGGED`. Nothing happens when the table already is so; PostgreSQL refuses a
    /// logged table that references an unlogged one, and an unlogged table that a logged one references (a
    /// table's references to itself do not count). Temporary tables cannot change (rejected, not for a key).
    pub(super) fn set_persistence(
        &mut self,
        table: &ObjName,
        to: Persistence,
        location: Location,
        stmt: StmtRef,
    ) {
        let Some(id) = self.find_table(table) else {
            return;
        };
        let from = self.tables[id].persistence;
        if from == to || from == Persistence::Temporary {
            return;
        }
        let forbidding = self.live_foreign_keys().find(|fk| {
            let Some(target) = fk.target_table() else {
                return false;
            };
            if fk.table == target {
                return false;
            }
            match to {
                // Its own references must then point at logged tables.
                Persistence::Permanent => {
                    fk.table == id && self.tables[target].persistence != Persistence::Permanent
                }
                // Logged tables referencing it would point at an unlogged one.
                _ => target == id && self.tables[fk.table].persistence == Persistence::Permanent,
            }
        });
        match forbidding {
            Some(fk) => self.persistence_conflicts.push(PersistenceConflict {
                stmt,
                location,
                table: id,
                to,
                foreign_key: fk.id,
            }),
            None => self.tables[id].persistence = to,
        }
    }
}
