//! A guess of the SQL dialect the sources are written in, from lexical markers: what `--dialect auto` (the
//! default), the wasm API's `dialect: "auto"` and the page's picker in Auto run, and what they show as evidence.
//!
//! Each marker found outside string literals and `--`/`#` line comments adds `weight × count` to its
//! dialect's score; the highest score wins, ties and no evidence at all go to PostgreSQL (fklint's
//! default). MySQL's versioned comments (`/*!40101 ... */`) count although they are comments. Python sources
//! (SQLAlchemy models, Alembic migrations) are not read: their SQL is PostgreSQL's by construction here, and
//! their Python syntax (`# comments`, `[lists]`) would only look like other dialects' markers.

use crate::dialect::{Detected, Dialect, MarkerSeen};
use crate::source::Source;

/// One kind of marker and where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub dialect: Dialect,
    /// The marker as written in the table below, e.g. `ENGINE=` or `backtick identifier`.
    pub marker: &'static str,
    /// How many times it occurs in all sources.
    pub count: usize,
    /// Its weight: the score it adds per occurrence.
    pub weight: u32,
    /// Index into the sources and byte offset of the first occurrence.
    pub source: usize,
    pub offset: usize,
}

/// The guess, its score per dialect and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub dialect: Dialect,
    /// Score per dialect, in [`Dialect::ALL`] order.
    pub scores: [u64; 3],
    /// Every marker seen, in order of first occurrence.
    pub evidence: Vec<Evidence>,
}

impl Detection {
    pub fn score(&self, dialect: Dialect) -> u64 {
        self.scores[index(dialect)]
    }

    /// True when some marker was seen and the winner leads the runner-up.
    pub fn is_confident(&self) -> bool {
        let winner = self.score(self.dialect);
        winner > 0
            && Dialect::ALL
                .iter()
                .filter(|d| **d != self.dialect)
                .all(|d| self.score(*d) < winner)
    }
}

impl From<&Detection> for Detected {
    fn from(detection: &Detection) -> Detected {
        let mut evidence: Vec<&Evidence> = detection.evidence.iter().collect();
        // Strongest first (what decided the guess); stable, so ties keep the order of first occurrence.
        evidence.sort_by_key(|e| {
            std::cmp::Reverse((e.count as u64).saturating_mul(u64::from(e.weight)))
        });
        Detected {
            dialect: detection.dialect,
            confident: detection.is_confident(),
            evidence: evidence
                .into_iter()
                .map(|e| MarkerSeen {
                    dialect: e.dialect,
                    marker: e.marker,
                    count: e.count,
                })
                .collect(),
        }
    }
}

/// The dialect to check `sources` as: `given` when there is one, else the detected one with its evidence
/// (`None` is what `--dialect auto` and `dialect: "auto"` ask for).
pub fn resolve(sources: &[Source], given: Option<Dialect>) -> (Dialect, Option<Detected>) {
    match given {
        Some(dialect) => (dialect, None),
        None => {
            let detected = Detected::from(&detect(sources));
            (detected.dialect, Some(detected))
        }
    }
}

/// As [`resolve`], but the dialect a migration tool's own files declare (a drizzle journal, a Prisma lock file)
/// decides before any marker in the SQL; `declared` is that dialect and the marker it was read from.
pub fn resolve_declared(
    sources: &[Source],
    given: Option<Dialect>,
    declared: Option<(Dialect, &'static str)>,
) -> (Dialect, Option<Detected>) {
    match (given, declared) {
        (None, Some((dialect, marker))) => {
            let evidence = vec![MarkerSeen {
                dialect,
                marker,
                count: 1,
            }];
            let detected = Detected {
                dialect,
                confident: true,
                evidence,
            };
            (dialect, Some(detected))
        }
        _ => resolve(sources, given),
    }
}

#[derive(Clone, Copy)]
enum Pattern {
    /// A sequence of words (case-insensitive, each on word boundaries, whitespace between them).
    Words(&'static [&'static str]),
    /// Literal punctuation.
    Punct(&'static str),
    /// A word followed by optional spaces and `=`.
    WordEq(&'static str),
    /// A word at the start of a line (the `mysql` client command `DELIMITER //`).
    LineStart(&'static str),
    /// A backquoted identifier.
    Backtick,
    /// A MySQL versioned comment `/*!`.
    VersionedComment,
    /// A `[bracketed identifier]` (SQL Server style, which SQLite accepts and PostgreSQL/MySQL do not);
    /// `int[]`, `ARRAY[1]` and `a[1]` follow a word and do not count.
    Bracket,
}

struct Marker {
    dialect: Dialect,
    name: &'static str,
    weight: u32,
    pattern: Pattern,
}

const fn m(dialect: Dialect, name: &'static str, weight: u32, pattern: Pattern) -> Marker {
    Marker {
        dialect,
        name,
        weight,
        pattern,
    }
}

use Dialect::{MySql, Postgres, Sqlite};

const MARKERS: &[Marker] = &[
    m(MySql, "backtick identifier", 1, Pattern::Backtick),
    m(MySql, "ENGINE=", 5, Pattern::WordEq("ENGINE")),
    m(
        MySql,
        "AUTO_INCREMENT",
        5,
        Pattern::Words(&["AUTO_INCREMENT"]),
    ),
    m(MySql, "/*!", 5, Pattern::VersionedComment),
    m(MySql, "DELIMITER", 5, Pattern::LineStart("DELIMITER")),
    m(MySql, "CHARSET=", 3, Pattern::WordEq("CHARSET")),
    m(MySql, "UNSIGNED", 2, Pattern::Words(&["UNSIGNED"])),
    // Types and clauses only MySQL writes: a MySQL schema without ENGINE= still says DATETIME, which alone
    // would point at SQLite.
    m(MySql, "TINYINT", 2, Pattern::Words(&["TINYINT"])),
    m(MySql, "LONGTEXT", 3, Pattern::Words(&["LONGTEXT"])),
    m(MySql, "MEDIUMTEXT", 3, Pattern::Words(&["MEDIUMTEXT"])),
    m(
        MySql,
        "ON UPDATE CURRENT_TIMESTAMP",
        5,
        Pattern::Words(&["ON", "UPDATE", "CURRENT_TIMESTAMP"]),
    ),
    m(
        MySql,
        "CHARACTER SET",
        3,
        Pattern::Words(&["CHARACTER", "SET"]),
    ),
    m(
        Sqlite,
        "AUTOINCREMENT",
        5,
        Pattern::Words(&["AUTOINCREMENT"]),
    ),
    m(Sqlite, "PRAGMA", 5, Pattern::Words(&["PRAGMA"])),
    m(Sqlite, "[identifier]", 1, Pattern::Bracket),
    // A type PostgreSQL lacks; MySQL has it too, but MySQL schemas carry much stronger markers.
    m(Sqlite, "DATETIME", 1, Pattern::Words(&["DATETIME"])),
    m(
        Sqlite,
        "WITHOUT ROWID",
        5,
        Pattern::Words(&["WITHOUT", "ROWID"]),
    ),
    m(Postgres, "$$", 3, Pattern::Punct("$$")),
    m(Postgres, "::", 2, Pattern::Punct("::")),
    m(Postgres, "SERIAL", 3, Pattern::Words(&["SERIAL"])),
    m(Postgres, "BIGSERIAL", 3, Pattern::Words(&["BIGSERIAL"])),
    m(
        Postgres,
        "CREATE EXTENSION",
        5,
        Pattern::Words(&["CREATE", "EXTENSION"]),
    ),
    m(Postgres, "TIMESTAMPTZ", 3, Pattern::Words(&["TIMESTAMPTZ"])),
    m(Postgres, "JSONB", 3, Pattern::Words(&["JSONB"])),
];

/// The position of a dialect in [`Dialect::ALL`] and [`Detection::scores`].
fn index(dialect: Dialect) -> usize {
    match dialect {
        Postgres => 0,
        MySql => 1,
        Sqlite => 2,
    }
}

/// Guesses the dialect of `sources` (all of them together; Python sources are skipped, see the module docs).
pub fn detect(sources: &[Source]) -> Detection {
    let mut evidence: Vec<Evidence> = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        if crate::frontend::is_python(&source.name) {
            continue;
        }
        if let Some(declared) = crate::frontend::declared_dialect(source) {
            // An ORM source says which server its schema is for (Drizzle's table function): that outweighs
            // any lexical marker, and its code is not SQL to scan.
            if let Some((dialect, marker)) = declared {
                match evidence.iter_mut().find(|e| e.marker == marker) {
                    Some(e) => e.count += 1,
                    None => evidence.push(Evidence {
                        dialect,
                        marker,
                        count: 1,
                        weight: 50,
                        source: index,
                        offset: 0,
                    }),
                }
            }
            continue;
        }
        scan(&source.text, |marker, offset| {
            match evidence.iter_mut().find(|e| e.marker == marker.name) {
                Some(e) => e.count += 1,
                None => evidence.push(Evidence {
                    dialect: marker.dialect,
                    marker: marker.name,
                    count: 1,
                    weight: marker.weight,
                    source: index,
                    offset,
                }),
            }
        });
    }
    let mut scores = [0u64; 3];
    for e in &evidence {
        let add = (e.count as u64).saturating_mul(u64::from(e.weight));
        scores[index(e.dialect)] = scores[index(e.dialect)].saturating_add(add);
    }
    let mut dialect = Postgres;
    for d in Dialect::ALL {
        if scores[index(d)] > scores[index(dialect)] {
            dialect = d;
        }
    }
    Detection {
        dialect,
        scores,
        evidence,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Calls `found` for every marker occurrence in `text`, skipping strings and line comments.
fn scan(text: &str, mut found: impl FnMut(&Marker, usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' => i = skip_quoted(bytes, i, b'\''),
            b'"' => i = skip_quoted(bytes, i, b'"'),
            b'`' => {
                emit(&mut found, |p| matches!(p, Pattern::Backtick), i);
                i = skip_quoted(bytes, i, b'`');
            }
            b'[' if is_bracket_identifier(bytes, i) => {
                emit(&mut found, |p| matches!(p, Pattern::Bracket), i);
                i = skip_quoted(bytes, i, b']');
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => i = skip_line(bytes, i),
            b'#' => i = skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                if bytes.get(i + 2) == Some(&b'!') {
                    emit(&mut found, |p| matches!(p, Pattern::VersionedComment), i);
                    // The body of a versioned comment is MySQL code: scan it.
                    i += 3;
                } else {
                    i = match find(bytes, i + 2, b"*/") {
                        Some(end) => end + 2,
                        None => bytes.len(),
                    };
                }
            }
            _ if is_word_byte(b) => {
                let start = i;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                if start > 0 && bytes[start - 1] == b'$' {
                    continue; // part of a `$tag$`
                }
                word_markers(bytes, start, i, &mut found);
            }
            _ => {
                for marker in MARKERS {
                    if let Pattern::Punct(p) = marker.pattern {
                        if bytes[i..].starts_with(p.as_bytes()) {
                            found(marker, i);
                        }
                    }
                }
                if bytes[i..].starts_with(b"$$") || bytes[i..].starts_with(b"::") {
                    i += 2;
                } else {
                    i += 1;
                }
            }
        }
    }
}

fn emit(found: &mut impl FnMut(&Marker, usize), test: impl Fn(&Pattern) -> bool, at: usize) {
    for marker in MARKERS {
        if test(&marker.pattern) {
            found(marker, at);
        }
    }
}

/// Markers that start with the word `bytes[start..end]`.
fn word_markers(bytes: &[u8], start: usize, end: usize, found: &mut impl FnMut(&Marker, usize)) {
    let word = &bytes[start..end];
    for marker in MARKERS {
        match marker.pattern {
            Pattern::Words(words) => {
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                if !word.eq_ignore_ascii_case(first.as_bytes()) {
                    continue;
                }
                let mut at = end;
                let mut all = true;
                for next in rest {
                    let from = skip_space(bytes, at);
                    let to = from + next.len();
                    let matches = from > at
                        && bytes
                            .get(from..to)
                            .is_some_and(|w| w.eq_ignore_ascii_case(next.as_bytes()))
                        && !bytes.get(to).copied().is_some_and(is_word_byte);
                    if !matches {
                        all = false;
                        break;
                    }
                    at = to;
                }
                if all {
                    found(marker, start);
                }
            }
            Pattern::LineStart(w) => {
                let line_start = bytes[..start]
                    .iter()
                    .rev()
                    .take_while(|&&b| b != b'\n')
                    .all(|b| b.is_ascii_whitespace());
                if line_start && word.eq_ignore_ascii_case(w.as_bytes()) {
                    found(marker, start);
                }
            }
            Pattern::WordEq(w)
                if word.eq_ignore_ascii_case(w.as_bytes())
                    && bytes.get(skip_space(bytes, end)) == Some(&b'=') =>
            {
                found(marker, start);
            }
            _ => {}
        }
    }
}

/// `[Name]` or `[Two Words]` after a space, `(`, `,` or `.`, not `int[]` or `a[1]`.
fn is_bracket_identifier(bytes: &[u8], open: usize) -> bool {
    let after_word = open > 0 && (is_word_byte(bytes[open - 1]) || bytes[open - 1] == b']');
    if after_word
        || !bytes
            .get(open + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return false;
    }
    let rest = &bytes[open + 1..];
    match rest.iter().position(|&b| b == b']') {
        Some(n) => rest[..n].iter().all(|&b| is_word_byte(b) || b == b' '),
        None => false,
    }
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn skip_line(bytes: &[u8], i: usize) -> usize {
    match bytes[i..].iter().position(|&b| b == b'\n') {
        Some(n) => i + n + 1,
        None => bytes.len(),
    }
}

/// Past the closing quote (a doubled quote or a backslash escapes it).
fn skip_quoted(bytes: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == b'\\' && (quote == b'\'' || quote == b'"') {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Detection {
        detect(&[Source::new("t.sql", text)])
    }

    #[test]
    fn snippets() {
        assert_eq!(
            one("CREATE TABLE `a` (id int AUTO_INCREMENT) ENGINE=InnoDB;").dialect,
            MySql
        );
        assert_eq!(
            one("/*!40101 SET NAMES utf8 */;\nCREATE TABLE a (id int);").dialect,
            MySql
        );
        assert_eq!(
            one("DELIMITER //\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN END//")
                .dialect,
            MySql
        );
        assert_eq!(
            one("PRAGMA foreign_keys=ON;\nCREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);")
                .dialect,
            Sqlite
        );
        assert_eq!(
            one("CREATE TABLE a (k TEXT PRIMARY KEY) WITHOUT ROWID;").dialect,
            Sqlite
        );
        assert_eq!(
            one("CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL);").dialect,
            Sqlite
        );
        // PostgreSQL arrays are no bracket identifiers.
        let d = one("CREATE TABLE a (tags text[], x int DEFAULT (ARRAY[1])[1]);");
        assert!(d.evidence.is_empty(), "{:?}", d.evidence);
        assert_eq!(
            one(
                "CREATE EXTENSION pgcrypto;\nCREATE TABLE a (id serial, t text DEFAULT 'x'::text);"
            )
            .dialect,
            Postgres
        );
        assert_eq!(
            one("CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;")
                .dialect,
            Postgres
        );
    }

    #[test]
    fn mysql_without_engine_is_mysql_even_with_datetime() {
        let d = one(
            "CREATE TABLE users (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, active TINYINT(1), bio LONGTEXT,\n\
             created_at DATETIME, updated_at DATETIME ON UPDATE CURRENT_TIMESTAMP, seen DATETIME, gone DATETIME,\n\
             left_at DATETIME, joined DATETIME, born DATETIME, paid DATETIME, sent DATETIME, read_at DATETIME);",
        );
        assert_eq!(d.dialect, MySql);
    }

    #[test]
    fn no_evidence_is_postgres_and_not_confident() {
        let d = one("CREATE TABLE a (id int PRIMARY KEY);");
        assert_eq!(d.dialect, Postgres);
        assert!(d.evidence.is_empty());
        assert!(!d.is_confident());
    }

    #[test]
    fn strings_and_comments_are_not_evidence() {
        let d = one(
            "-- ENGINE=InnoDB AUTOINCREMENT\n/* PRAGMA `x` */\nINSERT INTO a VALUES ('ENGINE=x', 'a::b', \"PRAGMA\");",
        );
        assert!(d.evidence.is_empty(), "{:?}", d.evidence);
    }

    #[test]
    fn evidence_counts_and_locates() {
        let d = detect(&[
            Source::new("1.sql", "CREATE TABLE a (id int);"),
            Source::new("2.sql", "x `a` `b` ENGINE = InnoDB"),
        ]);
        assert_eq!(d.dialect, MySql);
        assert!(d.is_confident());
        let bt = d
            .evidence
            .iter()
            .find(|e| e.marker == "backtick identifier");
        assert_eq!(bt.map(|e| (e.count, e.source, e.offset)), Some((2, 1, 2)));
        assert_eq!(d.score(MySql), 2 + 5);
    }

    #[test]
    fn python_sources_are_not_evidence() {
        let sources = [
            Source::new(
                "models.py",
                "# ENGINE=InnoDB\nx = [Album]\n`a` `b` `c`\nPRAGMA = 1\n",
            ),
            Source::new("1.sql", "CREATE TABLE a (id int PRIMARY KEY);"),
        ];
        let d = detect(&sources);
        assert_eq!(d.dialect, Postgres);
        assert!(d.evidence.is_empty(), "{:?}", d.evidence);
    }

    #[test]
    fn resolve_keeps_a_given_dialect_and_explains_a_detected_one() {
        let sources = [Source::new(
            "1.sql",
            "CREATE TABLE `a` (`id` int AUTO_INCREMENT, x DATETIME) ENGINE=InnoDB;",
        )];
        assert_eq!(resolve(&sources, Some(Sqlite)), (Sqlite, None));
        let (dialect, detected) = resolve(&sources, None);
        assert_eq!(dialect, MySql);
        let detected = detected.expect("detected");
        assert!(detected.confident);
        let seen: Vec<_> = detected
            .evidence
            .iter()
            .map(|e| (e.dialect, e.marker, e.count))
            .collect();
        // Strongest first: ENGINE= and AUTO_INCREMENT (5 each, first seen first), then 3 backticks, DATETIME.
        assert_eq!(
            seen,
            [
                (MySql, "AUTO_INCREMENT", 1),
                (MySql, "ENGINE=", 1),
                (MySql, "backtick identifier", 2),
                (Sqlite, "DATETIME", 1),
            ]
        );
    }

    #[test]
    fn words_need_boundaries() {
        // `AUTOINCREMENT_ID`, `serial_no`, `$tag$`-prefixed words and a lone `WITHOUT` are no evidence.
        let d = one("CREATE TABLE a (autoincrement_id int, serial_no int, without_rowid int); $pragma$ $pragma$");
        assert!(d.evidence.is_empty(), "{:?}", d.evidence);
    }

    /// Every file of `../shared/corpus/<dir>/<project>`, concatenated per project.
    fn corpus(dir: &str) -> Vec<(String, Vec<Source>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus")
            .join(dir);
        let Ok(projects) = std::fs::read_dir(&root) else {
            eprintln!("note: skipping: {} not found", root.display());
            return Vec::new();
        };
        let mut out = Vec::new();
        for project in projects.flatten() {
            let mut files: Vec<_> = std::fs::read_dir(project.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "sql"))
                .collect();
            files.sort();
            let sources = files
                .iter()
                .filter_map(|p| {
                    let text = std::fs::read_to_string(p).ok()?;
                    Some(Source::new(p.display().to_string(), text))
                })
                .collect();
            out.push((project.file_name().to_string_lossy().into_owned(), sources));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn corpus_projects_are_detected() {
        for (dir, want) in [("mysql", MySql), ("sqlite", Sqlite), ("postgres", Postgres)] {
            for (project, sources) in corpus(dir) {
                if sources.is_empty() {
                    continue;
                }
                let d = detect(&sources);
                let summary: Vec<_> = d
                    .evidence
                    .iter()
                    .map(|e| format!("{}×{}", e.marker, e.count))
                    .collect();
                eprintln!(
                    "{dir}/{project}: {:?} {:?} {summary:?}",
                    d.dialect, d.scores
                );
                assert_eq!(
                    d.dialect, want,
                    "{dir}/{project}: {:?} {summary:?}",
                    d.scores
                );
            }
        }
    }
}
