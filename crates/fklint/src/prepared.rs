//! The sources of a run parsed once, with the platform preset (when configured or detected): what the driver
//! replays every database from, and what the down check replays the ups and downs from.

use std::borrow::Cow;

use crate::diagnostic::Summary;
use crate::dialect::Dialect;
use crate::frontend::sql;
use crate::options::Options;
use crate::source::Source;
use crate::{catalog, diagnostic, events, platform, source};

/// The sources parsed once, with the platform preset (when configured or detected) appended as the last source
/// and read first: what every database of the run is replayed from.
pub(crate) struct Prepared<'s> {
    /// The project's sources, then the preset's (copied only when there is a preset).
    pub sources: Cow<'s, [Source]>,
    pub parsed: crate::frontend::Parsed,
    /// How many of `sources` are the project's.
    pub own: usize,
    platform: Option<platform::Preset>,
    known_platform: Option<platform::Preset>,
    dialect: Dialect,
    detected: Option<crate::dialect::Detected>,
    tool: Option<crate::tool::ToolChoice>,
    declared_target: Option<crate::server::DeclaredTarget>,
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
        let parsed = crate::frontend::parse_sources_in_order(
            &all,
            &order,
            platform_source,
            options.dialect,
            options.without_sqlparser,
        );
        Prepared {
            sources: all,
            parsed,
            own,
            platform,
            known_platform,
            dialect: options.dialect,
            detected: options.detected.clone(),
            tool: options.tool.clone(),
            declared_target: options.target.zip(options.target_declared.clone()).map(
                |(target, evidence)| crate::server::DeclaredTarget {
                    target: target.to_string(),
                    evidence,
                },
            ),
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
        events: &mut events::EventStream<'_>,
        options: &Options,
    ) -> catalog::Catalog {
        // ORM sources (SQLAlchemy, Drizzle, Prisma, Rails, Laravel) declare a schema; they are not statements a
        // server runs one by one.
        let declarative = self
            .sources
            .iter()
            .enumerate()
            .filter(|(_, source)| crate::frontend::needs_other_front_end(&source.name))
            .map(|(id, _)| id)
            .collect();
        let mut catalog = replay(events, options, declarative);
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
            tool: self.tool.clone(),
            declared_target: self.declared_target.clone(),
            needs_full_build: parsed.needs_full_build,
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
fn replay(
    events: &mut events::EventStream<'_>,
    options: &Options,
    declarative: std::collections::HashSet<source::SourceId>,
) -> catalog::Catalog {
    let path = match &options.search_path {
        Some(path) => path.clone(),
        None => sql::default_search_path(),
    };
    catalog::Catalog::replay_in(
        events,
        &path,
        options.dialect,
        options.target,
        options.foreign_key_checks == Some(false),
        declarative,
    )
}
