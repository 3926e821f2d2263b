//! `CREATE FUNCTION` / `CREATE PROCEDURE` and `CREATE TRIGGER`, read for what a trigger writes: which tables a
//! function inserts into and which values it puts in which columns (FK304 missing sync triggers, FK305 the
//! signed-in user's id written into a column). Read leniently: what does not have the expected shape is skipped,
//! never a finding (routines do not change foreign keys).

use super::cursor::Cursor;
use crate::events::{EventKind, FunctionDef, RowWrite, TriggerDef};
use crate::ident::ObjName;
use crate::lex::{self, Token, TokenKind};
use crate::source::Span;

/// `CREATE [OR REPLACE] FUNCTION | PROCEDURE name (...) ... AS 'body' | $$body$$ ...`.
pub(super) fn read_create_function(cur: &mut Cursor, src: &str) -> Option<EventKind> {
    while !(cur.at_end() || cur.eat_word("function") || cur.eat_word("procedure")) {
        cur.bump();
    }
    let name = cur.obj_name().ok()?;
    let body = function_body(src, cur.rest())?;
    let tokens = lex::tokenize(body.slice(src));
    let tokens: Vec<Token> = tokens
        .into_iter()
        .map(|mut t| {
            t.span = t.span.offset(body.start);
            t
        })
        .collect();
    Some(EventKind::CreateFunction(FunctionDef {
        name,
        inserts: inserted_tables(src, &tokens),
        writes: [new_row_writes(src, &tokens), insert_writes(src, &tokens)].concat(),
    }))
}

/// The span of the body's text: the string after `AS` (quotes and dollar tags excluded).
fn function_body(src: &str, tokens: &[Token]) -> Option<Span> {
    let at = tokens.windows(2).position(|w| {
        w[0].is_word(src, "as") && matches!(w[1].kind, TokenKind::String | TokenKind::DollarString)
    })?;
    let token = tokens.get(at + 1)?;
    if token.unterminated {
        return None;
    }
    let text = token.text(src);
    let quote = match token.kind {
        TokenKind::DollarString => text.get(1..)?.find('$')? + 2,
        // Quotes doubled inside a '...' body stay doubled: the values read from it are only matched.
        _ => 1,
    };
    let start = token.span.start + quote;
    let end = token.span.end.checked_sub(quote)?;
    (start <= end).then(|| Span::new(start, end))
}

/// `INSERT INTO t ...` anywhere in the body.
fn inserted_tables(src: &str, tokens: &[Token]) -> Vec<ObjName> {
    tokens
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].is_word(src, "insert") && w[1].is_word(src, "into"))
        .filter_map(|(i, _)| {
            let rest = tokens.get(i + 2..)?;
            Cursor::new(src, rest, rest.last()?.span.end)
                .obj_name()
                .ok()
        })
        .collect()
}

/// `NEW.col := expr;` and `NEW.col = expr;` (PL/pgSQL assignments to the trigger's row).
fn new_row_writes(src: &str, tokens: &[Token]) -> Vec<RowWrite> {
    let mut writes = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let shape = tokens.get(i..i + 4);
        let Some([_, dot, column, assign]) = shape else {
            continue;
        };
        let assigns = matches!(assign.text(src), ":=" | "=");
        let statement_start =
            i == 0 || tokens[i - 1].text(src) == ";" || is_block_word(src, &tokens[i - 1]);
        if !(token.is_word(src, "new") && dot.text(src) == "." && assigns && statement_start) {
            continue;
        }
        let value_tokens = until_semicolon(src, tokens.get(i + 4..).unwrap_or(&[]));
        let column = Cursor::new(src, std::slice::from_ref(column), column.span.end).ident();
        if let Some(write) = column
            .ok()
            .and_then(|c| write(None, c.value, value_tokens, src))
        {
            writes.push(write);
        }
    }
    writes
}

/// Words after which a PL/pgSQL statement starts.
fn is_block_word(src: &str, token: &Token) -> bool {
    ["begin", "then", "else", "loop"]
        .iter()
        .any(|w| token.is_word(src, w))
}

/// `INSERT INTO t (a, b) VALUES (x, y)`: the value written into each listed column (first row only).
fn insert_writes(src: &str, tokens: &[Token]) -> Vec<RowWrite> {
    let mut writes = Vec::new();
    for (i, w) in tokens.windows(2).enumerate() {
        if !(w[0].is_word(src, "insert") && w[1].is_word(src, "into")) {
            continue;
        }
        let rest = tokens.get(i + 2..).unwrap_or(&[]);
        let mut cur = Cursor::new(src, rest, rest.last().map_or(0, |t| t.span.end));
        let (Ok(table), Ok(columns)) = (cur.obj_name(), cur.ident_list()) else {
            continue;
        };
        if !cur.eat_word("values") || !cur.is_punct('(') {
            continue;
        }
        let values = split_top_level(src, cur.rest());
        for (column, value) in columns.iter().zip(values) {
            if let Some(write) = write(Some(table.clone()), column.value.clone(), value, src) {
                writes.push(write);
            }
        }
    }
    writes
}

fn write(table: Option<ObjName>, column: String, value: &[Token], src: &str) -> Option<RowWrite> {
    let (first, last) = (value.first()?, value.last()?);
    Some(RowWrite {
        table,
        column,
        value: value
            .iter()
            .map(|t| t.text(src).to_ascii_lowercase())
            .collect::<String>(),
        span: first.span.join(last.span),
    })
}

/// The tokens up to the next `;` outside brackets.
fn until_semicolon<'t>(src: &str, tokens: &'t [Token]) -> &'t [Token] {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            ";" if depth == 0 => return &tokens[..i],
            _ => {}
        }
    }
    tokens
}

/// The comma-separated items of the parenthesized list the tokens start with.
fn split_top_level<'t>(src: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 1;
    for (i, token) in tokens.iter().enumerate() {
        match token.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    items.push(tokens.get(start..i).unwrap_or(&[]));
                    break;
                }
            }
            "," if depth == 1 => {
                items.push(tokens.get(start..i).unwrap_or(&[]));
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name {BEFORE | AFTER | INSTEAD OF} event [OR event ...] ON table
/// ... EXECUTE {FUNCTION | PROCEDURE} f(...)`.
pub(super) fn read_create_trigger(cur: &mut Cursor, src: &str) -> Option<EventKind> {
    while !cur.at_end() && !cur.eat_word("trigger") {
        cur.bump();
    }
    let name = cur.ident().ok()?;
    let before = cur.is_word("before");
    let mut events = Vec::new();
    while !cur.at_end() && !cur.is_word("on") {
        if let Some(token) = cur.bump() {
            let word = token.text(src).to_ascii_lowercase();
            if matches!(word.as_str(), "insert" | "update" | "delete" | "truncate") {
                events.push(word);
            }
        }
    }
    cur.eat_word("on");
    let table = cur.obj_name().ok()?;
    while !cur.at_end() && !cur.eat_word("execute") {
        cur.bump();
    }
    if !(cur.eat_word("function") || cur.eat_word("procedure")) {
        return None;
    }
    let function = cur.obj_name().ok()?;
    Some(EventKind::CreateTrigger(TriggerDef {
        name,
        table,
        before,
        events,
        function,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sql: &str) -> Option<EventKind> {
        let tokens = lex::tokenize(sql);
        let mut cur = Cursor::new(sql, &tokens, sql.len());
        cur.bump();
        if sql.to_ascii_lowercase().contains("trigger ") && !sql.contains("RETURNS") {
            read_create_trigger(&mut cur, sql)
        } else {
            read_create_function(&mut cur, sql)
        }
    }

    #[test]
    fn a_trigger_function_writes_new_columns_and_inserts() {
        let sql = "CREATE OR REPLACE FUNCTION public.handle() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER \
                   SET search_path = '' AS $fn$\nBEGIN\n  NEW.last_modified_by = auth.uid();\n  NEW.version := \
                   OLD.version + 1;\n  INSERT INTO public.audit (user_id, action) VALUES (auth.uid(), lower(TG_OP));\n  \
                   RETURN NEW;\nEND;\n$fn$;";
        let Some(EventKind::CreateFunction(f)) = read(sql) else {
            panic!("not read");
        };
        assert_eq!(f.name.name.value, "handle");
        assert_eq!(f.inserts.len(), 1);
        let writes: Vec<(Option<String>, &str, &str)> = f
            .writes
            .iter()
            .map(|w| {
                (
                    w.table.as_ref().map(|t| t.name.value.clone()),
                    w.column.as_str(),
                    w.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            writes,
            [
                (None, "last_modified_by", "auth.uid()"),
                (None, "version", "old.version+1"),
                (Some("audit".into()), "user_id", "auth.uid()"),
                (Some("audit".into()), "action", "lower(tg_op)"),
            ]
        );
        let at = f.writes[0].span;
        assert_eq!(&sql[at.start..at.end], "auth.uid()");
    }

    #[test]
    fn a_trigger_names_its_table_events_and_function() {
        let sql =
            "CREATE TRIGGER on_auth_user_created AFTER INSERT OR UPDATE OF email ON auth.users \
                   FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user()";
        let Some(EventKind::CreateTrigger(t)) = read(sql) else {
            panic!("not read");
        };
        assert_eq!(t.name.value, "on_auth_user_created");
        assert_eq!(t.table.schema.map(|s| s.value).as_deref(), Some("auth"));
        assert!(!t.before);
        assert_eq!(t.events, ["insert", "update"]);
        assert_eq!(t.function.name.value, "handle_new_user");
    }

    #[test]
    fn odd_routines_are_skipped() {
        assert_eq!(
            read("CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1"),
            None
        );
        assert_eq!(
            read("CREATE FUNCTION f() RETURNS int AS $$ unterminated"),
            None
        );
        assert_eq!(read("CREATE TRIGGER t AFTER INSERT ON x"), None);
    }
}
