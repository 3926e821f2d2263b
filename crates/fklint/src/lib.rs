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
pub mod rules;
pub mod schema_report;
pub mod source;
pub mod split;
pub mod types;

mod report;

pub use diagnostic::{Finding, Report, Severity, Summary};
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

/// Everything the pipeline computed, before rendering.
pub struct Analysis {
    pub catalog: catalog::Catalog,
    pub diagnostics: Vec<diagnostic::Diagnostic>,
    pub summary: Summary,
}

/// Runs the whole pipeline up to the rules.
pub fn analyze(sources: &[Source], options: &Options) -> Analysis {
    let parsed = parse::parse_sources(sources, options.dialect);
    let catalog = catalog::Catalog::replay(&parsed.events);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(rules::run_all(&catalog, sources));
    diagnostics.sort_by(|a, b| (a.location, a.code).cmp(&(b.location, b.code)));
    let summary = Summary {
        files: sources.len(),
        statements: parsed.statements,
        unparsed: parsed.unparsed,
        skipped: parsed.skipped,
        tables: catalog.live_tables().count(),
        foreign_keys: catalog.live_foreign_keys().count(),
    };
    Analysis {
        catalog,
        diagnostics,
        summary,
    }
}
