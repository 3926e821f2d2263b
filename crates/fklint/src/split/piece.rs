//! What the splitters cut a source into: statements, client commands and COPY data, each a slice of the text.

use crate::lex::{Token, TokenKind};
use crate::source::Span;

/// What a [`Piece`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// One SQL statement, without its terminating `;`.
    Statement,
    /// A psql meta-command line such as `\c db` or `\set ON_ERROR_STOP on`.
    MetaCommand,
    /// The data lines after `COPY ... FROM STDIN;` (or `\copy ... from stdin`), through the `\.` line.
    CopyData,
}

/// Something wrong with a piece's text that the lexer alone can see (an unterminated quote or comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitProblem {
    pub message: String,
    pub span: Span,
}

/// One piece of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub span: Span,
    pub problem: Option<SplitProblem>,
}

pub(crate) fn unterminated_problem(text: &str, token: &Token) -> SplitProblem {
    let message = match token.kind {
        TokenKind::String => "unterminated quoted string".to_string(),
        TokenKind::QuotedIdent => "unterminated quoted identifier".to_string(),
        TokenKind::DollarString => {
            let opening = token.text(text);
            let tag = opening
                .get(1..)
                .and_then(|rest| rest.find('$'))
                .and_then(|k| opening.get(..k + 2));
            format!("unterminated dollar-quoted string {}", tag.unwrap_or("$$"))
        }
        _ => "unterminated /* comment".to_string(),
    };
    SplitProblem {
        message,
        span: token.span,
    }
}
