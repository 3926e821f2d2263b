//! What the data readers share: a literal value written as tokens (with its cast, or a range constructor of
//! literals) and the columns an `INSERT` names. Below `data`, `row_expr`, `series` and `partition`, which all
//! read them.

use super::cursor::Cursor;
use crate::events::Value;
use crate::lex::{Token, TokenKind};

/// `INTO t [(columns)]` after `INSERT`: the columns named (`None`: the table's, in order).
pub(super) fn insert_columns(cur: &mut Cursor) -> Option<Option<Vec<crate::ident::Ident>>> {
    if !cur.eat_word("into") {
        return None;
    }
    cur.obj_name().ok()?;
    Some(if cur.is_punct('(') {
        Some(cur.ident_list().ok()?)
    } else {
        None
    })
}

/// A literal written as tokens: `'x'`, `$$x$$`, `42`, `-1.5`, `NULL`, `TRUE`, `DEFAULT`, optionally `::type`.
pub(super) fn token_value(src: &str, tokens: &[Token]) -> Value {
    let cast_at = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Operator && t.text(src) == "::")
        .unwrap_or(tokens.len());
    let (literal, cast) = tokens.split_at(cast_at);
    // A cast's type is words, `(n)`, `[]`, dots: nothing else.
    let plain_cast = cast.iter().skip(1).all(|t| {
        matches!(
            t.kind,
            TokenKind::Word | TokenKind::QuotedIdent | TokenKind::Number
        ) || (t.kind == TokenKind::Punct
            && matches!(t.text(src), "(" | ")" | "[" | "]" | "," | "."))
    });
    if !plain_cast || cast.len() == 1 {
        return Value::Unknown;
    }
    if let Some(text) = range_constructor(src, literal) {
        return Value::Str(text);
    }
    match literal {
        [t] => match t.kind {
            TokenKind::String => {
                let text = t.text(src);
                match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
                    Some(inner) if !t.unterminated => Value::Str(inner.replace("''", "'")),
                    _ => Value::Unknown,
                }
            }
            TokenKind::DollarString if !t.unterminated => {
                let text = t.text(src);
                let tag_end = text[1..].find('$').map_or(0, |i| i + 2);
                match text.get(tag_end..text.len().saturating_sub(tag_end)) {
                    Some(inner) => Value::Str(inner.to_string()),
                    None => Value::Unknown,
                }
            }
            TokenKind::Number => number(t.text(src)),
            TokenKind::Word if cast.is_empty() || !t.is_word(src, "default") => {
                let word = t.text(src);
                if word.eq_ignore_ascii_case("null") {
                    Value::Null
                } else if word.eq_ignore_ascii_case("true") {
                    Value::Bool(true)
                } else if word.eq_ignore_ascii_case("false") {
                    Value::Bool(false)
                } else if word.eq_ignore_ascii_case("default") {
                    Value::Default
                } else {
                    Value::Unknown
                }
            }
            _ => Value::Unknown,
        },
        [sign, t] if sign.kind == TokenKind::Operator && t.kind == TokenKind::Number => {
            match (sign.text(src), number(t.text(src))) {
                ("-", Value::Number(n)) => Value::Number(format!("-{n}")),
                ("+", n @ Value::Number(_)) => n,
                _ => Value::Unknown,
            }
        }
        _ => Value::Unknown,
    }
}

/// The built-in discrete range types whose constructor calls fklint reads, and their multiranges.
const RANGE_CONSTRUCTORS: &[&str] = &["int4range", "int8range", "daterange"];
const MULTIRANGE_CONSTRUCTORS: &[&str] = &["int4multirange", "int8multirange", "datemultirange"];

/// A range or multirange constructor call of literals (`daterange('2018-01-01', '2018-02-01' [, '[]'])`,
/// `int4range(1, NULL)`, `datemultirange(daterange(...), ...)`), as the literal text it makes (`[2018-01-01,
/// 2018-02-01)`, `{...}`): the server turns it into that value, which the catalog then reads like a string.
fn range_constructor(src: &str, tokens: &[Token]) -> Option<String> {
    let (name, rest) = tokens.split_first()?;
    if name.kind != TokenKind::Word {
        return None;
    }
    let name = name.text(src).to_ascii_lowercase();
    let is_punct = |t: &Token, p: &str| t.kind == TokenKind::Punct && t.text(src) == p;
    let inner = match rest {
        [open, inner @ .., close] if is_punct(open, "(") && is_punct(close, ")") => inner,
        _ => return None,
    };
    let args = split_arguments(src, inner)?;
    if MULTIRANGE_CONSTRUCTORS.contains(&name.as_str()) {
        let ranges: Vec<String> = args
            .iter()
            .map(|arg| match token_value(src, arg) {
                Value::Str(text) => Some(text),
                _ => None,
            })
            .collect::<Option<_>>()?;
        return Some(format!("{{{}}}", ranges.join(",")));
    }
    if !RANGE_CONSTRUCTORS.contains(&name.as_str()) || !(2..=3).contains(&args.len()) {
        return None;
    }
    let bound = |arg: &[Token]| match token_value(src, arg) {
        Value::Str(text) | Value::Number(text) if !text.contains([',', '(', ')', '[', ']']) => {
            Some(text)
        }
        Value::Null => Some(String::new()),
        _ => None,
    };
    let (lower, upper) = (bound(args[0])?, bound(args[1])?);
    let brackets = match args.get(2).map(|arg| token_value(src, arg)) {
        None => "[)".to_string(),
        Some(Value::Str(b)) if matches!(b.as_str(), "[)" | "[]" | "()" | "(]") => b,
        Some(_) => return None,
    };
    let (open, close) = brackets.split_at(1);
    Some(format!("{open}{lower},{upper}{close}"))
}

/// A call's arguments: the tokens between top-level commas (none for `()`).
fn split_arguments<'t>(src: &str, tokens: &'t [Token]) -> Option<Vec<&'t [Token]>> {
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Punct {
            continue;
        }
        match token.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.checked_sub(1)?,
            "," if depth == 0 => {
                args.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !tokens.is_empty() {
        args.push(&tokens[start..]);
    }
    (depth == 0 && args.iter().all(|a| !a.is_empty())).then_some(args)
}

fn number(text: &str) -> Value {
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E')
    {
        Value::Number(text.to_string())
    } else {
        Value::Unknown
    }
}
