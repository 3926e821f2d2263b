//! PostgreSQL's fix SQL and words.

use super::{not_a_unique_key, DialectSql};
use crate::catalog::{Catalog, Column, Table};
use crate::ident::{quote_if_needed, QualName};
use crate::types::SqlType;

pub struct Postgres;

impl DialectSql for Postgres {
    /// `ALTER TABLE t ALTER COLUMN c TYPE x [USING c::text::x];`
    fn alter_column_type(
        &self,
        _catalog: &Catalog,
        table: &Table,
        column: &str,
        ty: &SqlType,
        convert_through_text: bool,
    ) -> String {
        let column = quote_if_needed(column);
        let ty = ty.display();
        let using = if convert_through_text {
            format!(" USING {column}::text::{ty}")
        } else {
            String::new()
        };
        format!(
            "ALTER TABLE {} ALTER COLUMN {column} TYPE {ty}{using};",
            table.name.sql()
        )
    }

    fn allow_null(&self, _catalog: &Catalog, table: &Table, column: &Column) -> String {
        format!(
            "ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;",
            table.name.sql(),
            quote_if_needed(&column.name)
        )
    }

    fn add_table_constraint(&self, _catalog: &Catalog, table: &Table, clause: &str) -> String {
        format!("ALTER TABLE {} ADD {clause};", table.name.sql())
    }

    fn rejection(&self, sqlstate: &str, _mysql_error: &str, _at_write: Option<&str>) -> String {
        format!("PostgreSQL rejects the statement ({sqlstate})")
    }

    fn missing_table_verdict(
        &self,
        _child: &QualName,
        _binds_late: bool,
        sqlstate: &str,
    ) -> String {
        self.rejection(sqlstate, "", None)
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

    /// PostgreSQL has no switch that turns its checks off for a session: every broken row is rejected.
    fn row_verdict(&self, _unchecked: bool, _mysql_error: &str) -> String {
        "PostgreSQL rejects this statement (23503)".to_string()
    }

    /// PostgreSQL 18 reports a RESTRICT key's refusal as `restrict_violation` (23001); earlier releases, and
    /// NO ACTION keys, as 23503.
    fn parent_row_verdict(
        &self,
        catalog: &Catalog,
        unchecked: bool,
        restrict: bool,
        mysql_error: &str,
    ) -> String {
        if restrict && catalog.postgres_major() >= 18 {
            return "PostgreSQL rejects this statement (23001)".to_string();
        }
        self.row_verdict(unchecked, mysql_error)
    }

    fn type_drift(&self, column: &str, key: &str, fk_type: &SqlType, ref_type: &SqlType) -> String {
        format!(
            "`{column}` is {fk_type} but the key `{key}` is {ref_type}; PostgreSQL accepts this, but the two can \
             drift apart (a key value may not fit the column, or the column may hold values no key has): use \
             {ref_type}"
        )
    }

    fn incompatible_types(
        &self,
        column: &str,
        key: &str,
        key_note: &str,
        fk_type: &SqlType,
        ref_type: &SqlType,
    ) -> String {
        format!(
            "`{column}` is {fk_type} but `{key}`{key_note} is {ref_type}: PostgreSQL cannot implement this foreign key \
             (42804); make the column {ref_type}"
        )
    }

    fn type_change_refusal(&self) -> &'static str {
        "PostgreSQL cannot implement a foreign key between them (42804)"
    }
}
