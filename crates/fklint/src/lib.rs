//! fklint's core: finds broken and fragile foreign keys in SQL migrations.
//!
//! Data flows one way (DESIGN.md): sources → [`split`] → [`parse`] (sqlparser, then a token-level fallback) →
//! [`events`] → [`catalog`] (replayed in order) → [`rules`] → findings with fixes. No I/O happens here: the CLI
//! and the wasm bindings read files and render the results.
#![forbid(unsafe_code)]

use std::borrow::Cow;

pub mod catalog;
pub mod databases;
pub mod diagnostic;
pub mod dialect_detect;
pub mod events;
pub mod ident;
pub mod ids_from;
pub mod lex;
pub mod parse;
pub mod platform;
pub mod python;
pub mod rule_settings;
pub mod rules;
pub mod schema_report;
pub mod server;
mod sort;
pub mod source;
pub mod split;
mod split_client;
pub mod suppress;
pub mod types;

mod report;

pub use diagnostic::{Finding, Report, Severity, Summary};
pub use ids_from::IdsFrom;
pub use rule_settings::{RuleLevel, RuleSettings};
pub use schema_report::SchemaReport;
pub use source::{Source, Span};

/// The SQL dialect the sources are written in: it decides how text is cut and read, how names compare, which
/// key types a server accepts and how fix SQL is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Dialect {
    #[default]
    Postgres,
    /// MySQL and MariaDB with InnoDB (MariaDB is the server the tests judge with).
    MySql,
    Sqlite,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite];

    pub fn parse(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            "sqlite" | "sqlite3" => Some(Dialect::Sqlite),
            _ => None,
        }
    }

    /// The name `--dialect` and the JSON summary use.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// What a user reads: the server's own name.
    pub fn server(self) -> &'static str {
        match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL/MariaDB",
            Dialect::Sqlite => "SQLite",
        }
    }
}

impl serde::Serialize for Dialect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The dialect to check `sources` as: `given`, or (`None`, "auto") the one [`dialect_detect`] guesses, with
/// the evidence that reports show.
pub fn resolve_dialect(
    sources: &[Source],
    given: Option<Dialect>,
) -> (Dialect, Option<dialect_detect::Detected>) {
    dialect_detect::resolve(sources, given)
}

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dialect: Dialect,
    /// How `dialect` was detected, when it was (see [`Options::choose_dialect`]); the summary reports it.
    pub detected: Option<dialect_detect::Detected>,
    /// The server version the migrations will run on, when known (MySQL/MariaDB verdicts depend on it).
    pub target: Option<server::ServerVersion>,
    /// Rules turned off or given another severity (`[rules]` in `fklint.toml`).
    pub rules: RuleSettings,
    /// The `search_path` the migrations start with; `None` is PostgreSQL's default, `"$user", public`.
    pub search_path: Option<Vec<String>>,
    /// The platform the database runs on (e.g. `supabase`), as configured; rules may read it.
    pub platform: Option<String>,
    /// Databases declared in the configuration, each with the sources that build it. When some are declared,
    /// each is replayed on its own (see [`databases`]).
    pub databases: Vec<Database>,
    /// Columns whose values come from another database (`[ids_from]` in `fklint.toml`); FK303 reads them.
    pub ids_from: Vec<IdsFrom>,
}

impl Options {
    /// Sets `dialect` to `given`, or, when `None` ("auto"), to the dialect detected in `sources`, keeping the
    /// evidence for the summary.
    pub fn choose_dialect(&mut self, sources: &[Source], given: Option<Dialect>) {
        let (dialect, detected) = resolve_dialect(sources, given);
        self.dialect = dialect;
        self.detected = detected;
    }
}

/// A database declared in the configuration (`[databases]` in `fklint.toml`): its name and the indexes (in the
/// `sources` given to [`check`]) of the sources that build it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Database {
    pub name: String,
    pub sources: Vec<source::SourceId>,
}

/// Checks the sources, in order, and returns every finding with its fixes. With databases declared, each
/// database is checked on its own and the findings are merged; without, the sources are one database.
pub fn check(sources: &[Source], options: &Options) -> Report {
    let analysis = databases::analyze(sources, options);
    report::build_report(sources, &analysis.diagnostics, &analysis.summary)
}

/// Replays the sources and returns the resulting catalog as the schema report (one per database, merged, with
/// databases declared). The platform's own tables are not listed.
pub fn schema(sources: &[Source], options: &Options) -> SchemaReport {
    databases::schema(sources, options)
}

/// Everything the pipeline computed for one database, before rendering.
pub struct Analysis {
    pub catalog: catalog::Catalog,
    pub diagnostics: Vec<diagnostic::Diagnostic>,
    pub summary: Summary,
}

/// Runs the whole pipeline up to the rules, for one database (every source, whatever `options.databases`
/// says; [`databases::analyze`] is the driver, which this runs with no database declared).
pub fn analyze(sources: &[Source], options: &Options) -> Analysis {
    let single = Options {
        databases: Vec::new(),
        ..options.clone()
    };
    let mut analysis = databases::analyze(sources, &single);
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

/// The sources parsed once, with the platform preset (when configured or detected) appended as the last source
/// and read first: what every database of the run is replayed from.
pub(crate) struct Prepared<'s> {
    /// The project's sources, then the preset's (copied only when there is a preset).
    pub sources: Cow<'s, [Source]>,
    pub parsed: parse::Parsed,
    /// How many of `sources` are the project's.
    pub own: usize,
    platform: Option<platform::Preset>,
    known_platform: Option<platform::Preset>,
    dialect: Dialect,
    detected: Option<dialect_detect::Detected>,
}

impl<'s> Prepared<'s> {
    pub(crate) fn new(sources: &'s [Source], options: &Options) -> Prepared<'s> {
        let platform::Detection {
            replayed: platform,
            known: known_platform,
        } = match options.dialect {
            // The platforms fklint knows (Supabase) run PostgreSQL.
            Dialect::Postgres => platform::detect(options.platform.as_deref(), sources),
            _ => platform::Detection::default(),
        };
        let own = sources.len();
        let mut order: Vec<usize> = (0..own).collect();
        let all = match &platform {
            Some(preset) => {
                order.insert(0, own);
                let mut all = sources.to_vec();
                all.push(preset.source());
                Cow::Owned(all)
            }
            None => Cow::Borrowed(sources),
        };
        let platform_source = platform.as_ref().map(|_| own);
        let parsed = parse::parse_sources_in_order(&all, &order, platform_source, options.dialect);
        Prepared {
            sources: all,
            parsed,
            own,
            platform,
            known_platform,
            dialect: options.dialect,
            detected: options.detected.clone(),
        }
    }

    /// Whether a source is the platform preset's (every database has it).
    pub(crate) fn is_platform_source(&self, source: source::SourceId) -> bool {
        source >= self.own
    }

    /// A catalog replayed from these events (borrowed: each database picks its own from the run's), knowing
    /// the platform.
    pub(crate) fn replay(
        &self,
        events: &mut dyn Iterator<Item = &events::Event>,
        options: &Options,
    ) -> catalog::Catalog {
        let mut catalog = replay(events, options);
        catalog.platform = self.platform.clone().map(|preset| (preset, self.own));
        catalog.known_platform = self.known_platform.clone();
        catalog
    }

    /// The run's counts: the project's statements, and the tables and foreign keys of these catalogs that are
    /// not the platform's.
    pub(crate) fn summary(&self, catalogs: &[&catalog::Catalog]) -> Summary {
        let preset = self.parsed.platform_counts.unwrap_or_default();
        let parsed = &self.parsed;
        Summary {
            files: self.own,
            statements: parsed.statements.saturating_sub(preset.statements),
            unparsed: parsed.unparsed.saturating_sub(preset.unparsed),
            skipped: parsed.skipped.saturating_sub(preset.skipped),
            tables: catalogs
                .iter()
                .map(|c| {
                    c.live_tables()
                        .filter(|t| !c.is_platform(t.created))
                        .count()
                })
                .sum(),
            foreign_keys: catalogs
                .iter()
                .map(|c| {
                    c.live_foreign_keys()
                        .filter(|fk| !c.is_platform(fk.stmt))
                        .count()
                })
                .sum(),
            suppressed: 0,
            dialect: self.dialect,
            detected: self.detected.clone(),
            platform: self.platform.as_ref().map(|p| p.name.to_string()),
        }
    }

    /// Drops what the platform preset would show: findings located there, related locations and edits
    /// pointing there.
    pub(crate) fn without_platform(
        &self,
        mut diagnostics: Vec<diagnostic::Diagnostic>,
    ) -> Vec<diagnostic::Diagnostic> {
        let ours = |location: &source::Location| !self.is_platform_source(location.source);
        diagnostics.retain(|d| ours(&d.location));
        for diagnostic in &mut diagnostics {
            diagnostic.related.retain(|r| ours(&r.location));
            if let Some(fix) = &mut diagnostic.fix {
                fix.edits.retain(|e| ours(&e.location));
            }
        }
        diagnostics
    }
}

/// Replays events into a catalog, from the configured `search_path`.
fn replay(events: &mut dyn Iterator<Item = &events::Event>, options: &Options) -> catalog::Catalog {
    let path = match &options.search_path {
        Some(path) => path.clone(),
        None => parse::default_search_path(),
    };
    catalog::Catalog::replay_in(events, &path, options.dialect, options.target)
}

/// What every run does last, once over all findings (of every database): rule settings, suppressions (a
/// suppression used in any database is used), then source order.
fn finish(
    sources: &[Source],
    options: &Options,
    diagnostics: Vec<diagnostic::Diagnostic>,
    summary: Summary,
) -> (Vec<diagnostic::Diagnostic>, Summary) {
    let diagnostics = options.rules.apply(diagnostics);
    let suppress::Suppressed {
        mut diagnostics,
        suppressed,
    } = suppress::apply(sources, diagnostics, &options.rules, options.dialect);
    sort::sort_by(&mut diagnostics, databases::by_location_and_code);
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
