//! The seam between rules and dialects. A rule asks for an intent (change this column's type, drop this foreign
//! key, add this unique key, the fix of a declaration, the server's verdict on a statement) and the dialect's
//! own file writes the SQL and the words: `postgres.rs`, `mysql.rs`, `sqlite.rs`. A new dialect is one more file
//! implementing [`DialectSql`]; no rule changes.
//!
//! What a rule passes is data (the tables, columns and types, each server's error codes); how a server spells a
//! statement or words a verdict is decided here and nowhere else.

mod mysql;
mod postgres;
mod sqlite;
pub mod sqlite_rebuild;

use crate::catalog::{Catalog, Column, ColumnPair, ForeignKey, Reference, Table};
use crate::diagnostic::{FixPlan, TextEdit};
use crate::dialect::Dialect;
use crate::ident::{join_idents_in, quote_if_needed, QualName};
use crate::source::Location;
use crate::types::SqlType;

/// How one dialect writes fix SQL and words what its server does. The provided methods are those of a server
/// that rejects a bad declaration and alters constraints in place (PostgreSQL, MySQL).
pub trait DialectSql: Sync {
    // ---- fix SQL -------------------------------------------------------------------------------------------

    /// The forward SQL that gives `table.column` the type `ty` (`convert_through_text`: the values go through
    /// text on the way, for types with no direct cast).
    fn alter_column_type(
        &self,
        catalog: &Catalog,
        table: &Table,
        column: &str,
        ty: &SqlType,
        convert_through_text: bool,
    ) -> String;

    /// The type to give a referencing column so it matches the key, as an edit writes it: as the key's column
    /// was written (keeping the author's spelling) unless that was a serial pseudo-type, which only makes sense
    /// on the key itself.
    fn matching_type_text(&self, pair: &ColumnPair) -> Option<String> {
        let ref_type = pair.ref_type.as_ref()?;
        let written = pair.ref_type_text.as_deref().unwrap_or("").trim();
        let lower = written.to_ascii_lowercase();
        if written.is_empty() || lower.contains("serial") || lower.contains("generated") {
            Some(ref_type.display())
        } else {
            Some(written.to_string())
        }
    }

    /// `ALTER TABLE t DROP ... fk;`, `table` named as it is where the SQL runs.
    fn drop_foreign_key(&self, table: &QualName, fk: &ForeignKey) -> String {
        drop_constraint(table, fk)
    }

    /// A unique key on `table(columns)` named `name` (all three already written as SQL).
    fn add_unique_key(&self, table: &str, name: &str, columns: &str) -> String {
        format!("ALTER TABLE {table} ADD CONSTRAINT {name} UNIQUE ({columns});")
    }

    /// The forward SQL that lets `column` of `table` hold NULL.
    fn allow_null(&self, catalog: &Catalog, table: &Table, column: &Column) -> String;

    /// `ADD <constraint>` to a table that exists (the constraint's clause as written).
    fn add_table_constraint(&self, catalog: &Catalog, table: &Table, clause: &str) -> String;

    /// Whether forward SQL can change an existing foreign key's actions (drop it, add it back).
    fn alters_foreign_keys(&self) -> bool {
        true
    }

    /// The fix of a foreign key declaration that works once `before` has run first: where the server rejected
    /// the declaration, the edited statement runs again after `before`; where it ran it (SQLite), `before`
    /// alone is the forward fix.
    fn declaration_fix(
        &self,
        title: String,
        edits: Vec<TextEdit>,
        stmt: Location,
        before: Option<String>,
    ) -> FixPlan {
        rerun_fix(title, edits, stmt, before)
    }

    /// The fix of a foreign key that names the wrong table: `edit` writes `target` (SQL) in its place.
    fn retarget_fix(
        &self,
        _catalog: &Catalog,
        fk: &ForeignKey,
        title: String,
        edit: TextEdit,
        _target: String,
    ) -> FixPlan {
        rerun_fix(title, vec![edit], fk.stmt.location(), None)
    }

    // ---- the server's words --------------------------------------------------------------------------------

    /// What the server does with a statement PostgreSQL rejects with `sqlstate` and MySQL with `mysql_error`;
    /// `at_write`: the error SQLite gives every write instead, when it checks this part of a foreign key only
    /// when a row is written (`None` when SQLite rejects the statement itself).
    fn rejection(&self, sqlstate: &str, mysql_error: &str, at_write: Option<&str>) -> String;

    /// The verdict on a foreign key to a table that never exists (`binds_late`: declared while the server's
    /// checks were off), `child` being the referencing table.
    fn missing_table_verdict(&self, child: &QualName, binds_late: bool, sqlstate: &str) -> String;

    /// Why a name that differs from a table's only in letter case does not find it.
    fn letter_case_note(&self) -> &'static str;

    /// The columns `target(columns)` a foreign key references are not a key (`non_standard`: they lead an index
    /// without being a primary key or unique constraint).
    fn not_a_key(&self, target: &QualName, columns: &str, non_standard: bool) -> String;

    /// The verdict on a row that breaks a foreign key (`unchecked`: written while the checks were off).
    fn row_verdict(&self, unchecked: bool, mysql_error: &str) -> String;

    /// The verdict on deleting or re-keying a referenced row that other rows still reference (`restrict`: the
    /// key's action is RESTRICT, not NO ACTION).
    fn parent_row_verdict(
        &self,
        _catalog: &Catalog,
        unchecked: bool,
        _restrict: bool,
        mysql_error: &str,
    ) -> String {
        self.row_verdict(unchecked, mysql_error)
    }

    /// A referencing column whose type differs from its key's in a way the server accepts.
    fn type_drift(&self, column: &str, key: &str, fk_type: &SqlType, ref_type: &SqlType) -> String;

    /// The message for a foreign key declared between types the server cannot join: `column` (`t.c`) is
    /// `fk_type`, `key` (`t.c`, with `key_note` saying how it was found) is `ref_type`.
    fn incompatible_types(
        &self,
        column: &str,
        key: &str,
        key_note: &str,
        fk_type: &SqlType,
        ref_type: &SqlType,
    ) -> String;

    /// Why the server rejects a column type change that leaves a foreign key between incompatible types.
    fn type_change_refusal(&self) -> &'static str;
}

/// The one place a dialect is matched to its SQL.
pub fn for_dialect(dialect: Dialect) -> &'static dyn DialectSql {
    match dialect {
        Dialect::Postgres => &postgres::Postgres,
        Dialect::MySql => &mysql::MySql,
        Dialect::Sqlite => &sqlite::Sqlite,
    }
}

/// `ALTER TABLE t DROP ...` for a foreign key, its table named as it is at the end of the migrations.
pub fn drop_foreign_key_sql(catalog: &Catalog, fk: &ForeignKey) -> String {
    for_dialect(catalog.dialect).drop_foreign_key(&catalog.table(fk.table).name, fk)
}

/// Names differ only in case: how PostgreSQL and SQLite compare them.
const FOLDED_CASE_NOTE: &str =
    " (letter case: quoted names keep their case, unquoted names fold to lower case)";

/// The columns a foreign key references are not a primary key or unique constraint, and `verdict` is what the
/// server does about it.
fn not_a_unique_key(target: &QualName, columns: &str, verdict: &str) -> String {
    format!(
        "`{target}({columns})` is not a primary key or unique constraint, so a foreign key cannot reference it; \
         {verdict}"
    )
}

/// `ALTER TABLE t DROP CONSTRAINT name;` in PostgreSQL's spelling.
fn drop_constraint(table: &QualName, fk: &ForeignKey) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {};",
        table.sql(),
        quote_if_needed(&fk.name)
    )
}

/// The fix that edits a rejected statement and runs it again (after `before`, when given).
pub fn rerun_fix(
    title: String,
    edits: Vec<TextEdit>,
    stmt: Location,
    before: Option<String>,
) -> FixPlan {
    FixPlan {
        title,
        edits,
        sql: before,
        rerun_statement: Some(stmt),
    }
}

/// The fix for a statement the server ran: its edits, and `sql` as the forward form.
fn forward_fix(title: String, edits: Vec<TextEdit>, sql: String) -> FixPlan {
    FixPlan {
        title,
        edits,
        sql: Some(sql),
        rerun_statement: None,
    }
}

/// `ALTER TABLE t ADD CONSTRAINT name FOREIGN KEY (cols) REFERENCES target (cols) ON DELETE ...;` describing a
/// foreign key as it should be (PostgreSQL and MySQL spell it alike, each with its own quoting).
pub struct ForeignKeySql<'a> {
    pub catalog: &'a Catalog,
    pub fk: &'a ForeignKey,
    pub target: &'a Reference,
    /// Replacement actions; `None` keeps what the constraint has.
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
}

impl ForeignKeySql<'_> {
    pub fn add_constraint(&self) -> String {
        let dialect = self.catalog.dialect;
        let table = &self.catalog.table(self.fk.table).name;
        let target = &self.catalog.table(self.target.table).name;
        let columns = join_idents_in(dialect, &self.fk.columns);
        let ref_columns = join_idents_in(dialect, &self.target.ref_columns);
        let mut sql = format!(
            "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({columns}) REFERENCES {} ({ref_columns})",
            table.sql_in(dialect),
            crate::ident::quote_in(dialect, &self.fk.name),
            target.sql_in(dialect)
        );
        let on_delete = self
            .on_delete
            .clone()
            .unwrap_or_else(|| self.fk.def.on_delete.sql());
        if on_delete != "NO ACTION" {
            sql.push_str(&format!(" ON DELETE {on_delete}"));
        }
        let on_update = self
            .on_update
            .clone()
            .unwrap_or_else(|| self.fk.def.on_update.sql());
        if on_update != "NO ACTION" {
            sql.push_str(&format!(" ON UPDATE {on_update}"));
        }
        if self.fk.def.deferrable {
            sql.push_str(" DEFERRABLE");
            if self.fk.def.initially_deferred {
                sql.push_str(" INITIALLY DEFERRED");
            }
        }
        sql.push(';');
        sql
    }
}
