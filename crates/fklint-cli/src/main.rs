//! `fklint`: the command-line interface. Reads files, runs the core, renders, and sets the exit code; all the
//! analysis is in the `fklint` crate.

mod args;
mod config;
mod docs;
mod fix;
mod glob;
mod inputs;
mod render;
#[cfg(test)]
mod test_support;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use fklint::rules::RuleMeta;
use fklint::{Options, Report, Severity};

use args::{CheckArgs, Command, InputArgs, RulesArgs, SchemaArgs, EXIT_FAILURE};
use config::{Config, Lookup};
use fklint::settings::DialectChoice;
use inputs::Inputs;

/// Exit code when a finding reaches `--fail-on`.
const EXIT_FINDINGS: u8 = 1;

fn main() -> ExitCode {
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("fklint: error: {error:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Check(args) => check(&args),
        Command::Schema(args) => schema(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain { code } => explain(&code),
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode> {
    let Prepared { inputs, options } = prepare(&args.input)?;
    if args.show_files {
        write_stdout(&file_list(&inputs))?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = fklint::check(&inputs.sources, &options);
    let output = render::render(args.format, &report, &inputs.sources, use_color());
    write_stdout(&output)?;
    Ok(exit_code(&report, args.fail_on.severity()))
}

fn schema(args: &SchemaArgs) -> Result<ExitCode> {
    let Prepared { inputs, options } = prepare(&args.input)?;
    let schema = fklint::schema(&inputs.sources, &options);
    let mut json = serde_json::to_string_pretty(&schema).context("cannot serialize the schema")?;
    json.push('\n');
    write_stdout(&json)?;
    Ok(ExitCode::SUCCESS)
}

fn rules(args: &RulesArgs) -> Result<ExitCode> {
    match &args.markdown {
        Some(dir) => {
            let written = docs::write_pages(dir, fklint::rules::registry())?;
            eprintln!("fklint: wrote {written} pages to {}", dir.display());
        }
        None => write_stdout(&rules_table(fklint::rules::registry()))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(code: &str) -> Result<ExitCode> {
    let Some(rule) = find_rule(fklint::rules::registry(), code) else {
        bail!("unknown rule `{code}` (`fklint rules` lists them)");
    };
    let header = format!(
        "{} {} (default severity: {})",
        rule.code,
        rule.name,
        rule.severity.as_str()
    );
    write_stdout(&format!("{header}\n\n{}\n", rule.docs.trim_end()))?;
    Ok(ExitCode::SUCCESS)
}

/// The inputs of a run and the options to check them with.
pub struct Prepared {
    pub inputs: Inputs,
    pub options: Options,
}

/// Loads the configuration, reads the inputs (showing their warnings on stderr; they do not stop the run) and
/// builds the core's options: command-line flags first, then the configuration, then the defaults.
pub fn prepare(args: &InputArgs) -> Result<Prepared> {
    let lookup = match (&args.config, args.no_config) {
        (_, true) => Lookup::None,
        (Some(path), false) => Lookup::Explicit(path),
        (None, false) => Lookup::Discover,
    };
    let config = config::load(lookup, args.paths.first().map(|p| p.as_path()))?;
    let mut inputs = inputs::read_inputs(&args.paths, &mut io::stdin().lock(), &config)?;
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
    let mut options = Options {
        databases,
        ..options(args, &config)
    };
    let dialect = given_dialect(args, &config)?;
    options.choose_dialect(&inputs.sources, dialect);
    Ok(Prepared { inputs, options })
}

/// The dialect the command line or the configuration gives (`None`: detect it). A MySQL/MariaDB `--target`
/// says which server runs the migrations, so with `auto` it decides the dialect; with another dialect it is a
/// contradiction worth stopping for.
fn given_dialect(args: &InputArgs, config: &Config) -> Result<Option<fklint::Dialect>> {
    let choice = args
        .dialect
        .or(config.dialect)
        .unwrap_or(DialectChoice::Auto);
    let target = args.target.or(config.target);
    match (choice.given(), target) {
        (None, Some(_)) => Ok(Some(fklint::Dialect::MySql)),
        (Some(dialect), Some(target)) if dialect != fklint::Dialect::MySql => bail!(
            "target `{target}` is a MySQL/MariaDB server, but the dialect is {}",
            dialect.name()
        ),
        (given, _) => Ok(given),
    }
}

fn options(args: &InputArgs, config: &Config) -> Options {
    Options {
        // Set from the sources by `prepare` (detection needs them).
        dialect: fklint::Dialect::default(),
        detected: None,
        target: args.target.or(config.target),
        rules: config.rules.clone(),
        search_path: config.search_path.clone(),
        platform: args.platform.clone().or_else(|| config.platform.clone()),
        databases: Vec::new(),
        // The command line's first: the first declaration that matches a column wins.
        ids_from: args
            .ids_from
            .iter()
            .chain(&config.ids_from)
            .cloned()
            .collect(),
    }
}

/// `--database NAME=PATH,...`: each source read from one of the paths (a file, or a file under a directory),
/// plus a warning for each path that no source comes from.
fn command_line_databases(
    declared: &[args::DatabaseArg],
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

/// Colors only for a person at a terminal, and never when NO_COLOR is set to something (no-color.org).
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    io::stdout().is_terminal() && !no_color
}

fn exit_code(report: &Report, fail_on: Severity) -> ExitCode {
    if reaches(report, fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether some finding is at least as severe as `fail_on`.
fn reaches(report: &Report, fail_on: Severity) -> bool {
    report.max_severity().is_some_and(|worst| worst >= fail_on)
}

/// Writes the output; a closed pipe (`fklint check ... | head`) is not an error worth reporting.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

fn file_list(inputs: &Inputs) -> String {
    inputs
        .sources
        .iter()
        .map(|source| format!("{}\n", source.name))
        .collect()
}

/// Looks a rule up by code (any case) or by name.
fn find_rule<'a>(registry: &'a [RuleMeta], wanted: &str) -> Option<&'a RuleMeta> {
    registry
        .iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(wanted) || rule.name == wanted)
}

/// One aligned line per rule: code, name, default severity, summary.
fn rules_table(registry: &[RuleMeta]) -> String {
    let name_width = registry.iter().map(|r| r.name.len()).max().unwrap_or(0);
    registry
        .iter()
        .map(|rule| {
            let severity = rule.severity.as_str();
            let line = format!(
                "{}  {:name_width$}  {severity:7}  {}",
                rule.code, rule.name, rule.summary
            );
            line.trim_end().to_string() + "\n"
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{clean_report, sample_report};

    const RULES: &[RuleMeta] = &[
        RuleMeta {
            code: "FK101",
            name: "missing-referenced-table",
            severity: Severity::Error,
            summary: "REFERENCES a table that does not exist.",
            docs: "## What it does\n...",
        },
        RuleMeta {
            code: "FK404",
            name: "unindexed-foreign-key",
            severity: Severity::Info,
            summary: "No index starts with the FK columns.",
            docs: "",
        },
    ];

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
        let inputs = inputs::read_inputs(&paths, &mut io::empty(), &config).unwrap();
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

    #[test]
    fn fail_on_threshold() {
        let (report, _) = sample_report();
        assert!(reaches(&report, Severity::Error));
        let mut warnings_only = report.clone();
        warnings_only
            .findings
            .retain(|f| f.severity < Severity::Error);
        assert!(!reaches(&warnings_only, Severity::Error));
        assert!(reaches(&warnings_only, Severity::Warning));
        warnings_only
            .findings
            .retain(|f| f.severity < Severity::Warning);
        assert!(!reaches(&warnings_only, Severity::Warning));
        assert!(reaches(&warnings_only, Severity::Info));
        assert!(!reaches(&clean_report(1, 1), Severity::Info));
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(find_rule(RULES, "fk101").unwrap().code, "FK101");
        assert_eq!(
            find_rule(RULES, "unindexed-foreign-key").unwrap().code,
            "FK404"
        );
        assert!(find_rule(RULES, "FK999").is_none());
    }

    #[test]
    fn rules_table_is_aligned() {
        let table = rules_table(RULES);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines,
            [
                "FK101  missing-referenced-table  error    REFERENCES a table that does not exist.",
                "FK404  unindexed-foreign-key     info     No index starts with the FK columns.",
            ]
        );
    }
}
