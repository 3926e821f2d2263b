//! Cuts a source into statements, client commands and COPY data, with byte spans (DESIGN.md, data flow step 3),
//! as the command-line client of the dialect would: [`psql`], the `mysql` client and the `sqlite3` shell (one
//! `;` cutter, [`client`], with each client's own rule in [`mysql`] and [`sqlite`]). Pieces are slices of the
//! text, never re-rendered.

mod client;
mod mysql;
mod piece;
mod psql;
mod rejected_copy;
mod sqlite;

pub use piece::{Piece, PieceKind, SplitProblem};
pub use rejected_copy::{rejected_copy_reading, RejectedCopyReading};

use crate::source::Span;

/// Cuts `text` into pieces as psql would, in order. A statement spans its first token to its last (whitespace,
/// comments and the terminating `;` excluded); pieces with nothing but whitespace and comments are dropped.
pub fn split(text: &str) -> Vec<Piece> {
    psql::split(text)
}

/// Cuts `text` as the command-line client of `dialect` would (psql, `mysql`, `sqlite3`).
pub fn split_in(text: &str, dialect: crate::dialect::Dialect) -> Vec<Piece> {
    match dialect {
        crate::dialect::Dialect::Postgres => psql::split(text),
        other => client::split(text, other),
    }
}

/// [`split_in`], handing each piece to `on_piece` as soon as it is cut, in order, with a statement's tokens
/// when the splitter's own lexing gives them (psql's; see [`psql::split_each`]): `tokens` is the buffer they
/// are kept in, reused from statement to statement.
pub fn split_each_in(
    text: &str,
    dialect: crate::dialect::Dialect,
    tokens: &mut Vec<crate::lex::Token>,
    mut on_piece: impl FnMut(Piece, Option<&[crate::lex::Token]>),
) {
    match dialect {
        crate::dialect::Dialect::Postgres => psql::split_each(text, Some(tokens), on_piece),
        other => {
            for piece in client::split(text, other) {
                on_piece(piece, None);
            }
        }
    }
}

/// The `--` comments of a source, outside psql meta-commands and COPY data (which the lexer must not read as
/// SQL: a `'` in a data row would swallow the comments after it).
pub fn line_comments(text: &str, pieces: &[Piece], dialect: crate::dialect::Dialect) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    for piece in pieces.iter().filter(|p| p.kind != PieceKind::Statement) {
        out.extend(crate::lex::line_comments_in(
            text,
            from,
            piece.span.start,
            dialect,
        ));
        from = from.max(piece.span.end);
    }
    out.extend(crate::lex::line_comments_in(
        text,
        from,
        text.len(),
        dialect,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::Token;
    use PieceKind::*;

    fn pieces(text: &str) -> Vec<(PieceKind, &str)> {
        let pieces = split(text);
        assert_valid(text, &pieces);
        assert_tokens_are_the_lexers(text, &pieces);
        pieces
            .iter()
            .map(|p| (p.kind, p.span.slice(text)))
            .collect()
    }

    fn statements(text: &str) -> Vec<&str> {
        pieces(text)
            .into_iter()
            .map(|(kind, s)| {
                if kind == Statement {
                    s
                } else {
                    panic!("{kind:?} {s:?}")
                }
            })
            .collect()
    }

    /// `split_each_in` cuts the same pieces, and a statement's tokens are the lexer's on its text (offset to the
    /// whole text), or absent for a statement that holds a psql `\;` or `\:`.
    fn assert_tokens_are_the_lexers(text: &str, pieces: &[Piece]) {
        let mut each = Vec::new();
        split_each_in(
            text,
            crate::dialect::Dialect::Postgres,
            &mut Vec::new(),
            |piece, tokens| {
                let lexed: Vec<Token> = crate::lex::tokenize(piece.span.slice(text))
                    .into_iter()
                    .map(|t| Token {
                        span: t.span.offset(piece.span.start),
                        ..t
                    })
                    .collect();
                match tokens {
                    Some(tokens) => assert_eq!(tokens, lexed, "{piece:?} in {text:?}"),
                    None if piece.kind == Statement => {
                        assert!(
                            piece.span.slice(text).contains('\\'),
                            "{piece:?} in {text:?}"
                        )
                    }
                    None => {}
                }
                each.push(piece);
            },
        );
        assert_eq!(each, pieces, "{text:?}");
    }

    /// Spans in bounds, on char boundaries, ordered and not overlapping; statements trimmed and non-empty.
    fn assert_valid(text: &str, pieces: &[Piece]) {
        let mut last_end = 0;
        for piece in pieces {
            let Span { start, end } = piece.span;
            assert!(
                last_end <= start && start < end && end <= text.len(),
                "{piece:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{piece:?} in {text:?}"
            );
            let body = piece.span.slice(text);
            if piece.kind == Statement {
                assert!(
                    !body.starts_with(|c: char| c.is_whitespace()),
                    "{piece:?} in {text:?}"
                );
                // An unterminated token runs to the end of the text, whitespace included.
                assert!(
                    piece.problem.is_some() || !body.ends_with(|c: char| c.is_ascii_whitespace()),
                    "{piece:?} in {text:?}"
                );
            }
            if let Some(problem) = &piece.problem {
                assert!(
                    problem.span.start >= start && problem.span.end <= end,
                    "{piece:?}"
                );
            }
            last_end = end;
        }
    }

    #[test]
    fn statements_exclude_whitespace_comments_and_semicolons() {
        assert_eq!(
            statements("SELECT 1; SELECT 2"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert_eq!(
            statements("-- c\n  SELECT 1 /* t */ ;\n\n/* x */ SELECT 2 -- y\n;"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert!(statements(";; ;\n-- only a comment\n/* and another */ ;").is_empty());
        assert!(split("").is_empty());
        assert!(split("   \n\t").is_empty());
    }

    #[test]
    fn quotes_and_comments_hide_semicolons() {
        assert_eq!(
            statements(
                "SELECT 'a;b', \"c;d\", E'\\';', $$;$$ -- ;\n, 1 /* ; /* ; */ ; */; SELECT 2;"
            ),
            vec![
                "SELECT 'a;b', \"c;d\", E'\\';', $$;$$ -- ;\n, 1",
                "SELECT 2"
            ]
        );
    }

    #[test]
    fn dollar_quoted_bodies() {
        let text = "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  PERFORM $$x;$$;\n  RETURN $1;\nEND;\n$fn$ LANGUAGE plpgsql;\nSELECT foo$bar; SELECT $1;";
        assert_eq!(
            statements(text),
            vec![
                "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  PERFORM $$x;$$;\n  RETURN $1;\nEND;\n$fn$ LANGUAGE plpgsql",
                "SELECT foo$bar",
                "SELECT $1"
            ]
        );
        assert_eq!(
            statements(
                "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT one();"
            ),
            vec![
                "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                "SELECT one()"
            ]
        );
        assert_eq!(
            statements("DO $$ BEGIN PERFORM 1; END $$;\nDO LANGUAGE plpgsql $do$ BEGIN END; $do$;"),
            vec![
                "DO $$ BEGIN PERFORM 1; END $$",
                "DO LANGUAGE plpgsql $do$ BEGIN END; $do$"
            ]
        );
    }

    #[test]
    fn parentheses_hide_semicolons_and_are_clamped() {
        let rule = "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        assert_eq!(
            statements(&format!("{rule}; SELECT 1;")),
            vec![rule, "SELECT 1"]
        );
        // An unbalanced `)` does not make the depth negative (a later `(` would otherwise be ignored).
        assert_eq!(
            statements("SELECT 1); SELECT (2; 3); SELECT 4;"),
            vec!["SELECT 1)", "SELECT (2; 3)", "SELECT 4"]
        );
        // A `(` that never closes: the statement runs to the end, as in psql.
        assert_eq!(
            statements("SELECT (1; SELECT 2;\n"),
            vec!["SELECT (1; SELECT 2;"]
        );
    }

    #[test]
    fn begin_atomic_bodies() {
        let function = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\nEND";
        assert_eq!(
            statements(&format!("{function};\nSELECT 3;")),
            vec![function, "SELECT 3"]
        );
        let procedure =
            "create or replace procedure p() begin atomic insert into t values (1); end";
        assert_eq!(
            statements(&format!("{procedure}; select 2;")),
            vec![procedure, "select 2"]
        );
        let or_replace_function =
            "CREATE OR REPLACE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT 1; END";
        assert_eq!(
            statements(&format!("{or_replace_function}; SELECT 2;")),
            vec![or_replace_function, "SELECT 2"]
        );
        // Outside CREATE FUNCTION/PROCEDURE, BEGIN and END are ordinary words (transactions).
        assert_eq!(
            statements("BEGIN; CREATE TABLE t (id int); END; COMMIT;"),
            vec!["BEGIN", "CREATE TABLE t (id int)", "END", "COMMIT"]
        );
        assert_eq!(
            statements("CREATE TRIGGER tr BEGIN; SELECT 1;"),
            vec!["CREATE TRIGGER tr BEGIN", "SELECT 1"]
        );
        // CASE outside a BEGIN is not counted, so its END cannot close anything.
        let case = "CREATE FUNCTION h() RETURNS int RETURN CASE WHEN true THEN 1 END";
        assert_eq!(
            statements(&format!("{case}; SELECT 2;")),
            vec![case, "SELECT 2"]
        );
        // Parenthesised words are not counted.
        let quoted = "CREATE FUNCTION k(begin int) RETURNS int RETURN 1";
        assert_eq!(
            statements(&format!("{quoted}; SELECT 2;")),
            vec![quoted, "SELECT 2"]
        );
    }

    #[test]
    fn meta_commands_at_the_start_of_a_line() {
        let text = "\\c chinook\n\\set ON_ERROR_STOP on  \r\nCREATE TABLE a (id int);\n\\i other.sql\n\\pset tuples_only on";
        assert_eq!(
            pieces(text),
            vec![
                (MetaCommand, "\\c chinook"),
                (MetaCommand, "\\set ON_ERROR_STOP on"),
                (Statement, "CREATE TABLE a (id int)"),
                (MetaCommand, "\\i other.sql"),
                (MetaCommand, "\\pset tuples_only on")
            ]
        );
    }

    #[test]
    fn meta_command_mid_statement_ends_the_statement() {
        assert_eq!(
            pieces("SELECT 1 AS x \\gset\nSELECT 2;\nSELECT (3, \\g\n4);"),
            vec![
                (Statement, "SELECT 1 AS x"),
                (MetaCommand, "\\gset"),
                (Statement, "SELECT 2"),
                (Statement, "SELECT (3,"),
                (MetaCommand, "\\g"),
                (Statement, "4)")
            ]
        );
        assert_eq!(
            pieces("SELECT 1; \\echo done"),
            vec![(Statement, "SELECT 1"), (MetaCommand, "\\echo done")]
        );
    }

    #[test]
    fn meta_command_arguments_backslashes_and_quotes() {
        // `\\` ends the meta-command and SQL goes on; another `\` starts the next meta-command.
        assert_eq!(
            pieces("\\echo hi \\\\ SELECT 1;"),
            vec![(MetaCommand, "\\echo hi"), (Statement, "SELECT 1")]
        );
        assert_eq!(
            pieces("\\set a 1 \\set b 2\n"),
            vec![(MetaCommand, "\\set a 1"), (MetaCommand, "\\set b 2")]
        );
        // Quoted backslashes belong to the argument.
        assert_eq!(
            pieces("\\echo 'a\\\\b \\' c' \"d\\e\" x\nSELECT 1"),
            vec![
                (MetaCommand, "\\echo 'a\\\\b \\' c' \"d\\e\" x"),
                (Statement, "SELECT 1")
            ]
        );
        // `\copy` takes the whole line.
        let copy = "\\copy t FROM 'x.csv' DELIMITER E'\\t' CSV \\\\ x";
        assert_eq!(
            pieces(&format!("{copy}\nSELECT 1;")),
            vec![(MetaCommand, copy), (Statement, "SELECT 1")]
        );
        assert_eq!(pieces("\\"), vec![(MetaCommand, "\\")]);
        assert_eq!(
            pieces("\\\n\\"),
            vec![(MetaCommand, "\\"), (MetaCommand, "\\")]
        );
    }

    #[test]
    fn backslash_semicolon_separates_statements() {
        assert_eq!(
            statements("SELECT 1 \\; SELECT 2;"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert_eq!(
            statements("SELECT (1 \\; 2); SELECT 3"),
            vec!["SELECT (1 \\; 2)", "SELECT 3"]
        );
        assert_eq!(statements("SELECT a\\:b;"), vec!["SELECT a\\:b"]);
    }

    #[test]
    fn copy_from_stdin_data() {
        let text = "COPY public.t (a, b) FROM stdin;\n1\tit's; \"x\n2\t$$\n\\.\nSELECT 1;\n";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "COPY public.t (a, b) FROM stdin"),
                (CopyData, "1\tit's; \"x\n2\t$$\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        let crlf = "copy t from STDIN with (format csv);\r\na,b\r\n\\.\r\nSELECT 1;\r\n";
        assert_eq!(
            pieces(crlf),
            vec![
                (Statement, "copy t from STDIN with (format csv)"),
                (CopyData, "a,b\r\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        // No data lines, and data that runs to the end of the text.
        assert_eq!(
            pieces("COPY t FROM stdin;\n\\.\nSELECT 1"),
            vec![
                (Statement, "COPY t FROM stdin"),
                (CopyData, "\\."),
                (Statement, "SELECT 1")
            ]
        );
        assert_eq!(
            pieces("COPY t FROM stdin;\n1\n2\n"),
            vec![(Statement, "COPY t FROM stdin"), (CopyData, "1\n2")]
        );
        assert_eq!(
            pieces("COPY t FROM stdin;"),
            vec![(Statement, "COPY t FROM stdin")]
        );
        // `\.` must be the whole line.
        assert_eq!(
            pieces("COPY t FROM stdin;\n\\.x\n \\.\n\\.\n"),
            vec![
                (Statement, "COPY t FROM stdin"),
                (CopyData, "\\.x\n \\.\n\\.")
            ]
        );
        // Not from stdin: no data.
        assert_eq!(
            statements("COPY t FROM '/tmp/x';\nSELECT 1;\nCOPY t TO stdout;\nSELECT 2;"),
            vec![
                "COPY t FROM '/tmp/x'",
                "SELECT 1",
                "COPY t TO stdout",
                "SELECT 2"
            ]
        );
        assert_eq!(
            statements("SELECT * FROM stdin;\n1\n"),
            vec!["SELECT * FROM stdin", "1"]
        );
    }

    #[test]
    fn copy_data_starts_on_the_next_line() {
        // psql goes on with the rest of the `;` line first, then reads the data blocks in order.
        let text = "COPY a FROM stdin; COPY b FROM stdin; -- c\n1\n\\.\n2\n\\.\nSELECT 3;";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "COPY a FROM stdin"),
                (Statement, "COPY b FROM stdin"),
                (CopyData, "1\n\\."),
                (CopyData, "2\n\\."),
                (Statement, "SELECT 3")
            ]
        );
        let meta = "\\copy t from stdin with csv\n1,2\n\\.\nSELECT 1;";
        assert_eq!(
            pieces(meta),
            vec![
                (MetaCommand, "\\copy t from stdin with csv"),
                (CopyData, "1,2\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        let file = "\\copy t from 'stdin.csv'\nSELECT 1;";
        assert_eq!(
            pieces(file),
            vec![
                (MetaCommand, "\\copy t from 'stdin.csv'"),
                (Statement, "SELECT 1")
            ]
        );
    }

    fn assert_problem(text: &str, expected: &[&str], message: &str, at: &str) {
        let pieces = split(text);
        assert_valid(text, &pieces);
        let texts: Vec<_> = pieces.iter().map(|p| p.span.slice(text)).collect();
        assert_eq!(texts, expected, "{text:?}");
        let last = pieces.last().and_then(|p| p.problem.as_ref());
        let last = last.unwrap_or_else(|| panic!("no problem in {text:?}"));
        assert_eq!(
            (last.message.as_str(), last.span.slice(text)),
            (message, at),
            "{text:?}"
        );
        assert!(
            pieces.iter().rev().skip(1).all(|p| p.problem.is_none()),
            "{text:?}"
        );
    }

    #[test]
    fn unterminated_quotes_and_comments() {
        let string = "unterminated quoted string";
        assert_problem(
            "SELECT 1; SELECT 'abc;\nx",
            &["SELECT 1", "SELECT 'abc;\nx"],
            string,
            "'abc;\nx",
        );
        assert_problem("SELECT E'a\\';", &["SELECT E'a\\';"], string, "E'a\\';");
        let ident = "unterminated quoted identifier";
        assert_problem("SELECT \"abc; ", &["SELECT \"abc; "], ident, "\"abc; ");
        let dollar = "unterminated dollar-quoted string $fn$";
        assert_problem(
            "DO $fn$ BEGIN END; $$;",
            &["DO $fn$ BEGIN END; $$;"],
            dollar,
            "$fn$ BEGIN END; $$;",
        );
        assert_problem(
            "SELECT $$",
            &["SELECT $$"],
            "unterminated dollar-quoted string $$",
            "$$",
        );
        let comment = "unterminated /* comment";
        assert_problem(
            "SELECT 1 /* a /* b */ c;",
            &["SELECT 1 /* a /* b */ c;"],
            comment,
            "/* a /* b */ c;",
        );
        // With no statement in progress, the comment alone is the piece that carries the problem.
        assert_problem(
            "SELECT 1;\n/* never closed",
            &["SELECT 1", "/* never closed"],
            comment,
            "/* never closed",
        );
    }

    #[test]
    fn crlf_line_endings() {
        let text = "SELECT 1;\r\n-- comment\r\nCREATE TABLE t (\r\n  id int\r\n);\r\n\\c db\r\n";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "SELECT 1"),
                (Statement, "CREATE TABLE t (\r\n  id int\r\n)"),
                (MetaCommand, "\\c db")
            ]
        );
    }

    #[test]
    fn pg_dump_snippet() {
        let text = "--\n-- PostgreSQL database dump\n--\n\n\\restrict X9abc\n\n-- Dumped from database version 17.6\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSELECT pg_catalog.set_config('search_path', '', false);\n\nSET default_tablespace = '';\n\n--\n-- Name: album; Type: TABLE; Schema: public; Owner: -\n--\n\nCREATE TABLE public.album (\n    album_id integer NOT NULL,\n    title character varying(160) NOT NULL,\n    artist_id integer NOT NULL\n);\n\n\nALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);\n\nALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id);\n\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict X9abc\n\n";
        assert_eq!(
            pieces(text),
            vec![
                (MetaCommand, "\\restrict X9abc"),
                (Statement, "SET statement_timeout = 0"),
                (Statement, "SET client_encoding = 'UTF8'"),
                (Statement, "SELECT pg_catalog.set_config('search_path', '', false)"),
                (Statement, "SET default_tablespace = ''"),
                (Statement, "CREATE TABLE public.album (\n    album_id integer NOT NULL,\n    title character varying(160) NOT NULL,\n    artist_id integer NOT NULL\n)"),
                (Statement, "ALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_pkey PRIMARY KEY (album_id)"),
                (Statement, "ALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id)"),
                (MetaCommand, "\\unrestrict X9abc")
            ]
        );
    }

    #[test]
    fn corpus_splits_cleanly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/postgres");
        if !root.is_dir() {
            println!("note: {} is missing; corpus test skipped", root.display());
            return;
        }
        let mut directories = vec![root];
        let (mut files, mut statements, mut metas, mut problems) = (0, 0, 0, 0);
        while let Some(directory) = directories.pop() {
            let Ok(entries) = std::fs::read_dir(&directory) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    directories.push(path);
                } else if path.extension().is_some_and(|e| e == "sql") {
                    let Ok(bytes) = std::fs::read(&path) else {
                        continue;
                    };
                    let text = String::from_utf8_lossy(&bytes);
                    let pieces = split(&text);
                    assert_valid(&text, &pieces);
                    files += 1;
                    statements += pieces.iter().filter(|p| p.kind == Statement).count();
                    metas += pieces.iter().filter(|p| p.kind == MetaCommand).count();
                    for piece in pieces.iter().filter(|p| p.problem.is_some()) {
                        problems += 1;
                        println!("{}: {:?}", path.display(), piece.problem);
                    }
                }
            }
        }
        println!("corpus: {files} files, {statements} statements, {metas} meta-commands, {problems} problems");
        assert!(files > 0);
    }

    /// Pseudo-random garbage from the characters that matter to the splitter: nothing panics, spans stay valid.
    #[test]
    fn garbage_never_panics() {
        let alphabet: Vec<char> = "'\";$()\\/*-\n\rab1 eE_:&U.x+=\u{e9}\u{1F600}stdin"
            .chars()
            .collect();
        let words = [
            "COPY ",
            " FROM ",
            "stdin",
            "CREATE ",
            "FUNCTION ",
            "BEGIN ",
            "END",
            "CASE ",
            "$a$",
            "\\.",
            "\\copy ",
            "\\\\",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let length = (next() % 120) as usize;
            let mut text = String::new();
            for _ in 0..length {
                let r = next();
                if r % 8 == 0 {
                    text.push_str(words[(r / 8 % words.len() as u64) as usize]);
                } else {
                    text.push(alphabet[(r / 8 % alphabet.len() as u64) as usize]);
                }
            }
            let pieces = split(&text);
            assert_valid(&text, &pieces);
            let mut last = 0;
            for token in tokenize_all(&text) {
                assert!(
                    last <= token.span.start
                        && token.span.start < token.span.end
                        && token.span.end <= text.len()
                );
                last = token.span.end;
            }
        }
    }

    fn tokenize_all(text: &str) -> Vec<Token> {
        crate::lex::tokenize(text)
    }

    #[test]
    fn large_inputs_are_linear() {
        let statement = "CREATE TABLE t (id int REFERENCES u (id)); -- c\n";
        let text = statement.repeat(100_000);
        assert_eq!(split(&text).len(), 100_000);
        for unit in [
            "(",
            ")",
            "\\",
            "\\\\",
            "\\ '",
            "COPY t FROM stdin;",
            "COPY t FROM stdin; x\n",
            "\\copy t from stdin\n",
            "CREATE FUNCTION BEGIN ",
        ] {
            let text = unit.repeat(100_000);
            assert_valid(&text, &split(&text));
        }
    }
}
