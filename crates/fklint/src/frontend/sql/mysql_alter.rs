//! The MySQL `ALTER TABLE` actions PostgreSQL has no spelling for: `MODIFY`, `CHANGE`, `DROP FOREIGN KEY`,
//! `ADD KEY`, `RENAME INDEX`. Apart from [`super::mysql`] because they read whole column definitions
//! ([`super::create_table::read_column`]), which themselves read MySQL's attributes.

use super::create_table::read_column;
use super::cursor::{Cursor, ReadResult};
use super::mysql::{read_charset_option, read_engine_option, read_index_element};
use crate::dialect::Dialect;
use crate::events::EventKind;
use crate::ident::{Ident, ObjName};

/// The MySQL `ALTER TABLE` actions PostgreSQL has no spelling for; `None` when the action is not one of them.
pub fn read_alter_action(cur: &mut Cursor, table: &ObjName) -> Option<ReadResult<Vec<EventKind>>> {
    if cur.dialect() != Dialect::MySql {
        return None;
    }
    let table = table.clone();
    if cur.eat_words(&["drop", "foreign", "key"]) {
        let if_exists = cur.eat_words(&["if", "exists"]);
        return Some(cur.ident().map(|name| {
            vec![EventKind::DropConstraint {
                table,
                name,
                if_exists,
                cascade: false,
            }]
        }));
    }
    if cur.is_word("drop") && (cur.is_word_at(1, "key") || cur.is_word_at(1, "index")) {
        cur.bump();
        cur.bump();
        return Some(cur.ident().map(|name| {
            vec![EventKind::DropIndex {
                names: vec![qualified_like(&table, name)],
                if_exists: false,
                cascade: false,
            }]
        }));
    }
    if cur.eat_words(&["drop", "primary", "key"]) {
        return Some(Ok(Vec::new()));
    }
    if cur.is_word("add")
        && ["key", "index", "fulltext", "spatial"]
            .iter()
            .any(|w| cur.is_word_at(1, w))
    {
        cur.bump();
        return Some(
            read_index_element(cur, &table)
                .map(|index| index.map(EventKind::CreateIndex).into_iter().collect()),
        );
    }
    if cur.eat_word("modify") {
        cur.eat_word("column");
        return Some(read_changed_column(cur, table, None));
    }
    if cur.eat_word("change") {
        cur.eat_word("column");
        return Some(
            cur.ident()
                .and_then(|from| read_changed_column(cur, table, Some(from))),
        );
    }
    if cur.eat_words(&["convert", "to"]) {
        let mut charset = crate::types::mysql::TableCharset::default();
        while read_charset_option(cur, &mut charset) {}
        return Some(Ok(vec![EventKind::SetTableCharset {
            table,
            charset,
            convert: true,
        }]));
    }
    {
        let mut charset = crate::types::mysql::TableCharset::default();
        if read_charset_option(cur, &mut charset) {
            while read_charset_option(cur, &mut charset) {}
            return Some(Ok(vec![EventKind::SetTableCharset {
                table,
                charset,
                convert: false,
            }]));
        }
    }
    if cur.is_word("engine") {
        let engine = read_engine_option(cur).unwrap_or_default();
        return Some(Ok(vec![EventKind::SetEngine { table, engine }]));
    }
    if cur.is_any_word(NO_KEY_EFFECT) {
        cur.skip_until(|c| c.is_punct(','));
        return Some(Ok(Vec::new()));
    }
    None
}

/// MySQL table-level ALTER actions that change no column, key or foreign key.
pub const NO_KEY_EFFECT: &[&str] = &[
    "engine",
    "algorithm",
    "lock",
    "convert",
    "default",
    "character",
    "charset",
    "collate",
    "comment",
    "auto_increment",
    "row_format",
    "order",
    "force",
];

/// An index named in the table's schema (MySQL index names are per table; the catalog finds them by name).
pub fn qualified_like(table: &ObjName, name: Ident) -> ObjName {
    ObjName {
        schema: table.schema.clone(),
        span: name.span,
        name,
    }
}

/// `MODIFY col def` / `CHANGE old new def`: the column is redefined as a whole, so its type, nullability and
/// default are all set again (and, for CHANGE, it is renamed first).
pub fn read_changed_column(
    cur: &mut Cursor,
    table: ObjName,
    renamed_from: Option<Ident>,
) -> ReadResult<Vec<EventKind>> {
    let (column, _constraints) = read_column(cur, false)?;
    let mut events = Vec::new();
    if let Some(from) = renamed_from.filter(|from| from.value != column.name.value) {
        events.push(EventKind::RenameColumn {
            table: table.clone(),
            from,
            to: column.name.clone(),
            only: false,
        });
    }
    if let Some(ty) = column.ty.clone() {
        events.push(EventKind::AlterColumnType {
            table: table.clone(),
            column: column.name.clone(),
            ty,
            collate: false,
        });
    }
    events.push(EventKind::SetNotNull {
        table: table.clone(),
        column: column.name.clone(),
        not_null: column.not_null,
    });
    events.push(EventKind::SetDefault {
        table,
        column: column.name,
        default: column.default,
    });
    Ok(events)
}
