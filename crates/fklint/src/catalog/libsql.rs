//! libSQL's `ALTER TABLE t ALTER COLUMN c TO <column definition>`: libSQL (Turso's SQLite fork) rewrites the
//! column's definition in the schema, so its type, `NOT NULL`, `DEFAULT` and inline `REFERENCES` become the new
//! ones; rows already stored are neither rewritten nor re-checked. Stock SQLite rejects the statement, so
//! without a libSQL target it is an unsupported `ALTER TABLE` (FK702) and changes nothing.

use super::{Catalog, ForeignKeyId, TableId, UnsupportedAlter};
use crate::events::{ColumnDef, ConstraintDef, StmtRef};
use crate::ident::{Ident, ObjName};
use crate::server::Server;

/// The action as FK702 names it; the rule recognises it to point at `--target libsql`.
pub const LIBSQL_ACTION: &str = "ALTER COLUMN ... TO";

impl Catalog {
    pub(super) fn redefine_column(
        &mut self,
        table: &ObjName,
        from: &Ident,
        column: &ColumnDef,
        constraints: &[ConstraintDef],
        stmt: StmtRef,
    ) {
        if !self.target.is_some_and(|t| t.server == Server::Libsql) {
            self.unsupported_alters.push(UnsupportedAlter {
                table: self.find_table(table),
                action: LIBSQL_ACTION.to_string(),
                constraint: None,
                stmt,
            });
            return;
        }
        let Some(id) = self.find_table(table) else {
            return;
        };
        if self.tables[id].column(&from.value).is_none() {
            // libSQL rejects it ("no such column"): nothing changes.
            return;
        }
        if from.value != column.name.value {
            self.rename_column(table, &from.value, &column.name.value);
        }
        self.replace_column_definition(id, column, stmt);
        // The column's old inline REFERENCES were part of the definition that was replaced; a table-level
        // FOREIGN KEY is not, and stays.
        for fk in self.inline_foreign_keys_of(id, &column.name.value) {
            self.drop_foreign_key(fk, stmt);
        }
        self.add_constraints(id, constraints, stmt, true);
    }

    fn replace_column_definition(&mut self, id: TableId, column: &ColumnDef, stmt: StmtRef) {
        let resolved = column
            .ty
            .as_ref()
            .and_then(|ty| self.resolve_column_type(&ty.text, &self.tables[id].default_charset));
        let Some(existing) = self.tables[id].column_mut(&column.name.value) else {
            return;
        };
        existing.ty = resolved;
        existing.type_text = column.ty.as_ref().map(|ty| ty.text.clone());
        existing.type_location = column.ty.as_ref().map(|ty| stmt.at(ty.span));
        existing.not_null = column.not_null;
        existing.not_null_location = column.not_null_span.map(|span| stmt.at(span));
        existing.default.clone_from(&column.default);
    }

    fn inline_foreign_keys_of(&self, table: TableId, column: &str) -> Vec<ForeignKeyId> {
        self.foreign_keys
            .iter()
            .filter(|fk| fk.is_live() && fk.table == table && fk.def.inline)
            .filter(
                |fk| matches!(fk.columns.as_slice(), [only] if only.eq_ignore_ascii_case(column)),
            )
            .map(|fk| fk.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::server::ServerVersion;
    use crate::{Dialect, Options, Source};

    /// `table.columns -> ref_table ON DELETE action` for each foreign key, and the FK702 findings.
    fn replay(target: &str, sql: &str) -> (Vec<String>, Vec<String>) {
        let options = Options {
            dialect: Dialect::Sqlite,
            target: ServerVersion::parse(target),
            ..Options::default()
        };
        let sources = [Source::new("m.sql", sql)];
        let keys = crate::schema(&sources, &options)
            .foreign_keys
            .iter()
            .map(|fk| {
                format!(
                    "{}.{} -> {} ON DELETE {}",
                    fk.table,
                    fk.columns.join(","),
                    fk.ref_table,
                    fk.on_delete
                )
            })
            .collect();
        let codes = crate::check(&sources, &options)
            .findings
            .iter()
            .filter(|f| f.code == "FK702")
            .map(|f| f.code.to_string())
            .collect();
        (keys, codes)
    }

    const SCHEMA: &str = "CREATE TABLE a (id INTEGER PRIMARY KEY);
        CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER, other INTEGER, FOREIGN KEY (other) REFERENCES a (id));
        CREATE INDEX b_a ON b (a_id); CREATE INDEX b_other ON b (other);";

    #[test]
    fn libsql_replaces_the_columns_inline_references_and_keeps_table_level_keys() {
        let added = format!(
            "{SCHEMA} ALTER TABLE b ALTER COLUMN a_id TO a_id INTEGER REFERENCES a (id) ON DELETE CASCADE;"
        );
        let (keys, codes) = replay("libsql", &added);
        assert_eq!(
            keys,
            [
                "b.a_id -> a ON DELETE CASCADE",
                "b.other -> a ON DELETE NO ACTION"
            ]
        );
        assert!(codes.is_empty(), "{codes:?}");
        // Redefined again without REFERENCES: libSQL's documented way to remove the key.
        let removed = format!("{added} ALTER TABLE b ALTER COLUMN a_id TO a_id INTEGER;");
        let (keys, _) = replay("libsql", &removed);
        assert_eq!(keys, ["b.other -> a ON DELETE NO ACTION"]);
        // Redefining the column of a table-level key leaves that key: it is not part of the column's definition.
        let other = format!("{SCHEMA} ALTER TABLE b ALTER COLUMN other TO other INTEGER NOT NULL;");
        let (keys, _) = replay("libsql", &other);
        assert_eq!(keys, ["b.other -> a ON DELETE NO ACTION"]);
    }

    #[test]
    fn stock_sqlite_rejects_the_form_and_changes_nothing() {
        let sql =
            format!("{SCHEMA} ALTER TABLE b ALTER COLUMN a_id TO a_id INTEGER REFERENCES a (id);");
        for target in ["sqlite", "none"] {
            let (keys, codes) = replay(target, &sql);
            assert_eq!(keys, ["b.other -> a ON DELETE NO ACTION"], "{target}");
            assert_eq!(codes, ["FK702"], "{target}");
        }
    }
}
