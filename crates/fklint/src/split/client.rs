//! The `;` cutter of the `mysql` and `sqlite3` command-line clients (psql's rules are in [`super::psql`]).
//!
//! Both end a statement at a `;` outside strings and comments, with one exception each, which its own file
//! says: the `mysql` client's `DELIMITER //` command ([`super::mysql`]) and `sqlite3`'s trigger bodies
//! ([`super::sqlite`]).

use super::piece::{unterminated_problem, Piece, PieceKind, SplitProblem};
use super::{mysql, sqlite};
use crate::dialect::Dialect;
use crate::lex::{Lexer, Token, TokenKind};
use crate::source::Span;

/// Cuts `text` as the client of `dialect` (MySQL or SQLite) would.
pub fn split(text: &str, dialect: Dialect) -> Vec<Piece> {
    let mut cutter = Cutter {
        text,
        dialect,
        pieces: Vec::new(),
        current: None,
        delimiter: ";".to_string(),
    };
    let mut lexer = Lexer::new(text).dialect(dialect);
    while let Some(mut token) = lexer.next() {
        if cutter.current.is_none() {
            // `/*!50003 CREATE*/ ... TRIGGER ...`: the statement starts at the comment's opening.
            if let Some(open) = lexer.open_versioned_comment() {
                token.span.start = open;
            }
        }
        let closed = lexer.last_versioned_close();
        if let Some(current) = cutter.current.as_mut() {
            // A `*/` between the statement's last token and this one belongs to the statement.
            if current.versioned && closed > current.end && closed <= token.span.start {
                current.end = closed;
            }
        }
        if let Some(resume) = cutter.token(&token) {
            lexer = Lexer::at(text, resume).dialect(dialect);
        }
    }
    cutter.finish();
    cutter.pieces
}

struct Cutter<'a> {
    text: &'a str,
    dialect: Dialect,
    pieces: Vec<Piece>,
    current: Option<Current>,
    /// The `mysql` client's statement terminator.
    delimiter: String,
}

/// The statement being read.
struct Current {
    start: usize,
    end: usize,
    problem: Option<SplitProblem>,
    /// Leading words, lower case, to recognise `CREATE [TEMP] TRIGGER` (SQLite).
    words: Vec<String>,
    /// The last tokens were `;` `END` (a `;` after them closes a SQLite trigger; a CASE's `END` does not).
    after_end: bool,
    /// The last token was a `;` (inside a trigger body).
    after_semicolon: bool,
    /// It starts inside a MySQL versioned comment, so the `*/` that closes it is part of it.
    versioned: bool,
}

impl Cutter<'_> {
    /// Takes one token; returns where lexing must resume when the token was not lexed as the client reads it
    /// (a `DELIMITER` line, a custom terminator).
    fn token(&mut self, token: &Token) -> Option<usize> {
        let start = token.span.start;
        if self.dialect == Dialect::MySql {
            if self.current.is_none() && token.is_word(self.text, "delimiter") {
                return Some(self.delimiter_command(start));
            }
            if self.delimiter != ";" {
                return self.custom_delimiter(token);
            }
        }
        if token.is_punct(self.text, ';') && self.ends_statement() {
            self.finish();
        } else {
            self.feed(token);
        }
        None
    }

    /// With `DELIMITER x` set, the client ends a statement wherever `x` occurs outside quotes and comments,
    /// also inside what the lexer reads as one word (`END$$`, since `$` belongs to MySQL names).
    fn custom_delimiter(&mut self, token: &Token) -> Option<usize> {
        let start = token.span.start;
        let inside = mysql::delimiter_in(self.text, token, &self.delimiter);
        match inside {
            Some(0) => {
                self.finish();
                Some(start + self.delimiter.len())
            }
            Some(k) => {
                let mut head = *token;
                head.span.end = start + k;
                self.feed(&head);
                self.finish();
                Some(start + k + self.delimiter.len())
            }
            None => {
                self.feed(token);
                None
            }
        }
    }

    /// `DELIMITER x` up to the end of its line: a client command, not SQL.
    fn delimiter_command(&mut self, start: usize) -> usize {
        let (line_end, argument) = mysql::delimiter_command(self.text, start);
        if let Some(argument) = argument {
            self.delimiter = argument;
        }
        self.pieces.push(Piece {
            kind: PieceKind::MetaCommand,
            span: Span::new(start, line_end),
            problem: None,
        });
        line_end
    }

    /// Whether a `;` here ends the statement: always, except inside a SQLite `CREATE TRIGGER` before `END`.
    fn ends_statement(&self) -> bool {
        let Some(current) = &self.current else {
            return true;
        };
        if self.dialect != Dialect::Sqlite {
            return true;
        }
        sqlite::semicolon_ends_statement(&current.words, current.after_end)
    }

    fn feed(&mut self, token: &Token) {
        let text = self.text;
        let current = self.current.get_or_insert_with(|| Current {
            start: token.span.start,
            end: token.span.end,
            problem: None,
            words: Vec::new(),
            after_end: false,
            after_semicolon: false,
            versioned: text
                .get(token.span.start..)
                .is_some_and(|t| t.starts_with("/*")),
        });
        current.end = current.end.max(token.span.end);
        if token.unterminated && current.problem.is_none() {
            current.problem = Some(unterminated_problem(text, token));
        }
        current.after_end = current.after_semicolon && token.is_word(text, "end");
        current.after_semicolon = token.is_punct(text, ';');
        if token.kind == TokenKind::Word && current.words.len() < 3 {
            current.words.push(token.text(text).to_ascii_lowercase());
        }
    }

    fn finish(&mut self) {
        if let Some(current) = self.current.take() {
            self.pieces.push(Piece {
                kind: PieceKind::Statement,
                span: Span::new(current.start, current.end),
                problem: current.problem,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(text: &str, dialect: Dialect) -> Vec<&str> {
        split(text, dialect)
            .into_iter()
            .filter(|p| p.kind == PieceKind::Statement)
            .map(|p| p.span.slice(text))
            .collect()
    }

    #[test]
    fn mysql_delimiter_blocks_keep_their_semicolons() {
        let text = "CREATE TABLE a (id int);\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.id = 1; END ;;\nDELIMITER ;\nSELECT 1;";
        assert_eq!(
            statements(text, Dialect::MySql),
            [
                "CREATE TABLE a (id int)",
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.id = 1; END",
                "SELECT 1"
            ]
        );
        let text =
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER $$\nSELECT 2$$";
        assert_eq!(
            statements(text, Dialect::MySql),
            ["CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"]
        );
    }

    #[test]
    fn mysql_versioned_comments_are_code_and_backslashes_escape() {
        let text = "/*!40101 SET @x = 1 */;\nINSERT INTO t VALUES ('it\\'s; fine');\n# a comment; here\nSELECT `a;b`;";
        assert_eq!(
            statements(text, Dialect::MySql),
            [
                "/*!40101 SET @x = 1 */",
                "INSERT INTO t VALUES ('it\\'s; fine')",
                "SELECT `a;b`"
            ]
        );
    }

    #[test]
    fn mysqldump_triggers_start_at_their_versioned_comment() {
        let text = "DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END */;;\nDELIMITER ;";
        assert_eq!(
            statements(text, Dialect::MySql),
            ["/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END */"]
        );
    }

    #[test]
    fn a_delimiter_glued_to_a_word_ends_the_statement() {
        let text = "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nCREATE TABLE a (id int);";
        assert_eq!(
            statements(text, Dialect::MySql),
            [
                "CREATE PROCEDURE p() BEGIN SELECT 1; END",
                "CREATE TABLE a (id int)"
            ]
        );
    }

    #[test]
    fn a_case_end_inside_a_sqlite_trigger_does_not_end_it() {
        let text = "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN NEW.x > 0 THEN 1 END; UPDATE a SET x = 2; END;\nSELECT 1;";
        assert_eq!(statements(text, Dialect::Sqlite).len(), 2);
    }

    #[test]
    fn sqlite_triggers_end_at_end() {
        let text = "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END;\nCREATE TABLE [x;y] (id);";
        assert_eq!(
            statements(text, Dialect::Sqlite),
            [
                "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END",
                "CREATE TABLE [x;y] (id)"
            ]
        );
    }

    #[test]
    fn unterminated_strings_are_problems() {
        let pieces = split("SELECT 'abc", Dialect::MySql);
        assert!(pieces[0].problem.is_some());
        let pieces = split("SELECT [abc", Dialect::Sqlite);
        assert!(pieces[0].problem.is_some());
    }
}
