//! Every rule's documented SQL examples are tests: an `expect_diagnostic` block must produce exactly one finding
//! of that rule, a `valid` block none. An SQL example is PostgreSQL unless its first line names another
//! dialect: `-- dialect: mysql` or `-- dialect: sqlite` (the names `--dialect` takes); the line stays in the
//! docs, so readers see which server the example is for. An SQL example of several files (each starting at a
//! `-- file: <name>` line) is a project: laid out as its migration tool runs it, and checked with its downs
//! (`fklint check --down`).

use fklint::layout::{lay_out, LayoutOptions};
use fklint::rules::registry;
use fklint::{check, check_down, Dialect, Options, Source};

/// One documented example: its marker, the dialect it is written for and the sources it stands for.
type Example<'d> = (&'d str, Dialect, Vec<Source>);

/// The server version an SQL example is judged for: a `-- target: postgres-14` line among its first two.
fn declared_target(sources: &[Source]) -> Option<fklint::server::ServerVersion> {
    let text = &sources.first()?.text;
    text.lines()
        .take(2)
        .filter_map(|line| line.trim().strip_prefix("--"))
        .filter_map(|rest| rest.trim().strip_prefix("target:"))
        .find_map(|name| fklint::server::ServerVersion::parse(name.trim()))
}

/// The dialect an SQL example declares on its first line (`-- dialect: mysql`), PostgreSQL otherwise.
fn declared_dialect(body: &[&str]) -> Dialect {
    body.first()
        .and_then(|line| line.trim().strip_prefix("--"))
        .and_then(|rest| rest.trim().strip_prefix("dialect:"))
        .and_then(|name| Dialect::parse(name.trim()))
        .unwrap_or_default()
}

/// The ```sql, ```python and ```prisma blocks of a rule's docs with their marker, each as the sources it stands for.
fn examples(docs: &str) -> Vec<Example<'_>> {
    let mut out = Vec::new();
    let mut lines = docs.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if let Some(marker) = line.strip_prefix("```prisma") {
            // A Prisma schema: its datasource names the dialect.
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            let sources = vec![Source::new("schema.prisma", body.join("\n"))];
            let dialect = fklint::resolve_dialect(&sources, None).0;
            out.push((marker.trim(), dialect, sources));
            continue;
        }
        let (marker, python) = match (line.strip_prefix("```sql"), line.strip_prefix("```python")) {
            (Some(marker), _) => (marker, false),
            (None, Some(marker)) => (marker, true),
            (None, None) => continue,
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let dialect = if python {
            Dialect::Postgres
        } else {
            declared_dialect(&body)
        };
        let sources = if python {
            python_files(&body, "# file:", "example.py")
        } else if body.iter().any(|l| l.trim().starts_with("-- file:")) {
            python_files(&body, "-- file:", "example.sql")
        } else {
            vec![Source::new("example.sql", body.join("\n"))]
        };
        out.push((marker.trim(), dialect, sources));
    }
    out
}

/// A Python example (or an SQL project) is one or more files, each starting at a `# file: <name>` (`-- file:
/// <name>`) line.
fn python_files(body: &[&str], marker: &str, unnamed: &str) -> Vec<Source> {
    let mut files: Vec<Source> = Vec::new();
    for line in body {
        if let Some(name) = line.trim().strip_prefix(marker) {
            files.push(Source::new(name.trim(), String::new()));
        } else if let Some(file) = files.last_mut() {
            file.text.push_str(line);
            file.text.push('\n');
        } else {
            files.push(Source::new(unnamed, format!("{line}\n")));
        }
    }
    files
}

#[test]
fn every_rule_has_a_failing_and_a_passing_example() {
    for rule in registry() {
        let kinds: Vec<&str> = examples(rule.docs)
            .iter()
            .map(|(kind, _, _)| *kind)
            .collect();
        assert!(
            kinds.contains(&"expect_diagnostic"),
            "{} has no expect_diagnostic example",
            rule.code
        );
        assert!(
            kinds.contains(&"valid"),
            "{} has no valid example",
            rule.code
        );
    }
}

#[test]
fn rule_examples_produce_exactly_what_they_say() {
    let mut failures = Vec::new();
    for rule in registry() {
        for (kind, dialect, sources) in examples(rule.docs) {
            let options = Options {
                dialect,
                target: declared_target(&sources),
                ..Options::default()
            };
            let report = if sources.len() > 1 && sources.iter().all(|s| s.name.ends_with(".sql")) {
                let plan = lay_out(&sources, LayoutOptions::default());
                let (sources, reverts) = plan.sources_with_downs(&sources);
                check_down(&sources, &reverts, &options)
            } else {
                check(&sources, &options)
            };
            let count = report
                .findings
                .iter()
                .filter(|f| f.code == rule.code)
                .count();
            let expected = usize::from(kind == "expect_diagnostic");
            if count != expected {
                let found: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.code, f.message))
                    .collect();
                let text: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
                failures.push(format!(
                    "{} {kind} ({}): expected {expected} finding(s), got {count}\n{}\n{found:#?}",
                    rule.code,
                    dialect.name(),
                    text.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
