//! Stored generated columns whose expression is another integer column, or it and an integer joined by `+`, `-`
//! or `*` (`a * 2`, `10 - a`): in a row of literals their value is known, as the server computes it when it
//! writes the row. Any other expression leaves the value unknown (never guessed).

use super::Cell;
use crate::lex::{self, Token, TokenKind};

/// How a generated column's value follows from another column of the same row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Computed {
    /// The column it is computed from, as stored (folded).
    pub source: String,
    /// The operator and the integer; `None` for the column itself.
    step: Option<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    operator: char,
    integer: i64,
    /// `integer op column` (the order matters for `-`).
    integer_first: bool,
}

/// Reads a generation expression of the shapes above (PostgreSQL's folding of an unquoted name).
pub(super) fn read(expression: &str) -> Option<Computed> {
    let tokens = lex::tokenize(expression);
    let word =
        |t: &Token| (t.kind == TokenKind::Word).then(|| t.text(expression).to_ascii_lowercase());
    let integer = |t: &Token| {
        (t.kind == TokenKind::Number)
            .then(|| t.text(expression).parse::<i64>().ok())
            .flatten()
    };
    let operator = |t: &Token| match (t.kind, t.text(expression)) {
        (TokenKind::Operator, "+") => Some('+'),
        (TokenKind::Operator, "-") => Some('-'),
        (TokenKind::Operator, "*") => Some('*'),
        _ => None,
    };
    match tokens.as_slice() {
        [column] => Some(Computed {
            source: word(column)?,
            step: None,
        }),
        [left, op, right] => {
            let operator = operator(op)?;
            let (source, integer, integer_first) = match (word(left), integer(right)) {
                (Some(source), Some(integer)) => (source, integer, false),
                _ => (word(right)?, integer(left)?, true),
            };
            Some(Computed {
                source,
                step: Some(Step {
                    operator,
                    integer,
                    integer_first,
                }),
            })
        }
        _ => None,
    }
}

impl Computed {
    /// The generated cell for the source column's cell (integers, normalized as `i:N`); unknown when the
    /// source is not a known integer or the result leaves the 32-bit range (the server would then refuse it
    /// for an `integer` column, 22003, which fklint does not claim).
    pub(super) fn cell(&self, source: &Cell) -> Cell {
        let value = match source {
            Cell::Null => return Cell::Null,
            Cell::Val(text) => text.strip_prefix("i:").and_then(|n| n.parse::<i64>().ok()),
            Cell::Unknown | Cell::Fresh => None,
        };
        let result = value.and_then(|n| match self.step {
            None => Some(n),
            Some(step) => match (step.operator, step.integer_first) {
                ('+', _) => n.checked_add(step.integer),
                ('*', _) => n.checked_mul(step.integer),
                ('-', false) => n.checked_sub(step.integer),
                ('-', true) => step.integer.checked_sub(n),
                _ => None,
            },
        });
        match result.filter(|r| i32::try_from(*r).is_ok()) {
            Some(r) => Cell::Val(format!("i:{r}").into()),
            None => Cell::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn computed(expression: &str, source: Cell) -> Option<Cell> {
        read(expression).map(|c| c.cell(&source))
    }

    #[test]
    fn simple_integer_expressions_are_computed() {
        let seven = || Cell::Val("i:7".into());
        assert_eq!(computed("a * 2", seven()), Some(Cell::Val("i:14".into())));
        assert_eq!(computed("2 * A", seven()), Some(Cell::Val("i:14".into())));
        assert_eq!(computed("a + 1", seven()), Some(Cell::Val("i:8".into())));
        assert_eq!(computed("a - 1", seven()), Some(Cell::Val("i:6".into())));
        assert_eq!(computed("10 - a", seven()), Some(Cell::Val("i:3".into())));
        assert_eq!(computed("a", seven()), Some(Cell::Val("i:7".into())));
        assert_eq!(computed("a * 2", Cell::Null), Some(Cell::Null));
    }

    #[test]
    fn anything_else_stays_unknown() {
        assert_eq!(read("a * b"), None);
        assert_eq!(read("a / 2"), None);
        assert_eq!(read("lower(a)"), None);
        assert_eq!(read("\"A\" * 2"), None);
        assert_eq!(read("a * 2.5"), None);
        assert_eq!(computed("a * 2", Cell::Unknown), Some(Cell::Unknown));
        assert_eq!(
            computed("a * 2", Cell::Val("t:x".into())),
            Some(Cell::Unknown)
        );
        assert_eq!(
            computed("a * 2", Cell::Val("i:2000000000".into())),
            Some(Cell::Unknown)
        );
    }
}
