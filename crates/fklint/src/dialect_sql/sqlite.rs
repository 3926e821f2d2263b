//! SQLite's fix SQL and words. SQLite's `ALTER TABLE` can only rename, add and drop columns, so a change to a
//! table's constraints or column types is a rebuild ([`super::sqlite_rebuild`]); and it accepts every foreign
//! key declaration, checking most of it only when a row is written with foreign keys on.

use super::sqlite_rebuild::Rebuild;
use super::{drop_constraint, forward_fix, not_a_unique_key, DialectSql};
use crate::catalog::{Catalog, Column, ForeignKey, Table, Target};
use crate::diagnostic::{FixPlan, TextEdit};
use crate::ident::QualName;
use crate::source::Location;
use crate::types::{sqlite, SqlType};

pub struct Sqlite;

impl DialectSql for Sqlite {
    /// SQLite cannot change a column's type in place: the table is rebuilt.
    fn alter_column_type(
        &self,
        catalog: &Catalog,
        table: &Table,
        column: &str,
        ty: &SqlType,
        _convert_through_text: bool,
    ) -> String {
        let mut rebuild = Rebuild::new(catalog, table.id);
        rebuild
            .column_types
            .push((column.to_string(), ty.display()));
        rebuild.sql()
    }

    /// (SQLite cannot drop a foreign key at all; the statement names the key for the author.)
    fn drop_foreign_key(&self, table: &QualName, fk: &ForeignKey) -> String {
        drop_constraint(table, fk)
    }

    /// SQLite cannot add a constraint to a table; a unique index is a key for its foreign keys too.
    fn add_unique_key(&self, table: &str, name: &str, columns: &str) -> String {
        format!("CREATE UNIQUE INDEX {name} ON {table} ({columns});")
    }

    /// SQLite changes NOT NULL only by rebuilding the table.
    fn allow_null(&self, catalog: &Catalog, table: &Table, column: &Column) -> String {
        let mut rebuild = Rebuild::new(catalog, table.id);
        rebuild.nullable.push(column.name.clone());
        rebuild.sql()
    }

    fn add_table_constraint(&self, catalog: &Catalog, table: &Table, clause: &str) -> String {
        let mut rebuild = Rebuild::new(catalog, table.id);
        rebuild.add.push(clause.to_string());
        rebuild.sql()
    }

    /// A key's actions change only with a rebuild of its table, which fixes here do not write.
    fn alters_foreign_keys(&self) -> bool {
        false
    }

    /// SQLite ran the statement: the foreign key works as soon as `before` has run.
    fn declaration_fix(
        &self,
        title: String,
        edits: Vec<TextEdit>,
        _stmt: Location,
        before: Option<String>,
    ) -> FixPlan {
        FixPlan {
            title,
            edits,
            sql: before,
            rerun_statement: None,
        }
    }

    /// SQLite ran the statement: the table has to be rebuilt with the right reference.
    fn retarget_fix(
        &self,
        catalog: &Catalog,
        fk: &ForeignKey,
        title: String,
        edit: TextEdit,
        target: String,
    ) -> FixPlan {
        forward_fix(title, vec![edit], retarget_rebuild(catalog, fk, target))
    }

    fn rejection(&self, _sqlstate: &str, _mysql_error: &str, at_write: Option<&str>) -> String {
        match at_write {
            None => "SQLite rejects the statement".to_string(),
            Some(error) => format!(
                "SQLite accepts the statement, but once foreign keys are on (PRAGMA foreign_keys=ON) every \
                 write to the table fails with `{error}`"
            ),
        }
    }

    /// SQLite accepts the statement and binds the name when a row is written; here no table ever has it.
    fn missing_table_verdict(
        &self,
        child: &QualName,
        _binds_late: bool,
        _sqlstate: &str,
    ) -> String {
        format!(
            "SQLite accepts the statement, but no table of that name exists by the end of the migrations, so once \
             foreign keys are on (PRAGMA foreign_keys=ON) every write to `{child}` fails with `no such table`"
        )
    }

    fn letter_case_note(&self) -> &'static str {
        super::FOLDED_CASE_NOTE
    }

    fn not_a_key(&self, target: &QualName, columns: &str, _non_standard: bool) -> String {
        not_a_unique_key(
            target,
            columns,
            &self.rejection("42830", "", Some("foreign key mismatch")),
        )
    }

    fn row_verdict(&self, unchecked: bool, _mysql_error: &str) -> String {
        if unchecked {
            return "SQLite accepts this statement with foreign keys off (PRAGMA foreign_keys=OFF or \
                    defer_foreign_keys), and the row is left broken"
                .to_string();
        }
        "SQLite rejects this statement once foreign keys are on (FOREIGN KEY constraint failed)"
            .to_string()
    }

    /// SQLite accepts any types; what differs is the affinity values are converted to.
    fn type_drift(&self, column: &str, key: &str, fk_type: &SqlType, ref_type: &SqlType) -> String {
        let (fk_affinity, key_affinity) = (sqlite::affinity(fk_type), sqlite::affinity(ref_type));
        format!(
            "`{column}` is {fk_type} ({} affinity) but the key `{key}` is {ref_type} ({} affinity): SQLite \
             accepts any foreign key, but it converts values to the column's affinity when storing them and \
             to the key's when checking, so keys that change on the way (text like '007' or '1.0', numbers \
             stored as text) never match: declare it {ref_type}",
            fk_affinity.name(),
            key_affinity.name()
        )
    }

    /// (SQLite finds no pair of types incompatible: it stores any value in any column.)
    fn incompatible_types(
        &self,
        column: &str,
        key: &str,
        key_note: &str,
        fk_type: &SqlType,
        ref_type: &SqlType,
    ) -> String {
        format!(
            "`{column}` is {fk_type} but `{key}`{key_note} is {ref_type}: SQLite stores the two differently, so \
             no value of one ever matches the other; make the column {ref_type}"
        )
    }

    fn type_change_refusal(&self) -> &'static str {
        "SQLite cannot change a column's type in place"
    }
}

/// The table rebuilt with the foreign key pointing at `target`, and every other foreign key of the table that
/// names a missing table pointing at the table suggested for it: one rebuild mends them all.
fn retarget_rebuild(catalog: &Catalog, fk: &ForeignKey, target: String) -> String {
    let mut rebuild = Rebuild::new(catalog, fk.table);
    rebuild.retarget.push((fk, target));
    for other in catalog
        .live_foreign_keys()
        .filter(|o| o.table == fk.table && o.id != fk.id)
    {
        if let Target::Missing {
            suggestion: Some(reference),
            ..
        } = &other.target
        {
            let name = catalog.table(reference.table).name.sql_in(catalog.dialect);
            rebuild.retarget.push((other, name));
        }
    }
    rebuild.sql()
}
