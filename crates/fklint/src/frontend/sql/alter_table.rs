//! `ALTER TABLE`: the subcommands that change columns, keys and foreign keys. Subcommands that cannot affect a
//! foreign key (OWNER TO, ENABLE ROW LEVEL SECURITY, SET STATISTICS, ...) are skipped.

use super::create_table::{
    read_characteristics, read_column, read_table_constraint, read_type, starts_table_constraint,
};
use super::cursor::{Cursor, ReadResult};
use crate::events::{ConstraintKind, EventKind, Persistence};
use crate::ident::ObjName;

/// Reads `ALTER [FOREIGN] TABLE [IF EXISTS] [ONLY] name [*] action, ...`; the cursor is at `ALTER`.
pub fn read_alter_table(cur: &mut Cursor) -> ReadResult<Vec<EventKind>> {
    cur.expect_word("alter")?;
    cur.eat_word("foreign");
    cur.expect_word("table")?;
    cur.eat_words(&["if", "exists"]);
    let only = cur.eat_word("only");
    let table = cur.obj_name()?;
    // `ALTER TABLE t * ...`: the old spelling of "and its descendants".
    cur.eat_operator("*");
    if cur.at_end() {
        return Err(cur.error("expected an ALTER TABLE action"));
    }
    if let Some(event) = read_whole_statement_form(cur, &table, only)? {
        return Ok(vec![event]);
    }
    let mut events = Vec::new();
    loop {
        events.extend(read_action(cur, &table, only)?);
        if !cur.eat_punct(',') {
            break;
        }
    }
    if !cur.at_end() {
        return Err(cur.error("unexpected text after the ALTER TABLE action"));
    }
    // PostgreSQL runs the subcommands of one ALTER TABLE in passes, not in written order (`AlterTablePass`):
    // drops, then type changes, then column changes, then new columns, then keys, then foreign keys.
    crate::sort::sort_by_key(&mut events, pass);
    Ok(events)
}

/// The pass of PostgreSQL's `ATController` an action runs in (a stable sort keeps written order within one).
fn pass(event: &EventKind) -> u8 {
    match event {
        EventKind::DropConstraint { .. } | EventKind::DropColumn { .. } => 0,
        EventKind::AlterColumnType { .. } => 1,
        EventKind::SetNotNull { .. } | EventKind::SetDefault { .. } => 2,
        EventKind::AddColumn { .. } => 3,
        EventKind::AddConstraint { constraint, .. }
            if !matches!(constraint.kind, ConstraintKind::ForeignKey(_)) =>
        {
            4
        }
        _ => 5,
    }
}

/// The forms that stand alone: RENAME, SET SCHEMA, ATTACH/DETACH PARTITION.
fn read_whole_statement_form(
    cur: &mut Cursor,
    table: &ObjName,
    only: bool,
) -> ReadResult<Option<EventKind>> {
    let table = table.clone();
    // `RENAME TO t`; MySQL also writes `RENAME t` and `RENAME AS t`.
    let mysql_rename = cur.dialect() == crate::dialect::Dialect::MySql
        && cur.is_word("rename")
        && !cur.is_word_at(1, "column")
        && !cur.is_word_at(1, "constraint")
        && !cur.is_word_at(1, "key")
        && !cur.is_word_at(1, "index")
        && !cur.peek_nth(2).is_some_and(|t| t.is_word(cur.src, "to"));
    if mysql_rename {
        cur.bump();
        let _ = cur.eat_word("to") || cur.eat_word("as");
        return Ok(Some(EventKind::RenameTable {
            table,
            to: cur.ident()?,
        }));
    }
    if cur.eat_words(&["rename", "to"]) {
        return Ok(Some(EventKind::RenameTable {
            table,
            to: cur.ident()?,
        }));
    }
    if cur.eat_words(&["rename", "constraint"]) {
        let from = cur.ident()?;
        cur.expect_word("to")?;
        return Ok(Some(EventKind::RenameConstraint {
            table,
            from,
            to: cur.ident()?,
        }));
    }
    if cur.eat_word("rename") {
        cur.eat_word("column");
        let from = cur.ident()?;
        cur.expect_word("to")?;
        return Ok(Some(EventKind::RenameColumn {
            table,
            from,
            to: cur.ident()?,
            only,
        }));
    }
    if cur.eat_words(&["set", "schema"]) {
        return Ok(Some(EventKind::SetTableSchema {
            table,
            schema: cur.ident()?,
        }));
    }
    if cur.eat_words(&["attach", "partition"]) {
        let child = cur.obj_name()?;
        let bound = super::partition::read_partition_bound(cur);
        let complete = cur.at_end();
        while cur.bump().is_some() {}
        return Ok(Some(EventKind::AttachPartition {
            parent: table,
            child,
            bound: bound
                .filter(|_| complete)
                .unwrap_or(crate::events::PartitionBound::Unknown),
        }));
    }
    if cur.eat_words(&["detach", "partition"]) {
        let child = cur.obj_name()?;
        while cur.bump().is_some() {}
        return Ok(Some(EventKind::DetachPartition {
            parent: table,
            child,
        }));
    }
    Ok(None)
}

/// One comma-separated action.
fn read_action(cur: &mut Cursor, table: &ObjName, only: bool) -> ReadResult<Vec<EventKind>> {
    if let Some(events) = super::mysql_alter::read_alter_action(cur, table) {
        return events;
    }
    if let Some(events) = read_libsql_redefine_column(cur, table) {
        return events;
    }
    if let Some(events) = read_sqlite_unsupported(cur, table) {
        return events;
    }
    let table = table.clone();
    if cur.eat_word("add") {
        return read_add(cur, table, only);
    }
    if cur.is_word("drop") && cur.is_word_at(1, "constraint") {
        cur.bump();
        cur.bump();
        let if_exists = cur.eat_words(&["if", "exists"]);
        let name = cur.ident()?;
        let cascade = read_drop_behavior(cur);
        return Ok(vec![EventKind::DropConstraint {
            table,
            name,
            if_exists,
            cascade,
        }]);
    }
    if cur.is_word("drop") && !is_drop_of_other_thing(cur) {
        cur.bump();
        cur.eat_word("column");
        let if_exists = cur.eat_words(&["if", "exists"]);
        let column = cur.ident()?;
        let cascade = read_drop_behavior(cur);
        return Ok(vec![EventKind::DropColumn {
            table,
            column,
            if_exists,
            cascade,
        }]);
    }
    if cur.is_word("alter") && !cur.is_word_at(1, "constraint") {
        cur.bump();
        cur.eat_word("column");
        let column = cur.ident()?;
        return read_alter_column(cur, table, column);
    }
    if cur.eat_words(&["validate", "constraint"]) {
        let name = cur.ident()?;
        return Ok(vec![EventKind::ValidateConstraint { table, name }]);
    }
    if cur.eat_words(&["alter", "constraint"]) {
        let name = cur.ident()?;
        // PostgreSQL 18 changes whether a NOT NULL constraint is inherited; for any other constraint it
        // refuses (42809), and before 18 it is a syntax error: no version changes a foreign key with it.
        if cur.eat_word("inherit") || cur.eat_words(&["no", "inherit"]) {
            return Ok(Vec::new());
        }
        let c = read_characteristics(cur).checked()?;
        return Ok(vec![EventKind::AlterConstraint {
            table,
            name,
            deferrable: c.deferrable.or(c.initially_deferred.filter(|d| *d)),
            initially_deferred: c.initially_deferred,
            enforced: c.enforced,
        }]);
    }
    if cur.is_word("set") && (cur.is_word_at(1, "logged") || cur.is_word_at(1, "unlogged")) {
        let start = cur.position();
        cur.bump();
        let persistence = if cur.eat_word("logged") {
            Persistence::Permanent
        } else {
            cur.bump();
            Persistence::Unlogged
        };
        let span = cur.span_since(start).unwrap_or_default();
        return Ok(vec![EventKind::SetPersistence {
            table,
            persistence,
            span,
        }]);
    }
    if cur.is_word("inherit") || (cur.is_word("no") && cur.is_word_at(1, "inherit")) {
        let inherit = !cur.eat_word("no");
        cur.bump();
        let parent = cur.obj_name()?;
        return Ok(vec![EventKind::SetInheritance {
            table: table.clone(),
            parent,
            inherit,
        }]);
    }
    if cur.dialect() == crate::dialect::Dialect::Postgres {
        if let Some(access) = super::access::read_table_access_action(cur, &table) {
            return access.map(|event| vec![event]);
        }
    }
    if cur.is_any_word(NO_FK_EFFECT) {
        cur.skip_until(|_| false);
        return Ok(Vec::new());
    }
    Err(cur.error("unknown ALTER TABLE action"))
}

/// libSQL's `ALTER COLUMN c TO <column definition>` (in the SQLite dialect; whether the server has it is the
/// catalog's call, from the target). `None` when the action is not that form.
fn read_libsql_redefine_column(
    cur: &mut Cursor,
    table: &ObjName,
) -> Option<ReadResult<Vec<EventKind>>> {
    if cur.dialect() != crate::dialect::Dialect::Sqlite || !cur.is_word("alter") {
        return None;
    }
    // `ALTER [COLUMN] name TO ...`: the name is one token, so `TO` is two or three tokens ahead.
    let to_at = if cur.is_word_at(1, "column") { 3 } else { 2 };
    if !cur.is_word_at(to_at, "to") {
        return None;
    }
    cur.bump();
    cur.eat_word("column");
    let read = cur.ident().and_then(|from| {
        cur.expect_word("to")?;
        let (column, constraints) = read_column(cur, false)?;
        Ok(vec![EventKind::RedefineColumn {
            table: table.clone(),
            from,
            column,
            constraints,
        }])
    });
    Some(read)
}

/// SQLite's ALTER TABLE can rename the table or a column and add or drop a column; any other action is a
/// syntax error there (constraints and types only change by rebuilding the table).
fn read_sqlite_unsupported(
    cur: &mut Cursor,
    table: &ObjName,
) -> Option<ReadResult<Vec<EventKind>>> {
    if cur.dialect() != crate::dialect::Dialect::Sqlite {
        return None;
    }
    let adds_constraint =
        cur.is_word("add") && !cur.is_word_at(1, "column") && starts_constraint_at(cur, 1);
    let supported = !adds_constraint
        && (cur.is_word("add")
            || cur.is_word("rename")
            || (cur.is_word("drop") && !cur.is_word_at(1, "constraint")));
    if supported {
        return None;
    }
    let action_words: Vec<String> = (0..2)
        .filter_map(|n| cur.peek_nth(n))
        .map(|t| t.text(cur.src).to_ascii_uppercase())
        .collect();
    let constraint = if adds_constraint {
        cur.bump();
        match read_table_constraint(cur) {
            Ok(constraint) => Some(constraint),
            Err(error) => return Some(Err(error)),
        }
    } else {
        None
    };
    cur.skip_until(|c| c.is_punct(','));
    Some(Ok(vec![EventKind::UnsupportedAlter {
        table: table.clone(),
        action: action_words.join(" "),
        constraint,
    }]))
}

/// Whether the token `n` ahead starts a table constraint (`CONSTRAINT`, `FOREIGN KEY`, `PRIMARY KEY`, ...).
fn starts_constraint_at(cur: &Cursor, n: usize) -> bool {
    ["constraint", "check", "unique", "primary", "foreign"]
        .iter()
        .any(|w| cur.is_word_at(n, w))
}

/// Actions that cannot change a column, key or foreign key: OWNER TO, ENABLE/DISABLE TRIGGER|RULE|ROW LEVEL
/// SECURITY, FORCE, SET TABLESPACE|LOGGED|(...), RESET, CLUSTER ON, REPLICA IDENTITY, [NO] INHERIT, [NOT] OF, ...
const NO_FK_EFFECT: &[&str] = &[
    "owner", "enable", "disable", "force", "no", "set", "reset", "cluster", "replica", "inherit",
    "of", "not", "drop",
];

/// `DROP TRIGGER`, `DROP DEFAULT` inside ALTER COLUMN are handled elsewhere; these DROP forms are not columns.
fn is_drop_of_other_thing(cur: &Cursor) -> bool {
    [
        "trigger",
        "rule",
        "expression",
        "identity",
        "default",
        "not",
    ]
    .iter()
    .any(|k| cur.is_word_at(1, k))
        || (cur.is_word_at(1, "row") && cur.is_word_at(2, "level"))
}

fn read_drop_behavior(cur: &mut Cursor) -> bool {
    let cascade = cur.eat_word("cascade");
    cur.eat_word("restrict");
    cascade
}

/// `ADD [COLUMN] [IF NOT EXISTS] col type ...` or `ADD table_constraint [NOT VALID]`.
fn read_add(cur: &mut Cursor, table: ObjName, only: bool) -> ReadResult<Vec<EventKind>> {
    let is_constraint = !cur.is_word("column") && starts_table_constraint(cur);
    if is_constraint {
        let constraint = read_table_constraint(cur)?;
        return Ok(vec![EventKind::AddConstraint {
            table,
            constraint,
            only,
        }]);
    }
    cur.eat_word("column");
    let if_not_exists = cur.eat_words(&["if", "not", "exists"]);
    let (column, constraints) = read_column(cur, false)?;
    let keys = constraints
        .into_iter()
        .filter(|c| !matches!(c.kind, ConstraintKind::Other) || c.name.is_some());
    Ok(vec![EventKind::AddColumn {
        table,
        column,
        constraints: keys.collect(),
        if_not_exists,
    }])
}

/// After `ALTER [COLUMN] col`.
fn read_alter_column(
    cur: &mut Cursor,
    table: ObjName,
    column: crate::ident::Ident,
) -> ReadResult<Vec<EventKind>> {
    if cur.eat_words(&["set", "data", "type"]) || cur.eat_word("type") {
        let ty = read_type(cur)?;
        let collate = cur.is_word("collate");
        cur.skip_until(|_| false); // COLLATE, USING expr
        return Ok(vec![EventKind::AlterColumnType {
            table,
            column,
            ty,
            collate,
        }]);
    }
    if cur.eat_words(&["set", "not", "null"]) {
        return Ok(vec![EventKind::SetNotNull {
            table,
            column,
            not_null: true,
        }]);
    }
    if cur.eat_words(&["drop", "not", "null"]) {
        return Ok(vec![EventKind::SetNotNull {
            table,
            column,
            not_null: false,
        }]);
    }
    if cur.eat_words(&["set", "default"]) {
        let span = cur.skip_until(|_| false);
        let default = span.map(|s| s.slice(cur.src).to_string());
        return Ok(vec![EventKind::SetDefault {
            table,
            column,
            default,
        }]);
    }
    if cur.eat_words(&["drop", "default"]) {
        return Ok(vec![EventKind::SetDefault {
            table,
            column,
            default: None,
        }]);
    }
    if cur.is_word("add") && cur.is_word_at(1, "generated") {
        cur.skip_until(|_| false);
        return Ok(vec![EventKind::SetNotNull {
            table,
            column,
            not_null: true,
        }]);
    }
    // SET STATISTICS, SET STORAGE, DROP EXPRESSION, DROP IDENTITY, RESTART, SET (...), ...
    cur.skip_until(|_| false);
    Ok(Vec::new())
}
