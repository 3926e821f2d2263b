//! SQLite's table rebuild: the only way to change a table's foreign keys, column types or NOT NULL, since its
//! `ALTER TABLE` can only rename, add and drop columns. The sequence is the one SQLite documents
//! (<https://www.sqlite.org/lang_altertable.html#otheralter>): with foreign keys off, create the new table,
//! copy the rows, drop the old table, rename the new one to the old name (other tables' foreign keys name it,
//! and bind to it again), recreate its indexes, check the foreign keys, commit.
//!
//! The new definition is written from fklint's model of the table: columns with their written types, NOT
//! NULL and defaults, keys and foreign keys. What the model does not hold (CHECK constraints, COLLATE,
//! AUTOINCREMENT, triggers and views on the table) is named in a comment for the author to carry over.

use crate::catalog::{Catalog, ForeignKey, Table, TableId};
use crate::dialect::Dialect;
use crate::ident::quote_in;

/// A rebuild of one table with some changes.
pub struct Rebuild<'a> {
    pub catalog: &'a Catalog,
    pub table: TableId,
    /// Columns to give another type: (column, type as SQL).
    pub column_types: Vec<(String, String)>,
    /// Columns to make nullable.
    pub nullable: Vec<String>,
    /// Foreign keys to point at another table: (the key, the table's name as SQL).
    pub retarget: Vec<(&'a ForeignKey, String)>,
    /// Table constraints to add, as SQL (`CONSTRAINT x FOREIGN KEY (a) REFERENCES t (id)`).
    pub add: Vec<String>,
}

impl<'a> Rebuild<'a> {
    pub fn new(catalog: &'a Catalog, table: TableId) -> Rebuild<'a> {
        Rebuild {
            catalog,
            table,
            column_types: Vec::new(),
            nullable: Vec::new(),
            retarget: Vec::new(),
            add: Vec::new(),
        }
    }

    /// The whole sequence, ready to run as a migration.
    pub fn sql(&self) -> String {
        let table = self.catalog.table(self.table);
        let name = q(&table.name.name);
        let new_name = q(&format!("{}_new", table.name.name));
        let columns: Vec<String> = table.columns.iter().map(|c| q(&c.name)).collect();
        let columns = columns.join(", ");
        let mut lines = vec![
            format!(
                "-- Rebuild {name}: SQLite cannot alter a table's constraints. Carry over any CHECK, COLLATE, \
                 AUTOINCREMENT, WITHOUT ROWID, generated column, partial or expression index, and trigger the table \
                 has; drop the views that name it before the RENAME and create them again after."
            ),
            "-- Run it outside a transaction: PRAGMA foreign_keys has no effect inside one (a migration tool that \
             wraps each migration in a transaction needs its no-transaction mode here)."
                .to_string(),
            "PRAGMA foreign_keys = OFF;".to_string(),
            "BEGIN;".to_string(),
            format!(
                "CREATE TABLE {new_name} (\n    {}\n);",
                self.elements(table).join(",\n    ")
            ),
            format!("INSERT INTO {new_name} ({columns}) SELECT {columns} FROM {name};"),
            format!("DROP TABLE {name};"),
            format!("ALTER TABLE {new_name} RENAME TO {name};"),
        ];
        lines.extend(self.indexes(table));
        lines.push(format!("PRAGMA foreign_key_check({name});"));
        lines.push("COMMIT;".to_string());
        lines.push("PRAGMA foreign_keys = ON;".to_string());
        lines.join("\n")
    }

    /// Column definitions, then keys, then foreign keys, then the added constraints.
    fn elements(&self, table: &Table) -> Vec<String> {
        let mut elements: Vec<String> = table.columns.iter().map(|c| self.column(c)).collect();
        for key in table.live_keys().filter(|k| !k.from_index) {
            let kind = if key.primary { "PRIMARY KEY" } else { "UNIQUE" };
            elements.push(format!("{kind} ({})", list(&key.columns)));
        }
        for fk in self
            .catalog
            .live_foreign_keys()
            .filter(|fk| fk.table == self.table)
        {
            elements.push(self.foreign_key(fk));
        }
        elements.extend(self.add.iter().cloned());
        elements
    }

    fn column(&self, column: &crate::catalog::Column) -> String {
        let mut sql = q(&column.name);
        let changed = self.column_types.iter().find(|(c, _)| *c == column.name);
        match (changed, &column.type_text) {
            (Some((_, ty)), _) => sql.push_str(&format!(" {ty}")),
            (None, Some(ty)) => sql.push_str(&format!(" {}", ty.trim())),
            (None, None) => {}
        }
        if column.not_null && !self.nullable.contains(&column.name) {
            sql.push_str(" NOT NULL");
        }
        if let Some(default) = &column.default {
            sql.push_str(&format!(" DEFAULT {}", default.trim()));
        }
        sql
    }

    fn foreign_key(&self, fk: &ForeignKey) -> String {
        let target = self
            .retarget
            .iter()
            .find(|(other, _)| other.id == fk.id)
            .map_or_else(|| q(&fk.ref_name.name), |(_, to)| to.clone());
        let ref_columns = match &fk.def.ref_columns {
            Some(columns) => {
                let names: Vec<String> = columns.iter().map(|c| c.value.clone()).collect();
                format!(" ({})", list(&names))
            }
            None => String::new(),
        };
        let mut sql = format!(
            "FOREIGN KEY ({}) REFERENCES {target}{ref_columns}",
            list(&fk.columns)
        );
        for (event, action) in [("DELETE", &fk.def.on_delete), ("UPDATE", &fk.def.on_update)] {
            let action = action.sql();
            if action != "NO ACTION" {
                sql.push_str(&format!(" ON {event} {action}"));
            }
        }
        if fk.def.deferrable {
            sql.push_str(" DEFERRABLE");
            if fk.def.initially_deferred {
                sql.push_str(" INITIALLY DEFERRED");
            }
        }
        sql
    }

    /// `CREATE [UNIQUE] INDEX` again for the table's named indexes (dropping the table dropped them).
    fn indexes(&self, table: &Table) -> Vec<String> {
        self.catalog
            .live_indexes()
            .filter(|i| i.table == table.id && !i.partial)
            .filter_map(|index| {
                let name = index.name.as_ref()?;
                let columns: Option<Vec<String>> = index.columns.iter().cloned().collect();
                Some(format!(
                    "CREATE {}INDEX {} ON {} ({});",
                    if index.unique { "UNIQUE " } else { "" },
                    q(name),
                    q(&table.name.name),
                    list(&columns?)
                ))
            })
            .collect()
    }
}

fn q(name: &str) -> String {
    quote_in(Dialect::Sqlite, name)
}

fn list(names: &[String]) -> String {
    crate::ident::join_idents_in(Dialect::Sqlite, names)
}
