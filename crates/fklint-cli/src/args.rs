//! Command-line arguments (clap derive) and how argument errors become exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fklint::server::ServerVersion;
use fklint::settings::{
    parse_foreign_key_checks, parse_platform, parse_target, DialectChoice, Settings, ToolSetting,
};
use fklint::Severity;

/// Exit code for usage and I/O errors; clap's own usage errors are mapped to it too.
pub const EXIT_FAILURE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "fklint",
    version,
    about = "Finds broken and fragile foreign keys in SQL migrations."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check migrations and report broken or fragile foreign keys.
    Check(CheckArgs),
    /// Print the schema that the migrations build (tables and foreign keys).
    Schema(SchemaArgs),
    /// List every rule with its code, name, default severity and summary.
    Rules(RulesArgs),
    /// Apply the edit fixes of every finding (a diff by default, `--write` to change the files), or print the
    /// forward migration (`--forward`). Exits 0 when it succeeded, whatever remains to fix.
    Fix(FixArgs),
    /// Print the documentation of one rule.
    Explain {
        /// A rule code such as FK101 (or its name, such as missing-referenced-table).
        code: String,
    },
    /// Run the language server on standard input and output (in the npm package: `npx fklint lsp`).
    Lsp,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Print the files in the order they would be checked (migration order), then exit without checking.
    #[arg(long)]
    pub show_files: bool,

    /// Check the down migrations too: each is replayed after the migrations up to the one it reverts, and what
    /// the server would reject in it, or a down that does not bring the foreign keys back (FK602), is reported.
    #[arg(long)]
    pub down: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Print the edits as a unified diff and change nothing (the default).
    #[arg(long, group = "fix_mode")]
    pub diff: bool,

    /// Apply the edits to the files (each written atomically), then check again and report what remains.
    #[arg(long, group = "fix_mode")]
    pub write: bool,

    /// Print the forward migration: every finding's forward SQL, for databases that already ran the
    /// migrations (`fklint fix --forward migrations/ > 0042_fix_foreign_keys.sql`).
    #[arg(long, group = "fix_mode")]
    pub forward: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Write one Markdown page per rule, and an index README.md, into this directory (e.g. docs/rules).
    #[arg(long, value_name = "DIR")]
    pub markdown: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Json)]
    pub format: SchemaFormat,
}

/// What both `check` and `schema` read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// SQL dialect of the migrations: auto, postgres, mysql (also MariaDB) or sqlite. `auto` guesses it from
    /// markers such as backticks and ENGINE= (MySQL), AUTOINCREMENT and PRAGMA (SQLite), `::` and `$$`
    /// (PostgreSQL), and says why in the summary [default: the configuration's, else auto].
    #[arg(long, value_name = "DIALECT", value_parser = DialectChoice::parse)]
    pub dialect: Option<DialectChoice>,

    /// The server the migrations will run on, for verdicts that depend on its version: mysql-MAJOR.MINOR,
    /// mariadb-MAJOR.MINOR or postgres-MAJOR (e.g. mysql-8.0, mariadb-10.11, postgres-15; PostgreSQL 13 to
    /// 18), or sqlite / libsql (Turso's SQLite fork: its `ALTER COLUMN c TO <definition>` is replayed). Implies
    /// its dialect when the dialect is auto [default: the configuration's, else the one a Drizzle project's
    /// `turso` dialect declares, else none: MySQL verdicts for 8.0, PostgreSQL's for 18].
    #[arg(long, value_name = "SERVER-VERSION", value_parser = parse_target)]
    pub target: Option<ServerVersion>,

    /// The migration tool that runs the migrations, which decides the files and parts of them that run on "up"
    /// and their order: auto, plain, goose, dbmate, golang-migrate (also sqlx), diesel, flyway, sqitch,
    /// liquibase, drizzle, prisma, supabase, rails, laravel, typeorm, knex, sequelize. `auto` detects it from the files (a
    /// sqitch.plan, a drizzle journal, `-- +goose Up`, `V1__x.sql` names, ...) and the summary says why
    /// [default: the configuration's, else auto].
    #[arg(long, value_name = "TOOL", value_parser = ToolSetting::parse)]
    pub tool: Option<ToolSetting>,

    /// What the migration runner sets before each migration: `off` when it turns foreign key checks off (MySQL
    /// `SET FOREIGN_KEY_CHECKS=0`, SQLite `PRAGMA foreign_keys=OFF`), so each migration may reference tables
    /// that later ones create [default: the configuration's, else whatever the migrations set].
    #[arg(long, value_name = "off|on", value_parser = parse_foreign_key_checks)]
    pub foreign_key_checks: Option<bool>,

    /// The platform the database runs on: `supabase` knows the `auth` and `storage` tables; `none` turns off
    /// detecting it from the migrations [default: the configuration's, else detected].
    #[arg(long, value_name = "NAME", value_parser = parse_platform)]
    pub platform: Option<String>,

    /// Read this configuration file instead of looking for fklint.toml next to the first path and above it.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,

    /// Declare a database built by these files or directories (as named on the command line, among the PATHs
    /// checked). Repeatable; replaces the configuration's `[databases]`. Each database is checked on its own.
    #[arg(long = "database", value_name = "NAME=PATH[,PATH...]", value_parser = parse_database)]
    pub databases: Vec<DatabaseArg>,

    /// Declare that a column's values come from another database (FK303): `table.column=DB`, also
    /// `schema.table.column=DB` or `database.schema.table.column=DB`. Repeatable; added to `[ids_from]`.
    #[arg(long = "ids-from", value_name = "TABLE.COLUMN=DB", value_parser = parse_ids_from)]
    pub ids_from: Vec<fklint::IdsFrom>,

    /// Read these files' texts from a JSON object `{ "path": "text" }` instead of the disk (an editor's unsaved
    /// buffers; `fklint lsp` uses it).
    #[arg(long, value_name = "FILE", hide = true)]
    pub buffers: Option<PathBuf>,

    /// Files, directories (laid out as their migration tool runs them) or `-` for standard input. Optional with
    /// `--database`: then its paths are what is checked.
    #[arg(required_unless_present = "databases", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

impl InputArgs {
    /// What the flags say, in the core's settings model, to lay over the configuration's
    /// ([`Settings::over`]). The flags' values were read by the same parsers as `fklint.toml`'s, so a bad
    /// value gets the same message. `--database` names paths to read, not settings: `prepare` resolves it.
    pub fn settings(&self) -> Settings {
        Settings {
            dialect: self.dialect,
            target: self.target,
            tool: self.tool,
            foreign_key_checks: self.foreign_key_checks,
            platform: self.platform.clone(),
            ids_from: self.ids_from.clone(),
            ..Settings::default()
        }
    }
}

/// `--database NAME=PATH[,PATH...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseArg {
    pub name: String,
    pub paths: Vec<PathBuf>,
}

fn parse_database(text: &str) -> Result<DatabaseArg, String> {
    let (name, paths) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=PATH[,PATH...]"))?;
    let paths: Vec<PathBuf> = paths
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(PathBuf::from)
        .collect();
    if name.trim().is_empty() || paths.is_empty() {
        return Err(format!("`{text}` is not NAME=PATH[,PATH...]"));
    }
    Ok(DatabaseArg {
        name: name.trim().to_string(),
        paths,
    })
}

fn parse_ids_from(text: &str) -> Result<fklint::IdsFrom, String> {
    let (column, database) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not TABLE.COLUMN=DB"))?;
    fklint::settings::ids_from_entry(column, database)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Parses the process arguments. On `--help`/`--version` clap's text is printed and the exit code is 0; on a
/// usage error the message is printed and the exit code is [`EXIT_FAILURE`], as the CLI contract says.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|error| {
        // Printing can only fail when the stream is gone; there is nobody left to tell.
        let _ = error.print();
        if error.use_stderr() {
            ExitCode::from(EXIT_FAILURE)
        } else {
            ExitCode::SUCCESS
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use fklint::Dialect;

    fn parse_from(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("fklint").chain(args.iter().copied()))
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_defaults() {
        let cli = parse_from(&["check", "a.sql"]).unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(args.format, Format::Text);
        assert_eq!(args.fail_on.severity(), Severity::Error);
        assert_eq!(args.input.dialect, None);
        assert_eq!(args.input.paths, vec![PathBuf::from("a.sql")]);
        assert!(!args.show_files);
    }

    #[test]
    fn check_accepts_every_option() {
        let cli = parse_from(&[
            "check",
            "--dialect",
            "postgresql",
            "--format",
            "sarif",
            "--fail-on",
            "info",
            "-",
            "dir",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(args.format, Format::Sarif);
        assert_eq!(args.fail_on.severity(), Severity::Info);
        assert_eq!(args.input.paths.len(), 2);
        assert_eq!(
            args.input.dialect,
            Some(DialectChoice::Given(Dialect::Postgres))
        );
    }

    #[test]
    fn dialects_and_targets() {
        let dialect = |name: &str| {
            let cli = parse_from(&["check", "--dialect", name, "a.sql"]).ok()?;
            let Command::Check(args) = cli.command else {
                return None;
            };
            args.input.dialect
        };
        assert_eq!(dialect("auto"), Some(DialectChoice::Auto));
        assert_eq!(
            dialect("MariaDB"),
            Some(DialectChoice::Given(Dialect::MySql))
        );
        assert_eq!(
            dialect("sqlite"),
            Some(DialectChoice::Given(Dialect::Sqlite))
        );
        let cli = parse_from(&["schema", "--target", "mariadb-10.11", "a.sql"]).unwrap();
        let Command::Schema(args) = cli.command else {
            panic!("not schema")
        };
        assert_eq!(
            args.input.target.map(|t| t.to_string()).as_deref(),
            Some("mariadb-10.11")
        );
        let cli = parse_from(&["check", "--target", "postgres-16", "a.sql"]).unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(
            args.input.target.map(|t| t.to_string()).as_deref(),
            Some("postgres-16")
        );
        let cli = parse_from(&["check", "--target", "libsql", "a.sql"]).unwrap();
        let Command::Check(args) = cli.command else {
            panic!("expected check")
        };
        assert_eq!(
            args.input.target.map(|t| t.to_string()).as_deref(),
            Some("libsql")
        );
        let error = parse_from(&["check", "--target", "oracle-19", "a.sql"]).unwrap_err();
        assert!(error.to_string().contains("mariadb-10.11"), "{error}");
        let error = parse_from(&["check", "--dialect", "oracle", "a.sql"]).unwrap_err();
        assert!(
            error.to_string().contains("auto, postgres, mysql, sqlite"),
            "{error}"
        );
    }

    #[test]
    fn config_flags_and_fix_modes() {
        let cli = parse_from(&["fix", "--write", "--config", "x.toml", "m"]).unwrap();
        let Command::Fix(args) = cli.command else {
            panic!("not fix")
        };
        assert!(args.write && !args.diff && !args.forward);
        assert_eq!(args.input.config, Some(PathBuf::from("x.toml")));
        assert!(parse_from(&["fix", "--write", "--forward", "m"]).is_err());
        assert!(parse_from(&["check", "--config", "x", "--no-config", "m"]).is_err());
        assert!(parse_from(&["check", "--no-config", "m"]).is_ok());
    }

    #[test]
    fn databases_and_ids_from() {
        let cli = parse_from(&[
            "schema",
            "--database",
            "main=a,b/c",
            "--database",
            "trip=t",
            "--ids-from",
            "public.users.manager_id=main",
            "a",
        ])
        .unwrap();
        let Command::Schema(args) = cli.command else {
            panic!("not schema")
        };
        assert_eq!(
            args.input.databases,
            [
                DatabaseArg {
                    name: "main".into(),
                    paths: vec!["a".into(), "b/c".into()]
                },
                DatabaseArg {
                    name: "trip".into(),
                    paths: vec!["t".into()]
                }
            ]
        );
        assert_eq!(args.input.ids_from[0].database, "main");
        for bad in ["main", "=a", "main="] {
            assert!(
                parse_from(&["check", "--database", bad, "a"]).is_err(),
                "{bad}"
            );
        }
        for bad in ["users=main", "t.c=", "t.c"] {
            assert!(
                parse_from(&["fix", "--ids-from", bad, "a"]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn rejects_unknown_dialect_and_missing_paths() {
        assert!(parse_from(&["check", "--dialect", "oracle", "a.sql"]).is_err());
        assert!(parse_from(&["check"]).is_err());
        assert!(parse_from(&["schema", "--format", "text", "a.sql"]).is_err());
    }
}
