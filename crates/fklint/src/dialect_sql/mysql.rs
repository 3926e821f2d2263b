//! MySQL's and MariaDB's fix SQL and words (InnoDB; MariaDB is the server the tests judge with).

use super::{drop_foreign_key_sql, DialectSql, ForeignKeySql};
use crate::catalog::{Catalog, Column, ColumnPair, ForeignKey, Table, TableId};
use crate::dialect::Dialect;
use crate::ident::{quote_in, QualName};
use crate::types::SqlType;

pub struct MySql;

impl DialectSql for MySql {
    /// `ALTER TABLE t MODIFY COLUMN c x [NOT NULL] [DEFAULT d];` keeping the column's nullability and default
    /// (MODIFY replaces the whole definition). InnoDB refuses to change a column a foreign key uses (1832, even
    /// with FOREIGN_KEY_CHECKS=0), so those keys are dropped first and added back after.
    /// (The catalog does not record `AUTO_INCREMENT`, `COMMENT` or `ON UPDATE`; a referencing column rarely has
    /// them.)
    fn alter_column_type(
        &self,
        catalog: &Catalog,
        table: &Table,
        column: &str,
        ty: &SqlType,
        _convert_through_text: bool,
    ) -> String {
        let mut definition = ty.display();
        if let Some(known) = table.column(column) {
            if known.not_null {
                definition.push_str(" NOT NULL");
            }
            if let Some(default) = &known.default {
                definition.push_str(&format!(" DEFAULT {default}"));
            }
        }
        let modify = format!(
            "ALTER TABLE {} MODIFY COLUMN {} {definition};",
            table.name.sql_in(Dialect::MySql),
            quote_in(Dialect::MySql, column)
        );
        let using = foreign_keys_using(catalog, table.id, column);
        let mut lines: Vec<String> = using
            .iter()
            .map(|fk| drop_foreign_key_sql(catalog, fk))
            .collect();
        lines.push(modify);
        lines.extend(using.iter().filter_map(|fk| {
            let target = fk.reference()?;
            Some(
                ForeignKeySql {
                    catalog,
                    fk,
                    target,
                    on_delete: None,
                    on_update: None,
                }
                .add_constraint(),
            )
        }));
        lines.join("\n")
    }

    /// The normalized type: the key's text may lean on its own table's charset or say `AUTO_INCREMENT`.
    fn matching_type_text(&self, pair: &ColumnPair) -> Option<String> {
        pair.ref_type.as_ref().map(SqlType::display)
    }

    /// MySQL drops a foreign key with `DROP FOREIGN KEY`.
    fn drop_foreign_key(&self, table: &QualName, fk: &ForeignKey) -> String {
        format!(
            "ALTER TABLE {} DROP FOREIGN KEY {};",
            table.sql_in(Dialect::MySql),
            quote_in(Dialect::MySql, &fk.name)
        )
    }

    /// `MODIFY COLUMN c type NULL`, the type as the column was written.
    fn allow_null(&self, _catalog: &Catalog, table: &Table, column: &Column) -> String {
        format!(
            "ALTER TABLE {} MODIFY COLUMN {} {} NULL;",
            table.name.sql_in(Dialect::MySql),
            quote_in(Dialect::MySql, &column.name),
            column.type_text.as_deref().unwrap_or("").trim()
        )
    }

    fn add_table_constraint(&self, _catalog: &Catalog, table: &Table, clause: &str) -> String {
        format!(
            "ALTER TABLE {} ADD {clause};",
            table.name.sql_in(Dialect::MySql)
        )
    }

    fn rejection(&self, _sqlstate: &str, mysql_error: &str, _at_write: Option<&str>) -> String {
        format!("MySQL/MariaDB rejects the statement ({mysql_error})")
    }

    /// MySQL with `FOREIGN_KEY_CHECKS=0` accepts the statement and binds the name later; otherwise it rejects it.
    fn missing_table_verdict(&self, child: &QualName, binds_late: bool, sqlstate: &str) -> String {
        if binds_late {
            return format!(
                "MySQL accepts the statement while FOREIGN_KEY_CHECKS=0, but no table of that name exists by the end \
                 of the migrations, so every insert into `{child}` fails (error 1452)"
            );
        }
        self.rejection(
            sqlstate,
            "error 1005, errno 150: foreign key constraint is incorrectly formed; MySQL 8: error 1824",
            None,
        )
    }

    fn letter_case_note(&self) -> &'static str {
        " (letter case: MySQL table names are case-sensitive where the server runs on Linux)"
    }

    fn not_a_key(&self, target: &QualName, columns: &str, non_standard: bool) -> String {
        if non_standard {
            return format!(
                "`{target}({columns})` leads an index but is not a primary key or unique constraint; MySQL 8.4 and later \
                 refuse such a foreign key by default (restrict_fk_on_non_standard_key, error 6125; MariaDB and \
                 MySQL 8.0 accept it)"
            );
        }
        format!(
            "no index of `{target}` starts with ({columns}), so InnoDB cannot reference it; {}",
            self.rejection(
                "",
                "error 1005, errno 150 / 1822: missing index for constraint",
                None
            )
        )
    }

    /// MySQL (1452 for a child row, 1451 for a parent's) rejects the statement; with `FOREIGN_KEY_CHECKS=0` it
    /// accepts it.
    fn row_verdict(&self, unchecked: bool, mysql_error: &str) -> String {
        if unchecked {
            return "MySQL accepts this statement because FOREIGN_KEY_CHECKS=0, and the row is left broken"
                .to_string();
        }
        format!("MySQL/MariaDB rejects this statement (error {mysql_error})")
    }

    fn type_drift(&self, column: &str, key: &str, fk_type: &SqlType, ref_type: &SqlType) -> String {
        format!(
            "`{column}` is {fk_type} but the key `{key}` is {ref_type}; InnoDB accepts this, but the two can \
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
            "`{column}` is {fk_type} but `{key}`{key_note} is {ref_type}: InnoDB cannot create this \
             foreign key (MariaDB error 1005 errno 150, MySQL 3780), {}; make the column {ref_type}",
            crate::types::mysql::rejection_reason(fk_type, ref_type)
        )
    }

    fn type_change_refusal(&self) -> &'static str {
        "InnoDB cannot keep a foreign key between them (MariaDB error 1832/1005)"
    }
}

/// The foreign keys the server holds that have `table.column` among their columns or referenced columns, each
/// once (a name the catalog holds twice, a rejected redeclaration, is one key on the server).
fn foreign_keys_using<'c>(
    catalog: &'c Catalog,
    table: TableId,
    column: &str,
) -> Vec<&'c ForeignKey> {
    let mut using: Vec<&ForeignKey> = catalog
        .live_foreign_keys()
        .filter(|fk| uses_column(fk, table, column) && catalog.server_accepts(fk))
        .collect();
    let mut seen = std::collections::HashSet::new();
    using.retain(|fk| seen.insert((fk.table, fk.name.clone())));
    using
}

/// Whether a foreign key has `table.column` among its columns or its referenced columns.
fn uses_column(fk: &ForeignKey, table: TableId, column: &str) -> bool {
    (fk.table == table && fk.columns.iter().any(|c| c == column))
        || fk
            .reference()
            .is_some_and(|r| r.table == table && r.ref_columns.iter().any(|c| c == column))
}
