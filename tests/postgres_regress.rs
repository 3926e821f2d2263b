//! PostgreSQL's own regression files (`shared/corpus/postgres-regress/`) against what PostgreSQL 15 and 18 did
//! with them, statement by statement (the corpus records every rejected statement by line, with its SQLSTATE,
//! message and DETAIL, and the FKs left at the end of the session).
//!
//! Each file is checked after `test_setup.sql`, as it was run, with `--target postgres-15` and `postgres-18`.
//! A statement counts as *rejected for a foreign-key reason* when the server's message or DETAIL is about one
//! (see [`fk_reason`]). For each file and version the test prints: FK-rejected statements, how many of them
//! have an `error` finding, `error` findings on statements the server accepted (false errors), and whether
//! the FKs at the end (`fklint::schema`) equal the server's. The target is all flagged, no false error, equal
//! sets; [`REACHED`] holds the numbers reached so far, and the test fails when a file falls below them (fewer
//! flagged, more false errors, an equal FK set lost).
//!
//! Missing corpus: a note and a skip; `FKLINT_REQUIRE_CORPUS=1` makes it a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fklint::{Options, Severity, Source};
use fklint_tests::corpus::corpus_root_or_skip;
use fklint_tests::judge::script_statements;

/// sqlparser recurses; debug builds use big frames.
const STACK: usize = 256 * 1024 * 1024;

const FILES: [&str; 14] = [
    "alter_table",
    "without_overlaps",
    "truncate",
    "inherit",
    "triggers",
    "create_schema",
    "generated_stored",
    "generated_virtual",
    "create_table",
    "constraints",
    "join",
    "collate",
    "rowsecurity",
    "temp",
];

const VERSIONS: [u32; 2] = [15, 18];

/// The numbers reached, per file and version: (flagged FK rejections, false errors, FK set equal). A run may
/// do better (then raise these), never worse.
const REACHED: &[(&str, u32, usize, usize, bool)] = &[
    ("alter_table", 15, 21, 0, true),
    ("without_overlaps", 15, 0, 0, true),
    ("truncate", 15, 12, 0, true),
    ("inherit", 15, 0, 0, true),
    ("triggers", 15, 0, 0, true),
    ("create_schema", 15, 0, 0, true),
    ("generated_stored", 15, 4, 0, true),
    ("generated_virtual", 15, 1, 0, true),
    ("create_table", 15, 0, 0, true),
    ("constraints", 15, 0, 0, true),
    ("join", 15, 0, 0, true),
    ("collate", 15, 2, 0, true),
    ("rowsecurity", 15, 0, 0, false),
    ("temp", 15, 1, 0, true),
    ("alter_table", 18, 21, 0, true),
    ("without_overlaps", 18, 56, 0, true),
    ("truncate", 18, 12, 0, true),
    ("inherit", 18, 0, 0, true),
    ("triggers", 18, 0, 0, true),
    ("create_schema", 18, 1, 0, true),
    ("generated_stored", 18, 4, 0, true),
    ("generated_virtual", 18, 4, 0, true),
    ("create_table", 18, 0, 0, true),
    ("constraints", 18, 0, 0, true),
    ("join", 18, 0, 0, true),
    ("collate", 18, 2, 0, true),
    ("rowsecurity", 18, 0, 0, false),
    ("temp", 18, 1, 0, true),
];

/// One server error, from `raw/<file>.pgNN.stderr.txt`.
#[derive(Debug, Clone)]
struct ServerError {
    line: usize,
    sqlstate: String,
    message: String,
    detail: String,
}

/// One file's outcome for one version.
#[derive(Debug, Default)]
struct Outcome {
    fk_rejected: usize,
    flagged: usize,
    false_errors: usize,
    fks_equal: bool,
    /// Lines of FK rejections without an error finding, and of accepted statements with one (for the report).
    missed: Vec<String>,
    false_lines: Vec<String>,
    fk_diff: Vec<String>,
}

fn errors_of(dir: &Path, file: &str, version: u32) -> Vec<ServerError> {
    let path = dir
        .join("raw")
        .join(format!("{file}.pg{version}.stderr.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<ServerError> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix(&format!("psql:{file}.sql:")) {
            let Some((number, rest)) = rest.split_once(": ") else {
                continue;
            };
            let Some(rest) = rest.strip_prefix("ERROR:  ") else {
                continue;
            };
            let Some((sqlstate, message)) = rest.split_once(": ") else {
                continue;
            };
            out.push(ServerError {
                line: number.parse().unwrap_or(0),
                sqlstate: sqlstate.to_string(),
                message: message.to_string(),
                detail: String::new(),
            });
        } else if let Some(detail) = line.strip_prefix("DETAIL:  ") {
            if let Some(last) = out.last_mut() {
                last.detail.push_str(detail);
                last.detail.push('\n');
            }
        } else if !line.starts_with("psql:")
            && !line.starts_with("HINT:")
            && !line.starts_with("LOCATION:")
        {
            // DETAIL continues on the next lines (one dependent object per line).
            if let Some(last) = out.last_mut() {
                if !last.detail.is_empty() {
                    last.detail.push_str(line);
                    last.detail.push('\n');
                }
            }
        }
    }
    out
}

/// Whether the server rejected a statement for a foreign-key reason: its message is about a foreign key or a
/// referenced table, column or key, or a table a `REFERENCES` of the statement names does not exist, or the
/// objects that depend on what it drops include a foreign key constraint (DETAIL). PostgreSQL 15's grammar
/// reports `ALTER CONSTRAINT c NO INHERIT` of any constraint as "FOREIGN KEY constraints cannot be marked ..."
/// (no foreign key involved), and "transition table ... cannot be referenced" is about triggers: not FK reasons.
fn fk_reason(error: &ServerError, statement: &str, fk_names: &BTreeSet<String>) -> bool {
    let message = error.message.to_lowercase();
    if error.sqlstate == "25P02"
        || message.contains("foreign key constraints cannot be marked")
        || message.contains("transition table")
    {
        return false;
    }
    if message.contains("foreign key")
        || message.contains("referenced table")
        || message.contains("referenced relation")
        || message.contains("referenced-columns")
        || message.contains("cannot be implemented")
        || (message.contains("because it references") && message.contains("table"))
    {
        return true;
    }
    if matches!(error.sqlstate.as_str(), "42P01" | "3F000") {
        if let Some(name) = quoted(&error.message) {
            return references_name(statement, &name);
        }
    }
    if error.sqlstate == "2BP01" {
        return error.detail.lines().any(|line| {
            line.strip_prefix("constraint ")
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|name| fk_names.contains(name))
        });
    }
    false
}

/// The first `"..."` of a message.
fn quoted(message: &str) -> Option<String> {
    let start = message.find('"')? + 1;
    let len = message[start..].find('"')?;
    Some(message[start..start + len].to_string())
}

/// Whether `REFERENCES name` (or `REFERENCES schema.name`) is written in the statement.
fn references_name(statement: &str, name: &str) -> bool {
    let lower = statement.to_lowercase();
    let name = name.to_lowercase();
    lower.match_indices("references").any(|(at, word)| {
        let after = lower[at + word.len()..].trim_start();
        let target: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '"' | '$'))
            .collect();
        let target = target.replace('"', "");
        target == name
            || target.rsplit('.').next() == Some(name.as_str())
            || name.ends_with(&target)
    })
}

/// The names of the FK constraints the file's text declares (`CONSTRAINT name FOREIGN KEY` / `REFERENCES`),
/// and the names it mentions that have PostgreSQL's default FK suffix `_fkey`.
fn fk_constraint_names(text: &str) -> BTreeSet<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = BTreeSet::new();
    for (i, w) in words.iter().enumerate() {
        if *w == "constraint" {
            if let (Some(name), Some(next)) = (words.get(i + 1), words.get(i + 2)) {
                if *next == "foreign" || *next == "references" {
                    out.insert(name.to_string());
                }
            }
        }
        if w.contains("_fkey") {
            out.insert(w.to_string());
        }
    }
    out
}

/// Each statement's span, keyed by the line psql reports for it: the line of its terminating `;` (of its last
/// character when there is none). The statements of COPY data blocks read as script (what psql runs when the
/// server rejects the COPY) are among them.
fn statements_by_line(text: &str) -> BTreeMap<usize, Vec<(usize, usize)>> {
    let mut out: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (line, span) in script_statements(text) {
        out.entry(line).or_default().push(span);
    }
    out
}

fn sources_of(dir: &Path, file: &str) -> Vec<Source> {
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let setup = read(dir.join("sql/test_setup.sql"));
    let as_run = dir.join("sql-as-run").join(format!("{file}.sql"));
    let text = if as_run.is_file() {
        read(as_run)
    } else {
        read(dir.join("sql").join(format!("{file}.sql")))
    };
    vec![
        Source::new("test_setup.sql", setup),
        Source::new(format!("{file}.sql"), text),
    ]
}

/// The server's FKs at the end: `table constraint referenced_table`, partition clones left out.
fn truth_fks(dir: &Path, file: &str, version: u32) -> BTreeSet<String> {
    let path = dir
        .join("outcomes")
        .join(format!("{file}.pg{version}.fks.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 5 && cols[4] != "t")
                .then(|| format!("{} {} {}", cols[0], cols[1], cols[2]))
        })
        .collect()
}

/// How psql prints a table name: bare when its schema is searched (`public`, the session's temp schema).
fn shown(schema: &str, table: &str) -> String {
    if schema == "public" || schema.starts_with("pg_temp") {
        table.to_string()
    } else {
        format!("{schema}.{table}")
    }
}

fn run_one(dir: &Path, file: &str, version: u32) -> Outcome {
    let sources = sources_of(dir, file);
    let options = Options {
        dialect: fklint::Dialect::Postgres,
        target: fklint::server::ServerVersion::parse(&format!("postgres-{version}")),
        ..Options::default()
    };
    let (report, schema) = {
        let sources = sources.clone();
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || {
                (
                    fklint::check(&sources, &options),
                    fklint::schema(&sources, &options),
                )
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{file} pg{version}: fklint panicked"))
    };
    let text = sources[1].text.as_str();
    let source_name = sources[1].name.clone();
    let by_line = statements_by_line(text);
    let fk_names = fk_constraint_names(text);
    let errors = errors_of(dir, file, version);
    let mut rejected_lines: BTreeMap<usize, Vec<&ServerError>> = BTreeMap::new();
    for error in &errors {
        rejected_lines.entry(error.line).or_default().push(error);
    }
    // Error findings, by the line psql would report for their statement.
    let mut error_lines: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for finding in &report.findings {
        if finding.severity != Severity::Error || finding.position.file != source_name {
            continue;
        }
        let at = finding.position.start;
        let line = by_line
            .iter()
            .find(|(_, spans)| spans.iter().any(|&(s, e)| at >= s && at <= e))
            .map(|(line, _)| *line);
        if let Some(line) = line {
            error_lines
                .entry(line)
                .or_default()
                .push(format!("{} {}", finding.code, finding.message));
        }
    }
    let mut outcome = Outcome::default();
    for (line, line_errors) in &rejected_lines {
        let statement: String = by_line
            .get(line)
            .map(|spans| spans.iter().map(|&(s, e)| &text[s..e]).collect())
            .unwrap_or_default();
        let fk = line_errors
            .iter()
            .any(|e| fk_reason(e, &statement, &fk_names));
        if !fk {
            continue;
        }
        outcome.fk_rejected += 1;
        if error_lines.contains_key(line) {
            outcome.flagged += 1;
        } else {
            let e = line_errors[0];
            outcome
                .missed
                .push(format!("{line}: {} {}", e.sqlstate, e.message));
        }
    }
    for (line, found) in &error_lines {
        if !rejected_lines.contains_key(line) {
            outcome.false_errors += 1;
            outcome
                .false_lines
                .push(format!("{line}: {}", found.join(" | ")));
        }
    }
    let truth = truth_fks(dir, file, version);
    let ours: BTreeSet<String> = schema
        .foreign_keys
        .iter()
        .map(|fk| {
            format!(
                "{} {} {}",
                shown(&fk.schema, &fk.table),
                fk.name,
                shown(&fk.ref_schema, &fk.ref_table)
            )
        })
        .collect();
    outcome.fks_equal = truth == ours;
    outcome.fk_diff.extend(
        truth
            .difference(&ours)
            .map(|fk| format!("server only: {fk}")),
    );
    outcome.fk_diff.extend(
        ours.difference(&truth)
            .map(|fk| format!("fklint only: {fk}")),
    );
    outcome
}

/// `FKLINT_REGRESS_OTHER=DIR:file1,file2` runs other files of the same layout (`DIR/sql/`, `DIR/raw/`,
/// `DIR/outcomes/`, as the corpus README describes how they were made) instead of the corpus, with no floor:
/// how a file nobody here has seen is checked (prints the table, and the details with
/// `FKLINT_REGRESS_DETAILS=1`).
fn other_files() -> Option<(PathBuf, Vec<String>)> {
    let value = std::env::var("FKLINT_REGRESS_OTHER").ok()?;
    let (dir, files) = value.rsplit_once(':')?;
    Some((
        PathBuf::from(dir),
        files.split(',').map(str::to_string).collect(),
    ))
}

#[test]
fn regression_files_agree_with_postgres_15_and_18() {
    let (dir, files) = match other_files() {
        Some(other) => other,
        None => {
            let Some(root) = corpus_root_or_skip("the PostgreSQL regression files") else {
                return;
            };
            (
                root.join("postgres-regress"),
                FILES.iter().map(|f| f.to_string()).collect(),
            )
        }
    };
    let mut table = String::from(
        "file                 | PG | FK-rejected | flagged | false errors | FK set equal\n",
    );
    let mut details = String::new();
    let mut failures = Vec::new();
    let mut totals: BTreeMap<u32, (usize, usize, usize, usize)> = BTreeMap::new();
    for version in VERSIONS {
        for file in files.iter().map(String::as_str) {
            let outcome = run_one(&dir, file, version);
            let _ = writeln!(
                table,
                "{file:<20} | {version} | {:>11} | {:>7} | {:>12} | {}",
                outcome.fk_rejected,
                outcome.flagged,
                outcome.false_errors,
                if outcome.fks_equal { "yes" } else { "no" }
            );
            let total = totals.entry(version).or_default();
            total.0 += outcome.fk_rejected;
            total.1 += outcome.flagged;
            total.2 += outcome.false_errors;
            total.3 += usize::from(outcome.fks_equal);
            for missed in &outcome.missed {
                let _ = writeln!(details, "{file} pg{version} missed {missed}");
            }
            for false_line in &outcome.false_lines {
                let _ = writeln!(details, "{file} pg{version} FALSE {false_line}");
            }
            for diff in &outcome.fk_diff {
                let _ = writeln!(details, "{file} pg{version} FK {diff}");
            }
            if let Some(&(_, _, flagged, false_errors, equal)) = REACHED
                .iter()
                .find(|(f, v, ..)| *f == file && *v == version)
            {
                if outcome.flagged < flagged
                    || outcome.false_errors > false_errors
                    || (equal && !outcome.fks_equal)
                {
                    failures.push(format!(
                        "{file} pg{version}: flagged {} (reached {flagged}), false errors {} (reached \
                         {false_errors}), FK set equal {} (reached {equal})",
                        outcome.flagged, outcome.false_errors, outcome.fks_equal
                    ));
                }
            }
        }
    }
    for (version, (rejected, flagged, false_errors, equal)) in &totals {
        let _ = writeln!(
            table,
            "{:<20} | {version} | {rejected:>11} | {flagged:>7} | {false_errors:>12} | {equal}/{}",
            "total",
            files.len()
        );
    }
    eprintln!("{table}");
    if std::env::var_os("FKLINT_REGRESS_DETAILS").is_some() {
        eprintln!("{details}");
    }
    assert!(
        failures.is_empty(),
        "below the numbers reached:\n{}\n\n{table}\n{details}",
        failures.join("\n")
    );
}
