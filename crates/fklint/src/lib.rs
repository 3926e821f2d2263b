//! fklint's core: finds broken and fragile foreign keys in SQL migrations.
//!
//! Data flows one way (DESIGN.md): sources → [`split`] → [`parse`] (sqlparser, then a token-level fallback) →
//! [`events`] → [`catalog`] (replayed in order) → [`rules`] → findings with fixes. No I/O happens here: the CLI
//! and the wasm bindings read files and render the results.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod diagnostic;
pub mod events;
pub mod ident;
pub mod lex;
pub mod parse;
pub mod platform;
pub mod rule_settings;
pub mod rules;
pub mod schema_report;
pub mod source;
pub mod split;
pub mod suppress;
pub mod types;

mod report;

pub use diagnostic::{Finding, Report, Severity, Summary};
pub use rule_settings::{RuleLevel, RuleSettings};
pub use schema_report::SchemaReport;
pub use source::{Source, Span};

/// The SQL dialect the sources are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    Postgres,
}

impl Dialect {
    pub fn parse(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Some(Dialect::Postgres),
            _ => None,
        }
    }
}

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dialect: Dialect,
    /// Rules turned off or given another severity (`[rules]` in `fklint.toml`).
    pub rules: RuleSettings,
    /// The `search_path` the migrations start with; `None` is PostgreSQL's default, `"$user", public`.
    pub search_path: Option<Vec<String>>,
    /// The platform the database runs on (e.g. `supabase`), as configured; rules may read it.
    pub platform: Option<String>,
    /// Databases declared in the configuration, each with the sources that build it.
    pub databases: Vec<Database>,
}

/// A database declared in the configuration (`[databases]` in `fklint.toml`): its name and the indexes (in the
/// `sources` given to [`check`]) of the sources that build it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Database {
    pub name: String,
    pub sources: Vec<source::SourceId>,
}

/// Checks the sources, in order, and returns every finding with its fixes.
pub fn check(sources: &[Source], options: &Options) -> Report {
    let analysis = analyze(sources, options);
    report::build_report(sources, &analysis)
}

/// Replays the sources and returns the resulting catalog as the schema report.
pub fn schema(sources: &[Source], options: &Options) -> SchemaReport {
    let analysis = analyze(sources, options);
    report::build_schema_report(sources, &analysis.catalog)
}

impl Analysis {
    /// Drops what the platform preset (source `first_platform_source` and after) would show: findings located
    /// there, related locations and edits pointing there. The project's files are the first ones.
    fn without_platform_source(mut self, first_platform_source: usize) -> Analysis {
        let ours = |location: &source::Location| location.source < first_platform_source;
        self.diagnostics.retain(|d| ours(&d.location));
        for diagnostic in &mut self.diagnostics {
            diagnostic.related.retain(|r| ours(&r.location));
            if let Some(fix) = &mut diagnostic.fix {
                fix.edits
                    .retain(|e| e.location.source < first_platform_source);
            }
        }
        self.summary.files = self.summary.files.min(first_platform_source);
        self
    }
}

/// Everything the pipeline computed, before rendering.
pub struct Analysis {
    pub catalog: catalog::Catalog,
    pub diagnostics: Vec<diagnostic::Diagnostic>,
    pub summary: Summary,
}

/// Runs the whole pipeline up to the rules.
pub fn analyze(sources: &[Source], options: &Options) -> Analysis {
    let platform = platform::choose(options.platform.as_deref(), sources);
    let known_platform = platform::recognize(options.platform.as_deref(), sources);
    let with_platform: Vec<Source>;
    let (all, order): (&[Source], Vec<usize>) = match &platform {
        Some(preset) => {
            with_platform = sources
                .iter()
                .cloned()
                .chain(std::iter::once(preset.source()))
                .collect();
            let order = std::iter::once(sources.len())
                .chain(0..sources.len())
                .collect();
            (&with_platform, order)
        }
        None => (sources, (0..sources.len()).collect()),
    };
    // The preset's own statements are not the project's: they do not count in the summary.
    let preset_counts = platform
        .as_ref()
        .map(|p| parse::parse_sources(&[p.source()], options.dialect));
    let mut analysis = analyze_in_order(all, &order, options, platform, known_platform);
    if let Some(counts) = preset_counts {
        let summary = &mut analysis.summary;
        summary.statements = summary.statements.saturating_sub(counts.statements);
        summary.skipped = summary.skipped.saturating_sub(counts.skipped);
        summary.unparsed = summary.unparsed.saturating_sub(counts.unparsed);
    }
    analysis.without_platform_source(sources.len())
}

fn analyze_in_order(
    sources: &[Source],
    order: &[usize],
    options: &Options,
    platform: Option<platform::Preset>,
    known_platform: Option<platform::Preset>,
) -> Analysis {
    let platform_source = platform.as_ref().map(|_| sources.len().saturating_sub(1));
    let parsed = parse::parse_sources_in_order(sources, order, platform_source, options.dialect);
    let mut catalog = match &options.search_path {
        Some(path) => catalog::Catalog::replay_with(&parsed.events, path),
        None => catalog::Catalog::replay(&parsed.events),
    };
    // The preset is the last source and replayed first.
    catalog.platform = platform.map(|preset| (preset, sources.len().saturating_sub(1)));
    catalog.known_platform = known_platform;
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(rules::run_all(&catalog, sources));
    let diagnostics = options.rules.apply(diagnostics);
    let suppress::Suppressed {
        mut diagnostics,
        suppressed,
    } = suppress::apply(sources, diagnostics, &options.rules);
    diagnostics.sort_by(|a, b| (a.location, a.code).cmp(&(b.location, b.code)));
    let summary = Summary {
        files: sources.len(),
        statements: parsed.statements,
        unparsed: parsed.unparsed,
        skipped: parsed.skipped,
        tables: catalog
            .live_tables()
            .filter(|t| !catalog.is_platform(t.created))
            .count(),
        foreign_keys: catalog
            .live_foreign_keys()
            .filter(|fk| !catalog.is_platform(fk.stmt))
            .count(),
        suppressed,
        platform: catalog.preset().map(|p| p.name.to_string()),
    };
    Analysis {
        catalog,
        diagnostics,
        summary,
    }
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
