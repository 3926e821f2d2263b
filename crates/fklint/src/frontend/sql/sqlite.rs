//! What SQLite adds to the table syntax the PostgreSQL readers know: column attributes (`AUTOINCREMENT`,
//! `ON CONFLICT ...`, generated columns) and `PRAGMA foreign_keys`.

use super::cursor::Cursor;
use crate::events::{ColumnDef, EventKind};

pub fn skip_sqlite_attribute(cur: &mut Cursor, column: &mut ColumnDef) -> bool {
    if cur.eat_word("autoincrement") {
        column.identity = true;
    } else if cur.eat_words(&["on", "conflict"]) {
        cur.bump();
    } else if cur.eat_word("as") {
        cur.skip_one();
        let _ = cur.eat_word("virtual") || cur.eat_word("stored");
    } else if !(cur.eat_word("asc") || cur.eat_word("desc")) {
        return false;
    }
    true
}

/// SQLite's `PRAGMA foreign_keys = OFF|ON` and `PRAGMA defer_foreign_keys = ON|OFF` (deferred checks let a child
/// row come before its parent, like checks turned off): whether rows are checked as they are written.
pub fn read_sqlite_pragma(cur: &mut Cursor) -> Option<EventKind> {
    cur.eat_word("pragma");
    let deferring = if cur.eat_word("foreign_keys") {
        false
    } else if cur.eat_word("defer_foreign_keys") {
        true
    } else {
        return None;
    };
    if !cur.eat_operator("=") {
        cur.eat_punct('(');
    }
    let value = cur.bump()?.text(cur.src).to_ascii_lowercase();
    let value = value.trim_matches(['\'', '"']);
    let set = matches!(value, "on" | "1" | "true" | "yes");
    if !set && !matches!(value, "off" | "0" | "false" | "no") {
        return None;
    }
    Some(EventKind::SetForeignKeyChecks {
        on: set != deferring,
    })
}
