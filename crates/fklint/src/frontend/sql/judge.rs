//! The two places where fklint's readers ask sqlparser, and what a run without it does there.
//!
//! sqlparser judges (1) a statement no reader of fklint claims: if it parses, it is a statement that cannot
//! touch the catalog; if not, it is FK001 with sqlparser's error; and (2) the rows of an INSERT into an
//! FK-involved table that fklint's own reader (`data.rs`) leaves open. Nothing else needs it.
//!
//! The browser's SQL-only module is built without the `sqlparser` feature (sqlparser is more than half of a
//! wasm's code), and `Options::without_sqlparser` reads the same way in any build. Such a run cannot judge
//! these statements: it records the first one (`Parsed::needs_full_build`, reported as
//! `Summary::needs_full_build`) and goes on conservatively (FK001 that says so, unknown rows). Its report is
//! then not the full build's; the wasm bindings do not return it but ask for the module built with sqlparser,
//! which reads every statement exactly as the CLI does. Everywhere else both readings run the same code, so a
//! run that does not say it needs the full build gives the full build's report byte for byte
//! (`tests/sql_only.rs` checks it on the corpus).

use super::cursor::ReadError;
use super::Outcome;
use crate::dialect::Dialect;
use crate::events::{InsertRows, StmtRef};
use crate::frontend::parsed::Parsed;
use crate::ident::ObjName;
use crate::lex::Token;
use crate::source::{Location, Span};

/// A statement none of the readers claim (`tokens`, of `src`; `at` where its run records it): sqlparser
/// decides whether it is a statement at all.
pub(super) fn unclaimed(
    src: &str,
    tokens: &[Token],
    dialect: Dialect,
    at: Location,
    parsed: &mut Parsed,
) -> Outcome {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Outcome::Skipped;
    };
    if !parsed.has_sqlparser() {
        parsed.needs_sqlparser(at);
        return Outcome::NotUnderstood(ReadError {
            message:
                "only sqlparser judges this statement, and this build of fklint has none (built \
                      without the `sqlparser` feature)"
                    .to_string(),
            span: first.span,
            rejected: false,
        });
    }
    let text = first.span.join(last.span).slice(src);
    match parses(text, dialect) {
        Ok(()) => Outcome::Skipped,
        Err(error) => Outcome::NotUnderstood(ReadError {
            message: format!("not a statement fklint or sqlparser knows ({error})"),
            span: first.span,
            rejected: false,
        }),
    }
}

/// The rows of INSERT statement `stmt` into `target` that fklint's own reader left open, read from sqlparser's
/// AST; `None` (unknown rows) when sqlparser rejects it or its rows are not literal, and in a run without
/// sqlparser.
pub(super) fn insert_rows(
    src: &str,
    stmt: StmtRef,
    dialect: Dialect,
    target: &ObjName,
    parsed: &mut Parsed,
) -> Option<InsertRows> {
    let span: Span = stmt.span;
    if !parsed.has_sqlparser() {
        parsed.needs_sqlparser(stmt.at(span));
        return None;
    }
    read_insert(span.slice(src), span.start, dialect, target)
}

#[cfg(feature = "sqlparser")]
fn parses(text: &str, dialect: Dialect) -> Result<(), String> {
    super::sqlparser_reader::parses(text, dialect)
}

#[cfg(feature = "sqlparser")]
fn read_insert(text: &str, base: usize, dialect: Dialect, target: &ObjName) -> Option<InsertRows> {
    super::sqlparser_reader::insert_rows(text, base, dialect, target)
}

// Without the feature, `has_sqlparser()` is false and these are never called.
#[cfg(not(feature = "sqlparser"))]
fn parses(_: &str, _: Dialect) -> Result<(), String> {
    Ok(())
}

#[cfg(not(feature = "sqlparser"))]
fn read_insert(_: &str, _: usize, _: Dialect, _: &ObjName) -> Option<InsertRows> {
    None
}

#[cfg(test)]
mod tests {
    use crate::{check, Options, Source};

    /// Where a run without sqlparser says it needs the full build (`file:line`), if it does.
    fn needs_full(sql: &str) -> Option<usize> {
        let options = Options {
            without_sqlparser: true,
            ..Options::default()
        };
        let report = check(&[Source::new("m.sql", sql)], &options);
        report
            .summary
            .needs_full_build
            .map(|at| sql[..at.span.start].matches('\n').count() + 1)
    }

    const PARENT: &str = "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (user_id int REFERENCES users);\n";

    #[test]
    fn an_unclaimed_statement_needs_sqlparser() {
        assert_eq!(needs_full(&format!("{PARENT}FROBNICATE users;\n")), Some(3));
        assert_eq!(needs_full(PARENT), None);
    }

    #[test]
    fn inserts_whose_rows_tokens_decide_do_not_need_sqlparser() {
        for insert in [
            "INSERT INTO posts SELECT id FROM users;",
            "INSERT INTO posts (user_id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM posts);",
            "INSERT INTO posts DEFAULT VALUES;",
            "INSERT INTO posts (user_id) VALUES (1), (2);",
        ] {
            assert_eq!(needs_full(&format!("{PARENT}{insert}\n")), None, "{insert}");
        }
        // A SELECT of values (rows sqlparser's AST reads), or more after VALUES, asks sqlparser.
        assert_eq!(
            needs_full(&format!("{PARENT}INSERT INTO posts SELECT 1;\n")),
            Some(3)
        );
        let upsert = "INSERT INTO posts (user_id) VALUES (1) ON CONFLICT DO NOTHING;";
        assert_eq!(needs_full(&format!("{PARENT}{upsert}\n")), Some(3));
    }

    #[test]
    fn a_statement_inside_a_do_block_never_needs_sqlparser() {
        let block = "DO $$ BEGIN FROBNICATE users; END $$;";
        assert_eq!(needs_full(&format!("{PARENT}{block}\n")), None);
    }
}
