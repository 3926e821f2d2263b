//! How to check: everything the configuration, the CLI flags and the wasm options say. Plain data at the
//! bottom of the core, below every stage that reads it: choosing the dialect from the sources is the
//! driver's part ([`crate::driver::choose_dialect`]), reading the settings is `settings`'.

use crate::dialect::{Detected, Dialect};
use crate::rule_settings::RuleSettings;
use crate::server;
use crate::source;

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dialect: Dialect,
    /// How `dialect` was detected, when it was (see [`crate::driver::choose_dialect`]); the summary reports it.
    pub detected: Option<Detected>,
    /// The server version the migrations will run on, when known (MySQL/MariaDB verdicts depend on it).
    pub target: Option<server::ServerVersion>,
    /// Where the migration tool's files declared `target`, when they chose it rather than the user (see
    /// [`Options::take_declared_target`]); the summary reports it.
    pub target_declared: Option<String>,
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
    /// What the migration runner sets for each migration: `Some(false)` when it turns foreign key checks off
    /// (MySQL `FOREIGN_KEY_CHECKS=0`, SQLite `PRAGMA foreign_keys=OFF`) before each one; `None`: it sets
    /// nothing, the migrations' own statements decide.
    pub foreign_key_checks: Option<bool>,
    /// The migration tool the sources were laid out for, and why (the summary reports it).
    pub tool: Option<crate::tool::ToolChoice>,
    /// Read as the browser's SQL-only module (built without the `sqlparser` feature) reads, whatever this build
    /// has: a statement only sqlparser can judge is not judged, and the summary says so
    /// ([`crate::Summary::needs_full_build`]). Tests compare the two readings on the corpus.
    pub without_sqlparser: bool,
}

impl Options {
    /// Takes the target the tool's files declare (drizzle's `turso`: libSQL) when none was given, and notes
    /// where it was read. A given target wins: `--target sqlite` judges a Turso project as stock SQLite.
    pub fn take_declared_target(
        &mut self,
        declared: Option<(server::ServerVersion, &'static str)>,
    ) {
        if let (None, Some((target, evidence))) = (self.target, declared) {
            if target.dialect() == self.dialect {
                self.target = Some(target);
                self.target_declared = Some(evidence.to_string());
            }
        }
    }
}

/// A database declared in the configuration (`[databases]` in `fklint.toml`): its name and the indexes (in the
/// `sources` given to [`check`]) of the sources that build it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Database {
    pub name: String,
    pub sources: Vec<source::SourceId>,
}

/// A configured declaration (`[ids_from]` in `fklint.toml`, `idsFrom` in the wasm options): the values of
/// `column` come from `database`. `column` is `db.schema.table.column`, `schema.table.column` or
/// `table.column`, written without quotes; [`crate::ids_from`] matches it against the catalog's columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdsFrom {
    pub column: String,
    pub database: String,
}
