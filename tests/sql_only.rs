//! The browser's SQL-only module reads without sqlparser (issue 16: sqlparser is more than half of a wasm's
//! code). Its answer must be the full build's, or it must say it needs the full build: `fklint::check` and
//! `fklint::schema` with `Options::without_sqlparser` (which reads exactly as a build without the `sqlparser`
//! feature does) either say so (`Summary::needs_full_build`, `SchemaReport::needs_full_build`) or give the same
//! JSON, byte for byte, as the run with sqlparser.
//!
//! On the whole corpus (`../shared/corpus`), two ways:
//! - every project: the PostgreSQL items with their pre-steps (as `tests/corpus.rs` loads them), the MySQL and
//!   SQLite items in `ORDER.txt` order, the tools corpus laid out as its tool runs it (as the page lays out a
//!   dropped folder), the dialect detected as the page detects it;
//! - every `.sql` file alone (as one file pasted into the page or a widget), dialect detected.
//!
//! Prints how many the SQL-only module answers alone and the first statements that need the full build
//! (uncaptured, so they show on success); fails when fewer than 90% are answered alone. Missing corpus: a skip, unless `FKLINT_REQUIRE_CORPUS=1`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use fklint::layout::{self, LayoutOptions};
use fklint::{Options, Source};
use fklint_tests::corpus::{corpus_root_or_skip, postgres_items, read_order, read_project};

/// The pipeline recurses; debug builds use big frames (as in `tests/corpus.rs`).
const STACK: usize = 256 * 1024 * 1024;

/// What the SQL-only reading of one input gave.
enum Verdict {
    /// The full build's report and schema, byte for byte.
    Same,
    /// The run said it needs the full build; where (`file:line`), and the statement's first words.
    NeedsFull(String),
    /// A difference the run did not announce: a bug.
    Differs(String),
}

fn verdict(sources: &[Source], options: &Options) -> Verdict {
    let full = (
        fklint::check(sources, options),
        fklint::schema(sources, options),
    );
    let without = Options {
        without_sqlparser: true,
        ..options.clone()
    };
    let sql_only = (
        fklint::check(sources, &without),
        fklint::schema(sources, &without),
    );
    assert!(
        full.0.summary.needs_full_build.is_none() && full.1.needs_full_build.is_none(),
        "a build with sqlparser never needs the full build"
    );
    if let Some(at) = sql_only.0.summary.needs_full_build {
        return Verdict::NeedsFull(describe(sources, at));
    }
    if let Some(at) = sql_only.1.needs_full_build {
        return Verdict::Differs(format!(
            "schema() needs the full build at {} but check() did not say so",
            describe(sources, at)
        ));
    }
    let report = |r: &fklint::Report| serde_json::to_string_pretty(r).unwrap_or_default();
    let schema = |s: &fklint::SchemaReport| serde_json::to_string_pretty(s).unwrap_or_default();
    if report(&full.0) != report(&sql_only.0) {
        return Verdict::Differs(first_difference(&report(&full.0), &report(&sql_only.0)));
    }
    if schema(&full.1) != schema(&sql_only.1) {
        return Verdict::Differs(first_difference(&schema(&full.1), &schema(&sql_only.1)));
    }
    Verdict::Same
}

/// `file:line: first words of the statement`.
fn describe(sources: &[Source], at: fklint::source::Location) -> String {
    let Some(source) = sources.get(at.source) else {
        return format!("source {} (the platform preset)", at.source);
    };
    let before = source.text.get(..at.span.start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let head: String = source
        .text
        .get(at.span.start..)
        .unwrap_or("")
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{}:{line}: {}",
        source.name,
        head.chars().take(90).collect::<String>()
    )
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let around = |text: &str| {
        text.lines()
            .skip(line.saturating_sub(3))
            .take(7)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("with sqlparser:\n{}\nwithout:\n{}", around(a), around(b))
}

/// Runs `verdict` on a thread with room to spare.
fn verdict_on_thread(sources: Vec<Source>, options: Options) -> Verdict {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || verdict(&sources, &options))
        .unwrap()
        .join()
        .unwrap_or_else(|_| Verdict::Differs("fklint panicked".to_string()))
}

fn detected(sources: &[Source]) -> Options {
    let mut options = Options::default();
    fklint::driver::choose_dialect(&mut options, sources, None, None);
    options
}

/// Every project of the corpus: (name, sources, options).
fn projects(root: &Path) -> Vec<(String, Vec<Source>, Options)> {
    let mut out = Vec::new();
    for item in postgres_items() {
        let options = detected(&item.sources);
        out.push((format!("postgres/{}", item.name), item.sources, options));
    }
    for dialect in ["mysql", "sqlite"] {
        for dir in subdirectories(&root.join(dialect)) {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            let sources: Vec<Source> = read_order(&dir)
                .unwrap_or_else(|e| panic!("{e}"))
                .iter()
                .map(|rel| Source::new(format!("{name}/{rel}"), read(&dir.join(rel))))
                .collect();
            let options = detected(&sources);
            out.push((format!("{dialect}/{name}"), sources, options));
        }
    }
    for dialect in subdirectories(&root.join("tools")) {
        if dialect.ends_with("truth") {
            continue;
        }
        for dir in subdirectories(&dialect) {
            let files = read_project(&dir);
            let plan = layout::lay_out(
                &files,
                LayoutOptions {
                    tool: None,
                    dialect: None,
                },
            );
            let sources = plan.sources(&files);
            let mut options = Options::default();
            fklint::driver::choose_dialect(&mut options, &sources, None, plan.dialect);
            options.tool = Some(plan.choice.clone());
            let name = dir
                .strip_prefix(root)
                .unwrap_or(&dir)
                .to_string_lossy()
                .into_owned();
            out.push((name, sources, options));
        }
    }
    out
}

fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn sql_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for path in subdirectories(dir) {
        sql_files(&path, out);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    out.extend(files);
}

/// Tallies verdicts; returns the failures.
#[derive(Default)]
struct Tally {
    total: usize,
    alone: usize,
    needs_full: Vec<String>,
    differs: Vec<String>,
}

impl Tally {
    fn add(&mut self, name: &str, verdict: Verdict) {
        self.total += 1;
        match verdict {
            Verdict::Same => self.alone += 1,
            Verdict::NeedsFull(at) => self.needs_full.push(format!("{name}: {at}")),
            Verdict::Differs(diff) => self.differs.push(format!("{name}: {diff}")),
        }
    }

    /// Printed uncaptured, so it shows on success too.
    /// Fails when the SQL-only module answers less than 90% alone: most inputs must not pay for the full module.
    fn assert_mostly_alone(&self, what: &str) {
        assert!(
            self.alone * 10 >= self.total * 9,
            "{what}: the SQL-only module answers only {} of {} alone",
            self.alone,
            self.total
        );
    }

    fn print(&self, what: &str) {
        let mut out = format!(
            "== SQL-only module on the corpus, {what}: {} of {} answered alone ({:.1}%), {} need the full module, {} differ\n",
            self.alone,
            self.total,
            100.0 * self.alone as f64 / self.total.max(1) as f64,
            self.needs_full.len(),
            self.differs.len()
        );
        for line in self.needs_full.iter().take(12) {
            out += &format!("  needs the full module: {line}\n");
        }
        if self.needs_full.len() > 12 {
            out += &format!("  ... and {} more\n", self.needs_full.len() - 12);
        }
        let _ = std::io::stderr().lock().write_all(out.as_bytes());
    }
}

#[test]
fn every_corpus_project_reads_as_with_sqlparser_or_says_it_needs_it() {
    let Some(root) = corpus_root_or_skip("the SQL-only reading of the corpus projects") else {
        return;
    };
    let mut tally = Tally::default();
    for (name, sources, options) in projects(&root) {
        tally.add(&name, verdict_on_thread(sources, options));
    }
    tally.print("projects");
    assert!(
        tally.differs.is_empty(),
        "the SQL-only reading differs without saying so:\n{}",
        tally.differs.join("\n\n")
    );
    assert!(tally.total > 30, "only {} projects found", tally.total);
    tally.assert_mostly_alone("projects");
}

#[test]
fn every_corpus_sql_file_alone_reads_as_with_sqlparser_or_says_it_needs_it() {
    let Some(root) = corpus_root_or_skip("the SQL-only reading of the corpus files") else {
        return;
    };
    let mut files = Vec::new();
    sql_files(&root, &mut files);
    let mut tally = Tally::default();
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let sources = vec![Source::new(name.clone(), read(&path))];
        let options = detected(&sources);
        tally.add(&name, verdict_on_thread(sources, options));
    }
    tally.print("each .sql file alone");
    assert!(
        tally.differs.is_empty(),
        "the SQL-only reading differs without saying so:\n{}",
        tally.differs.join("\n\n")
    );
    assert!(tally.total > 3000, "only {} files found", tally.total);
    tally.assert_mostly_alone("files");
}
