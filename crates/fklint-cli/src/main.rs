//! `fklint`: the command-line interface. Reads files, runs the core, renders, and sets the exit code; all the
//! analysis is in the `fklint` crate.

mod args;
mod config;
mod docs;
mod fix;
mod glob;
mod inputs;
mod output;
mod prepare;
mod render;
#[cfg(test)]
mod test_support;

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use fklint::rules::RuleMeta;
use fklint::{Report, Severity};

use args::{CheckArgs, Command, RulesArgs, SchemaArgs, EXIT_FAILURE};
use inputs::Inputs;
use output::{use_color, write_stdout};
use prepare::{prepare, Prepared};

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
