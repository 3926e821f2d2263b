//! Snapshot tests of rendered findings with their fixes, one snapshot per fixture (DESIGN.md, "Habits").
//!
//! Fixtures live in `tests/fixtures/<CODE>/`, one folder per rule code of the registry:
//!
//! - `<CODE>/<name>.sql` is a migration that must produce at least one finding of `<CODE>`; `<name>.py` is
//!   SQLAlchemy models or an Alembic migration, `<name>.ts` a Drizzle schema module, `<name>.prisma` a Prisma
//!   schema, `<name>.rb` a Rails schema dump and a folder of `.php` files Laravel migrations, read the same way;
//! - `<CODE>/<name>/` is a fixture made of several migrations, its `*.sql` files run in order of name (number
//!   them with leading zeros or timestamps, as migration tools do); a folder of `.ts` modules is one Drizzle schema;
//! - a fixture folder whose migration tool has down parts (goose and dbmate sections, `.down.sql` files, ...) is
//!   laid out as its tool runs it and checked with its downs, as `fklint check --down` does;
//! - `<CODE>/valid/...` holds fixtures (files or folders) that look wrong but are valid: they must produce no
//!   finding of `<CODE>` (findings of other rules are allowed, and snapshotted too).
//!
//! Each fixture's findings are rendered as text (message, the source under the primary span, related
//! locations, the fix as a before/after of the changed lines, the forward SQL) and compared with
//! `tests/snapshots/<CODE>__[valid__]<name>.snap`. Create or update them with
//! `INSTA_UPDATE=always cargo test -p fklint --test snapshots` (or `cargo insta review`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fklint::diagnostic::{Edit, Finding, Position};
use fklint::layout::{lay_out, LayoutOptions};
use fklint::{check, check_down, Options, Source};

/// A fixture is PostgreSQL unless its first file starts with `-- dialect: mysql|sqlite`; a `-- target:
/// mariadb-10.11` line after it sets the server version. A Drizzle, Prisma or Rails fixture is in the dialect
/// its schema declares (the table function, the datasource provider, PostgreSQL's extensions).
fn options_for(sources: &[Source]) -> Options {
    let orm = sources.iter().any(|s| {
        [".ts", ".prisma", ".rb", ".php"]
            .iter()
            .any(|ext| s.name.ends_with(ext))
    });
    if orm {
        return Options {
            dialect: fklint::resolve_dialect(sources, None).0,
            ..Options::default()
        };
    }
    let header = |key: &str| {
        sources.first().and_then(|s| {
            s.text
                .lines()
                .take(2)
                .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
        })
    };
    Options {
        dialect: header("-- dialect:")
            .and_then(|name| fklint::Dialect::parse(&name))
            .unwrap_or_default(),
        target: header("-- target:").and_then(|v| fklint::server::ServerVersion::parse(&v)),
        ..Options::default()
    }
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One fixture: a single `.sql` file or a folder of them.
struct Fixture {
    /// The rule folder, e.g. `FK101`.
    code: String,
    /// Under `<CODE>/valid/`.
    valid: bool,
    /// Path relative to the fixtures root, with `/` separators, e.g. `FK101/valid/self_reference.sql`.
    path: String,
    sources: Vec<Source>,
}

impl Fixture {
    /// `FK101/valid/self_reference.sql` → `FK101__valid__self_reference`.
    fn snapshot_name(&self) -> String {
        self.path
            .trim_end_matches(".sql")
            .trim_end_matches(".py")
            .trim_end_matches(".ts")
            .trim_end_matches(".prisma")
            .trim_end_matches(".rb")
            .trim_end_matches(".php")
            .replace('/', "__")
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    entries
}

fn is_sql(path: &Path) -> bool {
    path.is_file()
        && path.extension().is_some_and(|e| {
            matches!(
                e.to_str(),
                Some("sql" | "py" | "ts" | "prisma" | "rb" | "php")
            )
        })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

fn read_source(path: &Path) -> Source {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Source::new(file_name(path), text)
}

/// A `.sql` file is a fixture of one source; a folder is a fixture of its `.sql` files, in order of name.
fn load_fixture(path: &Path, code: &str, valid: bool, relative: String) -> Option<Fixture> {
    let sources = if is_sql(path) {
        vec![read_source(path)]
    } else if path.is_dir() {
        let files: Vec<PathBuf> = sorted_entries(path)
            .into_iter()
            .filter(|p| is_sql(p))
            .collect();
        assert!(
            !files.is_empty(),
            "fixture folder {relative} has no .sql files"
        );
        files.iter().map(|p| read_source(p)).collect()
    } else {
        return None;
    };
    Some(Fixture {
        code: code.to_string(),
        valid,
        path: relative,
        sources,
    })
}

fn discover() -> Vec<Fixture> {
    let mut fixtures = Vec::new();
    for rule_dir in sorted_entries(&fixtures_root()) {
        if !rule_dir.is_dir() {
            continue;
        }
        let code = file_name(&rule_dir);
        for entry in sorted_entries(&rule_dir) {
            let name = file_name(&entry);
            if name == "valid" && entry.is_dir() {
                for valid in sorted_entries(&entry) {
                    let relative = format!("{code}/valid/{}", file_name(&valid));
                    fixtures.extend(load_fixture(&valid, &code, true, relative));
                }
            } else {
                let relative = format!("{code}/{name}");
                fixtures.extend(load_fixture(&entry, &code, false, relative));
            }
        }
    }
    fixtures
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

fn text_of<'a>(sources: &'a [Source], file: &str) -> Option<&'a str> {
    sources
        .iter()
        .find(|s| s.name == file)
        .map(|s| s.text.as_str())
}

fn location(p: &Position) -> String {
    format!(
        "{}:{}:{}-{}:{}",
        p.file, p.line, p.column, p.end_line, p.end_column
    )
}

/// The byte offset where the line containing `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The byte offset where the line containing `offset` ends (its `\n`, or the end of the text).
fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |i| offset + i)
}

fn line_number(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// The source lines under a span, with line numbers; a one-line span is underlined with `^`, every line of a
/// longer span is marked with `>`.
fn excerpt(out: &mut String, sources: &[Source], p: &Position, indent: &str) {
    let Some(text) = text_of(sources, &p.file) else {
        let _ = writeln!(out, "{indent}(no source named `{}`)", p.file);
        return;
    };
    if p.start > p.end
        || p.end > text.len()
        || !text.is_char_boundary(p.start)
        || !text.is_char_boundary(p.end)
    {
        let _ = writeln!(
            out,
            "{indent}(span {}..{} does not fit `{}`)",
            p.start, p.end, p.file
        );
        return;
    }
    // A span ending just after a line break does not cover the next line.
    let last = if p.end > p.start && text[..p.end].ends_with('\n') {
        p.end - 1
    } else {
        p.end
    };
    let first_line = line_start(text, p.start);
    let last_line = line_end(text, last);
    let block = &text[first_line..last_line];
    let first_number = line_number(text, p.start);
    let lines: Vec<&str> = block.split('\n').collect();
    if lines.len() == 1 {
        let line = lines[0];
        let before = text[first_line..p.start].chars().count();
        let width = text[p.start..p.end].chars().count();
        let _ = writeln!(out, "{indent}{first_number:>4} | {}", line.trim_end());
        let marker = if width == 0 {
            "^ (empty span: an insertion point)".to_string()
        } else {
            "^".repeat(width)
        };
        let _ = writeln!(out, "{indent}     | {}{marker}", " ".repeat(before));
        return;
    }
    let shown: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (first_number + i, *l))
        .collect();
    let elide = shown.len() > 12;
    for (i, (number, line)) in shown.iter().enumerate() {
        if elide && (6..shown.len() - 4).contains(&i) {
            if i == 6 {
                let _ = writeln!(out, "{indent}     > ...");
            }
            continue;
        }
        let _ = writeln!(
            out,
            "{}",
            format!("{indent}{number:>4} > {line}").trim_end()
        );
    }
}

/// An edit as a before/after of the lines it changes.
fn render_edit(out: &mut String, sources: &[Source], edit: &Edit) {
    let Some(text) = text_of(sources, &edit.file) else {
        let _ = writeln!(out, "      (edit of unknown file `{}`)", edit.file);
        return;
    };
    if edit.start > edit.end
        || edit.end > text.len()
        || !text.is_char_boundary(edit.start)
        || !text.is_char_boundary(edit.end)
    {
        let _ = writeln!(
            out,
            "      (edit {}..{} does not fit `{}`)",
            edit.start, edit.end, edit.file
        );
        return;
    }
    let from = line_start(text, edit.start);
    let to = line_end(text, edit.end);
    let before = &text[from..to];
    let after = format!(
        "{}{}{}",
        &text[from..edit.start],
        edit.replacement,
        &text[edit.end..to]
    );
    let _ = writeln!(
        out,
        "    edit {} line {} (bytes {}..{}):",
        edit.file,
        line_number(text, edit.start),
        edit.start,
        edit.end
    );
    // Lines the edit leaves as they are (at either end) are context, marked `|`; then `-` before, `+` after.
    let before: Vec<&str> = before.split('\n').collect();
    let after: Vec<&str> = after.split('\n').collect();
    let prefix = before
        .iter()
        .zip(&after)
        .take_while(|(b, a)| b == a)
        .count();
    let suffix = before[prefix..]
        .iter()
        .rev()
        .zip(after[prefix..].iter().rev())
        .take_while(|(b, a)| b == a)
        .count();
    for line in &before[..prefix] {
        let _ = writeln!(out, "      |{}", prefixed(line));
    }
    for line in &before[prefix..before.len() - suffix] {
        let _ = writeln!(out, "      -{}", prefixed(line));
    }
    for line in &after[prefix..after.len() - suffix] {
        let _ = writeln!(out, "      +{}", prefixed(line));
    }
    if before.len() == prefix + suffix && after.len() == prefix + suffix {
        let _ = writeln!(out, "      (no change)");
    }
    for line in &before[before.len() - suffix..] {
        let _ = writeln!(out, "      |{}", prefixed(line));
    }
}

fn prefixed(line: &str) -> String {
    let line = line.trim_end();
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// The sources with every edit of a fix applied, or why they cannot be applied.
fn apply_edits(sources: &[Source], edits: &[Edit]) -> Result<Vec<Source>, String> {
    let mut by_file: BTreeMap<&str, Vec<&Edit>> = BTreeMap::new();
    for edit in edits {
        by_file.entry(edit.file.as_str()).or_default().push(edit);
    }
    let mut out = sources.to_vec();
    for (file, mut edits) in by_file {
        let Some(source) = out.iter_mut().find(|s| s.name == file) else {
            return Err(format!("no source named `{file}`"));
        };
        edits.sort_by_key(|e| (e.start, e.end));
        for pair in edits.windows(2) {
            if pair[1].start < pair[0].end {
                return Err(format!(
                    "edits {}..{} and {}..{} of `{file}` overlap",
                    pair[0].start, pair[0].end, pair[1].start, pair[1].end
                ));
            }
        }
        for edit in edits.iter().rev() {
            if edit.end > source.text.len()
                || !source.text.is_char_boundary(edit.start)
                || !source.text.is_char_boundary(edit.end)
            {
                return Err(format!(
                    "edit {}..{} does not fit `{file}`",
                    edit.start, edit.end
                ));
            }
            source
                .text
                .replace_range(edit.start..edit.end, &edit.replacement);
        }
    }
    Ok(out)
}

fn count_codes(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for f in findings {
        *counts.entry(f.code).or_insert(0) += 1;
    }
    counts
}

/// What checking again after applying only this fix's edits says: the count of this finding's code before and
/// after, and any code that appears or grows.
fn recheck(sources: &[Source], before: &[Finding], finding: &Finding, edits: &[Edit]) -> String {
    let fixed = match apply_edits(sources, edits) {
        Ok(fixed) => fixed,
        Err(why) => return format!("edits cannot be applied: {why}"),
    };
    let after = check(&fixed, &options_for(&fixed)).findings;
    let (before_counts, after_counts) = (count_codes(before), count_codes(&after));
    let count = |counts: &BTreeMap<&str, usize>, code: &str| counts.get(code).copied().unwrap_or(0);
    let mut line = format!(
        "{} {} → {}",
        finding.code,
        count(&before_counts, finding.code),
        count(&after_counts, finding.code)
    );
    let grown: Vec<String> = after_counts
        .iter()
        .filter(|(code, n)| **code != finding.code && **n > count(&before_counts, code))
        .map(|(code, n)| format!("{code} {} → {n}", count(&before_counts, code)))
        .collect();
    if !grown.is_empty() {
        let _ = write!(line, "; new: {}", grown.join(", "));
    }
    line
}

/// What fklint says about a fixture: with its downs when its tool has some (FK602's fixtures).
fn check_fixture(sources: &[Source]) -> fklint::Report {
    let options = options_for(sources);
    let plan = lay_out(sources, LayoutOptions::default());
    if sources.len() > 1 && !plan.downs.is_empty() {
        let (laid, reverts) = plan.sources_with_downs(sources);
        return check_down(&laid, &reverts, &options);
    }
    check(sources, &options)
}

fn render(fixture: &Fixture) -> String {
    let report = check_fixture(&fixture.sources);
    let mut out = String::new();
    let names: Vec<&str> = fixture.sources.iter().map(|s| s.name.as_str()).collect();
    let s = &report.summary;
    let _ = writeln!(out, "fixture: {}", fixture.path);
    let _ = writeln!(out, "files: {}", names.join(", "));
    let _ = writeln!(
        out,
        "summary: {} statement(s), {} unparsed, {} skipped, {} table(s), {} foreign key(s), {} finding(s)",
        s.statements,
        s.unparsed,
        s.skipped,
        s.tables,
        s.foreign_keys,
        report.findings.len()
    );
    for finding in &report.findings {
        out.push('\n');
        let _ = writeln!(
            out,
            "{} {} {} {}",
            finding.code,
            finding.severity.as_str(),
            location(&finding.position),
            finding.message
        );
        excerpt(&mut out, &fixture.sources, &finding.position, "  ");
        for related in &finding.related {
            let _ = writeln!(
                out,
                "  related: {} {}",
                location(&related.position),
                related.message
            );
            excerpt(&mut out, &fixture.sources, &related.position, "    ");
        }
        match &finding.fix {
            None => {
                let _ = writeln!(out, "  fix: none");
            }
            Some(fix) => {
                let _ = writeln!(out, "  fix: {}", fix.title);
                for edit in &fix.edits {
                    render_edit(&mut out, &fixture.sources, edit);
                }
                if fix.edits.is_empty() {
                    let _ = writeln!(out, "    (no edits)");
                }
                match &fix.sql {
                    Some(sql) => {
                        let _ = writeln!(out, "    forward sql:");
                        for line in sql.lines() {
                            let _ = writeln!(out, "      {}", line.trim_end());
                        }
                    }
                    None => {
                        let _ = writeln!(out, "    forward sql: none");
                    }
                }
                if !fix.edits.is_empty() {
                    let _ = writeln!(
                        out,
                        "    check again with the edits applied: {}",
                        recheck(&fixture.sources, &report.findings, finding, &fix.edits)
                    );
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// Tests

#[test]
fn every_rule_has_fixtures() {
    let fixtures = discover();
    let codes: Vec<&str> = fklint::rules::registry().iter().map(|m| m.code).collect();
    let mut problems = Vec::new();
    for fixture in &fixtures {
        if !codes.contains(&fixture.code.as_str()) {
            problems.push(format!(
                "{}: `{}` is not a rule code of the registry",
                fixture.path, fixture.code
            ));
        }
    }
    for code in &codes {
        let of_rule: Vec<&Fixture> = fixtures.iter().filter(|f| f.code == *code).collect();
        let valid = of_rule.iter().filter(|f| f.valid).count();
        if of_rule.len() < 2 || valid == 0 || valid == of_rule.len() {
            problems.push(format!(
                "{code}: {} fixture(s), {valid} of them valid; want at least one of each",
                of_rule.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixtures_find_what_they_are_about() {
    let mut problems = Vec::new();
    for fixture in discover() {
        let report = check_fixture(&fixture.sources);
        let of_rule = report
            .findings
            .iter()
            .filter(|f| f.code == fixture.code)
            .count();
        if fixture.valid && of_rule > 0 {
            problems.push(format!(
                "{}: valid fixture has {of_rule} finding(s) of {}",
                fixture.path, fixture.code
            ));
        }
        if !fixture.valid && of_rule == 0 {
            problems.push(format!(
                "{}: no finding of {} (a snapshot must not silently become empty)",
                fixture.path, fixture.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A renamed or removed fixture must not leave its snapshot behind.
#[test]
fn every_snapshot_has_a_fixture() {
    let names: Vec<String> = discover().iter().map(Fixture::snapshot_name).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let orphans: Vec<String> = entries
        .filter_map(|entry| entry.ok().map(|e| file_name(&e.path())))
        .filter_map(|name| name.strip_suffix(".snap").map(str::to_string))
        .filter(|name| !names.contains(name))
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture (delete them): {}",
        orphans.join(", ")
    );
}

#[test]
fn rendered_findings() {
    let fixtures = discover();
    assert!(!fixtures.is_empty(), "no fixtures found");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    let mut failed = Vec::new();
    for fixture in &fixtures {
        let rendered = render(fixture);
        let name = fixture.snapshot_name();
        // Check every fixture before failing, so one run writes or reports all snapshots.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered));
        }));
        if result.is_err() {
            failed.push(fixture.path.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots differ for:\n{}",
        failed.join("\n")
    );
}

/// Rules about no table: an unreadable statement, suppression comments, a migration chain.
/// FK110 is about statements of a transaction block, not a table.
const ABOUT_NO_TABLE: &[&str] = &["FK001", "FK002", "FK003", "FK110", "FK601", "FK610"];

/// Every finding names the table it is about, findings about a reference name what it points at, and the names
/// are the schema's (renderers join them with `schema()`'s tables, never reading the message).
#[test]
fn findings_name_what_they_are_about() {
    let mut problems = Vec::new();
    for fixture in discover() {
        let options = options_for(&fixture.sources);
        let report = check(&fixture.sources, &options);
        // The catalog's tables: the schema report's, and the platform's (`auth.users`).
        let catalog = fklint::analyze(&fixture.sources, &options).catalog;
        let in_schema = |schema: &str, table: &str| {
            catalog
                .tables
                .iter()
                .any(|t| t.name.schema == schema && t.name.name == table)
        };
        for finding in &report.findings {
            let at = format!(
                "{} {} {}",
                fixture.path,
                finding.code,
                location(&finding.position)
            );
            let about = &finding.about;
            if ABOUT_NO_TABLE.contains(&finding.code) {
                if about.subject.is_some() || about.referenced.is_some() {
                    problems.push(format!("{at}: names a table, but the rule is about none"));
                }
                continue;
            }
            match &about.subject {
                None => problems.push(format!("{at}: no subject")),
                Some(subject) if subject.table.is_empty() => {
                    problems.push(format!("{at}: a subject without a table"))
                }
                Some(_) => {}
            }
            let about_a_reference =
                finding.code.starts_with("FK1") || finding.code.starts_with("FK2");
            // FK203 compares a table's own columns; FK113 is about a table with checks pending; FK112 also
            // judges a table's own syntax, a key or an ALTER CONSTRAINT written in newer syntax.
            if about_a_reference
                && about.referenced.is_none()
                && !matches!(finding.code, "FK203" | "FK113" | "FK112")
            {
                problems.push(format!(
                    "{at}: about a reference, but names no referenced table"
                ));
            }
            if let Some(referenced) = &about.referenced {
                let missing = matches!(finding.code, "FK101" | "FK105" | "FK303");
                if referenced.exists == missing && finding.severity == fklint::Severity::Error {
                    problems.push(format!(
                        "{at}: referenced `{}` exists: {}",
                        referenced.table, referenced.exists
                    ));
                }
                if referenced.exists && !in_schema(&referenced.schema, &referenced.table) {
                    problems.push(format!(
                        "{at}: referenced `{}.{}` is not a table of the schema",
                        referenced.schema, referenced.table
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
