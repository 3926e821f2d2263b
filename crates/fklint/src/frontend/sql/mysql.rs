//! What MySQL adds to the table syntax the PostgreSQL readers know: index elements inside `CREATE TABLE`
//! (`KEY idx (a)`), column attributes (`AUTO_INCREMENT`, `COMMENT '...'`, `ON UPDATE CURRENT_TIMESTAMP`),
//! table options, `SET`, `RENAME TABLE`; its `ALTER TABLE` actions are in [`super::mysql_alter`]. Each reader
//! does nothing unless the tokens were lexed as that dialect, so PostgreSQL text is read exactly as before.

use super::cursor::{Cursor, ReadResult};
use crate::dialect::Dialect;
use crate::events::{ColumnDef, EventKind, IndexDef};
use crate::ident::{Ident, ObjName};

/// Words that end a MySQL or SQLite column type besides the constraint keywords PostgreSQL shares.
pub const TYPE_ENDING_ATTRIBUTES: &[&str] = &[
    "auto_increment",
    "autoincrement",
    "comment",
    "on",
    "invisible",
    "visible",
    "srid",
    "column_format",
    "as",
    "key",
    "first",
    "after",
];

/// `KEY|INDEX|FULLTEXT|SPATIAL [name] [USING x] (cols) [options]` inside a MySQL `CREATE TABLE` (or after
/// `ALTER TABLE ... ADD`); the cursor is at the first word. `None` when this is not such an element.
pub fn read_index_element(cur: &mut Cursor, table: &ObjName) -> ReadResult<Option<IndexDef>> {
    if cur.dialect() != Dialect::MySql || !starts_index_element(cur) {
        return Ok(None);
    }
    let _ = cur.eat_word("fulltext") || cur.eat_word("spatial");
    let _ = cur.eat_word("key") || cur.eat_word("index");
    let name = if cur.is_punct('(') || cur.is_word("using") {
        None
    } else {
        Some(cur.ident()?)
    };
    skip_index_type(cur);
    let columns = read_index_columns_with_prefixes(cur)?;
    skip_index_options(cur);
    Ok(Some(IndexDef {
        name,
        table: table.clone(),
        // InnoDB cannot use a column prefix (`name(10)`) for a foreign key: it counts as an expression.
        columns: columns
            .into_iter()
            .map(|(column, prefixed)| (!prefixed).then_some(column))
            .collect(),
        unique: false,
        partial: false,
        if_not_exists: false,
        only: false,
    }))
}

fn starts_index_element(cur: &Cursor) -> bool {
    cur.is_word("key")
        || cur.is_word("index")
        || ((cur.is_word("fulltext") || cur.is_word("spatial"))
            && (cur.is_word_at(1, "key") || cur.is_word_at(1, "index") || cur.is_ident()))
}

/// `USING BTREE|HASH` before or after an index's columns.
fn skip_index_type(cur: &mut Cursor) {
    if cur.eat_word("using") {
        cur.bump();
    }
}

/// MySQL index options after the columns: `USING BTREE`, `COMMENT '...'`, `KEY_BLOCK_SIZE = n`, `VISIBLE`,
/// `WITH PARSER p`.
pub fn skip_index_options(cur: &mut Cursor) {
    loop {
        if cur.eat_word("using") || cur.eat_word("comment") || cur.eat_words(&["with", "parser"]) {
            cur.bump();
        } else if cur.eat_word("key_block_size") {
            cur.eat_operator("=");
            cur.bump();
        } else if !(cur.eat_word("visible") || cur.eat_word("invisible")) {
            return;
        }
    }
}

/// `(col [(length)] [ASC|DESC], ...)`: MySQL's index columns, with prefix lengths (`name(191)`).
pub fn read_index_columns(cur: &mut Cursor) -> ReadResult<Vec<Ident>> {
    Ok(read_index_columns_with_prefixes(cur)?
        .into_iter()
        .map(|(column, _)| column)
        .collect())
}

/// [`read_index_columns`], saying for each column whether only a prefix of it is indexed.
fn read_index_columns_with_prefixes(cur: &mut Cursor) -> ReadResult<Vec<(Ident, bool)>> {
    cur.expect_punct('(')?;
    let mut columns = Vec::new();
    loop {
        let column = cur.ident()?;
        let prefixed = cur.is_punct('(');
        if prefixed {
            cur.skip_one();
        }
        columns.push((column, prefixed));
        let _ = cur.eat_word("asc") || cur.eat_word("desc");
        if cur.eat_punct(',') {
            continue;
        }
        cur.expect_punct(')')?;
        return Ok(columns);
    }
}

/// After `UNIQUE` or `PRIMARY KEY` in MySQL: `[KEY|INDEX] [name] [USING x]`, before the columns.
pub fn skip_key_prefix(cur: &mut Cursor) {
    if cur.dialect() != Dialect::MySql {
        return;
    }
    let _ = cur.eat_word("key") || cur.eat_word("index");
    if !cur.is_punct('(') && !cur.is_word("using") && cur.is_ident() {
        cur.bump();
    }
    skip_index_type(cur);
}

/// `FOREIGN KEY [index_name] (cols)`: MySQL lets the FK name the index it creates.
pub fn skip_foreign_key_index_name(cur: &mut Cursor) {
    if cur.dialect() == Dialect::MySql && !cur.is_punct('(') && cur.is_ident() {
        cur.bump();
    }
}

/// A MySQL or SQLite column attribute that says nothing about keys; true when one was skipped. `AUTO_INCREMENT`
/// and SQLite's `AUTOINCREMENT` mark the column's values as generated.
pub fn skip_column_attribute(cur: &mut Cursor, column: &mut ColumnDef) -> bool {
    match cur.dialect() {
        Dialect::MySql => skip_mysql_attribute(cur, column),
        Dialect::Sqlite => super::sqlite::skip_sqlite_attribute(cur, column),
        Dialect::Postgres => false,
    }
}

fn skip_mysql_attribute(cur: &mut Cursor, column: &mut ColumnDef) -> bool {
    if cur.eat_word("auto_increment") {
        column.identity = true;
    } else if cur.eat_word("comment") || cur.eat_word("srid") || cur.eat_word("column_format") {
        cur.bump();
    } else if cur.eat_words(&["on", "update"]) {
        // `ON UPDATE CURRENT_TIMESTAMP[(6)]`.
        cur.bump();
        if cur.is_punct('(') {
            cur.skip_one();
        }
    } else if cur.eat_word("as") {
        // `AS (expr) [VIRTUAL|STORED]`, the short form of GENERATED ALWAYS AS.
        cur.skip_one();
        let _ = cur.eat_word("virtual") || cur.eat_word("stored");
    } else if !(cur.eat_word("visible")
        || cur.eat_word("invisible")
        || cur.eat_word("key")
        || cur.eat_word("first")
        || cur.eat_word("signed")
        || cur.eat_word("unsigned")
        || cur.eat_word("zerofill"))
    {
        if cur.eat_word("after") {
            cur.bump();
            return true;
        }
        return false;
    }
    true
}

/// `SET [SESSION] FOREIGN_KEY_CHECKS = 0|1` (also among other assignments, as mysqldump writes it:
/// `SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0`). Restoring a saved value turns the
/// checks back on: the server's default. `None` for any other SET.
pub fn read_set(cur: &mut Cursor) -> Option<EventKind> {
    let mut on = None;
    // `SET GLOBAL x = 0` / `SET @@global.x = 0` change new sessions, not this one.
    let mut global = false;
    while let Some(token) = cur.bump() {
        if token.is_word(cur.src, "global") || token.is_punct(cur.src, ',') {
            // A comma starts the next assignment, in the session unless it says GLOBAL again.
            global = token.is_word(cur.src, "global");
            continue;
        }
        if !token.is_word(cur.src, "foreign_key_checks") || global {
            continue;
        }
        // `= 0`, or `=@OLD_FOREIGN_KEY_CHECKS` (one operator token: restoring a saved value turns them on).
        let Some(operator) = cur
            .peek()
            .filter(|t| t.kind == crate::lex::TokenKind::Operator)
            .map(|t| t.text(cur.src))
        else {
            continue;
        };
        if !(operator.starts_with('=') || operator.starts_with(":=")) {
            continue;
        }
        cur.bump();
        let value = if operator == "=" || operator == ":=" {
            cur.bump().map(|t| t.text(cur.src).to_ascii_lowercase())
        } else {
            None
        };
        on = Some(!matches!(value.as_deref(), Some("0" | "off" | "false")));
    }
    on.map(|on| EventKind::SetForeignKeyChecks { on })
}

/// A MySQL table option that sets the default charset or collation: `[DEFAULT] CHARSET [=] x`,
/// `[DEFAULT] CHARACTER SET [=] x`, `[DEFAULT] COLLATE [=] x`. True when one was read.
pub fn read_charset_option(cur: &mut Cursor, into: &mut crate::types::mysql::TableCharset) -> bool {
    if cur.dialect() != Dialect::MySql {
        return false;
    }
    let default = cur.is_word("default") as usize;
    let is_charset = cur.is_word_at(default, "charset")
        || (cur.is_word_at(default, "character") && cur.is_word_at(default + 1, "set"));
    let is_collate = cur.is_word_at(default, "collate");
    if !is_charset && !is_collate {
        return false;
    }
    let words = if cur.is_word_at(default, "character") {
        2
    } else {
        1
    };
    for _ in 0..default + words {
        cur.bump();
    }
    cur.eat_operator("=");
    let value = cur
        .bump()
        .map(|t| crate::lex::ident_text(cur.src, t).to_ascii_lowercase());
    if is_charset {
        into.charset = value;
    } else {
        into.collation = value;
    }
    true
}

/// `ENGINE [=] name` among MySQL table options: the engine, lower case.
pub fn read_engine_option(cur: &mut Cursor) -> Option<String> {
    if cur.dialect() != Dialect::MySql || !cur.eat_word("engine") {
        return None;
    }
    cur.eat_operator("=");
    cur.bump()
        .map(|t| crate::lex::ident_text(cur.src, t).to_ascii_lowercase())
}

/// MySQL's `RENAME TABLE a TO b [, c TO d ...]`.
pub fn read_rename_table(cur: &mut Cursor) -> ReadResult<Vec<EventKind>> {
    cur.expect_word("rename")?;
    cur.expect_word("table")?;
    let mut events = Vec::new();
    loop {
        let table = cur.obj_name()?;
        cur.expect_word("to")?;
        let to = cur.obj_name()?;
        events.push(EventKind::RenameTable { table, to: to.name });
        if !cur.eat_punct(',') {
            return Ok(events);
        }
    }
}
