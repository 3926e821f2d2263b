//! fklint's core: finds broken and fragile foreign keys in database migrations.
//!
//! Data flows one way (DESIGN.md), and so do the imports, each stage a module: [`layout`] (which files run,
//! in which order) → [`split`] (statements, per client convention) → [`frontend`] (one per input language:
//! SQL per dialect, Python) → [`events`] → [`catalog`] (replayed in order, as the server holds it) → [`rules`]
//! (writing fix SQL and server verdicts through [`dialect_sql`], one file per dialect) → [`diagnostic`] findings with fixes → [`report`]. [`driver`] runs the stages; this file is the public API.
//! No I/O happens here: the CLI and the wasm bindings read files and render the results.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod diagnostic;
pub mod dialect;
pub mod dialect_detect;
pub mod dialect_sql;
mod down;
pub mod driver;
pub mod events;
pub mod frontend;
pub mod grouping;
pub mod hash;
pub mod ident;
pub mod ids_from;
pub mod layout;
pub mod lex;
pub mod options;
pub mod platform;
mod prepared;
pub mod report;
pub mod rule_settings;
pub mod rules;
pub mod server;
pub mod settings;
pub mod severity;
mod sort;
pub mod source;
pub mod split;
pub mod suppress;
pub mod tool;
pub mod types;

pub use diagnostic::{Finding, Report, Severity, Summary};
pub use dialect::Dialect;
pub use options::IdsFrom;
pub use options::{Database, Options};
pub use report::schema::SchemaReport;
pub use rule_settings::{RuleLevel, RuleSettings};
pub use source::{Reverts, Source, Span};

/// The dialect to check `sources` as: `given`, or (`None`, "auto") the one [`dialect_detect`] guesses, with
/// the evidence that reports show.
pub fn resolve_dialect(
    sources: &[Source],
    given: Option<Dialect>,
) -> (Dialect, Option<dialect::Detected>) {
    dialect_detect::resolve(sources, given)
}

/// Checks the sources, in order, and returns every finding with its fixes. With databases declared, each
/// database is checked on its own and the findings are merged; without, the sources are one database.
pub fn check(sources: &[Source], options: &Options) -> Report {
    report_of(sources, driver::analyze(sources, options))
}

/// The report of an analysis. No catalog is rendered: they are dropped first, not held beside the findings
/// while these are rendered.
fn report_of(sources: &[Source], analysis: driver::MultiAnalysis) -> Report {
    let driver::MultiAnalysis {
        databases,
        diagnostics,
        summary,
    } = analysis;
    drop(databases);
    report::build_report(sources, diagnostics, &summary)
}

/// [`check`], and every down migration too (`fklint check --down`): `sources` are the steps in order and the
/// down parts (`reverts` says which step each part reverts; [`layout::Plan::sources_with_downs`] gives both).
/// Each down is replayed after the steps up to the one it reverts: what the server rejects in it is reported,
/// and so is a down after which the foreign keys are not what they were before the step (FK602).
pub fn check_down(sources: &[Source], reverts: &[Reverts], options: &Options) -> Report {
    report_of(
        sources,
        driver::analyze_with_downs(sources, reverts, options),
    )
}

/// Replays the sources and returns the resulting catalog as the schema report (one per database, merged, with
/// databases declared). The platform's own tables are not listed.
pub fn schema(sources: &[Source], options: &Options) -> SchemaReport {
    driver::schema(sources, options)
}

/// In a build without sqlparser (the browser's SQL-only module), the first statement of `sources` that only
/// sqlparser can judge, found by reading the sources (nothing is replayed): a check would report it as
/// [`Summary::needs_full_build`]. `None` in a build with sqlparser.
pub fn needs_full_build(sources: &[Source], options: &Options) -> Option<source::Location> {
    if cfg!(feature = "sqlparser") && !options.without_sqlparser {
        return None;
    }
    prepared::Prepared::new(sources, options)
        .parsed
        .needs_full_build
}

/// Everything the pipeline computed for one database, before rendering.
pub struct Analysis {
    pub catalog: catalog::Catalog,
    pub diagnostics: Vec<diagnostic::Diagnostic>,
    pub summary: Summary,
}

/// Runs the whole pipeline up to the rules, for one database (every source, whatever `options.databases`
/// says; [`driver::analyze`] is the driver, which this runs with no database declared).
pub fn analyze(sources: &[Source], options: &Options) -> Analysis {
    let single = Options {
        databases: Vec::new(),
        ..options.clone()
    };
    let mut analysis = driver::analyze(sources, &single);
    Analysis {
        // Without declared databases there is exactly one, the unnamed one.
        catalog: analysis
            .databases
            .pop()
            .map(|database| database.catalog)
            .unwrap_or_default(),
        diagnostics: analysis.diagnostics,
        summary: analysis.summary,
    }
}

/// For unit tests: the `error` findings of one PostgreSQL migration, checked with the default options.
#[cfg(test)]
pub(crate) fn postgres_errors(sql: &str) -> Vec<Finding> {
    let options = Options {
        dialect: Dialect::Postgres,
        ..Options::default()
    };
    check(&[Source::new("m.sql", sql)], &options)
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(sql: &str, options: &Options) -> Vec<String> {
        schema(&[Source::new("m.sql", sql)], options)
            .tables
            .iter()
            .map(|t| format!("{}.{}", t.schema, t.name))
            .collect()
    }

    #[test]
    fn the_configured_search_path_is_where_the_session_starts_and_resets_to() {
        let sql = "CREATE TABLE users (id int PRIMARY KEY);\nSET search_path TO public;\nCREATE TABLE a (id int);\nRESET search_path;\nCREATE TABLE posts (author_id int REFERENCES users (id));\n";
        let options = Options {
            search_path: Some(vec!["app".into(), "public".into()]),
            ..Options::default()
        };
        assert_eq!(
            tables(sql, &options),
            ["app.posts", "app.users", "public.a"]
        );
        assert!(check(&[Source::new("m.sql", sql)], &options)
            .findings
            .iter()
            .all(|f| f.code != "FK101"));
        assert_eq!(
            tables(sql, &Options::default()),
            ["public.a", "public.posts", "public.users"]
        );
    }

    #[test]
    fn rule_settings_drop_and_reclassify_findings() {
        let sql = "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (author_id int REFERENCES users (id));\n";
        let sources = [Source::new("m.sql", sql)];
        let default: Vec<_> = check(&sources, &Options::default())
            .findings
            .iter()
            .map(|f| (f.code, f.severity))
            .collect();
        assert_eq!(
            default,
            [("FK202", Severity::Warning), ("FK404", Severity::Info)]
        );
        let mut options = Options::default();
        options
            .rules
            .set_text("unindexed-foreign-key", "off")
            .unwrap();
        options.rules.set_text("FK202", "error").unwrap();
        let configured: Vec<_> = check(&sources, &options)
            .findings
            .iter()
            .map(|f| (f.code, f.severity))
            .collect();
        assert_eq!(configured, [("FK202", Severity::Error)]);
    }
}
