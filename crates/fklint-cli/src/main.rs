//! `fklint`: the command-line interface. Reads files, runs the core, renders, and sets the exit code; all the
//! analysis is in the `fklint` crate.

mod args;
mod buffers;
mod config;
mod docs;
mod fix;
mod glob;
mod inputs;
mod output;
mod prepare;
mod progress;
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
    enter_working_directory();
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!(
                "fklint: error: {}",
                without_os_error_codes(&format!("{error:#}"))
            );
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
        Command::Lsp => bail!(
            "this build of fklint has no language server: `fklint lsp` is in the npm package (`npx fklint lsp`, \
             Node.js 18 or later), which runs this same CLI compiled to WebAssembly"
        ),
    }
}

/// `No such file or directory (os error 2)` → `No such file or directory`: the number helps nobody, and it
/// differs between the native build and the WebAssembly one (WASI numbers errors its own way), whose messages
/// must be the same.
fn without_os_error_codes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" (os error ") {
        let after = &rest[at + " (os error ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        if digits > 0 && after[digits..].starts_with(')') {
            rest = &after[digits + 1..];
        } else {
            out.push_str(" (os error ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// WebAssembly (WASI) has no working directory of its own: the npm package's launcher passes the real one in
/// `PWD` and maps `/` to the host's root, so relative paths, `fklint.toml` discovery and the file names in
/// findings are exactly the native CLI's.
#[cfg(target_os = "wasi")]
fn enter_working_directory() {
    if let Some(dir) = std::env::var_os("PWD") {
        // Without it, relative paths resolve against `/`: the error they give names the path.
        let _ = std::env::set_current_dir(dir);
    }
}

#[cfg(not(target_os = "wasi"))]
fn enter_working_directory() {}

fn check(args: &CheckArgs) -> Result<ExitCode> {
    let Prepared {
        inputs,
        options,
        down,
    } = prepare(&args.input)?;
    let down = args.down || down;
    if args.show_files {
        eprint!("{}", layout_notes(&inputs));
        write_stdout(&file_list(&inputs))?;
        return Ok(ExitCode::SUCCESS);
    }
    let bytes = inputs.sources.iter().map(|s| s.text.len()).sum();
    let progress = progress::Progress::start(
        args.format == args::Format::Text,
        inputs.sources.len(),
        bytes,
    );
    // With `--down`, the down parts are sources too (after the steps), so findings in them render.
    let (with_downs, reverts) = if down {
        inputs.with_downs()
    } else {
        (Vec::new(), Vec::new())
    };
    let sources = if down { &with_downs } else { &inputs.sources };
    let report = fklint::check_down(sources, &reverts, &options);
    let framed = if down {
        inputs.whole_files(sources)
    } else {
        Vec::new()
    };
    let framed = if down { &framed } else { sources };
    let output = render::render(args.format, &report, framed, use_color());
    progress.finish();
    write_stdout(&output)?;
    Ok(exit_code(&report, args.fail_on.severity()))
}

fn schema(args: &SchemaArgs) -> Result<ExitCode> {
    let Prepared {
        inputs, options, ..
    } = prepare(&args.input)?;
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
    let docs = docs::plain_fences(rule.docs.trim_end());
    write_stdout(&format!("{header}\n\n{docs}\n"))?;
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

/// The plan of each directory beside the list: its tool and why, the files that do not run on "up" and why,
/// and the files its tool would run that are missing. On stderr, so the list itself stays a plain list.
fn layout_notes(inputs: &Inputs) -> String {
    let mut out = String::new();
    for layout in &inputs.layouts {
        let how = if layout.choice.detected {
            "detected"
        } else {
            "given"
        };
        out.push_str(&format!(
            "fklint: {}: tool {} ({how}: {})\n",
            layout.folder,
            layout.choice.tool.name(),
            layout.choice.evidence
        ));
        if let Some((target, evidence)) = &layout.target {
            out.push_str(&format!(
                "fklint:   target {target} (declared: {evidence})\n"
            ));
        }
        for (file, reason) in &layout.skipped {
            out.push_str(&format!("fklint:   skipped {file}: {reason}\n"));
        }
        for file in &layout.missing {
            out.push_str(&format!(
                "fklint:   missing {file}: the tool would run it\n"
            ));
        }
    }
    out
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
    fn os_error_codes_are_left_out() {
        assert_eq!(
            without_os_error_codes("cannot read `x`: No such file (os error 2); b (os error 44)"),
            "cannot read `x`: No such file; b"
        );
        assert_eq!(without_os_error_codes("a (os error x)"), "a (os error x)");
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
