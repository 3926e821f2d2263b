//! `fklint.toml`: found by walking up from the first checked path (or given with `--config`), parsed with the
//! `toml` crate into the core's settings model (`fklint::settings::Settings`, which the wasm `options` are read
//! into too), plus the CLI's own input rules (`exclude`, `order`, `[databases]` as path patterns). The core never
//! reads files or TOML: it gets a serde value.
//!
//! ```toml
//! dialect = "auto"            # or "postgres", "mysql", "sqlite"
//! tool = "auto"               # or "goose", "flyway", "sqitch", ... (`fklint check --help` lists them)
//! foreign_key_checks = false  # the runner turns FK checks off before each migration
//! target = "mysql-8.0"         # or "mariadb-10.11", "postgres-15", "sqlite", "libsql": the server the migrations run on
//! platform = "supabase"
//! search_path = ["app", "public"]
//! exclude = ["legacy", "*.down.sql"]
//! order = ["schema/base.sql", "migrations/*.sql", "seeds/**"]
//!
//! [rules]
//! FK404 = "off"
//! key-type-drift = "error"
//!
//! [databases]
//! app = ["migrations"]
//! auth = ["auth/**"]
//!
//! [ids_from]
//! "tripwire_users.granted_by" = "main"
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use fklint::settings::{Settings, Surface, Value};

use crate::glob::Glob;

/// The file name looked for.
pub const FILE_NAME: &str = "fklint.toml";

/// A validated configuration. `Config::default()` is "no configuration file".
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// The directory patterns are relative to (the file's directory).
    pub root: PathBuf,
    /// What the file says, read by the core's one settings model (as the wasm `options` are).
    pub settings: Settings,
    pub exclude: Vec<Glob>,
    pub databases: Vec<(String, Vec<Glob>)>,
    pub order: Vec<Glob>,
}

/// How `--config` / `--no-config` asked for the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// Walk up from the first checked path.
    Discover,
    Explicit(&'a Path),
    None,
}

/// Loads the configuration the command line asks for. `first_path` is the first checked path (`-` for stdin).
pub fn load(lookup: Lookup, first_path: Option<&Path>) -> Result<Config> {
    let path = match lookup {
        Lookup::None => return Ok(Config::default()),
        Lookup::Explicit(path) => path.to_path_buf(),
        Lookup::Discover => match discover(&start_dir(first_path)?) {
            Some(path) => path,
            None => return Ok(Config::default()),
        },
    };
    let text = fs::read_to_string(&path)
        .with_context(|| format!("cannot read configuration `{}`", path.display()))?;
    parse(&text, &path).with_context(|| format!("invalid configuration `{}`", path.display()))
}

/// Where discovery starts: the first path's directory (the path itself if it is one), or the current directory
/// for standard input. Always absolute, so walking up reaches the filesystem root.
fn start_dir(first_path: Option<&Path>) -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let Some(path) = first_path.filter(|p| p.as_os_str() != "-") else {
        return Ok(cwd);
    };
    let absolute = cwd.join(path);
    let dir = if absolute.is_dir() {
        absolute
    } else {
        absolute.parent().map_or(cwd, Path::to_path_buf)
    };
    Ok(fs::canonicalize(&dir).unwrap_or(dir))
}

/// The nearest `fklint.toml` in `dir` or a directory above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Parses and validates the text of the file at `path`: TOML into the core's [`Value`] (a syntax error is the
/// `toml` crate's, with its line), then the core's settings model judges it (unknown keys and bad values get the
/// messages the wasm `options` get), then the path patterns are compiled.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let value: Value = toml::from_str(text)?;
    let settings = Settings::read(value, Surface::File).map_err(anyhow::Error::msg)?;
    let root = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    Ok(Config {
        path: Some(path.to_path_buf()),
        root,
        exclude: globs("exclude", &settings.exclude)?,
        databases: settings
            .databases
            .iter()
            .map(|db| {
                Ok((
                    db.name.clone(),
                    globs(&format!("databases.{}", db.name), &db.files)?,
                ))
            })
            .collect::<Result<_>>()?,
        order: globs("order", &settings.order)?,
        settings,
    })
}

fn globs(key: &str, patterns: &[String]) -> Result<Vec<Glob>> {
    patterns
        .iter()
        .map(|p| {
            Glob::new(p).with_context(|| {
                format!("`{key}`: `{p}` is not a pattern relative to the configuration's directory")
            })
        })
        .collect()
}

impl Config {
    /// `path` relative to the configuration's directory, if it is under it.
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = fs::canonicalize(path).ok()?;
        absolute
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether a file found by expanding a directory is excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty()
            && self
                .relative(path)
                .is_some_and(|rel| self.exclude.iter().any(|g| g.matches(&rel)))
    }

    /// Warnings for `order` and `[databases]` patterns that match none of the files read: a misspelled path
    /// would otherwise silently change nothing.
    pub fn unmatched_patterns(&self, files: &[&Path]) -> Vec<String> {
        let relative: Vec<PathBuf> = files.iter().filter_map(|f| self.relative(f)).collect();
        let file = self
            .path
            .as_deref()
            .map_or_else(|| FILE_NAME.into(), |p| p.display().to_string());
        let databases = self
            .databases
            .iter()
            .flat_map(|(name, globs)| globs.iter().map(move |g| (format!("databases.{name}"), g)));
        self.order
            .iter()
            .map(|g| ("order".to_string(), g))
            .chain(databases)
            .filter(|(_, glob)| !relative.iter().any(|rel| glob.matches(rel)))
            .map(|(key, glob)| {
                format!(
                    "{file}: `{key}` pattern `{}` matches no file",
                    glob.as_str()
                )
            })
            .collect()
    }

    /// The position of the first `order` pattern that matches `path`; None when none does.
    pub fn order_rank(&self, path: &Path) -> Option<usize> {
        if self.order.is_empty() {
            return None;
        }
        let rel = self.relative(path)?;
        self.order.iter().position(|g| g.matches(&rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fklint::settings::DialectChoice;
    use fklint::{RuleLevel, Severity};

    fn parse_str(text: &str) -> Result<Config> {
        parse(text, Path::new("/nonexistent/project/fklint.toml"))
    }

    #[test]
    fn every_key() {
        let config = parse_str(
            r#"
dialect = "postgresql"
target = "mariadb-10.11"
platform = "supabase"
search_path = ["app", "public"]
exclude = ["legacy"]
order = ["base.sql", "migrations/*.sql"]
[rules]
FK404 = "off"
key-type-drift = "error"
[databases]
app = ["migrations"]
auth = ["auth/**"]
[ids_from]
"tripwire_users.granted_by" = "main"
"#,
        )
        .unwrap();
        let settings = &config.settings;
        assert_eq!(
            settings.dialect,
            Some(DialectChoice::Given(fklint::Dialect::Postgres))
        );
        assert_eq!(
            settings.target.map(|t| t.to_string()).as_deref(),
            Some("mariadb-10.11")
        );
        assert_eq!(
            parse_str("dialect = \"AUTO\"").unwrap().settings.dialect,
            Some(DialectChoice::Auto)
        );
        assert_eq!(settings.platform.as_deref(), Some("supabase"));
        assert_eq!(
            settings.search_path,
            Some(vec!["app".to_string(), "public".to_string()])
        );
        assert_eq!(settings.rules.level("FK404"), Some(RuleLevel::Off));
        assert_eq!(
            settings.rules.level("FK202"),
            Some(RuleLevel::Severity(Severity::Error))
        );
        assert_eq!(config.exclude.len(), 1);
        assert_eq!(config.order.len(), 2);
        let names: Vec<&str> = config.databases.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["app", "auth"]);
        assert_eq!(
            settings.ids_from,
            [fklint::IdsFrom {
                column: "tripwire_users.granted_by".into(),
                database: "main".into()
            }]
        );
        assert_eq!(config.root, Path::new("/nonexistent/project"));
    }

    #[test]
    fn errors_name_what_is_wrong() {
        for (text, expected) in [
            ("[rules]\nFK999 = \"off\"", "FK999"),
            ("[rules]\nFK404 = \"loud\"", "loud"),
            ("dialect = \"oracle\"", "oracle"),
            ("dialect = \"oracle\"", "auto, postgres, mysql, sqlite"),
            ("target = \"mysql\"", "mysql-MAJOR.MINOR"),
            ("target = \"oracle-19\"", "`target`"),
            ("colour = true", "colour"),
            ("exclude = [\"../x\"]", "../x"),
            ("[databases]\nauth = []", "auth"),
            ("search_path = [\"\"]", "search_path"),
            ("rules = 3", "rules"),
            ("[ids_from]\n\"granted_by\" = \"main\"", "granted_by"),
            (
                "[ids_from]\n\"t.granted_by\" = \" \"",
                "database name is empty",
            ),
            ("dialect = ", "dialect"),
        ] {
            let error = format!("{:#}", parse_str(text).unwrap_err());
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }

    #[test]
    fn discovery_walks_up_to_the_root() {
        let base = std::env::temp_dir().join(format!("fklint-config-{}", std::process::id()));
        let nested = base.join("a/b/c");
        fs::create_dir_all(&nested).unwrap();
        fs::write(base.join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&nested), Some(base.join("a").join(FILE_NAME)));
        assert_eq!(discover(&base), discover(&std::env::temp_dir()));
        let _ = fs::remove_dir_all(&base);
    }
}
