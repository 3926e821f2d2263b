//! `fklint check --down`: for each step that has a down part, the ups up to that step are replayed, then its
//! down, as the tool runs them when migrating down (`goose down`, `diesel migration revert`, `flyway undo`,
//! `sqitch revert`, ...). Two things are reported:
//! - what the server rejects in the down: the error findings of every rule located in the down (a `DROP TABLE`
//!   that other tables' keys still need is FK106, a key added before the down re-creates its table is FK105);
//! - when it rejects nothing, a down after which the foreign keys differ from those before the step's up
//!   (FK602, [`crate::rules::down_does_not_restore_foreign_keys`]).
//!
//! The driver calls [`check`] once per database, with the sources it already parsed: only replays and rules
//! run here, two replays per down (before the step, and the step plus its down).

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids_from::Declarations;
use crate::options::Options;
use crate::prepared::Prepared;
use crate::rules::down_does_not_restore_foreign_keys::DownSpan;
use crate::rules::{self, down_does_not_restore_foreign_keys, RuleContext};
use crate::source::{Location, Reverts, SourceId};

/// One database of the run, as the down check needs it.
pub(crate) struct Database<'a> {
    pub name: Option<&'a str>,
    /// Per source: whether it builds this database (down parts never do).
    pub member: &'a [bool],
}

/// The findings of every down of the database's steps, in order of the steps.
pub(crate) fn check(
    prepared: &Prepared,
    database: &Database,
    reverts: &[Reverts],
    options: &Options,
    ids_from: &Declarations,
) -> Vec<Diagnostic> {
    let mut steps: Vec<SourceId> = reverts.iter().map(|r| r.up).collect();
    steps.sort_unstable();
    steps.dedup();
    steps
        .into_iter()
        .filter(|&up| database.member.get(up).copied().unwrap_or(false))
        .flat_map(|up| {
            let parts: Vec<SourceId> = reverts
                .iter()
                .filter(|r| r.up == up && first_statement(prepared, r.down).is_some())
                .map(|r| r.down)
                .collect();
            check_one(prepared, database, up, &parts, options, ids_from)
        })
        .collect()
}

/// Where a down part's first statement is; `None` for a part with none (an empty section, a file of comments:
/// a down nobody wrote, nothing to check). The front end noted it while reading the part.
fn first_statement(prepared: &Prepared, source: SourceId) -> Option<Location> {
    let (first, _) = prepared.parsed.statement_bounds.get(source).copied()??;
    Some(Location {
        source,
        span: first,
    })
}

/// The findings of the down `parts` of step `up`.
fn check_one(
    prepared: &Prepared,
    database: &Database,
    up: SourceId,
    parts: &[SourceId],
    options: &Options,
    ids_from: &Declarations,
) -> Vec<Diagnostic> {
    let Some(&first) = parts.first() else {
        return Vec::new();
    };
    let after = replay(prepared, database, |source| source <= up, parts, options);
    // Line indexes are built lazily, only for the sources a finding lands in.
    let lines = crate::source::Lines::new(&prepared.sources);
    let context = RuleContext {
        catalog: &after,
        sources: &prepared.sources,
        lines: &lines,
        database: database.name,
        others: Vec::new(),
        ids_from,
        parsed: &prepared.parsed,
    };
    let rejected: Vec<Diagnostic> = rules::run_all(&context)
        .into_iter()
        .filter(|d| d.severity == Severity::Error && parts.contains(&d.location.source))
        .collect();
    if !rejected.is_empty() {
        return rejected;
    }
    let before = replay(prepared, database, |source| source < up, &[], options);
    let start = first_statement(prepared, first);
    let end = parts
        .last()
        .and_then(|&last| last_statement_end(prepared, last));
    let step = prepared.sources.get(up);
    match (start, end, step) {
        (Some(start), Some((end, terminated)), Some(step)) => {
            let down = DownSpan {
                start,
                end,
                terminated,
            };
            down_does_not_restore_foreign_keys::compare(&before, &after, down, step)
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Just after a down part's last statement and its `;` (where a statement added to it goes), and whether it
/// has that `;` (dbmate's last statements often do not).
fn last_statement_end(prepared: &Prepared, source: SourceId) -> Option<(Location, bool)> {
    let (_, last) = prepared.parsed.statement_bounds.get(source).copied()??;
    let end = last.end;
    let rest = prepared.sources.get(source)?.text.get(end..)?;
    let blank = rest.len() - rest.trim_start().len();
    let terminated = rest.trim_start().starts_with(';');
    let at = if terminated { end + blank + 1 } else { end };
    let span = crate::source::Span { start: at, end: at };
    Some((Location { source, span }, terminated))
}

/// The database's catalog after the steps `runs` keeps (the platform's first), then the down `parts` in order.
fn replay(
    prepared: &Prepared,
    database: &Database,
    runs: impl Fn(SourceId) -> bool,
    parts: &[SourceId],
    options: &Options,
) -> Catalog {
    let events = &prepared.parsed.events;
    let ups = events.iter().filter(|e| {
        let source = e.stmt.source;
        prepared.is_platform_source(source)
            || (database.member.get(source).copied().unwrap_or(false) && runs(source))
    });
    let downs = parts
        .iter()
        .flat_map(|&part| events.iter().filter(move |e| e.stmt.source == part));
    let mut all = ups.chain(downs).map(Cow::Borrowed);
    prepared.replay(&mut all, options)
}

#[cfg(test)]
mod tests {
    use crate::layout::{lay_out, LayoutOptions};
    use crate::{check_down, Options, Source};

    /// Goose files (`name`, Up section, Down section), checked with their downs: `code line` of each finding.
    fn findings(files: &[(&str, &str, &str)]) -> Vec<String> {
        let files: Vec<Source> = files
            .iter()
            .map(|(name, up, down)| {
                Source::new(
                    *name,
                    format!("-- +goose Up\n{up}\n-- +goose Down\n{down}\n"),
                )
            })
            .collect();
        let plan = lay_out(&files, LayoutOptions::default());
        let (sources, reverts) = plan.sources_with_downs(&files);
        check_down(&sources, &reverts, &Options::default())
            .findings
            .iter()
            .filter(|f| f.code != "FK404")
            .map(|f| format!("{} {}:{}", f.code, f.position.file, f.position.line))
            .collect()
    }

    const USERS: &str = "CREATE TABLE users (id int PRIMARY KEY);";
    const POSTS: &str =
        "CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));";

    #[test]
    fn a_down_that_drops_a_table_still_referenced_is_rejected() {
        let up = format!("{USERS}\n{POSTS}");
        let found = findings(&[("1_init.sql", &up, "DROP TABLE users;\nDROP TABLE posts;")]);
        assert_eq!(found, ["FK106 1_init.sql:5"]);
        let fine = findings(&[("1_init.sql", &up, "DROP TABLE posts;\nDROP TABLE users;")]);
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn a_down_that_adds_a_key_to_a_table_not_there_yet_is_rejected() {
        let found = findings(&[
            ("1_init.sql", &format!("{USERS}\n{POSTS}"), ""),
            (
                "2_drop_users.sql",
                "ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;\nDROP TABLE users;",
                "ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id);\nCREATE TABLE users (id int PRIMARY KEY);",
            ),
        ]);
        assert_eq!(found, ["FK105 2_drop_users.sql:5"]);
    }

    #[test]
    fn a_down_that_leaves_or_loses_keys_is_fk602_and_an_empty_down_is_not_checked() {
        let added = "ALTER TABLE posts ADD COLUMN editor_id int REFERENCES users (id);";
        let found = findings(&[
            ("1_init.sql", &format!("{USERS}\n{POSTS}"), ""),
            ("2_editor.sql", added, "SELECT 1;"),
            (
                "3_editor_again.sql",
                "SELECT 1;",
                "ALTER TABLE posts DROP COLUMN author_id;",
            ),
        ]);
        assert_eq!(
            found,
            ["FK602 2_editor.sql:4", "FK602 3_editor_again.sql:4"]
        );
        let fine = findings(&[
            (
                "1_init.sql",
                &format!("{USERS}\n{POSTS}"),
                "DROP TABLE posts, users;",
            ),
            (
                "2_editor.sql",
                added,
                "ALTER TABLE posts DROP COLUMN editor_id;",
            ),
        ]);
        assert!(fine.is_empty(), "{fine:?}");
    }
}
