//! PostgreSQL is the judge (DESIGN.md, "Severity means something" and "Truth").
//!
//! Fixtures are every rule's documented examples plus `tests/oracle/*.sql`. Each is cut into statements by
//! fklint's own splitter and applied one statement at a time (autocommit, one psql session, so `SET search_path`
//! carries over) to an empty database of a throwaway PostgreSQL server, then compared with what fklint says about
//! the same text:
//!
//! 1. [`error_findings_match_postgresql_rejections`]: the statements holding an `error` finding (a finding whose
//!    start lies in the statement) are exactly the statements PostgreSQL rejects. Only excuse: a syntax error
//!    (42601) that fklint reports as FK001, since fklint judges foreign keys, not SQL; and a statement of an
//!    aborted transaction block (25P02), which fklint notes once per block (FK110). An error message that cites
//!    a SQLSTATE must cite the one PostgreSQL raises.
//! 2. [`forward_fixes_apply_and_clear_their_findings`]: every fix's forward SQL runs (as a script) on a database
//!    that ran the fixture, and does what it promises, checked in the catalog (FK1xx/FK201: the corrected
//!    foreign key exists (FK117 too); FK106: the DROP ran; FK202/FK203: the column has the key's type; FK404: a non-partial
//!    index leads with the columns; FK405: one of the duplicates is left; FK401: no SET NULL into NOT NULL).
//!    The fix's edits, applied from the end backwards, clear the finding (fklint re-check) and PostgreSQL
//!    rejects no more statements of the edited text (one fewer when the finding was its statement's only error).
//! 3. [`set_null_on_not_null_fails_at_run_time`]: FK401's claim (deleting or re-keying a parent fails with
//!    23502) and that its forward fix lets the statement through.
//! 4. [`default_foreign_key_names_match_postgresql`]: the foreign keys of `fklint::schema`, with their default
//!    names, equal `pg_constraint` on every fixture PostgreSQL accepts entirely (the `names_*.sql` fixtures
//!    cover clashes, 63-byte truncation, multi-column, quoted and multibyte names, reuse of freed names).
//!
//! Fixture headers: `-- oracle: what it shows`; `-- expect: FK101 FK201` (codes fklint must report) or
//! `-- expect: clean` (PostgreSQL accepts every statement, fklint reports no error); `-- runtime DELETE: sql`
//! (a statement that fails at run time because of FK401); `-- core-bug: ...` (a known core bug the fixture
//! shows: the failure message repeats it). Fixtures are written so that a rejected statement does not make
//! later ones fail (nothing refers to a table whose CREATE is rejected). Without PostgreSQL the tests skip,
//! unless `FKLINT_REQUIRE_PG=1`.

#[path = "oracle/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use fklint::diagnostic::{Edit, Finding, Fix};
use fklint::{Report, Severity, Source};
use fklint_tests::pg::{PgError, PgServer};
use support::*;

fn severity_letter(severity: Severity) -> char {
    match severity {
        Severity::Error => 'E',
        Severity::Warning => 'W',
        Severity::Info => 'I',
    }
}

/// The SQLSTATE a finding's message cites, e.g. `42P01` in "... rejects the statement (42P01)".
fn cited_sqlstate(message: &str) -> Option<&str> {
    message.match_indices('(').find_map(|(i, _)| {
        let code = message.get(i + 1..i + 6)?;
        let valid = code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
            && code.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && message.get(i + 6..i + 7) == Some(")");
        valid.then_some(code)
    })
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Error agreement
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn error_findings_match_postgresql_rejections() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let dbs = Databases::new(&server);
    let fixtures = for_server(all_fixtures(), server.major_version());
    let runs = parallel(&fixtures, |fixture| {
        let (_db, results) = dbs.apply(&fixture.text);
        (fixture.report(), results)
    });

    let mut table = String::new();
    let mut disagreements = Vec::new();
    let mut expectations = Vec::new();
    let mut sqlstates = Vec::new();
    let (mut statements, mut rejected, mut agreeing) = (0usize, 0usize, 0usize);
    let mut excused_count = 0usize;
    for (fixture, (report, results)) in fixtures.iter().zip(&runs) {
        let spans = fixture.statements();
        assert_eq!(spans.len(), results.len(), "{}", fixture.name);
        let _ = writeln!(table, "\n== {} — {}", fixture.name, fixture.about);
        let _ = writeln!(
            table,
            "   {:>3} {:>4}  {:<58} {:<28} verdict",
            "#", "line", "PostgreSQL", "fklint"
        );
        for (i, (span, result)) in spans.iter().zip(results).enumerate() {
            let here: Vec<&Finding> = findings_in(report, *span).collect();
            let flagged = here.iter().any(|f| f.severity == Severity::Error);
            // fklint judges foreign keys, not SQL syntax: a statement it cannot read is FK001 (a warning).
            let excused = !flagged
                && matches!(result, Err(e) if e.sqlstate == "42601")
                && here.iter().any(|f| f.code == "FK001");
            // A statement of an aborted transaction block (25P02) is rejected without being run: fklint notes the
            // block once (FK110) instead of an error per statement; an error on one is no disagreement either.
            let aborted_block = matches!(result, Err(e) if e.sqlstate == "25P02");
            let agree = flagged == result.is_err() || excused || aborted_block;
            statements += 1;
            rejected += usize::from(result.is_err());
            agreeing += usize::from(agree && !excused);
            excused_count += usize::from(excused);
            let codes = here
                .iter()
                .map(|f| format!("{}:{}", f.code, severity_letter(f.severity)))
                .collect::<Vec<_>>()
                .join(" ");
            let line = line_of(&fixture.text, span.0);
            let _ = writeln!(
                table,
                "   {:>3} {:>4}  {:<58} {:<28} {}",
                i + 1,
                line,
                pg_cell(result, 58),
                codes,
                if excused {
                    "excused (syntax error, FK001)"
                } else if agree {
                    "agree"
                } else {
                    "DISAGREE"
                }
            );
            if !agree {
                let statement = &fixture.text[span.0..span.1];
                let fklint_says = if flagged {
                    here.iter()
                        .filter(|f| f.severity == Severity::Error)
                        .map(|f| format!("{} error: {}", f.code, f.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                } else {
                    "no error".to_string()
                };
                disagreements.push(format!(
                    "{} statement {} (line {line}): PostgreSQL {}, fklint {fklint_says}\n      {}",
                    fixture.name,
                    i + 1,
                    match result {
                        Ok(()) => "accepts it".to_string(),
                        Err(e) => format!("rejects it ({e})"),
                    },
                    statement.replace('\n', "\n      ")
                ));
            }
            if let Err(e) = result {
                for f in here.iter().filter(|f| f.severity == Severity::Error) {
                    if let Some(cited) = cited_sqlstate(&f.message) {
                        if cited != e.sqlstate {
                            sqlstates.push(format!(
                                "{} statement {} (line {line}): {} cites {cited}, PostgreSQL raised {e}",
                                fixture.name,
                                i + 1,
                                f.code
                            ));
                        }
                    }
                }
            }
        }
        for f in report.findings.iter().filter(|f| {
            f.severity == Severity::Error && statement_at(&spans, f.position.start).is_none()
        }) {
            disagreements.push(format!(
                "{}: {} error at byte {} lies in no statement: {}",
                fixture.name, f.code, f.position.start, f.message
            ));
        }
        check_expectations(fixture, report, results, &mut expectations);
    }

    println!("{table}");
    let judged = statements - excused_count;
    let percent = if judged == 0 {
        100.0
    } else {
        100.0 * agreeing as f64 / judged as f64
    };
    println!(
        "\nTOTAL: {} fixtures, {statements} statements, {rejected} rejected by PostgreSQL ({excused_count} of them \
         syntax errors fklint reports as FK001, excused), {agreeing} of {judged} agree ({percent:.1}% agreement), \
         {} disagreements",
        fixtures.len(),
        judged - agreeing
    );
    if !sqlstates.is_empty() {
        println!(
            "\nSQLSTATE cited by fklint differs from PostgreSQL's (statement agreement is unaffected):\n  {}",
            sqlstates.join("\n  ")
        );
    }
    let mut failure = String::new();
    if !disagreements.is_empty() {
        let _ = writeln!(
            failure,
            "{} statement(s) where fklint's errors and PostgreSQL's rejections disagree:\n  {}",
            disagreements.len(),
            disagreements.join("\n  ")
        );
    }
    if !expectations.is_empty() {
        let _ = writeln!(
            failure,
            "{} fixture expectation(s) not met:\n  {}",
            expectations.len(),
            expectations.join("\n  ")
        );
    }
    if !sqlstates.is_empty() {
        let _ = writeln!(
            failure,
            "{} error message(s) cite another SQLSTATE than PostgreSQL raises:\n  {}",
            sqlstates.len(),
            sqlstates.join("\n  ")
        );
    }
    finish(&fixtures, failure);
}

/// Fails with the message and the core bugs behind it; notes marked fixtures that pass now.
fn finish(fixtures: &[Fixture], failure: String) {
    let lines: Vec<String> = failure.lines().map(str::to_string).collect();
    let (notes, passing) = core_bug_notes(fixtures, &lines);
    if !passing.is_empty() && failure.is_empty() {
        println!(
            "\nnote: fixtures marked `-- core-bug:` pass this check: {}",
            passing.join(", ")
        );
    }
    assert!(failure.is_empty(), "{failure}{notes}");
}

/// `-- expect:` codes are found, a `valid` example's code is not, a `clean` fixture is accepted entirely.
fn check_expectations(
    fixture: &Fixture,
    report: &Report,
    results: &[Result<(), PgError>],
    problems: &mut Vec<String>,
) {
    for code in &fixture.expect {
        if !report.findings.iter().any(|f| f.code == code) {
            let found: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
            problems.push(format!(
                "{}: expected a {code} finding, fklint reported {found:?}",
                fixture.name
            ));
        }
    }
    for code in &fixture.absent {
        if let Some(f) = report.findings.iter().find(|f| f.code == code) {
            problems.push(format!(
                "{}: a valid example, but fklint reports {code}: {}",
                fixture.name, f.message
            ));
        }
    }
    if fixture.clean {
        for (i, result) in results.iter().enumerate() {
            if let Err(e) = result {
                problems.push(format!(
                    "{}: marked clean, but PostgreSQL rejects statement {} ({e})",
                    fixture.name,
                    i + 1
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Forward fixes
// ---------------------------------------------------------------------------------------------------------------

/// What a fix promises, by the code of its finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    /// The corrected foreign key exists (FK1xx, FK201).
    ForeignKey,
    /// The rejected DROP now succeeds (FK106).
    Drop,
    /// The column has the key's type (FK202: the key of its own foreign key; FK203: the key that foreign keys
    /// through columns of that name reference).
    ColumnType {
        own_key: bool,
    },
    /// An index leads with the foreign key's columns (FK404).
    Index,
    /// One of the duplicates remains (FK405).
    Deduplicated,
    /// No SET NULL action writes into a NOT NULL column any more (FK401).
    NoSetNullOnNotNull,
    /// The SET DEFAULT action on the column is gone (FK402).
    NoSetDefault,
    /// The constraint named by `ALTER CONSTRAINT` is deferrable and initially deferred (FK403).
    Deferred,
    /// The constraint the forward SQL adds exists (FK406).
    Added,
    /// The constraint the forward SQL adds says what happens on delete: CASCADE or SET NULL (FK302).
    DeleteAction,
    /// A user inserted into the platform's users table afterwards gets a row in the mirror (FK304).
    Synced,
    /// [`Intent::Synced`] for a sync fix, [`Intent::ForeignKey`] for one that re-points the key (FK305).
    SyncedOrForeignKey,
    /// The constraint it drops is gone and the columns it makes nullable are (FK303, warning form).
    Unlinked,
    Unknown,
}

fn intent(code: &str) -> Intent {
    match code {
        // FK301: the re-pointed foreign key is what the edited statement declares.
        "FK101" | "FK102" | "FK103" | "FK104" | "FK105" | "FK107" | "FK117" | "FK201" | "FK301" => {
            Intent::ForeignKey
        }
        "FK302" => Intent::DeleteAction,
        "FK304" => Intent::Synced,
        // The fix copies users into the mirror, or points the foreign key at the users' table.
        "FK305" => Intent::SyncedOrForeignKey,
        // The rejected statement runs again, corrected, and succeeds.
        "FK106" | "FK108" | "FK501" => Intent::Drop,
        "FK202" => Intent::ColumnType { own_key: true },
        "FK203" => Intent::ColumnType { own_key: false },
        "FK404" => Intent::Index,
        "FK405" => Intent::Deduplicated,
        "FK401" => Intent::NoSetNullOnNotNull,
        "FK402" => Intent::NoSetDefault,
        "FK403" => Intent::Deferred,
        "FK406" => Intent::Added,
        "FK303" => Intent::Unlinked,
        _ => Intent::Unknown,
    }
}

/// One fix to try: a finding of a fixture.
struct FixCase<'a> {
    fixture: &'a Fixture,
    report: &'a Report,
    finding: usize,
    /// Statements of the fixture PostgreSQL rejects (indexes).
    rejected: &'a [usize],
}

#[derive(Default)]
struct FixOutcome {
    label: String,
    has_sql: bool,
    applied: Option<bool>,
    intended: Option<bool>,
    cleared: bool,
    edit_applies: Option<bool>,
    /// For a finding about a statement PostgreSQL rejects: its forward SQL fails on the fixture as run.
    needs_error_fix_first: Option<String>,
    failures: Vec<String>,
}

#[test]
fn forward_fixes_apply_and_clear_their_findings() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let dbs = Databases::new(&server);
    let fixtures = for_server(all_fixtures(), server.major_version());
    let reports: Vec<Report> = fixtures.iter().map(Fixture::report).collect();
    let rejected: Vec<Vec<usize>> = parallel(&fixtures, |fixture| {
        let (_db, results) = dbs.apply(&fixture.text);
        results
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_err())
            .map(|(i, _)| i)
            .collect()
    });
    let mut cases = Vec::new();
    for (i, (fixture, report)) in fixtures.iter().zip(&reports).enumerate() {
        for (j, finding) in report.findings.iter().enumerate() {
            if finding.fix.is_some() {
                cases.push(FixCase {
                    fixture,
                    report,
                    finding: j,
                    rejected: &rejected[i],
                });
            }
        }
    }
    let outcomes = parallel(&cases, |case| run_fix_case(&dbs, case));

    let mut table =
        String::from("\n   applied intended cleared edit-ok  fixture / finding / fix\n");
    let mark = |v: Option<bool>| match v {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    };
    let mut failures = Vec::new();
    for outcome in &outcomes {
        let _ = writeln!(
            table,
            "   {:<7} {:<8} {:<7} {:<8} {}",
            mark(outcome.applied),
            mark(outcome.intended),
            mark(Some(outcome.cleared)),
            mark(outcome.edit_applies),
            outcome.label
        );
        for failure in &outcome.failures {
            failures.push(format!(
                "{}\n      {}",
                outcome.label,
                failure.replace('\n', "\n      ")
            ));
        }
    }
    println!("{table}");
    let with_sql: Vec<&FixOutcome> = outcomes.iter().filter(|o| o.has_sql).collect();
    let count = |f: &dyn Fn(&FixOutcome) -> bool| with_sql.iter().filter(|o| f(o)).count();
    let by_code = {
        let mut map: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (case, outcome) in cases.iter().zip(&outcomes) {
            let code = case.report.findings[case.finding].code.to_string();
            let entry = map.entry(code).or_default();
            entry.0 += 1;
            entry.1 += usize::from(outcome.failures.is_empty());
        }
        map.iter()
            .map(|(code, (n, ok))| format!("{code} {ok}/{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "\nTOTAL: {} fixes with forward SQL: {} applied, {} did what they promise, {} cleared their finding \
         ({} not judged: about a rejected statement whose error has no working fix); {} edit-only fixes: {} cleared. \
         By code (all checks passed / fixes): {by_code}",
        with_sql.len(),
        count(&|o| o.applied == Some(true)),
        count(&|o| o.intended == Some(true)),
        count(&|o| o.cleared),
        count(&|o| o.applied.is_none()),
        outcomes.len() - with_sql.len(),
        outcomes.iter().filter(|o| !o.has_sql && o.cleared).count(),
    );
    let dependent: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| o.needs_error_fix_first.as_ref())
        .collect();
    if !dependent.is_empty() {
        failures.push(format!(
            "{} warning/info finding(s) about foreign keys of statements PostgreSQL rejects (fklint applies those \
             statements as written): their forward SQL fails on a database that ran the migration, and only works \
             after the forward fix of the statement's own error (checked above when that error has a fix):\n      {}",
            dependent.len(),
            dependent
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join("\n      ")
        ));
    }
    let failure = if failures.is_empty() {
        String::new()
    } else {
        format!(
            "{} fix check(s) failed:\n  {}",
            failures.len(),
            failures.join("\n  ")
        )
    };
    finish(&fixtures, failure);
}

fn run_fix_case(dbs: &Databases, case: &FixCase) -> FixOutcome {
    let fixture = case.fixture;
    let finding = &case.report.findings[case.finding];
    let fix = finding.fix.as_ref().expect("cases have fixes");
    let spans = fixture.statements();
    let statement = statement_at(&spans, finding.position.start);
    // A warning or info about a foreign key whose own statement PostgreSQL rejects: the object it is about
    // was never created (fklint applies rejected statements as written, to report their root cause once).
    let on_rejected = finding.severity != Severity::Error
        && statement.is_some_and(|i| case.rejected.contains(&i));
    let mut outcome = FixOutcome {
        label: format!(
            "{} / {} {} at line {} / {}",
            fixture.name,
            finding.code,
            finding.severity.as_str(),
            finding.position.line,
            fix.title
        ),
        has_sql: fix.sql.is_some(),
        ..FixOutcome::default()
    };
    if let Some(edit) = fix.edits.iter().find(|e| e.file != fixture.name) {
        outcome.failures.push(format!(
            "an edit names file `{}`, not `{}`",
            edit.file, fixture.name
        ));
        return outcome;
    }

    if let Some(sql) = &fix.sql {
        let first = attempt_forward(dbs, case, finding, fix, sql, &[]);
        let verdict = match first {
            Err(Attempt::Failed(e)) if on_rejected => {
                // A forward fix is for a database that ran the migration; this one cannot work there. Recorded
                // (and reported once for all such findings), then judged again after the forward fix of the
                // statement's own error, which is what it depends on.
                let errors: Vec<&Finding> = statement
                    .map(|i| findings_in(case.report, spans[i]).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|g| g.severity == Severity::Error)
                    .collect();
                outcome.needs_error_fix_first = Some(format!(
                    "{} line {} ({}): {e}{}",
                    fixture.name,
                    finding.position.line,
                    finding.code,
                    if errors.is_empty() {
                        " [fklint reports no error on that statement: see the error agreement]"
                    } else {
                        ""
                    }
                ));
                let error_fixes: Vec<&str> = errors
                    .iter()
                    .filter_map(|g| g.fix.as_ref().and_then(|f| f.sql.as_deref()))
                    .collect();
                if error_fixes.is_empty() {
                    Err(Attempt::Unverifiable)
                } else {
                    attempt_forward(dbs, case, finding, fix, sql, &error_fixes)
                }
            }
            other => other,
        };
        match verdict {
            Ok(()) => {
                outcome.applied = Some(true);
                outcome.intended = Some(true);
            }
            Err(Attempt::Unverifiable) => {}
            Err(Attempt::Failed(e)) => {
                outcome.applied = Some(false);
                outcome.intended = Some(false);
                outcome
                    .failures
                    .push(format!("forward SQL failed: {e}\n{sql}"));
            }
            Err(Attempt::Wrong(why)) => {
                outcome.applied = Some(true);
                outcome.intended = Some(false);
                outcome
                    .failures
                    .push(format!("forward SQL ran but {why}\n{sql}"));
            }
        }
    }

    // The edit form: the corrected text no longer has the finding there...
    let edited = apply_edits(&fixture.text, &fix.edits);
    let start = map_offset(finding.position.start, &fix.edits, false);
    let end = map_offset(finding.position.end, &fix.edits, true).max(start);
    let again = fixture.check(&edited);
    let remaining: Vec<&Finding> = again
        .findings
        .iter()
        .filter(|g| g.code == finding.code && g.position.start <= end && g.position.end >= start)
        .collect();
    outcome.cleared = remaining.is_empty();
    for g in &remaining {
        outcome.failures.push(format!(
            "the edited text still has {} at line {}: {}",
            g.code, g.position.line, g.message
        ));
    }

    // ... and PostgreSQL rejects no more of it (fewer, when the finding was the only error of its statement).
    // Not judged for a finding on a rejected statement: its edit lands next to a statement that still fails.
    if on_rejected {
        return outcome;
    }
    let (_db, results) = dbs.apply(&edited);
    let now_rejected: Vec<String> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.as_ref()
                .err()
                .map(|e| format!("statement {} ({e})", i + 1))
        })
        .collect();
    let sole_error = finding.severity == Severity::Error
        && statement.is_some_and(|i| {
            findings_in(case.report, spans[i])
                .filter(|f| f.severity == Severity::Error)
                .count()
                == 1
        });
    let limit = if sole_error {
        case.rejected.len().saturating_sub(1)
    } else {
        case.rejected.len()
    };
    outcome.edit_applies = Some(now_rejected.len() <= limit);
    if outcome.edit_applies == Some(false) {
        outcome.failures.push(format!(
            "PostgreSQL rejects {} statement(s) of the edited text (at most {limit} expected): {}\n--- edited text ---\n{}",
            now_rejected.len(),
            now_rejected.join("; "),
            edited.trim_end()
        ));
    }
    outcome
}

enum Attempt {
    /// The forward SQL failed.
    Failed(PgError),
    /// It ran, but the promised result does not hold.
    Wrong(String),
    /// It cannot be judged (the statement it depends on has no fix).
    Unverifiable,
}

/// A database that ran the fixture (and `prerequisites`, each tried until one works), then the forward SQL,
/// then the check of what it promises.
fn attempt_forward(
    dbs: &Databases,
    case: &FixCase,
    finding: &Finding,
    fix: &Fix,
    sql: &str,
    prerequisites: &[&str],
) -> Result<(), Attempt> {
    let server = dbs.server;
    let (db, _) = dbs.apply(&case.fixture.text);
    let db = db.name.as_str();
    if !prerequisites.is_empty() && !prerequisites.iter().any(|p| server.exec(db, p).is_ok()) {
        return Err(Attempt::Unverifiable);
    }
    let before = prepare_intent(server, db, finding, sql);
    server.exec(db, sql).map_err(Attempt::Failed)?;
    verify_intent(server, db, case, finding, fix, sql, before).map_err(Attempt::Wrong)
}

/// State to compare after the fix: FK405 the dropped duplicate's shape, FK401 the SET NULL violations.
enum Before {
    Nothing,
    Duplicate {
        table: String,
        name: String,
        shape: Vec<String>,
    },
    Violations(BTreeSet<(String, String)>),
}

/// `(event, table.column)` for every SET NULL action that would write NULL into a NOT NULL column.
/// FK401/FK402: PostgreSQL showed the finding's (event, column) action before the fix and no longer after it.
/// `marker` brackets the column in the finding's message.
fn action_gone(
    before: &Before,
    after: &BTreeSet<(String, String)>,
    finding: &Finding,
    marker: (&str, &str),
    what: &str,
) -> Result<(), String> {
    let Before::Violations(before) = before else {
        return Err("no state recorded".into());
    };
    let event = if finding.message.contains("ON UPDATE") {
        "UPDATE"
    } else {
        "DELETE"
    };
    let column = between(&finding.message, marker.0, marker.1).unwrap_or("");
    let key = (event.to_string(), column.to_string());
    if !before.contains(&key) {
        return Err(format!(
            "PostgreSQL showed no ON {event} {what} `{column}` before the fix: {before:?}"
        ));
    }
    if after.contains(&key) {
        return Err(format!(
            "ON {event} {what} `{column}` is still there after the fix"
        ));
    }
    Ok(())
}

fn set_null_violations(server: &PgServer, db: &str) -> BTreeSet<(String, String)> {
    let sql = "SELECT v.ev, k.conrelid::regclass::text || '.' || a.attname \
               FROM pg_constraint k \
               CROSS JOIN LATERAL (VALUES ('DELETE', k.confdeltype, k.confdelsetcols), \
                                          ('UPDATE', k.confupdtype, NULL::int2[])) AS v(ev, action, setcols) \
               CROSS JOIN LATERAL unnest(CASE WHEN cardinality(v.setcols) > 0 THEN v.setcols ELSE k.conkey END) AS u(n) \
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n \
               WHERE k.contype = 'f' AND k.conparentid = 0 AND v.action = 'n' AND a.attnotnull";
    server
        .query(db, sql)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// `(event, table.column)` for every SET DEFAULT action and each column it writes.
fn set_default_actions(server: &PgServer, db: &str) -> BTreeSet<(String, String)> {
    let sql = "SELECT v.ev, k.conrelid::regclass::text || '.' || a.attname \
               FROM pg_constraint k \
               CROSS JOIN LATERAL (VALUES ('DELETE', k.confdeltype, k.confdelsetcols), \
                                          ('UPDATE', k.confupdtype, NULL::int2[])) AS v(ev, action, setcols) \
               CROSS JOIN LATERAL unnest(CASE WHEN cardinality(v.setcols) > 0 THEN v.setcols ELSE k.conkey END) AS u(n) \
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n \
               WHERE k.contype = 'f' AND k.conparentid = 0 AND v.action = 'd'";
    server
        .query(db, sql)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// `ALTER TABLE t DROP CONSTRAINT name` of a script → (t as written, name as stored).
fn dropped_constraint(sql: &str) -> Option<(String, String)> {
    let stmt = statement_spans(sql)
        .into_iter()
        .map(|(s, e)| &sql[s..e])
        .find(|s| s.to_ascii_uppercase().contains(" DROP CONSTRAINT "))?;
    let table = between(stmt, "ALTER TABLE ", " DROP CONSTRAINT ")?.to_string();
    let upper = stmt.to_ascii_uppercase();
    let name = &stmt[upper.find(" DROP CONSTRAINT ")? + " DROP CONSTRAINT ".len()..];
    Some((table, unquote(name.trim().trim_end_matches(';'))))
}

fn prepare_intent(server: &PgServer, db: &str, finding: &Finding, sql: &str) -> Before {
    match intent(finding.code) {
        Intent::Deduplicated => {
            let Some((table, name)) = dropped_constraint(sql) else {
                return Before::Nothing;
            };
            let shape = server
                .query(
                    db,
                    &format!(
                        "SELECT conkey::text, confrelid::text, confkey::text FROM pg_constraint \
                         WHERE contype = 'f' AND conrelid = {}::regclass AND conname = {}",
                        literal(&table),
                        literal(&name)
                    ),
                )
                .ok()
                .and_then(|rows| rows.into_iter().next())
                .unwrap_or_default();
            Before::Duplicate { table, name, shape }
        }
        Intent::NoSetNullOnNotNull => Before::Violations(set_null_violations(server, db)),
        Intent::NoSetDefault => Before::Violations(set_default_actions(server, db)),
        _ => Before::Nothing,
    }
}

fn verify_intent(
    server: &PgServer,
    db: &str,
    case: &FixCase,
    finding: &Finding,
    fix: &Fix,
    sql: &str,
    before: Before,
) -> Result<(), String> {
    match intent(finding.code) {
        Intent::ForeignKey => verify_foreign_keys(server, db, case, finding, fix),
        Intent::SyncedOrForeignKey if sql.contains("CREATE TRIGGER") => {
            verify_synced(server, db, sql)
        }
        Intent::SyncedOrForeignKey => verify_repointed(server, db, sql),
        Intent::Drop => {
            let spans = case.fixture.statements();
            let statement = statement_at(&spans, finding.position.start)
                .map(|i| &case.fixture.text[spans[i].0..spans[i].1])
                .unwrap_or("");
            if !statement.is_empty() && sql.contains(statement) {
                Ok(())
            } else {
                Err(format!(
                    "it does not run the rejected statement `{statement}` again"
                ))
            }
        }
        Intent::ColumnType { own_key } => verify_column_type(server, db, sql, own_key),
        Intent::Index => verify_index(server, db, sql),
        Intent::Deduplicated => {
            let Before::Duplicate { table, name, shape } = before else {
                return Err("it drops no constraint".into());
            };
            if shape.len() != 3 {
                return Err(format!(
                    "the constraint it drops, `{name}` on {table}, was not a foreign key before the fix"
                ));
            }
            let rows = server
                .query(
                    db,
                    &format!(
                        "SELECT count(*) FILTER (WHERE conname = {}), count(*) FROM pg_constraint \
                         WHERE contype = 'f' AND conrelid = {}::regclass AND conkey::text = {} \
                         AND confrelid::text = {} AND confkey::text = {}",
                        literal(&name),
                        literal(&table),
                        literal(&shape[0]),
                        literal(&shape[1]),
                        literal(&shape[2])
                    ),
                )
                .map_err(|e| e.to_string())?;
            match rows.first().map(|r| (r[0].as_str(), r[1].as_str())) {
                Some(("0", "1")) => Ok(()),
                other => Err(format!(
                    "expected `{name}` gone and one foreign key of that shape left, got (named, total) = {other:?}"
                )),
            }
        }
        Intent::NoSetNullOnNotNull => action_gone(
            &before,
            &set_null_violations(server, db),
            finding,
            ("would set `", "` to NULL"),
            "SET NULL into NOT NULL",
        ),
        Intent::NoSetDefault => action_gone(
            &before,
            &set_default_actions(server, db),
            finding,
            ("would set `", "` to its default"),
            "SET DEFAULT on",
        ),
        Intent::Deferred => {
            let table = between(sql, "ALTER TABLE ", " ALTER CONSTRAINT ").unwrap_or("");
            let name = between(sql, " ALTER CONSTRAINT ", " DEFERRABLE").unwrap_or("");
            let rows = server
                .query(
                    db,
                    &format!(
                        "SELECT condeferrable::text, condeferred::text FROM pg_constraint \
                         WHERE contype = 'f' AND conrelid = {}::regclass AND conname = {}",
                        literal(table),
                        literal(&unquote(name))
                    ),
                )
                .map_err(|e| e.to_string())?;
            match rows.first().map(|r| (r[0].as_str(), r[1].as_str())) {
                Some(("true", "true")) => Ok(()),
                other => Err(format!(
                    "expected `{name}` on {table} deferrable and initially deferred, got {other:?}"
                )),
            }
        }
        Intent::Added => {
            let (table, name, _) = added_constraint(sql);
            let rows = server
                .query(
                    db,
                    &format!(
                        "SELECT count(*) FROM pg_constraint \
                         WHERE contype = 'f' AND conrelid = {}::regclass AND conname = {}",
                        literal(table),
                        literal(&unquote(name))
                    ),
                )
                .map_err(|e| e.to_string())?;
            match rows.first().map(|r| r[0].as_str()) {
                Some("1") => Ok(()),
                other => Err(format!("expected `{name}` on {table}, got {other:?}")),
            }
        }
        Intent::DeleteAction => {
            let (table, name, _) = added_constraint(sql);
            let rows = server
                .query(
                    db,
                    &format!(
                        "SELECT confdeltype FROM pg_constraint \
                         WHERE contype = 'f' AND conrelid = {}::regclass AND conname = {}",
                        literal(table),
                        literal(&unquote(name))
                    ),
                )
                .map_err(|e| e.to_string())?;
            match rows.first().map(|r| r[0].as_str()) {
                Some("c" | "n") => Ok(()),
                other => Err(format!(
                    "`{name}` on {table} should cascade or set null on delete, confdeltype is {other:?}"
                )),
            }
        }
        Intent::Synced => verify_synced(server, db, sql),
        Intent::Unlinked => verify_unlinked(server, db, sql),
        Intent::Unknown => Err(format!("no check for what a {} fix promises", finding.code)),
    }
}

/// The foreign keys the corrected statement declares are in `pg_constraint`.
fn verify_foreign_keys(
    server: &PgServer,
    db: &str,
    case: &FixCase,
    finding: &Finding,
    fix: &Fix,
) -> Result<(), String> {
    let intended = intended_foreign_keys(case, finding, fix)?;
    let actual = pg_foreign_keys(server, db);
    let missing: Vec<String> = intended
        .iter()
        .filter(|fk| !actual.iter().any(|a| a.shape() == fk.shape()))
        .map(FkRow::label)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the intended foreign key(s) are not in pg_constraint: {}",
            missing.join(", ")
        ))
    }
}

/// `(table, constraint, referenced table)` of the forward SQL's `ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY ...
/// REFERENCES r (...)` line (empty when there is none).
fn added_constraint(sql: &str) -> (&str, &str, &str) {
    let added = sql
        .lines()
        .find(|l| l.contains(" ADD CONSTRAINT "))
        .unwrap_or("");
    (
        between(added, "ALTER TABLE ", " ADD CONSTRAINT ").unwrap_or(""),
        between(added, " ADD CONSTRAINT ", " FOREIGN KEY").unwrap_or(""),
        between(added, " REFERENCES ", " (").unwrap_or(""),
    )
}

/// The constraint the forward SQL adds exists and references the table it names.
fn verify_repointed(server: &PgServer, db: &str, sql: &str) -> Result<(), String> {
    let (table, name, target) = added_constraint(sql);
    let rows = server
        .query(
            db,
            &format!(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = {}::regclass \
                 AND conname = {} AND confrelid = {}::regclass",
                literal(table),
                literal(&unquote(name)),
                literal(target)
            ),
        )
        .map_err(|e| e.to_string())?;
    match rows.first().map(|r| r[0].as_str()) {
        Some("1") => Ok(()),
        other => Err(format!(
            "expected `{name}` on {table} referencing {target}, got {other:?}"
        )),
    }
}

/// After the sync fix, a new user of the platform's users table gets a row in the mirror the function inserts
/// into (the trigger really copies it), and users who existed before the fix were backfilled.
fn verify_synced(server: &PgServer, db: &str, sql: &str) -> Result<(), String> {
    let mirror = between(sql, "INSERT INTO ", " (").unwrap_or("");
    let key = between(sql, &format!("INSERT INTO {mirror} ("), ",")
        .or_else(|| between(sql, &format!("INSERT INTO {mirror} ("), ")"))
        .unwrap_or("");
    let source = between(sql, "AFTER INSERT ON ", "\n").unwrap_or("").trim();
    let probe = "00000000-0000-4000-8000-00000000f304";
    let count = |id: &str| -> Result<String, String> {
        let rows = server
            .query(
                db,
                &format!("SELECT count(*) FROM {mirror} WHERE {key} = '{id}'"),
            )
            .map_err(|e| e.to_string())?;
        Ok(rows.first().map(|r| r[0].clone()).unwrap_or_default())
    };
    server
        .query(
            db,
            &format!("INSERT INTO {source} (id, email) VALUES ('{probe}', 'probe@example.com')"),
        )
        .map_err(|e| format!("inserting a user into {source}: {e}"))?;
    match count(probe)?.as_str() {
        "1" => Ok(()),
        other => Err(format!(
            "a new {source} row did not reach {mirror} ({key} = {probe}: {other} rows)"
        )),
    }
}

/// FK303's forward SQL: `ALTER TABLE t DROP CONSTRAINT name;` then `ALTER TABLE t ALTER COLUMN c DROP NOT
/// NULL;` for some columns. The constraint must be gone and the columns nullable.
fn verify_unlinked(server: &PgServer, db: &str, sql: &str) -> Result<(), String> {
    let (table, name) = dropped_constraint(sql).ok_or("it drops no constraint")?;
    let rows = server
        .query(
            db,
            &format!(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = {}::regclass AND conname = {}",
                literal(&table),
                literal(&name)
            ),
        )
        .map_err(|e| e.to_string())?;
    if rows.first().map(|r| r[0].as_str()) != Some("0") {
        return Err(format!("`{name}` on {table} is still there"));
    }
    for (s, e) in statement_spans(sql) {
        let stmt = &sql[s..e];
        let (Some(table), Some(column)) = (
            between(stmt, "ALTER TABLE ", " ALTER COLUMN "),
            between(stmt, " ALTER COLUMN ", " DROP NOT NULL"),
        ) else {
            continue;
        };
        let rows = server
            .query(
                db,
                &format!(
                    "SELECT attnotnull::text FROM pg_attribute WHERE attrelid = {}::regclass AND attname = {}",
                    literal(table),
                    literal(&unquote(column))
                ),
            )
            .map_err(|e| e.to_string())?;
        if rows.first().map(|r| r[0].as_str()) != Some("false") {
            return Err(format!("{table}.{column} is still NOT NULL"));
        }
    }
    Ok(())
}

/// The foreign keys the corrected statement declares, as fklint's schema of the corrected text lists them. The
/// statement is corrected with this fix's edits and those of the other errors inside it (the forward SQL of a
/// rejected statement is that statement with all their edits).
fn intended_foreign_keys(
    case: &FixCase,
    finding: &Finding,
    fix: &Fix,
) -> Result<Vec<FkRow>, String> {
    let text = &case.fixture.text;
    let spans = case.fixture.statements();
    let i = statement_at(&spans, finding.position.start)
        .ok_or_else(|| "the finding lies in no statement".to_string())?;
    let span = spans[i];
    let mut edits: Vec<Edit> = fix.edits.clone();
    let overlaps = |a: &Edit, b: &Edit| {
        a.start < b.end && b.start < a.end || (a.start, a.end) == (b.start, b.end)
    };
    for other in findings_in(case.report, span).filter(|g| g.severity == Severity::Error) {
        for e in other.fix.iter().flat_map(|f| f.edits.iter()) {
            let inside = e.start >= span.0 && e.end <= span.1;
            let edge_insertion = e.start == e.end && (e.start == span.0 || e.end == span.1);
            if inside && !edge_insertion && !edits.iter().any(|x| overlaps(x, e)) {
                edits.push(e.clone());
            }
        }
    }
    let edited = apply_edits(text, &edits);
    let first = line_of(&edited, map_offset(span.0, &edits, false));
    let last = line_of(&edited, map_offset(span.1, &edits, true));
    let intended: Vec<FkRow> = fklint_foreign_keys(&case.fixture.name, &edited)
        .into_iter()
        .filter(|(_, line)| (first..=last).contains(line))
        .map(|(fk, _)| fk)
        .collect();
    if intended.is_empty() {
        return Err(format!(
            "fklint's schema of the corrected text declares no foreign key in statement {} (lines {first}-{last})",
            i + 1
        ));
    }
    Ok(intended)
}

fn verify_column_type(server: &PgServer, db: &str, sql: &str, own_key: bool) -> Result<(), String> {
    let stmt = statement_spans(sql)
        .into_iter()
        .map(|(s, e)| &sql[s..e])
        .find(|s| s.to_ascii_uppercase().contains(" ALTER COLUMN "))
        .ok_or("it has no ALTER COLUMN")?;
    let table = between(stmt, "ALTER TABLE ", " ALTER COLUMN ").ok_or("no table")?;
    let column = unquote(between(stmt, " ALTER COLUMN ", " TYPE ").ok_or("no column")?);
    let rows = server
        .query(
            db,
            &format!(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute \
                 WHERE attrelid = {}::regclass AND attname = {} AND NOT attisdropped",
                literal(table),
                literal(&column)
            ),
        )
        .map_err(|e| e.to_string())?;
    let column_type = rows
        .first()
        .map(|r| r[0].clone())
        .ok_or_else(|| format!("{table}.{column} does not exist"))?;
    let scope = if own_key {
        format!("k.conrelid = {}::regclass", literal(table))
    } else {
        "cardinality(k.conkey) = 1".to_string()
    };
    let keys: BTreeSet<String> = server
        .query(
            db,
            &format!(
                "SELECT format_type(ra.atttypid, ra.atttypmod) FROM pg_constraint k \
                 CROSS JOIN LATERAL unnest(k.conkey, k.confkey) AS u(fk, pk) \
                 JOIN pg_attribute fa ON fa.attrelid = k.conrelid AND fa.attnum = u.fk \
                 JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = u.pk \
                 WHERE k.contype = 'f' AND {scope} AND fa.attname = {}",
                literal(&column)
            ),
        )
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    if keys.len() == 1 && keys.contains(&column_type) {
        Ok(())
    } else {
        Err(format!(
            "{table}.{column} is {column_type}, the key type(s) are {keys:?}"
        ))
    }
}

fn verify_index(server: &PgServer, db: &str, sql: &str) -> Result<(), String> {
    let stmt = statement_starting(sql, "CREATE INDEX").ok_or("it creates no index")?;
    let rest = between(stmt, "IF NOT EXISTS ", " (")
        .or_else(|| between(stmt, "CREATE INDEX ", " ("))
        .ok_or("unexpected CREATE INDEX shape")?;
    let (name, table) = rest
        .split_once(" ON ")
        .ok_or("unexpected CREATE INDEX shape")?;
    let columns: BTreeSet<String> = stmt
        [stmt.find('(').unwrap_or(0) + 1..stmt.rfind(')').unwrap_or(0)]
        .split(',')
        .map(unquote)
        .collect();
    let rows = server
        .query(
            db,
            &format!(
                "SELECT i.indpred IS NULL, (SELECT string_agg(a.attname, E'\\x1e' ORDER BY u.o) \
                 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(n, o) \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n) \
                 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 WHERE i.indrelid = {}::regclass AND c.relname = {}",
                literal(table.trim()),
                literal(&unquote(name))
            ),
        )
        .map_err(|e| e.to_string())?;
    let Some(row) = rows.first() else {
        return Err(format!("there is no index {name} on {table}"));
    };
    let leading: BTreeSet<String> = row[1]
        .split('\u{1e}')
        .take(columns.len())
        .map(str::to_string)
        .collect();
    if row[0] != "t" {
        return Err(format!(
            "index {name} on {table} is partial (an index of that name existed before, so IF NOT EXISTS skipped it)"
        ));
    }
    if leading != columns {
        return Err(format!(
            "index {name} on {table} leads with {leading:?}, not {columns:?}"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// 3. FK401 at run time
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn set_null_on_not_null_fails_at_run_time() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let fixtures: Vec<Fixture> = for_server(file_fixtures(), server.major_version())
        .into_iter()
        .filter(|f| !f.runtime.is_empty())
        .collect();
    assert!(
        !fixtures.is_empty(),
        "no fixture has `-- runtime` statements"
    );
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for fixture in &fixtures {
        let report = fixture.report();
        for (event, statement) in &fixture.runtime {
            let findings: Vec<Finding> = report
                .findings
                .iter()
                .filter(|f| {
                    f.code == "FK401" && f.message.contains(&format!("ON {event} SET NULL"))
                })
                .cloned()
                .collect();
            if findings.is_empty() {
                problems.push(format!(
                    "{}: fklint reports no FK401 for ON {event} SET NULL",
                    fixture.name
                ));
            }
            for finding in findings {
                cases.push((fixture, event.clone(), statement.clone(), finding));
            }
        }
    }
    let dbs = Databases::new(&server);
    let results = parallel(&cases, |(fixture, event, statement, finding)| {
        let mut log = format!("{} / ON {event} SET NULL / `{statement}`\n", fixture.name);
        let mut failures = Vec::new();
        // As written: the DDL is accepted, the parent cannot be deleted (or re-keyed).
        let (db, results) = dbs.apply(&fixture.text);
        if let Some((i, Err(e))) = results.iter().enumerate().find(|(_, r)| r.is_err()) {
            failures.push(format!(
                "statement {} of the fixture is rejected: {e}",
                i + 1
            ));
        }
        let as_written = server.exec(&db.name, statement);
        let _ = writeln!(log, "     as written:        {}", pg_cell(&as_written, 90));
        match &as_written {
            Err(e) if e.sqlstate == "23502" => {}
            other => failures.push(format!(
                "expected 23502 (not_null_violation) as written, got {other:?}"
            )),
        }
        drop(db);
        // With the forward fix: it goes through.
        let sql = finding.fix.as_ref().and_then(|f| f.sql.clone());
        match sql {
            None => failures.push("the FK401 finding has no forward SQL".into()),
            Some(sql) => {
                let (db, _) = dbs.apply(&fixture.text);
                let fixed = server.exec(&db.name, &sql);
                let after = fixed.and_then(|()| server.exec(&db.name, statement));
                let _ = writeln!(log, "     forward fix:       {}", sql.replace('\n', " "));
                let _ = writeln!(log, "     after the fix:     {}", pg_cell(&after, 90));
                if let Err(e) = after {
                    failures.push(format!(
                        "after the forward fix, expected success, got {e}\n{sql}"
                    ));
                }
            }
        }
        (log, failures)
    });
    for (log, failures) in &results {
        print!("{log}");
        problems.extend(
            failures
                .iter()
                .map(|f| format!("{}: {f}", log.lines().next().unwrap_or(""))),
        );
    }
    // All FK401 fixes of a fixture together, as one forward migration: every run-time statement goes through
    // (each fix re-creates the constraint, so one must not undo another).
    let mut combined: Vec<(&Fixture, &String, Vec<String>)> = Vec::new();
    for fixture in &fixtures {
        let sqls: BTreeSet<String> = cases
            .iter()
            .filter(|(f, ..)| f.name == fixture.name)
            .filter_map(|(.., finding)| finding.fix.as_ref().and_then(|x| x.sql.clone()))
            .collect();
        if sqls.len() > 1 {
            for (_, statement) in &fixture.runtime {
                combined.push((fixture, statement, sqls.iter().cloned().collect()));
            }
        }
    }
    let together = parallel(&combined, |(fixture, statement, sqls)| {
        let (db, _) = dbs.apply(&fixture.text);
        let result = sqls
            .iter()
            .try_for_each(|sql| server.exec(&db.name, sql))
            .and_then(|()| server.exec(&db.name, statement));
        let log = format!(
            "{} / all {} FK401 fixes together / `{statement}`\n     after the fixes:   {}\n",
            fixture.name,
            sqls.len(),
            pg_cell(&result, 90)
        );
        let failure = result.err().map(|e| {
            format!(
                "{} / all FK401 fixes together / `{statement}`: expected success, got {e}\n{}",
                fixture.name,
                sqls.join("\n")
            )
        });
        (log, failure)
    });
    for (log, failure) in together {
        print!("{log}");
        problems.extend(failure);
    }
    let failure = if problems.is_empty() {
        String::new()
    } else {
        format!("FK401 run-time check failed:\n  {}", problems.join("\n  "))
    };
    finish(&fixtures, failure);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Default names
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn default_foreign_key_names_match_postgresql() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let dbs = Databases::new(&server);
    let fixtures = for_server(all_fixtures(), server.major_version());
    let graphs = parallel(&fixtures, |fixture| {
        let (db, results) = dbs.apply(&fixture.text);
        let accepted = results.iter().all(Result::is_ok);
        accepted.then(|| pg_foreign_keys(&server, &db.name))
    });
    let mut compared = 0;
    let mut foreign_keys = 0;
    let mut problems = Vec::new();
    for (fixture, pg) in fixtures.iter().zip(&graphs) {
        let Some(pg) = pg else { continue };
        compared += 1;
        foreign_keys += pg.len();
        let ours: Vec<FkRow> = fklint_foreign_keys(&fixture.name, &fixture.text)
            .into_iter()
            .map(|(fk, _)| fk)
            .collect();
        let group = |rows: &[FkRow]| {
            let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for row in rows {
                map.entry(row.label()).or_default().push(row.name.clone());
            }
            map.values_mut().for_each(|names| names.sort());
            map
        };
        // The platform's own foreign keys (the preset applied before the fixture) are not the project's schema.
        let preset = fklint::platform::choose(None, &[Source::new("f.sql", fixture.text.as_str())]);
        let pg: Vec<FkRow> = pg
            .iter()
            .filter(|row| !preset.as_ref().is_some_and(|p| p.manages(&row.schema)))
            .cloned()
            .collect();
        let (ours, theirs) = (group(&ours), group(&pg));
        for (shape, names) in &theirs {
            match ours.get(shape) {
                None => problems.push(format!(
                    "{}: PostgreSQL has {shape} ({}), fklint's schema does not",
                    fixture.name,
                    names.join(", ")
                )),
                Some(mine) if mine != names => problems.push(format!(
                    "{}: {shape}: fklint names it {mine:?}, PostgreSQL {names:?}",
                    fixture.name
                )),
                Some(_) => {}
            }
        }
        for (shape, names) in &ours {
            if !theirs.contains_key(shape) {
                problems.push(format!(
                    "{}: fklint's schema has {shape} ({}), PostgreSQL does not",
                    fixture.name,
                    names.join(", ")
                ));
            }
        }
    }
    println!(
        "\nTOTAL: {compared} fixtures accepted entirely by PostgreSQL, {foreign_keys} foreign keys compared, {} differences",
        problems.len()
    );
    let names_fixtures = fixtures
        .iter()
        .zip(&graphs)
        .filter(|(f, _)| f.name.starts_with("names_"));
    for (fixture, pg) in names_fixtures {
        assert!(
            pg.is_some(),
            "{}: PostgreSQL rejected a statement of a names fixture",
            fixture.name
        );
    }
    let failure = if problems.is_empty() {
        String::new()
    } else {
        format!(
            "fklint's foreign keys differ from pg_constraint:\n  {}",
            problems.join("\n  ")
        )
    };
    finish(&fixtures, failure);
}

// ---------------------------------------------------------------------------------------------------------------
// FK402 and FK403 at run time
// ---------------------------------------------------------------------------------------------------------------

/// A failure FK402 or FK403 predicts, which PostgreSQL only shows when rows move.
struct RuntimeCase {
    code: &'static str,
    schema: &'static str,
    /// Rows to insert first.
    setup: &'static str,
    /// The statement the finding is about.
    statement: &'static str,
    /// The SQLSTATE it fails with as written (`None`: it succeeds).
    as_written: Option<&'static str>,
    /// A query that must return `t` after the statement ran as written, when it succeeds.
    as_written_check: Option<&'static str>,
    /// The SQLSTATE after the forward fix (`None`: it succeeds).
    after_fix: Option<&'static str>,
}

const RUNTIME_CASES: &[RuntimeCase] = &[
    RuntimeCase {
        code: "FK402",
        schema: "CREATE TABLE queues (id int PRIMARY KEY);\n\
                 CREATE TABLE tickets (id int PRIMARY KEY, queue_id int NOT NULL REFERENCES queues (id) ON DELETE SET DEFAULT);",
        setup: "INSERT INTO queues VALUES (1); INSERT INTO tickets VALUES (10, 1);",
        statement: "DELETE FROM queues WHERE id = 1",
        as_written: Some("23502"),
        as_written_check: None,
        // RESTRICT: the delete is refused by the foreign key, as declared.
        after_fix: Some("23503"),
    },
    RuntimeCase {
        code: "FK402",
        schema: "CREATE TABLE queues (id int PRIMARY KEY);\n\
                 CREATE TABLE tickets (id int PRIMARY KEY, queue_id int REFERENCES queues (id) ON DELETE SET DEFAULT);",
        setup: "INSERT INTO queues VALUES (1); INSERT INTO tickets VALUES (10, 1);",
        statement: "DELETE FROM queues WHERE id = 1",
        as_written: None,
        // It behaves as SET NULL.
        as_written_check: Some("SELECT queue_id IS NULL FROM tickets WHERE id = 10"),
        after_fix: None,
    },
    RuntimeCase {
        code: "FK402",
        schema: "CREATE TABLE owners (id serial PRIMARY KEY);\n\
                 CREATE TABLE projects (id int PRIMARY KEY, owner_id int NOT NULL DEFAULT 0 REFERENCES owners (id) ON DELETE SET DEFAULT);",
        setup: "INSERT INTO owners DEFAULT VALUES; INSERT INTO projects VALUES (10, 1);",
        statement: "DELETE FROM owners WHERE id = 1",
        as_written: Some("23503"),
        as_written_check: None,
        after_fix: Some("23503"),
    },
    RuntimeCase {
        code: "FK403",
        schema: "CREATE TABLE store (id int PRIMARY KEY, manager_id int NOT NULL);\n\
                 CREATE TABLE staff (id int PRIMARY KEY, store_id int NOT NULL REFERENCES store (id));\n\
                 ALTER TABLE store ADD FOREIGN KEY (manager_id) REFERENCES staff (id);",
        setup: "",
        statement: "BEGIN; INSERT INTO store VALUES (1, 1); INSERT INTO staff VALUES (1, 1); COMMIT;",
        as_written: Some("23503"),
        as_written_check: None,
        after_fix: None,
    },
];

#[test]
fn set_default_and_cycles_fail_at_run_time() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let dbs = Databases::new(&server);
    let outcome = |result: &Result<(), PgError>| match result {
        Ok(()) => None,
        Err(e) => Some(e.sqlstate.clone()),
    };
    let mut problems = Vec::new();
    for (i, case) in RUNTIME_CASES.iter().enumerate() {
        let label = format!("runtime case {} ({})", i + 1, case.code);
        let report = check_text("case.sql", case.schema);
        let Some(sql) = report
            .findings
            .iter()
            .find(|f| f.code == case.code)
            .and_then(|f| f.fix.as_ref())
            .and_then(|fix| fix.sql.clone())
        else {
            problems.push(format!(
                "{label}: no {} finding with forward SQL",
                case.code
            ));
            continue;
        };
        for fixed in [false, true] {
            let (db, results) = dbs.apply(case.schema);
            if results.iter().any(Result::is_err) {
                problems.push(format!("{label}: the schema is rejected: {results:?}"));
                continue;
            }
            if fixed {
                if let Err(e) = server.exec(&db.name, &sql) {
                    problems.push(format!("{label}: the forward fix fails: {e:?}\n{sql}"));
                    continue;
                }
            }
            if let Err(e) = server.exec(&db.name, case.setup) {
                problems.push(format!("{label}: the setup fails: {e:?}"));
                continue;
            }
            let result = server.exec(&db.name, case.statement);
            let expected = if fixed {
                case.after_fix
            } else {
                case.as_written
            };
            // PostgreSQL 18 reports a RESTRICT violation as 23001 (`restrict_violation`), earlier ones 23503: the
            // same failure.
            let got = outcome(&result).map(|code| {
                if code == "23001" {
                    "23503".to_string()
                } else {
                    code
                }
            });
            println!(
                "{label} {}: `{}` → {}",
                if fixed { "after the fix" } else { "as written" },
                case.statement,
                got.as_deref().unwrap_or("ok")
            );
            if got.as_deref() != expected {
                problems.push(format!(
                    "{label} ({}): expected {expected:?}, got {result:?}",
                    if fixed { "after the fix" } else { "as written" }
                ));
            }
            if let (false, Some(check)) = (fixed, case.as_written_check) {
                let rows = server.query(&db.name, check).unwrap_or_default();
                if rows.first().map(|r| r[0].as_str()) != Some("t") {
                    problems.push(format!("{label}: `{check}` gave {rows:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------------------------
// 6. COPY data blocks read as psql reads them
// ---------------------------------------------------------------------------------------------------------------

/// `tests/oracle/copy/*.sql`, each run whole by psql (`-f`, the client [`fklint_tests::pg::script_client`]
/// picks: one that runs the lines after a rejected `COPY ... FROM STDIN` as script) on a fresh database: every
/// line psql reports an error at is a statement fklint flags, unless it is the COPY itself, a syntax error
/// (the rows glued to the next statement) or a privilege the role lacks (42501), all outside fklint's scope; no statement fklint flags is accepted;
/// and the foreign keys at the end are PostgreSQL's.
#[test]
fn copy_blocks_are_read_as_psql_reads_them() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let client = fklint_tests::pg::script_client(&server);
    let target = fklint::server::ServerVersion::new(
        fklint::server::Server::Postgres,
        server.major_version(),
        0,
    );
    let mut problems = Vec::new();
    let mut judged = 0;
    for (name, text) in copy_fixtures() {
        let db = server.create_database();
        let errors: BTreeMap<usize, PgError> = server
            .script_errors(&client, &db, &text)
            .into_iter()
            .collect();
        let options = fklint::Options {
            target: Some(target),
            ..fklint::Options::default()
        };
        let report = fklint::check(&[Source::new(&name, text.as_str())], &options);
        let statements = script_statements(&text);
        let mut flagged: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            let at = f.position.start;
            match statements.iter().find(|(_, (s, e))| at >= *s && at <= *e) {
                Some((line, _)) => flagged
                    .entry(*line)
                    .or_default()
                    .push(format!("{}: {}", f.code, f.message)),
                None => problems.push(format!(
                    "{name}: {} at byte {at} lies in no statement",
                    f.code
                )),
            }
        }
        for (line, found) in &flagged {
            if !errors.contains_key(line) {
                problems.push(format!(
                    "{name}:{line}: PostgreSQL accepts it, fklint says {found:?}"
                ));
            }
        }
        for (line, error) in &errors {
            judged += 1;
            let statement = statements
                .iter()
                .find(|(l, _)| l == line)
                .map(|(_, (s, e))| &text[*s..*e]);
            // A privilege the role lacks (42501) is outside fklint's scope: the statement has no effect, and
            // no finding.
            let excused = error.sqlstate == "42601"
                || error.sqlstate == "42501"
                || statement
                    .is_some_and(|s| s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("copy")));
            if !excused && !flagged.contains_key(line) {
                problems.push(format!(
                    "{name}:{line}: PostgreSQL rejects it ({error}), fklint has no error"
                ));
            }
        }
        let label = |rows: Vec<FkRow>| -> BTreeSet<String> {
            rows.iter()
                .map(|row| format!("{} {}", row.label(), row.name))
                .collect()
        };
        let theirs = label(pg_foreign_keys(&server, &db));
        let ours = label(
            fklint_foreign_keys(&name, &text)
                .into_iter()
                .map(|(fk, _)| fk)
                .collect(),
        );
        for fk in theirs.difference(&ours) {
            problems.push(format!(
                "{name}: PostgreSQL has {fk}, fklint's schema does not"
            ));
        }
        for fk in ours.difference(&theirs) {
            problems.push(format!(
                "{name}: fklint's schema has {fk}, PostgreSQL does not"
            ));
        }
    }
    println!(
        "\nCOPY scripts: {} fixtures, {judged} rejected statements judged with {}, {} problems",
        copy_fixtures().len(),
        client.display(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
