//! Liquibase formatted SQL: files starting with `--liquibase formatted sql`, cut into `--changeset
//! author:id` blocks. `--rollback` lines are comments to every splitter, so they never run on update; they
//! revert their changeset (`liquibase rollback`: the file's changesets in reverse order, which needs a rollback
//! for each of them, `--rollback not required` being an empty one). A changeset whose `dbms:` names other servers does not run on this one. Without a master changelog the files
//! run in natural order of their paths (`includeAll`'s order).

use std::ops::Range;

use super::mask::{keep_only, lines};
use super::names::natural_path_cmp;
use super::{Context, Laid, Step};
use crate::dialect::Dialect;
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files.iter().filter(|f| is_formatted(&f.text)).count();
    (count > 0).then(|| format!("{count} files starting with `--liquibase formatted sql`"))
}

fn is_formatted(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let compact: String = first
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    compact.starts_with("--liquibase formatted sql")
        || compact.starts_with("-- liquibase formatted sql")
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        if is_formatted(&file.text) {
            run.push(index);
        } else {
            laid.skip(
                index,
                "not a formatted SQL changelog (`--liquibase formatted sql`)",
            );
        }
    }
    crate::sort::sort_by(&mut run, |&a, &b| {
        natural_path_cmp(&context.files[a].name, &context.files[b].name)
    });
    for index in run {
        let text = &context.files[index].text;
        let changesets = changesets_for(text, context.dialect);
        laid.steps.push(Step {
            file: index,
            text: keep_only(text, &changesets),
            transaction: true,
            note: Some("changesets".to_string()),
        });
        let rollbacks: Option<Vec<Vec<Range<usize>>>> =
            changesets.iter().map(|c| rollback_of(text, c)).collect();
        for rollback in rollbacks.unwrap_or_default().iter().rev() {
            laid.revert(index, index, keep_only(text, rollback), true);
        }
    }
    laid
}

/// The SQL of a changeset's `--rollback` lines (what follows the marker), `None` when it has none. `not
/// required` and `empty` say it needs no rollback.
fn rollback_of(text: &str, changeset: &Range<usize>) -> Option<Vec<Range<usize>>> {
    let mut ranges = Vec::new();
    let body = text.get(changeset.clone())?;
    for (range, line) in lines(body) {
        let trimmed = line.trim_start();
        let Some(sql) = trimmed.strip_prefix("--rollback") else {
            continue;
        };
        let start = changeset.start + range.start + (line.len() - sql.len());
        let nothing = ["not required", "empty"].contains(&sql.trim().to_ascii_lowercase().as_str());
        ranges.push(if nothing {
            start..start
        } else {
            start..changeset.start + range.end
        });
    }
    (!ranges.is_empty()).then_some(ranges)
}

/// The byte ranges of the changesets that run on `dialect` (all of them when it is unknown).
fn changesets_for(text: &str, dialect: Option<Dialect>) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (range, line) in lines(text) {
        let Some(header) = line.trim_start().strip_prefix("--changeset") else {
            continue;
        };
        if let Some((start, runs)) = current.take() {
            if runs {
                ranges.push(start..range.start);
            }
        }
        current = Some((range.end, runs_on(header, dialect)));
    }
    if let Some((start, true)) = current {
        ranges.push(start..text.len());
    }
    ranges
}

/// Whether a changeset header's `dbms:` list (if any) includes the dialect's server.
fn runs_on(header: &str, dialect: Option<Dialect>) -> bool {
    let Some(dialect) = dialect else {
        return true;
    };
    let Some(list) = header
        .split_whitespace()
        .find_map(|word| word.strip_prefix("dbms:"))
    else {
        return true;
    };
    let names: &[&str] = match dialect {
        Dialect::Postgres => &["postgresql", "postgres"],
        Dialect::MySql => &["mysql", "mariadb"],
        Dialect::Sqlite => &["sqlite"],
    };
    let listed: Vec<String> = list
        .split(',')
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    if listed.iter().all(|n| n.starts_with('!')) {
        return !listed.iter().any(|n| names.contains(&&n[1..]));
    }
    listed
        .iter()
        .any(|n| n == "all" || names.contains(&n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

    #[test]
    fn changesets_for_other_servers_do_not_run() {
        let text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE a (id int);\n--rollback DROP TABLE a;\n--changeset a:2 dbms:oracle\nCREATE TABLE o (id number);\n--changeset a:3 dbms:postgresql,mysql\nCREATE TABLE b (id int);\n";
        let files = [Source::new("changelog.sql", text)];
        let plan = lay_out(
            &files,
            LayoutOptions {
                tool: None,
                dialect: Some(Dialect::Postgres),
            },
        );
        assert_eq!(plan.choice.tool, Tool::Liquibase);
        let run = &plan.steps[0].text;
        assert!(run.contains("CREATE TABLE a") && run.contains("CREATE TABLE b"));
        assert!(!run.contains("CREATE TABLE o"));
        // Changeset 1 has a rollback, 3 has none: the file cannot be rolled back.
        assert!(plan.downs.is_empty());
    }

    #[test]
    fn rollbacks_revert_the_changesets_last_first() {
        let text = "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE a (id int);\n--rollback DROP TABLE a;\n--changeset a:2\nCREATE TABLE b (id int);\n--rollback DROP\n--rollback TABLE b;\n--changeset a:3\nSELECT 1;\n--rollback not required\n";
        let files = [Source::new("changelog.sql", text)];
        let plan = lay_out(&files, LayoutOptions::default());
        let downs: Vec<String> = plan
            .downs
            .iter()
            .map(|d| d.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(downs, ["", "DROP TABLE b;", "DROP TABLE a;"]);
        assert!(plan.downs.iter().all(|d| d.text.len() == text.len()));
    }
}
