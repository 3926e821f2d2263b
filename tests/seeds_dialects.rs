//! The seeds' type and missing-table problems (`../shared/seeds` 001 and 002, and the Laravel `int` →
//! `bigint unsigned` case) written for MySQL (`tests/seeds/mysql/`) and SQLite (`tests/seeds/sqlite/`), judged by
//! the real server with the driver of `tests/judge/`: fklint reports exactly the expected findings at their lines
//! (`-- expect: FK101@7`) and no other error; its errors agree with the server's rejections; every fix is
//! dialect-correct and accepted: each finding's forward SQL runs after the migration and each edit fix clears its
//! finding (`judge::fix_agreement`), and the migration with all error fixes' edits applied is accepted entirely,
//! checks clean, and holds the foreign keys fklint says it does (`judge::all_error_edits`).

use std::path::Path;

use fklint::Severity;
use fklint_tests::judge::{self, mysql::MySqlJudge, sqlite::SqliteJudge, Judge, Run};

/// Error findings the headers do not expect (code and line).
fn unexpected_errors(runs: &[Run]) -> Vec<String> {
    let mut problems = Vec::new();
    for run in runs {
        for f in run
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            let expected = run
                .fixture
                .expect
                .iter()
                .any(|(code, line)| code == f.code && *line == Some(f.position.line));
            if !expected {
                problems.push(format!(
                    "{}: unexpected {}@{}: {}",
                    run.fixture.name, f.code, f.position.line, f.message
                ));
            }
        }
    }
    problems
}

/// Error findings without a fix (every seed problem has one).
fn without_fix(runs: &[Run]) -> Vec<String> {
    runs.iter()
        .flat_map(|run| {
            run.report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.fix.is_none())
                .map(move |f| {
                    format!(
                        "{}: {}@{} has no fix",
                        run.fixture.name, f.code, f.position.line
                    )
                })
        })
        .collect()
}

fn judge_seeds<J: Judge>(judge: &J, server: &str, dir: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let fixtures = judge::load_fixtures(&dir);
    let runs = judge::run_all(judge, &fixtures);
    judge::finish(&[
        (
            "expected finding(s) missing",
            judge::expectations(server, &runs),
        ),
        ("unexpected error finding(s)", unexpected_errors(&runs)),
        ("error finding(s) without a fix", without_fix(&runs)),
        (
            "statement(s) where fklint's errors and the server's rejections disagree",
            judge::error_agreement(server, &runs),
        ),
        ("fix problem(s)", judge::fix_agreement(judge, server, &runs)),
        (
            "problem(s) with all error fixes' edits applied together",
            judge::all_error_edits(judge, server, &runs),
        ),
    ]);
}

#[test]
fn seeds_in_mysql_judged_by_mariadb() {
    if let Some(judge) = MySqlJudge::start_or_skip() {
        judge_seeds(&judge, "MariaDB", "seeds/mysql");
    }
}

#[test]
fn seeds_in_sqlite_judged_by_sqlite() {
    if let Some(judge) = SqliteJudge::create_or_skip() {
        judge_seeds(&judge, "SQLite", "seeds/sqlite");
    }
}
