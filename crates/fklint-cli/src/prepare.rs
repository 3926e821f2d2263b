//! From the command line to what the core needs: the configuration loaded, the inputs read, and the core's
//! options built from the settings (command-line flags first, then the configuration, then the defaults).

use std::io;

use anyhow::{bail, Result};
use fklint::layout::LayoutOptions;
use fklint::settings::ToolSetting;
use fklint::Options;

use crate::args::InputArgs;
use crate::buffers;
use crate::config::{self, Config, Lookup};
use crate::inputs::{self, Inputs};

/// The inputs of a run and the options to check them with.
pub struct Prepared {
    pub inputs: Inputs,
    pub options: Options,
    /// `down = true` in `fklint.toml` (`check --down` says the same on the command line).
    pub down: bool,
}

/// Loads the configuration, reads the inputs (showing their warnings on stderr; they do not stop the run) and
/// builds the core's options: command-line flags first, then the configuration, then the defaults.
pub fn prepare(args: &InputArgs) -> Result<Prepared> {
    let lookup = match (&args.config, args.no_config) {
        (_, true) => Lookup::None,
        (Some(path), false) => Lookup::Explicit(path),
        (None, false) => Lookup::Discover,
    };
    let paths = checked_paths(args);
    let config = config::load(lookup, paths.first().map(|p| p.as_path()))?;
    let buffers = match &args.buffers {
        Some(file) => buffers::Buffers::load(file)?,
        None => buffers::Buffers::default(),
    };
    // The flags first, then the configuration, then the defaults.
    let settings = args.settings().over(config.settings.clone());
    let dialect = settings.given_dialect().map_err(anyhow::Error::msg)?;
    let layout = LayoutOptions {
        tool: settings.tool.and_then(ToolSetting::given),
        dialect,
    };
    let mut inputs =
        inputs::read_inputs(&paths, &mut io::stdin().lock(), &config, &buffers, layout)?;
    if inputs.sources.is_empty() {
        bail!("{}", nothing_to_check(&inputs));
    }
    let files: Vec<&std::path::Path> = inputs
        .origins
        .iter()
        .filter_map(|o| o.path.as_deref())
        .collect();
    let unmatched = config.unmatched_patterns(&files);
    inputs.warnings.extend(unmatched);
    let databases = if args.databases.is_empty() {
        databases(&config, &inputs)
    } else {
        let (databases, unmatched) = command_line_databases(&args.databases, &inputs);
        inputs.warnings.extend(unmatched);
        databases
    };
    for warning in &inputs.warnings {
        eprintln!("fklint: warning: {warning}");
    }
    let first = inputs.layouts.first();
    let down = settings.down.unwrap_or(false);
    let mut options = Options {
        databases,
        // A plain folder is what fklint always read: the summary names a tool only when there is one.
        tool: first
            .map(|layout| layout.choice.clone())
            .filter(|choice| choice.tool != fklint::layout::Tool::Plain || !choice.detected),
        ..settings.into_options()
    };
    fklint::driver::choose_dialect(
        &mut options,
        &inputs.sources,
        dialect,
        first.and_then(|l| l.dialect),
    );
    options.take_declared_target(first.and_then(|l| l.target));
    Ok(Prepared {
        inputs,
        options,
        down,
    })
}

/// The paths to check: those given, else every path of `--database` once, in order (naming the files of each
/// database is enough).
fn checked_paths(args: &InputArgs) -> Vec<std::path::PathBuf> {
    if !args.paths.is_empty() {
        return args.paths.clone();
    }
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for path in args.databases.iter().flat_map(|d| &d.paths) {
        if !paths.contains(path) {
            paths.push(path.clone());
        }
    }
    paths
}

/// Why no migration was found: what each directory holds and what was looked for (a wrong CI path must not
/// pass as "no problems").
fn nothing_to_check(inputs: &Inputs) -> String {
    let folders: Vec<String> = inputs
        .layouts
        .iter()
        .map(|layout| {
            format!(
                "`{}` ({} files, laid out as {}: {})",
                layout.folder,
                layout.files,
                layout.choice.tool.name(),
                layout.choice.evidence
            )
        })
        .collect();
    format!(
        "no migration to check in {}: looked for .sql and .py files, and for the migrations of goose, dbmate, \
         golang-migrate/sqlx, diesel, Flyway, sqitch, Liquibase, drizzle-kit, Prisma, Supabase, Rails, Laravel and \
         TypeScript/JavaScript migrations (TypeORM, knex, Sequelize), and Drizzle and Prisma schemas; \
         `--show-files` lists what was skipped and why",
        folders.join(", ")
    )
}

/// `--database NAME=PATH,...`: each source read from one of the paths (a file, or a file under a directory),
/// plus a warning for each path that no source comes from.
fn command_line_databases(
    declared: &[crate::args::DatabaseArg],
    inputs: &Inputs,
) -> (Vec<fklint::Database>, Vec<String>) {
    let files: Vec<Option<std::path::PathBuf>> = inputs
        .origins
        .iter()
        .map(|o| {
            o.path
                .as_deref()
                .and_then(|p| std::fs::canonicalize(p).ok())
        })
        .collect();
    let mut warnings = Vec::new();
    let databases = declared
        .iter()
        .map(|database| {
            let mut sources = Vec::new();
            for path in &database.paths {
                let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                let matched: Vec<usize> = files
                    .iter()
                    .enumerate()
                    .filter(|(_, file)| file.as_deref().is_some_and(|f| f.starts_with(&root)))
                    .map(|(index, _)| index)
                    .collect();
                if matched.is_empty() {
                    warnings.push(format!(
                        "`--database {}`: `{}` is none of the files checked",
                        database.name,
                        path.display()
                    ));
                }
                sources.extend(matched);
            }
            sources.sort_unstable();
            sources.dedup();
            fklint::Database {
                name: database.name.clone(),
                sources,
            }
        })
        .collect();
    (databases, warnings)
}

/// The configured databases with the indexes of the sources whose files their patterns match.
fn databases(config: &Config, inputs: &Inputs) -> Vec<fklint::Database> {
    config
        .databases
        .iter()
        .map(|(name, globs)| fklint::Database {
            name: name.clone(),
            sources: inputs
                .origins
                .iter()
                .enumerate()
                .filter(|(_, origin)| {
                    origin
                        .path
                        .as_deref()
                        .and_then(|p| config.relative(p))
                        .is_some_and(|rel| globs.iter().any(|g| g.matches(&rel)))
                })
                .map(|(index, _)| index)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn databases_get_the_indexes_of_their_sources() {
        let dir = std::env::temp_dir().join(format!("fklint-db-{}", std::process::id()));
        for file in ["app/1.sql", "app/2.sql", "auth/1.sql"] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let config = config::parse(
            "[databases]\napp = [\"app\"]\nauth = [\"auth/*.sql\", \"nowhere\"]\n",
            &dir.join(config::FILE_NAME),
        )
        .unwrap();
        let paths = [dir.join("auth"), dir.join("app")];
        let inputs = inputs::read_inputs(
            &paths,
            &mut io::empty(),
            &config,
            &buffers::Buffers::default(),
            LayoutOptions::default(),
        )
        .unwrap();
        let found: Vec<(String, Vec<usize>)> = databases(&config, &inputs)
            .into_iter()
            .map(|d| (d.name, d.sources))
            .collect();
        assert_eq!(
            found,
            [
                ("app".to_string(), vec![1, 2]),
                ("auth".to_string(), vec![0])
            ]
        );
        let files: Vec<&std::path::Path> = inputs
            .origins
            .iter()
            .filter_map(|o| o.path.as_deref())
            .collect();
        let warnings = config.unmatched_patterns(&files);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`databases.auth` pattern `nowhere`"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
