//! `fklint check --down` judged by PostgreSQL. For every step of a project that has a down part, PostgreSQL
//! runs the ups up to that step, then (in a copy of that database, `CREATE DATABASE ... TEMPLATE`) the step's
//! down, and says whether it rejects the down and whether the foreign keys (`pg_constraint`, compared without
//! their names) are what they were before the step's up. fklint, given the same project laid out by its tool
//! (`Plan::sources_with_downs`), must agree:
//! - an error finding in a down exactly when PostgreSQL rejects it (a syntax error that fklint reports as
//!   FK001 is excused, as in `oracle.rs`);
//! - on the fixtures (`tests/oracle/down/<name>/`, small projects of each tool, and the rule docs' examples
//!   made of several files), FK602 exactly when the keys differ after a down PostgreSQL accepts;
//! - on the real projects of `../shared/corpus/tools/postgres/`, no error on a down PostgreSQL accepts and no
//!   FK602 where the keys come back (a difference fklint cannot see, behind a statement it could not read, is
//!   counted, not failed).
//!
//! Without PostgreSQL the tests skip, unless `FKLINT_REQUIRE_PG=1`; without the corpus its test skips.

use std::path::{Path, PathBuf};

use fklint::layout::{lay_out, LayoutOptions};
use fklint::{Dialect, Options, Report, Severity, Source};
use fklint_tests::corpus::{corpus_root_or_skip, read_project};
use fklint_tests::judge;
use fklint_tests::pg::{PgError, PgServer};

/// sqlparser recurses; debug builds use big frames (as in `tests/corpus.rs`).
const STACK: usize = 256 * 1024 * 1024;

/// What PostgreSQL and fklint say about one down.
#[derive(Debug)]
struct Verdict {
    /// The step it reverts.
    step: String,
    rejected: Option<PgError>,
    /// After a down PostgreSQL accepts: whether the foreign keys differ from before the step.
    differs: bool,
    /// fklint's findings located in the down: `code severity`.
    findings: Vec<(&'static str, Severity)>,
    /// FK602's forward SQL run after the down: whether the keys are then what they were before the step.
    fix_restores: Option<bool>,
}

impl Verdict {
    fn fklint_rejects(&self) -> bool {
        self.findings.iter().any(|(_, s)| *s == Severity::Error)
    }

    fn fk602(&self) -> bool {
        self.findings.iter().any(|(code, _)| *code == "FK602")
    }

    /// PostgreSQL's syntax error on a statement fklint could not read (FK001): fklint judges keys, not syntax.
    fn excused(&self) -> bool {
        self.rejected
            .as_ref()
            .is_some_and(|e| e.sqlstate == "42601")
            && !self.fklint_rejects()
            && self.findings.iter().any(|(code, _)| *code == "FK001")
    }

    /// Disagreement on rejection, as a line; `None` when they agree.
    fn rejection_problem(&self, project: &str) -> Option<String> {
        let agree = self.rejected.is_some() == self.fklint_rejects() || self.excused();
        (!agree).then(|| {
            format!(
                "{project}: down of {}: PostgreSQL {}, fklint {:?}",
                self.step,
                self.rejected
                    .as_ref()
                    .map_or("accepts it".to_string(), |e| format!("rejects it ({e})")),
                self.findings
            )
        })
    }
}

/// Whether a down part holds more than blanks and `--` comments.
fn has_statement(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with("--"))
}

/// The foreign keys of a database as `table definition` lines, without constraint names, sorted.
const FOREIGN_KEYS: &str = "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) \
                            FROM pg_constraint WHERE contype = 'f' ORDER BY 1";

fn foreign_keys(server: &PgServer, db: &str) -> Vec<String> {
    server
        .script_rows(db, &format!("{FOREIGN_KEYS};\n"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Whether a down can run inside a transaction this test rolls back: no transaction control of its own and
/// nothing PostgreSQL refuses in a transaction (a `BEGIN` in a function body only costs a copy).
fn runs_in_a_rolled_back_transaction(text: &str) -> bool {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n")
        .to_ascii_uppercase();
    [
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "START TRANSACTION",
        "CONCURRENTLY",
        "VACUUM",
    ]
    .iter()
    .all(|word| !code.contains(word))
}

/// Runs the down `parts` on the database as it is after the step: PostgreSQL's error, or the foreign keys after
/// it. In a transaction rolled back when the down allows it, else in a copy of the database.
fn run_down(server: &PgServer, db: &str, parts: &[&str]) -> Result<Vec<String>, PgError> {
    if parts.iter().all(|p| runs_in_a_rolled_back_transaction(p)) {
        // `;` after each part: a last statement without one (dbmate's habit) ends there.
        let script = format!(
            "BEGIN;\n{}\n;\n{FOREIGN_KEYS};\nROLLBACK;\n",
            parts.join("\n;\n")
        );
        return server.script_rows(db, &script);
    }
    let copy = format!("{db}_down");
    server.exec("postgres", &format!("CREATE DATABASE {copy} TEMPLATE {db}"))?;
    let result = parts
        .iter()
        .try_for_each(|part| server.exec(&copy, part))
        .map(|()| foreign_keys(server, &copy));
    let _ = server.exec("postgres", &format!("DROP DATABASE {copy}"));
    result
}

/// Lays the project out, checks it with its downs, and replays it in PostgreSQL: one verdict per down.
fn judge_project(
    server: &PgServer,
    name: &str,
    files: Vec<Source>,
) -> Result<Vec<Verdict>, String> {
    let plan = lay_out(
        &files,
        LayoutOptions {
            tool: None,
            dialect: Some(Dialect::Postgres),
        },
    );
    let (mut sources, reverts) = plan.sources_with_downs(&files);
    // Down parts get names of their own, so a finding tells which part it is in.
    for (part, revert) in reverts.iter().enumerate() {
        let source = &mut sources[revert.down];
        source.name = format!("{} (down {part})", source.name);
    }
    let steps = plan.steps.len();
    let checked = sources.clone();
    let revert_list = reverts.clone();
    let report: Report = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let options = Options {
                dialect: Dialect::Postgres,
                ..Options::default()
            };
            fklint::check_down(&checked, &revert_list, &options)
        })
        .unwrap()
        .join()
        .map_err(|_| format!("{name}: fklint panicked"))?;
    let db = server.create_database();
    let mut verdicts = Vec::new();
    for step in 0..steps {
        let before = foreign_keys(server, &db);
        server
            .exec(&db, &sources[step].text)
            .map_err(|e| format!("{name}: the up of {} fails: {e}", sources[step].name))?;
        // A down with no statement is one nobody wrote: fklint does not check it, nor does this test.
        let parts: Vec<usize> = reverts
            .iter()
            .filter(|r| r.up == step)
            .map(|r| r.down)
            .collect();
        if !parts.iter().any(|&p| has_statement(&sources[p].text)) {
            continue;
        }
        if parts.is_empty() {
            continue;
        }
        let texts: Vec<&str> = parts.iter().map(|&p| sources[p].text.as_str()).collect();
        let (rejected, differs) = match run_down(server, &db, &texts) {
            Ok(after) => (None, after != before),
            Err(error) => (Some(error), false),
        };
        let names: Vec<&str> = parts.iter().map(|&p| sources[p].name.as_str()).collect();
        let fix = report
            .findings
            .iter()
            .filter(|f| f.code == "FK602" && names.contains(&f.position.file.as_str()))
            .find_map(|f| f.fix.as_ref().and_then(|fix| fix.sql.clone()));
        let fix_restores = fix.map(|sql| {
            let with_fix: Vec<&str> = texts.iter().copied().chain([sql.as_str()]).collect();
            run_down(server, &db, &with_fix).is_ok_and(|after| after == before)
        });
        verdicts.push(Verdict {
            step: sources[step].name.clone(),
            rejected,
            differs,
            findings: report
                .findings
                .iter()
                .filter(|f| names.contains(&f.position.file.as_str()))
                .map(|f| (f.code, f.severity))
                .collect(),
            fix_restores,
        });
    }
    Ok(verdicts)
}

/// The rule docs' examples that are projects (`-- file: NAME` lines start each file), as fixtures.
fn doc_projects() -> Vec<(String, Vec<Source>)> {
    let mut out = Vec::new();
    for rule in fklint::rules::registry() {
        let mut lines = rule.docs.lines();
        while let Some(line) = lines.next() {
            let Some(marker) = line.trim().strip_prefix("```sql") else {
                continue;
            };
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            let mut files: Vec<Source> = Vec::new();
            for line in &body {
                match line.trim().strip_prefix("-- file:") {
                    Some(name) => files.push(Source::new(name.trim(), String::new())),
                    None => {
                        if let Some(file) = files.last_mut() {
                            file.text.push_str(line);
                            file.text.push('\n');
                        }
                    }
                }
            }
            if !files.is_empty() {
                out.push((format!("doc {} {}", rule.code, marker.trim()), files));
            }
        }
    }
    out
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle/down");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}

#[test]
fn downs_of_the_fixtures_are_judged_as_postgresql_judges_them() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let mut problems = Vec::new();
    let (mut downs, mut rejected, mut differing, mut fixed) = (0, 0, 0, 0);
    let projects = fixtures()
        .into_iter()
        .map(|(name, dir)| (name, read_project(&dir)))
        .chain(doc_projects());
    for (name, files) in projects {
        let verdicts = match judge_project(&server, &name, files) {
            Ok(verdicts) => verdicts,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for verdict in &verdicts {
            println!("{name}: {verdict:?}");
            downs += 1;
            rejected += usize::from(verdict.rejected.is_some());
            differing += usize::from(verdict.differs);
            problems.extend(verdict.rejection_problem(&name));
            if verdict.fix_restores == Some(false) {
                problems.push(format!(
                    "{name}: down of {}: FK602's forward SQL does not bring the keys back in PostgreSQL",
                    verdict.step
                ));
            }
            fixed += usize::from(verdict.fix_restores == Some(true));
            if verdict.rejected.is_none() && verdict.differs != verdict.fk602() {
                problems.push(format!(
                    "{name}: down of {}: the keys {} after it in PostgreSQL, fklint {:?}",
                    verdict.step,
                    if verdict.differs {
                        "differ"
                    } else {
                        "are the same"
                    },
                    verdict.findings
                ));
            }
        }
    }
    println!("{downs} downs: {rejected} rejected by PostgreSQL, {differing} accepted with different keys");
    // The fixtures show both kinds and the downs that are right: a test that could not fail would show none.
    println!("FK602's forward SQL brings the keys back after {fixed} downs");
    assert!(rejected >= 3 && differing >= 3 && downs >= rejected + differing + 3 && fixed >= 3);
    judge::finish(&[("down verdict(s) that differ from PostgreSQL's", problems)]);
}

#[test]
fn downs_of_the_tools_corpus_that_postgresql_accepts_get_no_error() {
    let Some(root) = corpus_root_or_skip("the tools corpus") else {
        return;
    };
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let dir = root.join("tools/postgres");
    let mut items: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    items.sort();
    let mut problems = Vec::new();
    for item in items {
        let verdicts = match judge_project(&server, &item, read_project(&dir.join(&item))) {
            Ok(verdicts) => verdicts,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let count = |f: &dyn Fn(&Verdict) -> bool| verdicts.iter().filter(|v| f(v)).count();
        println!(
            "== tools/postgres/{item}: {} downs; PostgreSQL rejects {} (fklint errors on {}, FK001 on {} more); \
             accepts {} with different keys (FK602 on {}); FK602 on {} downs after which the keys are the same",
            verdicts.len(),
            count(&|v| v.rejected.is_some()),
            count(&|v| v.rejected.is_some() && v.fklint_rejects()),
            count(&|v| v.excused()),
            count(&|v| v.differs),
            count(&|v| v.differs && v.fk602()),
            count(&|v| v.rejected.is_none() && !v.differs && v.fk602()),
        );
        for verdict in &verdicts {
            if verdict.rejected.is_none() && verdict.fklint_rejects() {
                problems.push(format!(
                    "tools/postgres/{item}: down of {}: PostgreSQL accepts it, fklint reports {:?}",
                    verdict.step, verdict.findings
                ));
            }
            if verdict.fix_restores == Some(false) {
                problems.push(format!(
                    "tools/postgres/{item}: down of {}: FK602's forward SQL does not bring the keys back",
                    verdict.step
                ));
            }
            if verdict.rejected.is_none() && !verdict.differs && verdict.fk602() {
                problems.push(format!(
                    "tools/postgres/{item}: down of {}: the keys are the same after it in PostgreSQL, fklint says FK602",
                    verdict.step
                ));
            }
            if verdict.rejected.is_some() {
                println!(
                    "   rejected: down of {}: {:?}, fklint {:?}",
                    verdict.step, verdict.rejected, verdict.findings
                );
            }
        }
    }
    judge::finish(&[("false down finding(s) on the tools corpus", problems)]);
}
