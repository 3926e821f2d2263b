//! The second reading of a COPY data block: what psql runs when the server rejects the `COPY ... FROM STDIN`
//! itself (no such table or column, a generated column, no permission).
//!
//! psql then never enters COPY mode. A psql without the fix for CVE-2026-6464 (15.18 does not have it; 18.6
//! does, and skips the lines up to the next `\.` instead) reads the lines that follow as script: the
//! statements among them run, and the `\.` line is an invalid meta-command that leaves the query buffer as it
//! was, so text after the last `;` of the block is sent together with the first statement after the `\.` (as
//! one statement: a syntax error, which the server rejects, so that statement never runs). The splitter keeps
//! the data reading; this gives the other one, and the replay chooses at the COPY.

use super::piece::{Piece, PieceKind, SplitProblem};
use super::psql;
use crate::lex::{Lexer, TokenKind};
use crate::source::Span;

/// A COPY data block read as psql script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedCopyReading {
    /// The pieces of the block before its `\.` line, with spans in the whole text. A COPY FROM STDIN among
    /// them has its own data block, which ends at the same `\.`.
    pub pieces: Vec<Piece>,
    /// The block's text after its last `;` holds a statement that the `\.` does not send: psql sends it with
    /// the next statement after the block, so that one is rejected (and never runs) too.
    pub glues_next: bool,
}

/// Reads the COPY data block `data` (a [`PieceKind::CopyData`] piece of `text`) as psql script.
pub fn rejected_copy_reading(text: &str, data: Span) -> RejectedCopyReading {
    let terminator = terminator_line(text, data);
    let body_end = terminator.unwrap_or(data.end).min(text.len());
    let Some(body) = text.get(data.start..body_end) else {
        return RejectedCopyReading {
            pieces: Vec::new(),
            glues_next: false,
        };
    };
    let mut pieces: Vec<Piece> = psql::split(body)
        .into_iter()
        .map(|piece| shifted(piece, data.start))
        .collect();
    // At the end of the file psql sends what the buffer holds; before a `\.` it keeps it.
    let glues_next = terminator.is_some()
        && pieces.last().is_some_and(|last| {
            last.kind == PieceKind::Statement && !followed_by_semicolon(text, last.span, body_end)
        });
    if glues_next {
        pieces.pop();
    }
    RejectedCopyReading { pieces, glues_next }
}

/// Where the block's script ends when a `\.` line ends it: that line's start. A block the splitter let run to
/// the end of a text that stops just before a `\.` line (the text of an outer block read as script) ends
/// there too.
fn terminator_line(text: &str, data: Span) -> Option<usize> {
    let is_terminator = |start: usize| {
        let at_line_start = start == 0 || text.as_bytes().get(start - 1) == Some(&b'\n');
        let line = text.get(start..).and_then(|rest| rest.split('\n').next());
        at_line_start && line.is_some_and(|line| line.strip_suffix('\r').unwrap_or(line) == "\\.")
    };
    if let Some(start) = data.end.checked_sub(2).filter(|&s| s >= data.start) {
        if is_terminator(start) {
            return Some(start);
        }
    }
    let rest = text.get(data.end..)?;
    let newline = if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with('\n'))
    };
    (newline > 0 && is_terminator(data.end + newline)).then_some(data.end)
}

/// Whether the statement at `span` is ended by a `;` before `end`.
fn followed_by_semicolon(text: &str, span: Span, end: usize) -> bool {
    let Some(limited) = text.get(..end) else {
        return false;
    };
    Lexer::at(limited, span.end)
        .next()
        .is_some_and(|token| token.kind == TokenKind::Punct && token.is_punct(limited, ';'))
}

fn shifted(piece: Piece, by: usize) -> Piece {
    Piece {
        kind: piece.kind,
        span: piece.span.offset(by),
        problem: piece.problem.map(|problem| SplitProblem {
            message: problem.message,
            span: problem.span.offset(by),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PieceKind::*;

    /// The data block of the first COPY in `text`, read both ways: the data as the splitter cuts it, and the
    /// pieces of the statement reading with whether it glues the next statement.
    fn both_readings(text: &str) -> (&str, Vec<(PieceKind, &str)>, bool) {
        let pieces = super::super::split(text);
        let data = pieces
            .iter()
            .find(|p| p.kind == CopyData)
            .expect("a COPY data block");
        let reading = rejected_copy_reading(text, data.span);
        let statements = reading
            .pieces
            .iter()
            .map(|p| (p.kind, p.span.slice(text)))
            .collect();
        (data.span.slice(text), statements, reading.glues_next)
    }

    #[test]
    fn statements_in_a_block_run_when_the_copy_is_rejected() {
        let text = "COPY nope FROM stdin;\nCREATE TABLE c1 (x int REFERENCES pk);\nINSERT INTO pk VALUES (1);\n\\.\nSELECT 2;\n";
        let (data, statements, glues) = both_readings(text);
        assert_eq!(
            data,
            "CREATE TABLE c1 (x int REFERENCES pk);\nINSERT INTO pk VALUES (1);\n\\."
        );
        assert_eq!(
            statements,
            vec![
                (Statement, "CREATE TABLE c1 (x int REFERENCES pk)"),
                (Statement, "INSERT INTO pk VALUES (1)"),
            ]
        );
        assert!(!glues);
    }

    #[test]
    fn data_rows_after_the_last_semicolon_glue_the_next_statement() {
        // psql keeps `3\n4` in its buffer at the invalid `\.` and sends it with `SELECT 2`: a syntax error.
        let (_, statements, glues) = both_readings("COPY nope FROM stdin;\n3\n4\n\\.\nSELECT 2;\n");
        assert!(statements.is_empty());
        assert!(glues);
        let (_, statements, glues) =
            both_readings("COPY nope FROM stdin;\nSELECT 1; -- done\n\\.\nSELECT 2;\n");
        assert_eq!(statements, vec![(Statement, "SELECT 1")]);
        assert!(!glues);
    }

    #[test]
    fn a_block_without_its_terminator_runs_to_the_end_and_sends_its_last_statement() {
        // psql sends what its buffer holds at the end of the file.
        let (_, statements, glues) =
            both_readings("COPY nope FROM stdin;\nCREATE TABLE a (x int);\nSELECT 1");
        assert_eq!(
            statements,
            vec![
                (Statement, "CREATE TABLE a (x int)"),
                (Statement, "SELECT 1")
            ]
        );
        assert!(!glues);
    }

    #[test]
    fn a_copy_inside_the_block_has_its_own_data_up_to_the_same_terminator() {
        let text = "COPY nope (b) FROM stdin;\n-- \nCOPY t FROM stdin WHERE b <> 1;\nTRUNCATE t;\nCOPY t FROM stdin;\n3\n\\.\nSELECT 9;";
        let (data, statements, glues) = both_readings(text);
        assert!(data.ends_with("3\n\\."));
        assert_eq!(
            statements,
            vec![
                (Statement, "COPY t FROM stdin WHERE b <> 1"),
                (CopyData, "TRUNCATE t;\nCOPY t FROM stdin;\n3"),
            ]
        );
        assert!(!glues);
        // Read as statements in turn, that inner block ends where the outer one does.
        let outer = super::super::split(text);
        let outer = outer.iter().find(|p| p.kind == CopyData).unwrap();
        let nested = rejected_copy_reading(text, outer.span).pieces;
        let inner_reading = rejected_copy_reading(text, nested[1].span);
        let inner: Vec<_> = inner_reading
            .pieces
            .iter()
            .map(|p| (p.kind, p.span.slice(text)))
            .collect();
        assert_eq!(
            inner,
            vec![
                (Statement, "TRUNCATE t"),
                (Statement, "COPY t FROM stdin"),
                (CopyData, "3"),
            ]
        );
        // The innermost block's row is glued to what follows the `\.` both blocks end at.
        let innermost = rejected_copy_reading(text, inner_reading.pieces[2].span);
        assert!(innermost.pieces.is_empty());
        assert!(innermost.glues_next);
        assert!(!inner_reading.glues_next);
    }

    #[test]
    fn quotes_and_problems_in_rows_keep_their_places() {
        let text = "COPY nope FROM stdin;\n1\tit's\n\\.\nSELECT 1;";
        let pieces = super::super::split(text);
        let data = pieces.iter().find(|p| p.kind == CopyData).unwrap();
        let reading = rejected_copy_reading(text, data.span);
        // The row's `'` opens a string that runs to the block's end: one unterminated statement, glued.
        assert!(reading.pieces.is_empty());
        assert!(reading.glues_next);
        let text = "COPY nope FROM stdin;\nSELECT 'x;\n";
        let pieces = super::super::split(text);
        let data = pieces.iter().find(|p| p.kind == CopyData).unwrap();
        let reading = rejected_copy_reading(text, data.span);
        let [piece] = reading.pieces.as_slice() else {
            panic!("{reading:?}")
        };
        let problem = piece.problem.as_ref().expect("an unterminated string");
        assert_eq!(problem.span.slice(text), "'x;");
    }

    /// Every mix of the fragments, read both ways down to the depth the front end goes: pieces stay inside
    /// their block, in order, on char boundaries (no panic, no hang).
    #[test]
    fn any_text_reads_both_ways_within_its_block() {
        let fragments = [
            "COPY t FROM stdin;\n",
            "copy t (a) from STDIN where a > 1; SELECT 1;\n",
            "\\.\n",
            "\\.",
            "1\tx'y\n",
            "é\\.",
            "\r\n",
            "SELECT 'a;\n",
            "$$ ; $$;\n",
            "\\copy t from stdin\n",
            "-- c\n",
            ";",
        ];
        for a in fragments {
            for b in fragments {
                for c in fragments {
                    for d in fragments {
                        let text = format!("{a}{b}{c}{d}");
                        check_readings(
                            &text,
                            super::super::split(&text),
                            0,
                            Span::new(0, text.len()),
                        );
                    }
                }
            }
        }
    }

    fn check_readings(text: &str, pieces: Vec<Piece>, depth: usize, within: Span) {
        let mut last = within.start;
        for piece in pieces {
            let Span { start, end } = piece.span;
            assert!(
                last <= start && start <= end && end <= within.end,
                "{piece:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{text:?}"
            );
            last = end;
            if piece.kind == CopyData && depth < 4 {
                let reading = rejected_copy_reading(text, piece.span);
                check_readings(text, reading.pieces, depth + 1, piece.span);
            }
        }
    }
}
