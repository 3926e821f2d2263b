//! `COPY ... FROM STDIN` and its data block read both ways (`split::rejected_copy_reading`): the COPY's
//! table, columns and `WHERE` names, which the replay judges, and which COPY each data block belongs to.

use std::collections::VecDeque;

use super::cursor::Cursor;
use crate::events::{CopyFromStdin, StmtRef};
use crate::lex::{self, Token, TokenKind};
use crate::source::Span;

/// How deep data blocks read as script may nest (a COPY in a block read as script has a block of its own):
/// deeper blocks are read as data only, so that a text of many unterminated COPYs is not read again and again.
pub(super) const MAX_DEPTH: usize = 4;

/// The COPY FROM STDIN statements of one reading whose data blocks are still to come, in order (several on
/// one line take the blocks after it one by one). `None`: a block only read as data (`\copy`, or a COPY whose
/// words fklint does not follow).
#[derive(Default)]
pub(super) struct Copies(VecDeque<Option<StmtRef>>);

impl Copies {
    pub(super) fn expect_block(&mut self, copy: Option<StmtRef>) {
        self.0.push_back(copy);
    }

    /// The COPY whose data block comes next.
    pub(super) fn next_block(&mut self) -> Option<StmtRef> {
        self.0.pop_front().flatten()
    }
}

/// Whether psql reads data after the statement: `COPY` first, then `FROM STDIN` anywhere (as psql's scanner
/// decides it).
pub(super) fn is_copy_from_stdin(src: &str, span: Span) -> bool {
    let text = span.slice(src);
    if !text
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("copy"))
    {
        return false;
    }
    let tokens = lex::tokenize(text);
    tokens.first().is_some_and(|t| t.is_word(text, "copy"))
        && tokens
            .windows(2)
            .any(|w| w[0].is_word(text, "from") && w[1].is_word(text, "stdin"))
}

/// Whether a psql meta-command is `\\copy ... from stdin`, which psql follows with a data block.
pub(super) fn is_meta_copy_from_stdin(src: &str, span: Span) -> bool {
    let text = span.slice(src);
    let Some(args) = text.strip_prefix("\\copy") else {
        return false;
    };
    if !args.starts_with(|c: char| c.is_ascii_whitespace()) {
        return false;
    }
    let tokens = lex::tokenize(args);
    tokens
        .windows(2)
        .any(|w| w[0].is_word(args, "from") && w[1].is_word(args, "stdin"))
}

/// `COPY [ONLY] table [(columns)] FROM STDIN [[WITH] options] [WHERE condition]`; `None` for other shapes
/// (`COPY (query)` is rejected by the server too, but fklint then reads the block as data and stays silent).
pub(super) fn read_copy_from_stdin(src: &str, span: Span) -> Option<CopyFromStdin> {
    let tokens: Vec<Token> = lex::tokenize(span.slice(src))
        .into_iter()
        .map(|mut t| {
            t.span = t.span.offset(span.start);
            t
        })
        .collect();
    let mut cur = Cursor::new(src, &tokens, span.end);
    cur.bump();
    cur.eat_word("only");
    let table = cur.obj_name().ok()?;
    let columns = if cur.is_punct('(') {
        Some(cur.ident_list().ok()?)
    } else {
        None
    };
    if !cur.eat_words(&["from", "stdin"]) {
        return None;
    }
    let where_at = cur.rest().iter().position(|t| t.is_word(src, "where"));
    let where_names = where_at
        .map(|at| names_in(src, &cur.rest()[at + 1..]))
        .unwrap_or_default();
    Some(CopyFromStdin {
        table,
        columns,
        where_names,
    })
}

/// The names a condition mentions (words that are not keywords of an expression, quoted identifiers), folded
/// as PostgreSQL stores them. A name followed by `(` is a function, and one followed by `.` qualifies the
/// column after it: neither is a column or a whole row.
fn names_in(src: &str, tokens: &[Token]) -> Vec<crate::ident::Ident> {
    const EXPRESSION_WORDS: [&str; 14] = [
        "and", "or", "not", "is", "null", "true", "false", "in", "between", "like", "ilike",
        "distinct", "from", "unknown",
    ];
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            matches!(t.kind, TokenKind::Word | TokenKind::QuotedIdent)
                && !tokens
                    .get(i + 1)
                    .is_some_and(|next| next.is_punct(src, '(') || next.is_punct(src, '.'))
                && !EXPRESSION_WORDS.iter().any(|w| t.is_word(src, w))
        })
        .filter_map(|(i, t)| Cursor::new(src, &tokens[i..=i], t.span.end).ident().ok())
        .collect()
}
