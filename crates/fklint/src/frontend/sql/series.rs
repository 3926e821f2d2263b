//! `INSERT INTO t [(columns)] SELECT generate_series(start, stop [, step])` and `INSERT INTO t [(columns)]
//! SELECT item, ... FROM generate_series(start, stop [, step]) [AS] alias`, with integer literals: rows PostgreSQL
//! computes from the literals alone, written out for the catalog as if they were `VALUES` (each item the series'
//! value or a literal). A series of more than [`MAX_ROWS`] rows, or any other shape, is not read here.

use super::cursor::{ident_of, Cursor};
use super::values::{insert_columns, token_value};
use crate::events::{DataRow, DataValue, InsertRows, StmtRef, Value};
use crate::ident::ObjName;
use crate::lex::{Token, TokenKind};
use crate::source::Span;

/// The most rows a series is written out for (more: their values stay unknown).
const MAX_ROWS: i64 = 10_000;

/// One item of the select list.
enum Item {
    /// The series' value (the call itself, or the alias of the FROM form).
    Series(Span),
    Literal(DataValue),
}

/// The rows of an `INSERT ... SELECT` over `generate_series` of integer literals (the cursor after `INSERT`).
pub(super) fn insert(
    cur: &mut Cursor,
    src: &str,
    stmt: StmtRef,
    target: &ObjName,
) -> Option<InsertRows> {
    let columns = insert_columns(cur)?;
    if !cur.eat_word("select") {
        return None;
    }
    let list_start = cur.position();
    let mut raw_items = vec![item_tokens(cur, src)];
    while cur.eat_punct(',') {
        raw_items.push(item_tokens(cur, src));
    }
    let (series, items) = if cur.eat_word("from") {
        let series = call(cur, src)?;
        cur.eat_word("as");
        let alias = ident_of(src, cur.peek()?);
        cur.ident().ok()?;
        let items = raw_items
            .iter()
            .map(|tokens| match tokens {
                [word] if ident_of(src, word).value == alias.value => Some(Item::Series(word.span)),
                _ => literal(src, tokens),
            })
            .collect::<Option<Vec<_>>>()?;
        (series, items)
    } else {
        // Without FROM the one item is the call.
        let [tokens] = raw_items.as_slice() else {
            return None;
        };
        let mut inner = Cursor::new(src, tokens, stmt.span.end);
        let series = call(&mut inner, src)?;
        let span = tokens.first()?.span.join(tokens.last()?.span);
        (inner.at_end().then_some(series)?, vec![Item::Series(span)])
    };
    if !cur.at_end() || items.is_empty() {
        return None;
    }
    let span = cur.span_since(list_start)?;
    let rows = series
        .map(|n| DataRow {
            values: items
                .iter()
                .map(|item| match item {
                    Item::Series(span) => DataValue {
                        value: Value::Number(n.to_string()),
                        span: *span,
                    },
                    Item::Literal(value) => value.clone(),
                })
                .collect(),
            span,
        })
        .collect::<Vec<_>>();
    (!rows.is_empty()).then(|| InsertRows {
        table: target.clone(),
        columns,
        rows,
        on_conflict: None,
    })
}

/// The tokens of one select-list item: up to a comma or `FROM` outside brackets.
fn item_tokens<'t>(cur: &mut Cursor<'t>, src: &str) -> &'t [Token] {
    let rest = cur.rest();
    let mut depth = 0usize;
    let mut len = 0;
    for token in rest {
        if depth == 0
            && (token.is_word(src, "from")
                || (token.kind == TokenKind::Punct && token.text(src) == ","))
        {
            break;
        }
        if token.kind == TokenKind::Punct {
            match token.text(src) {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        len += 1;
    }
    for _ in 0..len {
        cur.bump();
    }
    &rest[..len]
}

fn literal(src: &str, tokens: &[Token]) -> Option<Item> {
    let value = token_value(src, tokens);
    if matches!(value, Value::Unknown | Value::Default) {
        return None;
    }
    let span = tokens.first()?.span.join(tokens.last()?.span);
    Some(Item::Literal(DataValue { value, span }))
}

/// `generate_series(start, stop [, step])` of integer literals: its values.
fn call(cur: &mut Cursor, src: &str) -> Option<impl Iterator<Item = i64>> {
    if !cur.eat_word("generate_series") || !cur.eat_punct('(') {
        return None;
    }
    let mut args = vec![integer(cur, src)?];
    while cur.eat_punct(',') {
        args.push(integer(cur, src)?);
    }
    cur.expect_punct(')').ok()?;
    let (start, stop, step) = match args.as_slice() {
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] if *step != 0 => (*start, *stop, *step),
        _ => return None,
    };
    let count = if (step > 0 && start > stop) || (step < 0 && start < stop) {
        0
    } else {
        stop.checked_sub(start)?.checked_div(step)?.checked_add(1)?
    };
    (count <= MAX_ROWS).then(|| (0..count).map(move |i| start + i * step))
}

/// An integer literal, with its sign.
fn integer(cur: &mut Cursor, src: &str) -> Option<i64> {
    let negative = cur.eat_operator("-");
    let token = cur.bump().filter(|t| t.kind == TokenKind::Number)?;
    let Value::Number(text) = token_value(src, std::slice::from_ref(token)) else {
        return None;
    };
    let value: i64 = text.parse().ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::{insert, Cursor};
    use crate::events::{StmtRef, Value};
    use crate::ident::{Ident, ObjName};
    use crate::lex::Lexer;
    use crate::source::{SourceId, Span};

    /// The rows read from an INSERT, each as its values' text (`None`: not read).
    fn rows(sql: &str) -> Option<Vec<Vec<String>>> {
        let tokens: Vec<_> = Lexer::new(sql).collect();
        let mut cur = Cursor::new(sql, &tokens, sql.len());
        cur.bump();
        let stmt = StmtRef {
            index: 0,
            source: SourceId::default(),
            span: Span::new(0, sql.len()),
        };
        let target = ObjName::unqualified(Ident::unquoted("t", Span::new(0, 0)));
        let read = insert(&mut cur, sql, stmt, &target)?;
        Some(
            read.rows
                .iter()
                .map(|row| {
                    row.values
                        .iter()
                        .map(|v| match &v.value {
                            Value::Number(n) | Value::Str(n) => n.clone(),
                            other => format!("{other:?}"),
                        })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn a_series_is_written_out_row_by_row() {
        assert_eq!(
            rows("INSERT INTO t SELECT generate_series(1, 7, 3)"),
            Some(vec![vec!["1".into()], vec!["4".into()], vec!["7".into()]])
        );
        assert_eq!(
            rows("INSERT INTO t (x, a) SELECT 'k', i FROM generate_series(2, 1, -1) AS i"),
            Some(vec![
                vec!["k".into(), "2".into()],
                vec!["k".into(), "1".into()]
            ])
        );
        assert_eq!(
            rows("INSERT INTO t SELECT i, i FROM generate_series(-1, -1) i").map(|r| r.len()),
            Some(1)
        );
    }

    #[test]
    fn other_shapes_and_huge_series_are_not_read() {
        for sql in [
            "INSERT INTO t SELECT generate_series(1, 100000)",
            "INSERT INTO t SELECT generate_series(1, 3, 0)",
            "INSERT INTO t SELECT generate_series(3, 1)",
            "INSERT INTO t SELECT generate_series(1, n) FROM other",
            "INSERT INTO t SELECT i * 2 FROM generate_series(1, 3) i",
            "INSERT INTO t SELECT i FROM generate_series(1, 3) i WHERE i > 1",
            "INSERT INTO t SELECT generate_series(1, 3), generate_series(1, 2)",
            "INSERT INTO t SELECT generate_series(-9223372036854775807, 9223372036854775807)",
        ] {
            assert_eq!(rows(sql), None, "{sql}");
        }
    }
}
