//! One driver for the oracles of the MySQL and SQLite dialects (`tests/oracle_mysql.rs`, `tests/oracle_sqlite.rs`)
//! and the dialect seeds (`tests/seeds_dialects.rs`): a [`Judge`] is a real server that applies a migration
//! statement by statement and reports its verdicts and its foreign keys; the checks here compare that with what
//! `fklint::check` and `fklint::schema` say about the same text. The server-specific parts (how to apply, what
//! "rejected" means, where the FK graph comes from) live in `mysql.rs` and `sqlite.rs`.
//!
//! Fixture headers (any line of the file):
//! - `-- oracle: what it shows` (joined into the fixture's description);
//! - `-- expect: clean`: the server accepts every statement and fklint reports no error;
//! - `-- expect: FK101@7 FK201 error@12`: fklint reports FK101 on line 7, FK201 somewhere, and some `error`
//!   finding (code not decided yet) on line 12.

pub mod mysql;
pub mod sqlite;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use fklint::diagnostic::{Edit, Finding};
use fklint::split::{split_in, PieceKind};
use fklint::{Dialect, Options, Report, Severity, Source};

/// The server's verdict on one statement: `Err` holds its message (for SQLite also a failed probe).
pub type Verdict = Result<(), String>;

/// A real server that judges migrations.
pub trait Judge {
    /// A database that holds an applied migration (dropped when done).
    type Db;
    /// The options fklint checks with (dialect, target server).
    fn options(&self) -> Options;
    /// A fresh database with `statements` applied one at a time, and the verdict on each.
    fn apply(&self, statements: &[&str]) -> (Self::Db, Vec<Verdict>);
    /// Runs a script (a forward fix) in a database; `Err` when any statement of it fails.
    fn run_script(&self, db: &Self::Db, sql: &str) -> Verdict;
    /// The database's foreign keys as the server reports them, normalised with [`Fk::normalized`].
    fn foreign_keys(&self, db: &Self::Db) -> Vec<Fk>;
    /// Foreign keys of the database the server cannot use (SQLite); empty for servers that reject them.
    fn unusable(&self, db: &Self::Db) -> Vec<String>;
    /// Whether constraint names are compared (SQLite does not report them).
    fn compares_names(&self) -> bool;
}

/// A foreign key, as the server stores it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fk {
    pub table: String,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub on_delete: String,
    pub on_update: String,
    pub name: String,
}

impl Fk {
    /// Names compared as the dialect compares them: SQLite folds every name; MySQL (InnoDB on Linux) keeps the
    /// case of table and constraint names and folds column names. `NO ACTION` is `RESTRICT` in InnoDB (MariaDB
    /// reports the default as `RESTRICT`, MySQL 8 as `NO ACTION`).
    pub fn normalized(mut self, dialect: Dialect) -> Fk {
        let fold = |s: &mut String| *s = s.to_lowercase();
        self.columns.iter_mut().for_each(fold);
        self.ref_columns.iter_mut().for_each(fold);
        if dialect == Dialect::Sqlite {
            fold(&mut self.table);
            fold(&mut self.ref_table);
            fold(&mut self.name);
        }
        for action in [&mut self.on_delete, &mut self.on_update] {
            *action = action.to_uppercase();
            if dialect == Dialect::MySql && (action == "NO ACTION" || action.is_empty()) {
                *action = "RESTRICT".to_string();
            }
            if dialect == Dialect::Sqlite && action.is_empty() {
                *action = "NO ACTION".to_string();
            }
        }
        self
    }

    pub fn label(&self, with_name: bool) -> String {
        let name = if with_name {
            format!(" [{}]", self.name)
        } else {
            String::new()
        };
        format!(
            "{}({}) → {}({}) ON DELETE {} ON UPDATE {}{name}",
            self.table,
            self.columns.join(", "),
            self.ref_table,
            self.ref_columns.join(", "),
            self.on_delete,
            self.on_update
        )
    }
}

/// The foreign keys `fklint::schema` reports for the sources, normalised for the dialect.
pub fn fklint_foreign_keys(sources: &[Source], options: &Options) -> Vec<Fk> {
    let mut fks: Vec<Fk> = fklint::schema(sources, options)
        .foreign_keys
        .into_iter()
        .map(|fk| {
            Fk {
                table: fk.table,
                columns: fk.columns,
                ref_table: fk.ref_table,
                ref_columns: fk.ref_columns,
                on_delete: fk.on_delete,
                on_update: fk.on_update,
                name: fk.name,
            }
            .normalized(options.dialect)
        })
        .collect();
    fks.sort();
    fks
}

/// The differences between fklint's graph and the server's: `missing` (the server has them, fklint does not)
/// and `extra` (fklint has them, the server does not), as labels. Names count only when `with_names`.
pub fn diff_graphs(ours: &[Fk], theirs: &[Fk], with_names: bool) -> (Vec<String>, Vec<String>) {
    let labels =
        |fks: &[Fk]| -> BTreeSet<String> { fks.iter().map(|fk| fk.label(with_names)).collect() };
    let (ours, theirs) = (labels(ours), labels(theirs));
    (
        theirs.difference(&ours).cloned().collect(),
        ours.difference(&theirs).cloned().collect(),
    )
}

/// One migration text with its expectations.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub name: String,
    pub about: String,
    pub text: String,
    pub clean: bool,
    /// (code or `error`, line or none).
    pub expect: Vec<(String, Option<usize>)>,
}

impl Fixture {
    pub fn parse(name: String, text: String) -> Fixture {
        let mut fixture = Fixture {
            name,
            about: String::new(),
            text: String::new(),
            clean: false,
            expect: Vec::new(),
        };
        for line in text.lines().map(str::trim) {
            if let Some(about) = line.strip_prefix("-- oracle:") {
                fixture.about.push_str(about.trim());
                fixture.about.push(' ');
            } else if let Some(expect) = line.strip_prefix("-- expect:") {
                for word in expect.split_whitespace() {
                    match word.split_once('@') {
                        _ if word == "clean" => fixture.clean = true,
                        Some((code, line)) => fixture.expect.push((
                            code.to_string(),
                            Some(line.parse().unwrap_or_else(|_| {
                                panic!("{}: bad `-- expect:` line {word}", fixture.name)
                            })),
                        )),
                        None => fixture.expect.push((word.to_string(), None)),
                    }
                }
            }
        }
        fixture.about = fixture.about.trim().to_string();
        fixture.text = text;
        fixture
    }

    pub fn source(&self) -> Source {
        Source::new(self.name.as_str(), self.text.as_str())
    }

    /// Byte spans of the statements as the dialect's client cuts them.
    pub fn statements(&self, dialect: Dialect) -> Vec<(usize, usize)> {
        statement_spans(&self.text, dialect)
    }
}

/// The `*.sql` files of a directory, in name order.
pub fn sql_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    paths.sort();
    paths
}

/// Every statement of a psql script in both readings of its COPY data blocks (the rows, and the script psql
/// runs when the server rejects the COPY: `fklint::split::rejected_copy_reading`), each with the line psql
/// reports it at (the line of its `;`, or of its last character without one).
pub fn script_statements(text: &str) -> Vec<(usize, (usize, usize))> {
    let mut out = Vec::new();
    add_script_statements(text, fklint::split::split(text), 0, &mut out);
    out
}

fn add_script_statements(
    text: &str,
    pieces: Vec<fklint::split::Piece>,
    depth: usize,
    out: &mut Vec<(usize, (usize, usize))>,
) {
    for piece in pieces {
        if piece.kind == PieceKind::CopyData && depth < 4 {
            let reading = fklint::split::rejected_copy_reading(text, piece.span);
            add_script_statements(text, reading.pieces, depth + 1, out);
        }
        if piece.kind != PieceKind::Statement {
            continue;
        }
        let (start, end) = (piece.span.start, piece.span.end);
        let semicolon = text[end..]
            .find(|c: char| !c.is_whitespace())
            .filter(|&i| text[end + i..].starts_with(';'))
            .map_or(end.saturating_sub(1), |i| end + i);
        out.push((line_of(text, semicolon), (start, end)));
    }
}

/// `*.sql` of a directory, in name order.
pub fn load_fixtures(dir: &Path) -> Vec<Fixture> {
    let paths = sql_files(dir);
    let fixtures: Vec<Fixture> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            Fixture::parse(name.into_owned(), text)
        })
        .collect();
    assert!(!fixtures.is_empty(), "no fixtures in {}", dir.display());
    fixtures
}

/// Byte spans of the statements of a text, as fklint's splitter for the dialect cuts them.
pub fn statement_spans(text: &str, dialect: Dialect) -> Vec<(usize, usize)> {
    split_in(text, dialect)
        .into_iter()
        .filter(|p| p.kind == PieceKind::Statement)
        .map(|p| (p.span.start, p.span.end))
        .collect()
}

pub fn slices<'t>(text: &'t str, spans: &[(usize, usize)]) -> Vec<&'t str> {
    spans.iter().map(|&(s, e)| &text[s..e]).collect()
}

/// The findings whose start lies in a statement span.
pub fn findings_in(report: &Report, span: (usize, usize)) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.position.start >= span.0 && f.position.start <= span.1)
        .collect()
}

/// Applies edits from the end of the text backwards (they must not overlap).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.start, e.end)));
    let mut out = text.to_string();
    for edit in sorted {
        out.replace_range(edit.start..edit.end, &edit.replacement);
    }
    out
}

fn cell(text: &str, width: usize) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() > width {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fixture as fklint and the server see it.
pub struct Run<'f> {
    pub fixture: &'f Fixture,
    pub report: Report,
    pub spans: Vec<(usize, usize)>,
    pub verdicts: Vec<Verdict>,
}

/// Checks each fixture and applies it; the databases are dropped at once (only the verdicts are kept).
pub fn run_all<'f, J: Judge>(judge: &J, fixtures: &'f [Fixture]) -> Vec<Run<'f>> {
    let options = judge.options();
    fixtures
        .iter()
        .map(|fixture| {
            let spans = fixture.statements(options.dialect);
            let (_db, verdicts) = judge.apply(&slices(&fixture.text, &spans));
            assert_eq!(verdicts.len(), spans.len(), "{}", fixture.name);
            Run {
                fixture,
                report: fklint::check(&[fixture.source()], &options),
                spans,
                verdicts,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Error findings ⇔ rejections
// ---------------------------------------------------------------------------------------------------------------

/// Prints a table per fixture and returns the disagreements: a statement with an `error` finding that the server
/// accepts, or one the server rejects without an `error` finding (a syntax error fklint reports as FK001 is not
/// excused here: the dialect oracles have no syntax-error class to tell apart).
pub fn error_agreement(server: &str, runs: &[Run]) -> Vec<String> {
    let mut table = String::new();
    let mut disagreements = Vec::new();
    let (mut statements, mut rejected) = (0, 0);
    for run in runs {
        let text = &run.fixture.text;
        let _ = writeln!(table, "\n== {} — {}", run.fixture.name, run.fixture.about);
        for (i, (span, verdict)) in run.spans.iter().zip(&run.verdicts).enumerate() {
            let here = findings_in(&run.report, *span);
            let flagged = here.iter().any(|f| f.severity == Severity::Error);
            let agree = flagged == verdict.is_err();
            statements += 1;
            rejected += usize::from(verdict.is_err());
            let codes: Vec<String> = here
                .iter()
                .map(|f| format!("{}:{:?}", f.code, f.severity))
                .collect();
            let said = verdict.as_ref().err().map_or("ok", String::as_str);
            let line = line_of(text, span.0);
            let _ = writeln!(
                table,
                "  {:>3} {:>4}  {:<60} {:<30} {}",
                i + 1,
                line,
                cell(said, 60),
                codes.join(" "),
                if agree { "agree" } else { "DISAGREE" }
            );
            if !agree {
                let fklint_says = if flagged {
                    here.iter()
                        .filter(|f| f.severity == Severity::Error)
                        .map(|f| format!("{} error: {}", f.code, f.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                } else {
                    format!("no error (findings: {})", codes.join(" "))
                };
                disagreements.push(format!(
                    "{} statement {} (line {line}): {server} {}; fklint: {fklint_says}\n      {}",
                    run.fixture.name,
                    i + 1,
                    match verdict {
                        Ok(()) => "accepts it".to_string(),
                        Err(e) => format!("rejects it ({e})"),
                    },
                    cell(&one_line(&text[span.0..span.1]), 200)
                ));
            }
        }
    }
    println!("{table}");
    println!(
        "TOTAL: {} fixtures, {statements} statements, {rejected} rejected by {server}, {} disagreements",
        runs.len(),
        disagreements.len()
    );
    disagreements
}

/// The fixture headers: expected codes (at their lines), and `clean`.
pub fn expectations(server: &str, runs: &[Run]) -> Vec<String> {
    let mut problems = Vec::new();
    for run in runs {
        let name = &run.fixture.name;
        let found: Vec<String> = run
            .report
            .findings
            .iter()
            .map(|f| format!("{}@{}", f.code, f.position.line))
            .collect();
        for (code, line) in &run.fixture.expect {
            let hit = run.report.findings.iter().any(|f| {
                let code_ok = if code == "error" {
                    f.severity == Severity::Error
                } else {
                    f.code == code
                };
                code_ok && line.is_none_or(|l| f.position.line == l)
            });
            if !hit {
                let at = line.map(|l| format!(" on line {l}")).unwrap_or_default();
                problems.push(format!(
                    "{name}: expected {} finding{at}; fklint reported {found:?}",
                    if code == "error" { "an error" } else { code }
                ));
            }
        }
        if run.fixture.clean {
            for (i, verdict) in run.verdicts.iter().enumerate() {
                if let Err(e) = verdict {
                    problems.push(format!(
                        "{name}: marked clean, but {server} rejects statement {} ({e})",
                        i + 1
                    ));
                }
            }
            for f in run
                .report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
            {
                problems.push(format!(
                    "{name}: marked clean, but fklint reports {}@{}: {}",
                    f.code, f.position.line, f.message
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The FK graph
// ---------------------------------------------------------------------------------------------------------------

/// On every fixture the server accepts entirely: `fklint::schema` equals the server's foreign keys.
pub fn graph_agreement<J: Judge>(judge: &J, server: &str, runs: &[Run]) -> Vec<String> {
    let options = judge.options();
    let mut problems = Vec::new();
    let mut compared = 0;
    for run in runs.iter().filter(|r| r.verdicts.iter().all(Result::is_ok)) {
        compared += 1;
        let spans = &run.spans;
        let (db, _) = judge.apply(&slices(&run.fixture.text, spans));
        let theirs = judge.foreign_keys(&db);
        let ours = fklint_foreign_keys(&[run.fixture.source()], &options);
        problems.extend(graph_problems(
            &run.fixture.name,
            server,
            &ours,
            &theirs,
            judge.compares_names(),
        ));
    }
    println!(
        "graph: {compared} fixtures accepted entirely by {server} compared, {} differences",
        problems.len()
    );
    problems
}

/// The error findings of a corpus item's report, one line each.
pub fn error_lines(item: &str, report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "{item}: ERROR {} at {}:{}: {}",
                f.code, f.position.file, f.position.line, f.message
            )
        })
        .collect()
}

/// Missing and extra foreign keys, one line each.
pub fn graph_problems(
    what: &str,
    server: &str,
    ours: &[Fk],
    theirs: &[Fk],
    with_names: bool,
) -> Vec<String> {
    let (missing, extra) = diff_graphs(ours, theirs, with_names);
    let missing = missing
        .into_iter()
        .map(|l| format!("{what}: MISSING in fklint (only {server} has it): {l}"));
    let extra = extra
        .into_iter()
        .map(|l| format!("{what}: EXTRA in fklint ({server} does not have it): {l}"));
    missing.chain(extra).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Fixes
// ---------------------------------------------------------------------------------------------------------------

/// The same finding after a change: same code, same message.
fn still_there(report: &Report, finding: &Finding) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code == finding.code && f.message == finding.message)
}

/// Codes whose fix must leave a foreign key the server did not have before.
fn fix_adds_foreign_key(finding: &Finding) -> bool {
    finding.severity == Severity::Error
        && (finding.code.starts_with("FK1") || finding.code.starts_with("FK2"))
}

/// Every finding's fix, both forms:
/// - forward SQL runs cleanly on a database that ran the fixture, fklint's re-check of fixture + fix no longer
///   reports the finding (an error finding: reports no error in the fix, since the old statement is unchanged), no foreign key the server holds is unusable afterwards, an error finding's fix adds a
///   foreign key the server did not have, and (when the server accepted the whole fixture) the server's graph
///   equals fklint's for fixture + fix;
/// - the edited fixture clears the finding, the server rejects fewer statements when the finding marked a
///   rejected one (and never more), and when it accepts the edited text entirely its graph equals fklint's.
pub fn fix_agreement<J: Judge>(judge: &J, server: &str, runs: &[Run]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut tried = (0, 0);
    for run in runs {
        for finding in &run.report.findings {
            let Some(fix) = &finding.fix else { continue };
            // Advice on a statement the server rejects cannot be applied; the rejection is reported above.
            if finding.severity != Severity::Error && in_rejected(run, finding) {
                continue;
            }
            let label = format!(
                "{} {}@{} ({:?})",
                run.fixture.name, finding.code, finding.position.line, finding.severity
            );
            if let Some(sql) = &fix.sql {
                tried.0 += 1;
                problems.extend(
                    forward_fix(judge, server, run, finding, sql)
                        .into_iter()
                        .map(|p| format!("{label}: forward fix: {p}\n      {}", one_line(sql))),
                );
            }
            if !fix.edits.is_empty() {
                tried.1 += 1;
                problems.extend(
                    edit_fix(judge, server, run, finding, &fix.edits)
                        .into_iter()
                        .map(|p| format!("{label}: edit fix: {p}")),
                );
            }
        }
    }
    println!(
        "fixes: {} forward SQL and {} edit fixes tried, {} problems",
        tried.0,
        tried.1,
        problems.len()
    );
    problems
}

fn forward_fix<J: Judge>(
    judge: &J,
    server: &str,
    run: &Run,
    finding: &Finding,
    sql: &str,
) -> Vec<String> {
    let options = judge.options();
    let mut problems = Vec::new();
    let (db, _) = judge.apply(&slices(&run.fixture.text, &run.spans));
    let before = judge.foreign_keys(&db);
    let unusable_before = judge.unusable(&db);
    if let Err(e) = judge.run_script(&db, sql) {
        problems.push(format!("{server} rejects it: {e}"));
        return problems;
    }
    let after = judge.foreign_keys(&db);
    let sources = [run.fixture.source(), Source::new("fix.sql", sql)];
    let recheck = fklint::check(&sources, &options);
    // An error finding stays on its statement (the old migration is unchanged): the fix must bring no error of
    // its own. Any other finding must be gone.
    let in_fix: Vec<String> = recheck
        .findings
        .iter()
        .filter(|f| f.position.file == "fix.sql" && f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.code, f.message))
        .collect();
    if !in_fix.is_empty() {
        problems.push(format!(
            "fklint reports errors in the fix: {}",
            in_fix.join("; ")
        ));
    }
    if finding.severity != Severity::Error && still_there(&recheck, finding) {
        problems.push("fklint still reports the finding on fixture + fix".into());
    }
    let unusable_after = judge.unusable(&db);
    for broken in unusable_after
        .iter()
        .filter(|b| !unusable_before.contains(b))
    {
        problems.push(format!("afterwards {server} cannot use {broken}"));
    }
    // SQLite lists a foreign key it cannot use; a fix may make it usable (create the missing parent, a unique
    // index) rather than add one.
    let made_usable = unusable_after.len() < unusable_before.len();
    if fix_adds_foreign_key(finding) && !made_usable && after.iter().all(|fk| before.contains(fk)) {
        problems.push(format!(
            "{server} has no new foreign key afterwards (before: {})",
            before.len()
        ));
    }
    if run.verdicts.iter().all(Result::is_ok) {
        let ours = fklint_foreign_keys(&sources, &options);
        problems.extend(graph_problems(
            "graph after the fix",
            server,
            &ours,
            &after,
            judge.compares_names(),
        ));
    }
    problems
}

fn edit_fix<J: Judge>(
    judge: &J,
    server: &str,
    run: &Run,
    finding: &Finding,
    edits: &[Edit],
) -> Vec<String> {
    let options = judge.options();
    let mut problems = Vec::new();
    let foreign: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.file != run.fixture.name)
        .collect();
    if !foreign.is_empty() {
        problems.push(format!("edits another file: {foreign:?}"));
        return problems;
    }
    let edited = Fixture {
        text: apply_edits(&run.fixture.text, edits),
        ..run.fixture.clone()
    };
    let recheck = fklint::check(&[edited.source()], &options);
    if still_there(&recheck, finding) {
        problems.push("fklint still reports the finding on the edited text".into());
    }
    let spans = edited.statements(options.dialect);
    let (db, verdicts) = judge.apply(&slices(&edited.text, &spans));
    let rejected = |v: &[Verdict]| v.iter().filter(|v| v.is_err()).count();
    let (was, now) = (rejected(&run.verdicts), rejected(&verdicts));
    let marked_rejected = in_rejected(run, finding);
    // One fewer rejection is only owed when this finding is its statement's only error.
    let only_error = run.spans.iter().any(|span| {
        let here = findings_in(&run.report, *span);
        here.iter().any(|f| std::ptr::eq(*f, finding))
            && here
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count()
                == 1
    });
    if now > was
        || (marked_rejected && only_error && finding.severity == Severity::Error && now == was)
    {
        let errors: Vec<String> = spans
            .iter()
            .zip(&verdicts)
            .filter_map(|(span, v)| {
                let e = v.as_ref().err()?;
                Some(format!("line {}: {e}", line_of(&edited.text, span.0)))
            })
            .collect();
        problems.push(format!(
            "{server} rejected {was} statement(s) as written, {now} edited: {}",
            errors.join("; ")
        ));
    }
    if now == 0 {
        let ours = fklint_foreign_keys(&[edited.source()], &options);
        problems.extend(graph_problems(
            "graph of the edited text",
            server,
            &ours,
            &judge.foreign_keys(&db),
            judge.compares_names(),
        ));
    }
    problems
}

/// For fixtures where every error finding has an edit fix:
/// the edits of every error finding's fix, applied together (identical edits once): the server accepts the
/// whole edited text, fklint reports no error on it, and the server's foreign keys equal fklint's.
pub fn all_error_edits<J: Judge>(judge: &J, server: &str, runs: &[Run]) -> Vec<String> {
    let options = judge.options();
    let mut problems = Vec::new();
    for run in runs {
        // An error without an edit (no table to point at) cannot be fixed by edits: nothing to apply together.
        let unfixable = run.report.findings.iter().any(|f| {
            f.severity == Severity::Error && f.fix.as_ref().is_none_or(|fix| fix.edits.is_empty())
        });
        if unfixable {
            continue;
        }
        let mut edits: Vec<Edit> = Vec::new();
        for f in run
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            for edit in f.fix.iter().flat_map(|fix| &fix.edits) {
                if !edits.contains(edit) {
                    edits.push(edit.clone());
                }
            }
        }
        if edits.is_empty() {
            continue;
        }
        let name = &run.fixture.name;
        edits.sort_by_key(|e| (e.start, e.end));
        if edits.windows(2).any(|w| w[0].end > w[1].start) {
            problems.push(format!("{name}: the error fixes' edits overlap: {edits:?}"));
            continue;
        }
        let edited = Fixture {
            text: apply_edits(&run.fixture.text, &edits),
            ..run.fixture.clone()
        };
        let spans = edited.statements(options.dialect);
        let (db, verdicts) = judge.apply(&slices(&edited.text, &spans));
        for (span, verdict) in spans.iter().zip(&verdicts) {
            if let Err(e) = verdict {
                let line = line_of(&edited.text, span.0);
                problems.push(format!(
                    "{name}, all error fixes applied: {server} rejects line {line}: {e}\n      {}",
                    cell(&one_line(&edited.text[span.0..span.1]), 200)
                ));
            }
        }
        let recheck = fklint::check(&[edited.source()], &options);
        for f in recheck
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            problems.push(format!(
                "{name}, all error fixes applied: fklint still reports {}@{}: {}",
                f.code, f.position.line, f.message
            ));
        }
        let ours = fklint_foreign_keys(&[edited.source()], &options);
        let what = format!("{name}, all error fixes applied");
        let theirs = judge.foreign_keys(&db);
        problems.extend(graph_problems(
            &what,
            server,
            &ours,
            &theirs,
            judge.compares_names(),
        ));
    }
    problems
}

/// Whether the finding lies in a statement the server rejected.
fn in_rejected(run: &Run, finding: &Finding) -> bool {
    run.spans
        .iter()
        .zip(&run.verdicts)
        .any(|(span, v)| v.is_err() && (span.0..=span.1).contains(&finding.position.start))
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The whole oracle for one server: every fixture of `dir` applied and judged by every check above; fails with
/// every section that has problems.
pub fn oracle<J: Judge>(judge: &J, dir: &std::path::Path, server: &str) {
    let fixtures = load_fixtures(dir);
    let runs = run_all(judge, &fixtures);
    let disagree = format!("statement(s) where fklint's errors and {server}'s rejections disagree");
    let graph = format!("difference(s) between fklint's FK graph and {server}'s");
    finish(&[
        (disagree.as_str(), error_agreement(server, &runs)),
        (
            "fixture expectation(s) not met",
            expectations(server, &runs),
        ),
        (graph.as_str(), graph_agreement(judge, server, &runs)),
        ("fix problem(s)", fix_agreement(judge, server, &runs)),
        (
            "problem(s) with all error fixes' edits applied together",
            all_error_edits(judge, server, &runs),
        ),
    ]);
}

/// Fails with every section that has problems.
pub fn finish(sections: &[(&str, Vec<String>)]) {
    let mut failure = String::new();
    for (title, problems) in sections.iter().filter(|(_, p)| !p.is_empty()) {
        let _ = writeln!(
            failure,
            "\n{} {title}:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    assert!(failure.is_empty(), "{failure}");
}
