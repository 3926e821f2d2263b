//! The `mysql` client's own rule: `DELIMITER x` (a client command, not SQL) makes `x` the statement terminator,
//! so trigger and procedure bodies can hold `;`.

use crate::lex::{Token, TokenKind};

/// Where the terminator `delimiter` occurs at or inside `token` (offset from its start), if it does. The client
/// ends a statement wherever it occurs outside quotes and comments, also inside what the lexer reads as one
/// word (`END$$`, since `$` belongs to MySQL names).
pub fn delimiter_in(text: &str, token: &Token, delimiter: &str) -> Option<usize> {
    let start = token.span.start;
    // At the token (`;;` is two tokens), or inside it.
    if text.get(start..).unwrap_or("").starts_with(delimiter) {
        return Some(0);
    }
    match token.kind {
        TokenKind::String | TokenKind::QuotedIdent => None,
        _ => token.text(text).find(delimiter),
    }
}

/// A `DELIMITER x` command starting at `start`: where its line ends, and the new terminator (`None` when the
/// command names none).
pub fn delimiter_command(text: &str, start: usize) -> (usize, Option<String>) {
    let line_end = text
        .get(start..)
        .unwrap_or("")
        .find('\n')
        .map_or(text.len(), |k| start + k);
    let argument = text
        .get(start + "delimiter".len()..line_end)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("");
    (
        line_end,
        (!argument.is_empty()).then(|| argument.to_string()),
    )
}
