//! The smaller statements that shape the catalog: indexes, DROP, schemas, search_path, enums, domains,
//! extensions.

use super::create_table::read_type;
use super::cursor::{Cursor, ReadResult};
use crate::events::{EventKind, IndexDef};
use crate::ident::{Ident, ObjName};
use crate::lex::{self, TokenKind};

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING m] (keys) ...`.
pub fn read_create_index(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("create")?;
    let unique = cur.eat_word("unique");
    cur.expect_word("index")?;
    cur.eat_word("concurrently");
    let if_not_exists = cur.eat_words(&["if", "not", "exists"]);
    let name = if cur.is_word("on") {
        None
    } else {
        Some(cur.obj_name()?.name)
    };
    cur.expect_word("on")?;
    let only = cur.eat_word("only");
    let table = cur.obj_name()?;
    if cur.eat_word("using") {
        cur.ident()?;
    }
    let columns = read_index_keys(cur)?;
    let mut partial = false;
    while !cur.at_end() {
        if cur.eat_word("where") {
            partial = true;
            break;
        }
        cur.skip_one();
    }
    Ok(EventKind::CreateIndex(IndexDef {
        name,
        table,
        columns,
        unique,
        partial,
        if_not_exists,
        only,
    }))
}

/// `(col [opclass] [ASC|DESC] [NULLS ...], (expr), func(x), ...)`: plain columns are kept, expressions are None.
fn read_index_keys(cur: &mut Cursor) -> ReadResult<Vec<Option<Ident>>> {
    cur.expect_punct('(')?;
    let mut keys = Vec::new();
    loop {
        let is_plain_column =
            cur.is_ident() && !cur.peek_nth(1).is_some_and(|t| t.is_punct(cur.src, '('));
        keys.push(if is_plain_column {
            Some(cur.ident()?)
        } else {
            None
        });
        cur.skip_until(|_| false);
        if cur.eat_punct(',') {
            continue;
        }
        cur.expect_punct(')')?;
        return Ok(keys);
    }
}

/// `DROP TABLE|INDEX|SCHEMA|TYPE|DOMAIN [CONCURRENTLY] [IF EXISTS] names [CASCADE|RESTRICT]`.
pub fn read_drop(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("drop")?;
    cur.eat_word("foreign");
    let what = cur
        .bump()
        .map(|t| t.text(cur.src).to_ascii_lowercase())
        .unwrap_or_default();
    cur.eat_word("concurrently");
    let if_exists = cur.eat_words(&["if", "exists"]);
    let mut names = vec![cur.obj_name()?];
    while cur.eat_punct(',') {
        names.push(cur.obj_name()?);
    }
    let cascade = cur.eat_word("cascade");
    cur.eat_word("restrict");
    Ok(match what.as_str() {
        "table" => EventKind::DropTable {
            names,
            if_exists,
            cascade,
        },
        "index" => EventKind::DropIndex {
            names,
            if_exists,
            cascade,
        },
        "schema" => EventKind::DropSchema {
            names: names.into_iter().map(|n| n.name).collect(),
            cascade,
        },
        _ => EventKind::DropType { names },
    })
}

/// PostgreSQL's transaction statements (`BEGIN`, `START TRANSACTION`, `COMMIT`, `END`, `ROLLBACK`, `ABORT`,
/// `SAVEPOINT s`, `ROLLBACK TO [SAVEPOINT] s`, `RELEASE [SAVEPOINT] s`); `None` for the two-phase ones
/// (`COMMIT PREPARED 'id'`), which act on another transaction.
pub fn read_transaction(cur: &mut Cursor) -> ReadResult<Option<EventKind>> {
    use crate::events::Transaction;
    let word = cur
        .bump()
        .map(|t| t.text(cur.src).to_ascii_lowercase())
        .unwrap_or_default();
    if cur.is_word("prepared") {
        return Ok(None);
    }
    let transaction = match word.as_str() {
        "begin" => Transaction::Begin,
        "start" if cur.eat_word("transaction") => Transaction::Begin,
        "commit" | "end" => Transaction::Commit,
        "abort" => Transaction::Rollback,
        "rollback" => {
            let _ = cur.eat_word("work") || cur.eat_word("transaction");
            if cur.eat_word("to") {
                cur.eat_word("savepoint");
                Transaction::RollbackTo(cur.ident()?.value)
            } else {
                Transaction::Rollback
            }
        }
        "savepoint" => Transaction::Savepoint(cur.ident()?.value),
        "release" => {
            cur.eat_word("savepoint");
            Transaction::Release(cur.ident()?.value)
        }
        _ => return Ok(None),
    };
    // `ISOLATION LEVEL ...`, `AND CHAIN`: nothing here depends on them.
    cur.skip_until(|_| false);
    Ok(Some(EventKind::Transaction(transaction)))
}

/// `TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]`.
pub fn read_truncate(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("truncate")?;
    cur.eat_word("table");
    let mut names = Vec::new();
    loop {
        cur.eat_word("only");
        names.push(cur.obj_name()?);
        cur.eat_operator("*");
        if !cur.eat_punct(',') {
            break;
        }
    }
    let _ = cur.eat_words(&["restart", "identity"]) || cur.eat_words(&["continue", "identity"]);
    let cascade = cur.eat_word("cascade");
    cur.eat_word("restrict");
    Ok(EventKind::Truncate { names, cascade })
}

/// `CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]`, or `CREATE SCHEMA AUTHORIZATION role`. The cursor is
/// left at the first schema element, if any.
pub fn read_create_schema(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("create")?;
    cur.expect_word("schema")?;
    let if_not_exists = cur.eat_words(&["if", "not", "exists"]);
    let name = if cur.eat_word("authorization") {
        cur.ident()?
    } else {
        let name = cur.ident()?;
        if cur.eat_word("authorization") {
            cur.ident()?;
        }
        name
    };
    Ok(EventKind::CreateSchema {
        name,
        if_not_exists,
    })
}

/// `SET [SESSION|LOCAL] search_path {TO|=} a, 'b', ...` and `RESET search_path`; None for other settings.
pub fn read_set(cur: &mut Cursor) -> ReadResult<Option<EventKind>> {
    if cur.eat_word("reset") {
        return Ok(cur
            .eat_word("search_path")
            .then_some(EventKind::ResetSearchPath));
    }
    cur.expect_word("set")?;
    if cur.eat_word("constraints") {
        return read_set_constraints(cur).map(Some);
    }
    let _ = cur.eat_word("session") || cur.eat_word("local");
    if !cur.eat_word("search_path") {
        return Ok(None);
    }
    if !(cur.eat_word("to") || cur.eat_punct('=') || cur.eat_operator("=")) {
        return Err(cur.error("expected TO or ="));
    }
    if cur.eat_word("default") {
        return Ok(Some(EventKind::ResetSearchPath));
    }
    let mut schemas = Vec::new();
    while let Some(token) = cur.bump() {
        match token.kind {
            TokenKind::Word => schemas.push(token.text(cur.src).to_ascii_lowercase()),
            TokenKind::QuotedIdent => schemas.push(lex::ident_text(cur.src, token)),
            TokenKind::String => schemas.extend(split_path_string(
                &lex::string_value(cur.src, token).unwrap_or_default(),
            )),
            _ => {}
        }
    }
    Ok(Some(EventKind::SetSearchPath { schemas }))
}

/// After `SET CONSTRAINTS`: `ALL | name [, ...]` then `DEFERRED | IMMEDIATE`.
fn read_set_constraints(cur: &mut Cursor) -> ReadResult<EventKind> {
    let names = if cur.eat_word("all") {
        None
    } else {
        let mut names = vec![cur.obj_name()?];
        while cur.eat_punct(',') {
            names.push(cur.obj_name()?);
        }
        Some(names)
    };
    let deferred = if cur.eat_word("deferred") {
        true
    } else if cur.eat_word("immediate") {
        false
    } else {
        return Err(cur.error("expected DEFERRED or IMMEDIATE"));
    };
    Ok(EventKind::SetConstraints { names, deferred })
}

/// `SELECT pg_catalog.set_config('search_path', 'a, b', false)` as pg_dump writes it; None if not that.
pub fn read_set_config(cur: &mut Cursor) -> Option<EventKind> {
    let tokens = cur.rest();
    let position = tokens
        .iter()
        .position(|t| t.is_word(cur.src, "set_config"))?;
    let mut strings = tokens[position..]
        .iter()
        .filter(|t| t.kind == TokenKind::String);
    let setting = lex::string_value(cur.src, strings.next()?)?;
    if !setting.eq_ignore_ascii_case("search_path") {
        return None;
    }
    let value = lex::string_value(cur.src, strings.next()?)?;
    Some(EventKind::SetSearchPath {
        schemas: split_path_string(&value),
    })
}

/// `'"$user", public'` → `["$user", "public"]`; `''` → `[]`.
pub fn split_path_string(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(
            |part| match part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
                Some(quoted) => quoted.replace("\"\"", "\""),
                None => part.to_ascii_lowercase(),
            },
        )
        .collect()
}

pub fn default_search_path() -> Vec<String> {
    vec!["$user".to_string(), "public".to_string()]
}

/// `CREATE TYPE name AS ENUM (...)`; None for composite, range and base types (never keys in practice).
pub fn read_create_type(cur: &mut Cursor) -> ReadResult<Option<EventKind>> {
    cur.expect_word("create")?;
    cur.expect_word("type")?;
    let name = cur.obj_name()?;
    Ok(cur
        .eat_words(&["as", "enum"])
        .then_some(EventKind::CreateEnum { name }))
}

/// `CREATE DOMAIN name [AS] type ...`.
pub fn read_create_domain(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("create")?;
    cur.expect_word("domain")?;
    let name: ObjName = cur.obj_name()?;
    cur.eat_word("as");
    let base = read_type(cur)?;
    // A domain's constraints are a column's: REFERENCES parses, and DefineDomain refuses it.
    let references = cur.rest().iter().find(|t| t.is_word(cur.src, "references"));
    if let Some(references) = references {
        return Ok(EventKind::DomainForeignKey {
            span: references.span,
        });
    }
    Ok(EventKind::CreateDomain { name, base })
}

/// `CREATE EXTENSION [IF NOT EXISTS] name ...`.
pub fn read_create_extension(cur: &mut Cursor) -> ReadResult<EventKind> {
    cur.expect_word("create")?;
    cur.expect_word("extension")?;
    cur.eat_words(&["if", "not", "exists"]);
    let name = cur.ident()?;
    Ok(EventKind::CreateExtension { name: name.value })
}
