//! The layout stage: from the files of a project (a folder, a set of files, a project dropped on the page),
//! which migration tool runs them, and so which files and which parts of them run on "up", in which order and
//! in which transaction, as that tool runs them. The first stage of the data flow: it reads names and text,
//! never SQL (the splitter comes next).
//!
//! Each tool also says what reverts a step (a goose or dbmate Down section, a `.down.sql` file, diesel's
//! `down.sql`, a Flyway undo file, a sqitch revert script, Liquibase `--rollback` lines, a TypeScript
//! migration's `down()`): a [`Down`] of the plan, which `fklint check --down` replays after the step.
//!
//! Every file gets a verdict: a [`Step`] of the plan, or a [`Skipped`] entry with the reason (a down migration,
//! a verify script, a file the journal does not list, ...). The parts of a file that do not run on "up" (goose
//! and dbmate Down sections, the TypeScript around a migration's SQL strings) are blanked with spaces, line
//! breaks kept, so every byte offset and line of what runs is the file's own: findings, code frames and edit
//! fixes point into the real file.
//!
//! One file per tool; [`detect`] tries them from the most specific evidence (a plan or journal file) to the
//! least (file names), and plain folders keep the natural order of their paths.

mod dbmate;
mod diesel;
mod drizzle;
mod flyway;
mod golang_migrate;
mod goose;
mod laravel;
mod liquibase;
mod mask;
mod names;
mod plain;
mod prisma;
mod rails;
mod script;
mod sqitch;
mod supabase;
mod vendor;

pub use crate::tool::{Tool, ToolChoice};
pub use names::natural_cmp;

use crate::dialect::Dialect;
use crate::source::{Reverts, Source};

/// One file that runs on "up", in the tool's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Index of the file in the list given to [`lay_out`].
    pub file: usize,
    /// The file's text with what does not run blanked (same length, same lines).
    pub text: String,
    /// Whether the tool runs it inside one transaction.
    pub transaction: bool,
    /// What the tool does with it that the name does not say (a section, a baseline), when anything.
    pub note: Option<String>,
}

/// What reverts one step when migrating down: a part of a file, blanked like a step's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Down {
    /// Index (in the files given) of the step's file that this reverts.
    pub up: usize,
    /// Index of the file it is in: the step's own for sections, another for `.down.sql` files.
    pub file: usize,
    /// The file's text with what does not run on "down" blanked (same length, same lines).
    pub text: String,
    /// Whether the tool runs it inside one transaction.
    pub transaction: bool,
}

/// A file the tool does not run on "up", with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: usize,
    pub reason: String,
}

/// What [`lay_out`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub choice: ToolChoice,
    pub steps: Vec<Step>,
    pub skipped: Vec<Skipped>,
    /// The dialect the tool's own files declare (a drizzle journal, a Prisma lock file), with where it was read.
    pub dialect: Option<(Dialect, &'static str)>,
    /// The server the tool's own files declare (drizzle's `turso` dialect: libSQL), with where it was read.
    pub target: Option<(crate::server::ServerVersion, &'static str)>,
    /// Files the tool would run but that are missing (a plan entry without its script).
    pub missing: Vec<String>,
    /// What reverts each step, for the steps that have a down (a step's parts in the order they run).
    pub downs: Vec<Down>,
}

impl Plan {
    /// The steps as sources, then every down part (named as its file), with which step each part reverts:
    /// what [`crate::check_down`] takes.
    pub fn sources_with_downs(&self, files: &[Source]) -> (Vec<Source>, Vec<Reverts>) {
        let mut sources = self.sources(files);
        let mut reverts = Vec::new();
        for down in &self.downs {
            let (Some(up), Some(file)) = (
                self.steps.iter().position(|s| s.file == down.up),
                files.get(down.file),
            ) else {
                continue;
            };
            reverts.push(Reverts {
                down: sources.len(),
                up,
            });
            sources.push(Source::new(file.name.clone(), down.text.clone()));
        }
        (sources, reverts)
    }

    /// The steps as sources, in order: each named as its file, with its laid-out text.
    pub fn sources(&self, files: &[Source]) -> Vec<Source> {
        self.steps
            .iter()
            .filter_map(|step| {
                files
                    .get(step.file)
                    .map(|file| Source::new(file.name.clone(), step.text.clone()))
            })
            .collect()
    }
}

/// Whether a layout reads the file's text (its name alone decides the others' fate): SQL, Python and
/// script migrations, and the tools' plan, journal and settings files.
pub fn reads_text(path: &str) -> bool {
    let name = names::file_name(path);
    const TEXT: [&str; 9] = [
        ".sql", ".py", ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", ".plan",
    ];
    const FILES: [&str; 4] = [
        "_journal.json",
        "metadata.toml",
        "migration_lock.toml",
        "config.toml",
    ];
    TEXT.iter()
        .any(|ext| names::ends_with_ignore_case(name, ext))
        || FILES.contains(&name)
        || reads_orm_text(path, name)
}

/// The ORM files a layout reads: Prisma schemas, Rails' and Laravel's migrations and schema files (where those
/// frameworks keep them, or named by version when the folder itself was given) and Rails' configuration;
/// never the rest of an application's Ruby or PHP.
fn reads_orm_text(path: &str, name: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let versioned = name.starts_with(|c: char| c.is_ascii_digit());
    let under = |dir: &str| lower.starts_with(dir) || lower.contains(&format!("/{dir}"));
    names::ends_with_ignore_case(name, ".prisma")
        || (lower.ends_with(".rb")
            && (versioned || under("db/") || lower.ends_with("config/application.rb")))
        || (lower.ends_with(".php") && (versioned || under("database/")))
        || (lower.ends_with("-schema.dump") && under("schema/"))
}

/// What the layout needs besides the files.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayoutOptions {
    /// The tool to lay out as; `None` detects it.
    pub tool: Option<Tool>,
    /// The dialect when given: it picks a vendor folder (Flyway's `MYSQL/`, `postgres/`).
    pub dialect: Option<Dialect>,
}

/// Lays `files` out (names are paths with `/`; a file's text may be empty when only its name matters) the way
/// their migration tool runs them on "up".
pub fn lay_out(files: &[Source], options: LayoutOptions) -> Plan {
    let choice = match options.tool {
        Some(tool) => ToolChoice {
            tool,
            detected: false,
            evidence: "given".to_string(),
        },
        None => detect(files),
    };
    let context = Context {
        files,
        dialect: options.dialect,
    };
    let mut laid = match choice.tool {
        Tool::Plain => plain::lay_out(&context),
        Tool::Goose => goose::lay_out(&context),
        Tool::Dbmate => dbmate::lay_out(&context),
        Tool::GolangMigrate => golang_migrate::lay_out(&context),
        Tool::Diesel => diesel::lay_out(&context),
        Tool::Flyway => flyway::lay_out(&context),
        Tool::Sqitch => sqitch::lay_out(&context),
        Tool::Liquibase => liquibase::lay_out(&context),
        Tool::Drizzle => drizzle::lay_out(&context),
        Tool::Prisma => prisma::lay_out(&context),
        Tool::Supabase => supabase::lay_out(&context),
        Tool::Rails => rails::lay_out(&context),
        Tool::Laravel => laravel::lay_out(&context),
        Tool::Typeorm | Tool::Knex | Tool::Sequelize => script::lay_out(&context, choice.tool),
    };
    laid.skip_the_rest(files.len());
    Plan {
        choice,
        steps: laid.steps,
        skipped: laid.skipped,
        dialect: laid.dialect,
        target: laid.target,
        missing: laid.missing,
        downs: laid.downs,
    }
}

/// A tool's detector: the evidence for it in the files, if any.
type Detector = fn(&[Source]) -> Option<String>;

/// The tool whose evidence is the most specific: files only that tool writes first, then markers in SQL
/// text, then file names; a plain folder when nothing points anywhere.
pub fn detect(files: &[Source]) -> ToolChoice {
    let detectors: [(Tool, Detector); 17] = [
        (Tool::Sqitch, sqitch::detect),
        (Tool::Drizzle, drizzle::detect_journal),
        (Tool::Prisma, prisma::detect_migrations),
        (Tool::Supabase, supabase::detect),
        (Tool::Diesel, diesel::detect),
        (Tool::Goose, goose::detect),
        (Tool::Dbmate, dbmate::detect),
        (Tool::Liquibase, liquibase::detect),
        (Tool::GolangMigrate, golang_migrate::detect),
        (Tool::Flyway, flyway::detect),
        (Tool::Typeorm, script::detect_typeorm),
        (Tool::Sequelize, script::detect_sequelize),
        (Tool::Knex, script::detect_knex),
        // ORM sources that are migrations themselves, then ORM schemas that only `push` applies: these are read
        // only when no SQL migrations were found (a Supabase project may also hold a Drizzle schema).
        (Tool::Rails, rails::detect),
        (Tool::Laravel, laravel::detect),
        (Tool::Drizzle, drizzle::detect_schema),
        (Tool::Prisma, prisma::detect_schema),
    ];
    detectors
        .iter()
        .find_map(|(tool, detect)| {
            detect(files).map(|evidence| ToolChoice {
                tool: *tool,
                detected: true,
                evidence,
            })
        })
        .unwrap_or_else(|| ToolChoice {
            tool: Tool::Plain,
            detected: true,
            evidence:
                "no migration tool's files or markers: every .sql and .py file in natural order"
                    .to_string(),
        })
}

/// The files and what the layout was asked, for the tools.
pub(crate) struct Context<'a> {
    pub files: &'a [Source],
    pub dialect: Option<Dialect>,
}

impl Context<'_> {
    /// Every file with its index.
    pub fn indexed(&self) -> impl Iterator<Item = (usize, &Source)> {
        self.files.iter().enumerate()
    }
}

/// What one tool laid out; files it did not mention are skipped afterwards.
#[derive(Debug, Default)]
pub(crate) struct Laid {
    pub steps: Vec<Step>,
    pub skipped: Vec<Skipped>,
    pub dialect: Option<(Dialect, &'static str)>,
    pub target: Option<(crate::server::ServerVersion, &'static str)>,
    pub missing: Vec<String>,
    pub downs: Vec<Down>,
}

impl Laid {
    /// Records what reverts the step of file `up`.
    pub fn revert(&mut self, up: usize, file: usize, text: String, transaction: bool) {
        self.downs.push(Down {
            up,
            file,
            text,
            transaction,
        });
    }

    /// Runs the whole file, in a transaction.
    pub fn run_whole(&mut self, file: usize, text: &str) {
        self.steps.push(Step {
            file,
            text: text.to_string(),
            transaction: true,
            note: None,
        });
    }

    pub fn skip(&mut self, file: usize, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            file,
            reason: reason.into(),
        });
    }

    /// Every file neither run nor skipped yet is skipped as not part of the tool's migrations.
    fn skip_the_rest(&mut self, count: usize) {
        let mut seen = vec![false; count];
        for file in self
            .steps
            .iter()
            .map(|s| s.file)
            .chain(self.skipped.iter().map(|s| s.file))
        {
            if let Some(seen) = seen.get_mut(file) {
                *seen = true;
            }
        }
        for (file, seen) in seen.into_iter().enumerate() {
            if !seen {
                self.skip(file, "not one of the tool's migration files");
            }
        }
        self.skipped.sort_by_key(|s| s.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of every tool's syntax, cut anywhere: the layout never panics and keeps every text's length.
    #[test]
    fn truncated_and_mixed_inputs_never_panic() {
        let texts = [
            "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\n",
            "-- migrate:up\nx\n-- migrate:down",
            "export class A1600000000000 implements MigrationInterface { name = 'A1600000000000'; async up(q) { await q.query(`SELECT ${x} '\\` é`); } }",
            "exports.up = function (knex) { return knex.raw('a' + 'b') }",
            "%project=p\nc [q:x] 2020\n@t 2020\nc 2020\n",
            "{\"dialect\":\"sqlite\",\"entries\":[{\"idx\":0,\"tag\":\"0000_a\"}]}",
            "--liquibase formatted sql\n--changeset a:1 dbms:!oracle\nSELECT 1;\n",
            "up(",
            "up: (q) => {",
            "`unterminated ${",
        ];
        let names = [
            "1_a.sql",
            "m/2_b.up.sql",
            "V1_2__x.sql",
            "R__r.sql",
            "B3__b.sql",
            "sqitch.plan",
            "deploy/c.sql",
            "deploy/c@t.sql",
            "meta/_journal.json",
            "0000_a.sql",
            "1600000000000-A.ts",
            "20200101_x.js",
            "1_x/up.sql",
            "1_x/migration.sql",
            "é/ü.sql",
        ];
        for tool in Tool::ALL.iter().copied().map(Some).chain([None]) {
            for cut in [1, 7, 13, 40, usize::MAX] {
                let files: Vec<Source> = names
                    .iter()
                    .zip(texts.iter().cycle())
                    .map(|(name, text)| {
                        let end = crate::source::clamp_to_char_boundary(text, cut);
                        Source::new(*name, &text[..end])
                    })
                    .collect();
                let plan = lay_out(
                    &files,
                    LayoutOptions {
                        tool,
                        dialect: None,
                    },
                );
                for step in &plan.steps {
                    assert_eq!(step.text.len(), files[step.file].text.len());
                }
                for down in &plan.downs {
                    assert_eq!(down.text.len(), files[down.file].text.len());
                }
                assert_eq!(
                    plan.steps.len() + plan.skipped.len(),
                    files.len(),
                    "{tool:?}"
                );
            }
        }
    }
}
