//! PostgreSQL's partitioning clauses: `PARTITION BY RANGE | LIST | HASH (...)` and a partition's bound,
//! `FOR VALUES IN (...)`, `FOR VALUES FROM (...) TO (...)`, `FOR VALUES WITH (...)` or `DEFAULT`. The catalog
//! routes literal rows through them; what is not a plain literal is read as unknown, never guessed.

use super::cursor::Cursor;
use crate::events::{
    HashBound, PartitionBound, PartitionKey, PartitionStrategy, RangeDatum, Value,
};
use crate::lex::{self, TokenKind};

/// The key after `PARTITION BY`; the cursor is past `BY`.
pub fn read_partition_key(cur: &mut Cursor) -> PartitionKey {
    let strategy = if cur.eat_word("range") {
        PartitionStrategy::Range
    } else if cur.eat_word("list") {
        PartitionStrategy::List
    } else {
        cur.eat_word("hash");
        PartitionStrategy::Hash
    };
    PartitionKey {
        strategy,
        columns: key_columns(cur),
    }
}

/// `(col, ...)`: plain column names only (an expression, collation or operator class gives `None`). The
/// whole parenthesized group is consumed either way.
fn key_columns(cur: &mut Cursor) -> Option<Vec<crate::ident::Ident>> {
    if !cur.is_punct('(') {
        return None;
    }
    // A plain list is read to its `)`; `(a COLLATE "C")` or `(lower(a))` is not.
    let mut probe = Cursor::new(cur.src, cur.rest(), 0);
    let columns = probe.ident_list().ok();
    cur.skip_one();
    columns
}

/// A partition's bound; the cursor is at `FOR VALUES` or `DEFAULT`. `None` when neither is there.
pub fn read_partition_bound(cur: &mut Cursor) -> Option<PartitionBound> {
    if cur.eat_word("default") {
        return Some(PartitionBound::Default);
    }
    if !cur.eat_words(&["for", "values"]) {
        return None;
    }
    let bound = if cur.eat_word("in") {
        datums(cur)
            .and_then(|d| d.into_iter().map(plain_value).collect::<Option<Vec<_>>>())
            .map(PartitionBound::List)
    } else if cur.eat_word("from") {
        let from = datums(cur);
        let to = if cur.eat_word("to") {
            datums(cur)
        } else {
            None
        };
        from.zip(to)
            .map(|(from, to)| PartitionBound::Range { from, to })
    } else if cur.eat_word("with") {
        Some(PartitionBound::Hash(hash_bound(cur)))
    } else {
        None
    };
    Some(bound.unwrap_or(PartitionBound::Unknown))
}

/// `(MODULUS m, REMAINDER r)`, in either order: the parenthesized group is consumed; `None` when it is not
/// those two plain numbers.
fn hash_bound(cur: &mut Cursor) -> Option<HashBound> {
    let inner = parenthesized(cur)?;
    let (mut modulus, mut remainder) = (None, None);
    for item in lex::split_outside_parens(cur.src, inner, ',') {
        let [name, number] = item else {
            return None;
        };
        if number.kind != TokenKind::Number {
            return None;
        }
        let number: u64 = number.text(cur.src).parse().ok()?;
        match name.text(cur.src).to_ascii_lowercase().as_str() {
            "modulus" => modulus = Some(number),
            "remainder" => remainder = Some(number),
            _ => return None,
        }
    }
    let (modulus, remainder) = (modulus?, remainder?);
    (modulus > 0 && remainder < modulus).then_some(HashBound { modulus, remainder })
}

fn plain_value(datum: RangeDatum) -> Option<Value> {
    match datum {
        RangeDatum::Value(value) => Some(value),
        RangeDatum::MinValue | RangeDatum::MaxValue => None,
    }
}

/// `(datum, ...)`: the parenthesized group is consumed; `None` when one datum is not a plain literal.
fn datums(cur: &mut Cursor) -> Option<Vec<RangeDatum>> {
    let inner = parenthesized(cur)?;
    let mut out = Vec::new();
    for item in lex::split_outside_parens(cur.src, inner, ',') {
        out.push(datum(cur.src, item)?);
    }
    Some(out)
}

/// The tokens inside the parenthesized group at the cursor, which is consumed; `None` when there is none.
fn parenthesized<'a>(cur: &mut Cursor<'a>) -> Option<&'a [lex::Token]> {
    if !cur.is_punct('(') {
        return None;
    }
    let start = cur.position();
    cur.skip_one();
    let tokens = cur.consumed_since(start);
    tokens.get(1..tokens.len().checked_sub(1)?)
}

/// One bound datum: MINVALUE/MAXVALUE, or a literal read as a row's value is (a sign, a trailing cast read
/// through; an expression, `'1'::int + 5`, is not evaluated).
fn datum(src: &str, tokens: &[lex::Token]) -> Option<RangeDatum> {
    if let [word] = tokens {
        if word.kind == TokenKind::Word {
            match word.text(src).to_ascii_lowercase().as_str() {
                "minvalue" => return Some(RangeDatum::MinValue),
                "maxvalue" => return Some(RangeDatum::MaxValue),
                _ => {}
            }
        }
    }
    match super::values::token_value(src, tokens) {
        Value::Unknown | Value::Default => None,
        value => Some(RangeDatum::Value(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<RangeDatum> {
        datum(text, &lex::tokenize(text))
    }

    #[test]
    fn a_literal_with_a_trailing_cast_is_its_value() {
        assert!(read("'1'::int").is_some());
        assert!(read("5::numeric(10, 2)").is_some());
        assert!(read("'a'::character varying").is_some());
        assert!(read("-3").is_some());
    }

    fn hash(text: &str) -> Option<HashBound> {
        let tokens = lex::tokenize(text);
        hash_bound(&mut Cursor::new(text, &tokens, text.len()))
    }

    #[test]
    fn a_hash_bound_is_its_modulus_and_remainder_in_either_order() {
        let bound = |modulus, remainder| Some(HashBound { modulus, remainder });
        assert_eq!(hash("(MODULUS 5, REMAINDER 1)"), bound(5, 1));
        assert_eq!(hash("(remainder 0, modulus 2)"), bound(2, 0));
        assert_eq!(hash("(MODULUS 5, REMAINDER 5)"), None);
        assert_eq!(hash("(MODULUS 5)"), None);
        assert_eq!(hash("(MODULUS 2 + 3, REMAINDER 1)"), None);
    }

    #[test]
    fn an_expression_after_the_cast_is_not_evaluated() {
        assert!(read("'1'::int + 5").is_none());
        assert!(read("'1'::text::int").is_none());
        assert!(read("1 + 5").is_none());
    }
}
