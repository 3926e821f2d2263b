//! The driver: runs the stages in order (DESIGN.md's data flow) for every database of the run, and finishes
//! the findings (rule settings, suppressions, order). The one place that knows the whole pipeline.
//!
//! Several databases in one run (`[databases]` in `fklint.toml`, `--database`, the wasm API's `databases`):
//! each declared database is its own database, so each is replayed on its own from its sources; the
//! sources that no declared database lists form one more, unnamed database, and a source listed in two
//! databases is replayed in both. The sources are split and read once (statements keep their run-wide order
//! and their locations): only the replay and the rules run per database. Rules see the other databases, which
//! is how FK303 tells a table that exists nowhere from one that another database defines. Without declared
//! databases every source is in the one unnamed database: [`crate::check`] and [`crate::schema`] always run here.
//!
//! The findings of all databases are merged: a finding made identically in two databases (a source in both)
//! is reported once. Rule settings and suppressions apply once, to the merged findings.

use std::borrow::Cow;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Summary};
use crate::dialect::Dialect;
use crate::ids_from::Declarations;
use crate::prepared::Prepared;
use crate::report::schema::SchemaReport;
use crate::rules::{self, OtherDatabase, RuleContext};
use crate::source::{Reverts, Source};

use crate::options::Options;
use crate::{diagnostic, dialect_detect, grouping, report, sort, source, suppress};

/// One database, replayed.
#[derive(Debug)]
pub struct Replayed {
    /// `None` for the sources that no declared database lists.
    pub name: Option<String>,
    pub catalog: Catalog,
}

/// What [`analyze`] computed: every database's catalog, and the merged findings.
#[derive(Debug)]
pub struct MultiAnalysis {
    pub databases: Vec<Replayed>,
    pub diagnostics: Vec<Diagnostic>,
    /// Tables and foreign keys are counted over all databases.
    pub summary: Summary,
}

/// Sets `options.dialect` to `given`, or, when `None` ("auto"), to the dialect the migration tool's files
/// declare (`declared`: the dialect and where it was read), else to the one detected in `sources`, keeping the
/// evidence for the summary. The first stage of a run, before [`analyze`]: the CLI and the wasm API call it
/// once their sources are laid out.
pub fn choose_dialect(
    options: &mut Options,
    sources: &[Source],
    given: Option<Dialect>,
    declared: Option<(Dialect, &'static str)>,
) {
    (options.dialect, options.detected) =
        dialect_detect::resolve_declared(sources, given, declared);
}

/// Checks every database on its own and merges the findings.
pub fn analyze(sources: &[Source], options: &Options) -> MultiAnalysis {
    analyze_with_downs(sources, &[], options)
}

/// [`analyze`], where some sources are down parts (`reverts`): they build no database, and each is checked
/// after the ups up to the step it reverts ([`crate::down`]).
pub fn analyze_with_downs(
    sources: &[Source],
    reverts: &[Reverts],
    options: &Options,
) -> MultiAnalysis {
    let mut prepared = Prepared::new(sources, options);
    let members = memberships(prepared.own, reverts, options);
    // Only the replay reads the events (and the down check, which replays them again): without downs they are
    // dropped as they are replayed (one database) or once every database is (several), so that their memory is
    // not held beside the catalogs and the findings.
    let databases = if reverts.is_empty() {
        replay_consuming(&mut prepared, &members, options)
    } else {
        replay_all(&prepared, &members, options)
    };
    let ids_from = Declarations::read(sources, &prepared.parsed.outlines, &options.ids_from);
    let mut diagnostics: Vec<Diagnostic> = std::mem::take(&mut prepared.parsed.unreadable)
        .into_iter()
        .filter(|u| !databases.iter().any(|d| d.catalog.in_copy_data(u.location)))
        .map(|u| rules::unparsed_statement::diagnostic(u.location, &u.message, u.schema_shaped))
        .collect();
    let lines = source::Lines::new(&prepared.sources);
    for (index, database) in databases.iter().enumerate() {
        let context = RuleContext {
            catalog: &database.catalog,
            sources: &prepared.sources,
            lines: &lines,
            database: database.name.as_deref(),
            others: others(&databases, index),
            ids_from: &ids_from,
            parsed: &prepared.parsed,
        };
        let found = rules::run_all(&context);
        // Usually nothing is unreadable and there is one database: the rules' list is the list, not copied
        // into it (two lists of every finding at once would be the run's peak of memory).
        if diagnostics.is_empty() {
            diagnostics = found;
        } else {
            diagnostics.extend(found);
        }
        if let Some((_, member)) = members.get(index) {
            let database = crate::down::Database {
                name: database.name.as_deref(),
                member,
            };
            diagnostics.extend(crate::down::check(
                &prepared, &database, reverts, options, &ids_from,
            ));
        }
    }
    let catalogs: Vec<&Catalog> = databases.iter().map(|d| &d.catalog).collect();
    let mut summary = prepared.summary(&catalogs);
    // A down part is a part of a migration file already counted (or its `.down.sql` twin), not another migration.
    summary.files = summary.files.saturating_sub(reverts.len());
    // One database cannot repeat a finding of another (and its findings keep their order).
    let diagnostics = if options.databases.is_empty() {
        diagnostics
    } else {
        without_repeats(diagnostics)
    };
    let diagnostics = prepared.without_platform(diagnostics);
    let (diagnostics, summary) = finish(
        sources,
        &prepared.parsed.outlines,
        options,
        diagnostics,
        summary,
    );
    MultiAnalysis {
        databases,
        diagnostics,
        summary,
    }
}

/// One schema per database, in one report: every table and foreign key names its database.
pub fn schema(sources: &[Source], options: &Options) -> SchemaReport {
    let prepared = Prepared::new(sources, options);
    let mut merged = SchemaReport {
        version: 1,
        tables: Vec::new(),
        foreign_keys: Vec::new(),
        needs_full_build: prepared.parsed.needs_full_build,
    };
    let members = memberships(prepared.own, &[], options);
    for database in replay_all(&prepared, &members, options) {
        let one = report::build_schema_report(sources, &database.catalog, database.name.as_deref());
        merged.tables.extend(one.tables);
        merged.foreign_keys.extend(one.foreign_keys);
    }
    merged
}

/// Replays each database from the events of its sources (and the platform's, which every database has): the
/// declared ones in their order, then the unnamed one when some source is in no declared database.
fn replay_all(
    prepared: &Prepared,
    members: &[(Option<String>, Vec<bool>)],
    options: &Options,
) -> Vec<Replayed> {
    members
        .iter()
        .map(|(name, member)| {
            let mut own = prepared
                .parsed
                .events
                .iter()
                .filter(|e| builds(prepared, member, e))
                .map(Cow::Borrowed);
            Replayed {
                name: name.clone(),
                catalog: prepared.replay(&mut own, options),
            }
        })
        .collect()
}

/// Whether an event builds the database whose sources are `member` (the platform's build every database).
fn builds(prepared: &Prepared, member: &[bool], event: &crate::events::Event) -> bool {
    prepared.is_platform_source(event.stmt.source)
        || member.get(event.stmt.source).copied().unwrap_or(false)
}

/// [`replay_all`], leaving no events in `prepared`: with one database, each event is dropped once replayed.
fn replay_consuming(
    prepared: &mut Prepared,
    members: &[(Option<String>, Vec<bool>)],
    options: &Options,
) -> Vec<Replayed> {
    let [(name, member)] = members else {
        let databases = replay_all(prepared, members, options);
        drop(std::mem::take(&mut prepared.parsed.events));
        return databases;
    };
    let events = std::mem::take(&mut prepared.parsed.events);
    let mut own = events
        .into_iter()
        .filter(|e| builds(prepared, member, e))
        .map(Cow::Owned);
    vec![Replayed {
        name: name.clone(),
        catalog: prepared.replay(&mut own, options),
    }]
}

/// Each database's name and, per source, whether it builds that database (a down part builds none).
fn memberships(
    source_count: usize,
    reverts: &[Reverts],
    options: &Options,
) -> Vec<(Option<String>, Vec<bool>)> {
    let mut out = declared_memberships(source_count, options);
    for (_, member) in &mut out {
        for revert in reverts {
            if let Some(m) = member.get_mut(revert.down) {
                *m = false;
            }
        }
    }
    out
}

fn declared_memberships(
    source_count: usize,
    options: &Options,
) -> Vec<(Option<String>, Vec<bool>)> {
    let mut listed = vec![false; source_count];
    let mut out: Vec<(Option<String>, Vec<bool>)> = options
        .databases
        .iter()
        .map(|database| {
            let mut member = vec![false; source_count];
            for &source in &database.sources {
                if let (Some(m), Some(l)) = (member.get_mut(source), listed.get_mut(source)) {
                    *m = true;
                    *l = true;
                }
            }
            (Some(database.name.clone()), member)
        })
        .collect();
    // Without declared databases, the sources (even none) are the one unnamed database.
    if options.databases.is_empty() || listed.iter().any(|l| !l) {
        out.push((None, listed.iter().map(|l| !l).collect()));
    }
    out
}

/// The databases other than the one at `index`.
fn others(databases: &[Replayed], index: usize) -> Vec<OtherDatabase<'_>> {
    databases
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, d)| OtherDatabase {
            name: d.name.as_deref(),
            catalog: &d.catalog,
        })
        .collect()
}

/// Whether two findings say the same; their groups name their database, so they are not compared.
fn same_finding(a: &Diagnostic, b: &Diagnostic) -> bool {
    let without_group = |d: &Diagnostic| Diagnostic {
        group: None,
        ..d.clone()
    };
    a.group.as_ref().map(|g| &g.label) == b.group.as_ref().map(|g| &g.label)
        && without_group(a) == without_group(b)
}

/// Drops findings identical to one already kept (the same source checked in two databases); findings that
/// differ (e.g. naming their database) all stay.
fn without_repeats(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let by_key = |a: &Diagnostic, b: &Diagnostic| {
        diagnostic::by_location_and_code(a, b).then_with(|| a.message.cmp(&b.message))
    };
    sort::sort_by(&mut diagnostics, by_key);
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    // Identical findings have the same key, so they are in one run of equal keys: compare within it only.
    let mut run_start = 0;
    for diagnostic in diagnostics {
        if kept
            .get(run_start)
            .is_some_and(|first| by_key(first, &diagnostic).is_ne())
        {
            run_start = kept.len();
        }
        let repeated = kept
            .get(run_start..)
            .is_some_and(|run| run.iter().any(|k| same_finding(k, &diagnostic)));
        if !repeated {
            kept.push(diagnostic);
        }
    }
    kept
}

/// What every run does last, once over all findings (of every database): rule settings, suppressions (a
/// suppression used in any database is used), findings of one cause made one, then source order.
fn finish(
    sources: &[Source],
    outlines: &[source::Outline],
    options: &Options,
    diagnostics: Vec<diagnostic::Diagnostic>,
    summary: Summary,
) -> (Vec<diagnostic::Diagnostic>, Summary) {
    let diagnostics = diagnostic::apply_rule_settings(&options.rules, diagnostics);
    let suppress::Suppressed {
        diagnostics,
        suppressed,
    } = suppress::apply(sources, outlines, diagnostics, &options.rules);
    let mut diagnostics = grouping::merge(diagnostics);
    sort::sort_by(&mut diagnostics, diagnostic::by_location_and_code);
    (
        diagnostics,
        Summary {
            suppressed,
            ..summary
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Database;
    use crate::{check, IdsFrom};

    fn run(files: &[(&str, &str)], databases: &[(&str, &[usize])]) -> Vec<String> {
        let sources: Vec<Source> = files.iter().map(|(n, t)| Source::new(*n, *t)).collect();
        let options = Options {
            databases: databases
                .iter()
                .map(|(name, sources)| Database {
                    name: name.to_string(),
                    sources: sources.to_vec(),
                })
                .collect(),
            ..Options::default()
        };
        check(&sources, &options)
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}:{}",
                    f.code,
                    f.severity.as_str(),
                    f.position.file,
                    f.position.line
                )
            })
            .collect()
    }

    const AUTH: &str = "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\n";
    const APP: &str = "CREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid REFERENCES auth.users (id)\n);\n";

    #[test]
    fn one_database_sees_every_table() {
        assert!(run(&[("auth.sql", AUTH), ("app.sql", APP)], &[])
            .iter()
            .all(|f| !f.starts_with("FK101") && !f.starts_with("FK303")));
    }

    #[test]
    fn a_table_of_another_database_is_fk303_not_fk101() {
        let found = run(
            &[("auth.sql", AUTH), ("app.sql", APP)],
            &[("auth", &[0]), ("app", &[1])],
        );
        assert!(
            found.contains(&"FK303 error app.sql:3".to_string()),
            "{found:?}"
        );
        assert!(found.iter().all(|f| !f.starts_with("FK101")), "{found:?}");
        // The undeclared sources are a database of their own too.
        let found = run(&[("auth.sql", AUTH), ("app.sql", APP)], &[("auth", &[0])]);
        assert!(
            found.contains(&"FK303 error app.sql:3".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn a_table_that_exists_nowhere_is_still_fk101() {
        let app = APP.replace("auth.users", "auth.user");
        let found = run(
            &[("auth.sql", AUTH), ("app.sql", &app)],
            &[("auth", &[0]), ("app", &[1])],
        );
        assert!(
            found.iter().any(|f| f.starts_with("FK101 error app.sql:3")),
            "{found:?}"
        );
        assert!(found.iter().all(|f| !f.starts_with("FK303")), "{found:?}");
    }

    #[test]
    fn a_source_in_two_databases_reports_its_findings_once() {
        // auth.sql is in both: its FK404-free schema and app's findings must not double.
        let shared = "CREATE TABLE tenants (id int PRIMARY KEY);\nCREATE TABLE orders (tenant_id int REFERENCES tenants (id));\n";
        let found = run(&[("shared.sql", shared)], &[("a", &[0]), ("b", &[0])]);
        assert_eq!(found, ["FK404 info shared.sql:2"]);
    }

    #[test]
    fn the_error_fix_reruns_the_statement_without_the_foreign_key() {
        let app = "CREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid NOT NULL REFERENCES auth.users (id),\n  title text\n);\n";
        let sources = [Source::new("auth.sql", AUTH), Source::new("app.sql", app)];
        let options = Options {
            databases: vec![
                Database {
                    name: "auth".into(),
                    sources: vec![0],
                },
                Database {
                    name: "app".into(),
                    sources: vec![1],
                },
            ],
            ..Options::default()
        };
        let report = check(&sources, &options);
        let finding = report.findings.iter().find(|f| f.code == "FK303");
        let fix = finding.and_then(|f| f.fix.clone());
        assert!(finding.is_some_and(|f| f.message.contains("only database `auth` defines")));
        assert_eq!(
            fix.and_then(|f| f.sql),
            Some(
                "CREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid,\n  title text\n);"
                    .to_string()
            )
        );
    }

    #[test]
    fn ids_from_in_the_configuration_gives_the_warning_form() {
        let app = "CREATE TABLE auth.users (id uuid PRIMARY KEY);\nCREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid NOT NULL,\n  CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES auth.users (id)\n);\n";
        let sources = [Source::new(
            "app.sql",
            format!("CREATE SCHEMA auth;\n{app}"),
        )];
        let options = Options {
            ids_from: vec![IdsFrom {
                column: "posts.author_id".into(),
                database: "main".into(),
            }],
            ..Options::default()
        };
        let report = check(&sources, &options);
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == "FK303")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
        assert_eq!(
            found[0].fix.as_ref().and_then(|f| f.sql.clone()),
            Some("ALTER TABLE posts DROP CONSTRAINT posts_author;\nALTER TABLE posts ALTER COLUMN author_id DROP NOT NULL;".to_string())
        );
    }

    #[test]
    fn memberships_add_the_unnamed_database_only_when_needed() {
        let options = |sources: Vec<usize>| Options {
            databases: vec![Database {
                name: "a".into(),
                sources,
            }],
            ..Options::default()
        };
        assert_eq!(memberships(2, &[], &options(vec![0, 1])).len(), 1);
        let with_rest = memberships(2, &[], &options(vec![1, 7]));
        assert_eq!(with_rest.len(), 2);
        assert_eq!(with_rest[1], (None, vec![true, false]));
    }
}
