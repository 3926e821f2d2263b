//! Inline suppressions: `-- fklint-ignore FK202, FK404: reason` and `-- fklint-ignore-file FK404: reason`.
//!
//! A statement suppression sits on a line of the statement (often after its `;`) or on the comment lines
//! directly above it; it hides that statement's findings of the named rules (a finding belongs to the statement
//! its primary location starts in). A file suppression, anywhere in a file, hides the rule in the whole file.
//! The reason is required: a suppression without one, or naming an unknown rule, suppresses nothing and is an
//! FK002 finding; a suppression (or one of its codes) that hides nothing is an FK003 finding whose fix deletes
//! it. The comments are found with the lexer, so text inside strings and dollar-quoted bodies never counts.
//!
//! This runs in the core, after the rule settings, so the CLI, the wasm API and the page behave alike.

use crate::diagnostic::{apply_rule_settings, Diagnostic, TextEdit};
use crate::rule_settings::RuleSettings;
use crate::rules::{self, invalid_suppression, unused_suppression};
use crate::source::{LineIndex, Location, Outline, Source, SourceId, Span};

const MARKER: &str = "fklint-ignore";

/// Whether `-- fklint-ignore` can hide a rule's findings: not FK002 and FK003, which judge the suppressions
/// themselves (turn them off in the configuration instead).
pub fn is_suppressible(code: &str) -> bool {
    code != invalid_suppression::RULE.meta.code && code != unused_suppression::RULE.meta.code
}

/// The findings that remain (with FK002 and FK003 added) and how many were suppressed.
#[derive(Debug, Default)]
pub struct Suppressed {
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: usize,
}

/// Where a suppression applies.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    File,
    /// The spans of the statements it covers (none when it stands above nothing).
    Statements(Vec<Span>),
}

/// One code of a suppression, with its span in the comment.
#[derive(Debug, Clone)]
struct Code {
    code: &'static str,
    span: Span,
    used: bool,
}

/// A well-formed suppression comment.
#[derive(Debug, Clone)]
struct Suppression {
    source: SourceId,
    comment: Span,
    /// From the first code to the last: what FK003's fix rewrites when only some codes are unused.
    codes_span: Span,
    scope: Scope,
    codes: Vec<Code>,
}

impl Suppression {
    fn covers(&self, location: Location) -> bool {
        location.source == self.source
            && match &self.scope {
                Scope::File => true,
                Scope::Statements(spans) => spans
                    .iter()
                    .any(|s| s.start <= location.span.start && location.span.start <= s.end),
            }
    }
}

/// Applies every suppression comment of `sources` to `diagnostics`; `outlines` (per source id) are the
/// statements and comments the front end found in them.
pub fn apply(
    sources: &[Source],
    outlines: &[Outline],
    diagnostics: Vec<Diagnostic>,
    settings: &RuleSettings,
) -> Suppressed {
    let mut problems = Vec::new();
    let mut suppressions = Vec::new();
    let before = diagnostics.len();
    for ((id, source), outline) in sources.iter().enumerate().zip(outlines) {
        if source.text.contains(MARKER) {
            read_source(id, &source.text, outline, &mut suppressions, &mut problems);
        }
    }
    // Filtered in place: a copy of every finding would be the run's peak of memory when there are many.
    let mut out = Suppressed {
        diagnostics,
        suppressed: 0,
    };
    out.diagnostics
        .retain(|diagnostic| !mark_used(&mut suppressions, diagnostic));
    out.suppressed = before - out.diagnostics.len();
    let unused = suppressions
        .iter()
        .filter_map(|s| unused_finding(sources, s, settings));
    let added: Vec<Diagnostic> = problems.into_iter().chain(unused).collect();
    out.diagnostics.extend(apply_rule_settings(settings, added));
    out
}

/// Marks every suppression that hides `diagnostic`; true when one does.
fn mark_used(suppressions: &mut [Suppression], diagnostic: &Diagnostic) -> bool {
    let mut hidden = false;
    for suppression in suppressions.iter_mut() {
        if !suppression.covers(diagnostic.location) {
            continue;
        }
        for code in &mut suppression.codes {
            if code.code == diagnostic.code {
                code.used = true;
                hidden = true;
            }
        }
    }
    hidden
}

/// Reads the suppression comments of one source. A Python source's comments are `# fklint-ignore ...` and its
/// "statements" are its logical lines, so a directive covers the line it ends or the line below it.
fn read_source(
    id: SourceId,
    text: &str,
    outline: &Outline,
    suppressions: &mut Vec<Suppression>,
    problems: &mut Vec<Diagnostic>,
) {
    let (statements, comments) = (&outline.statements, outline.comments.iter().copied());
    let lines = Lines::new(text);
    for comment in comments {
        let Some(directive) = parse_directive(comment.slice(text), comment.start) else {
            continue;
        };
        let location = Location {
            source: id,
            span: comment,
        };
        match directive {
            Err((span, problem)) => problems.push(invalid_suppression::diagnostic(
                Location { source: id, span },
                &problem,
            )),
            Ok(parsed) => {
                let scope = if parsed.file {
                    Scope::File
                } else {
                    Scope::Statements(statements_for(&lines, statements, comment))
                };
                suppressions.push(Suppression {
                    source: location.source,
                    comment,
                    codes_span: parsed.codes_span,
                    scope,
                    codes: parsed.codes,
                });
            }
        }
    }
}

/// A parsed, valid directive.
struct Directive {
    file: bool,
    codes: Vec<Code>,
    codes_span: Span,
}

/// An invalid directive: where to report it and what is wrong.
type Problem = (Span, String);

/// Reads `-- fklint-ignore[-file] CODES: reason` at `offset`. None when the comment is not a directive at all.
fn parse_directive(comment: &str, offset: usize) -> Option<Result<Directive, Problem>> {
    // `--` in SQL; `#` in Python sources, `//` in TypeScript and Prisma ones (SQL comments start with neither).
    let body = comment
        .strip_prefix("--")
        .or_else(|| comment.strip_prefix('#'))
        .or_else(|| comment.strip_prefix("//"))?;
    let after_marker = body.trim_start().strip_prefix(MARKER)?;
    let (file, rest) = match after_marker.strip_prefix("-file") {
        Some(rest) => (true, rest),
        None => (false, after_marker),
    };
    // `-- fklint-ignored ...` or `-- fklint-ignore-files` is prose, not a directive.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':')) {
        return None;
    }
    let rest_offset = offset + (comment.len() - rest.len());
    let whole = Span::new(offset, offset + comment.len());
    Some(
        parse_codes_and_reason(rest, rest_offset, whole).map(|(codes, codes_span)| Directive {
            file,
            codes,
            codes_span,
        }),
    )
}

/// `FK202, FK404: reason` → the codes and the span from the first to the last.
fn parse_codes_and_reason(
    rest: &str,
    offset: usize,
    whole: Span,
) -> Result<(Vec<Code>, Span), Problem> {
    let (list, reason) = match rest.split_once(':') {
        Some((list, reason)) => (list, reason.trim()),
        None => (rest, ""),
    };
    let mut codes = Vec::new();
    let mut position = 0;
    for part in list.split(',') {
        let start = position + (part.len() - part.trim_start().len());
        position += part.len() + 1;
        let key = part.trim();
        if key.is_empty() {
            continue;
        }
        let span = Span::new(offset + start, offset + start + key.len());
        match rules::find(key) {
            Some(meta) => codes.push(Code {
                code: meta.code,
                span,
                used: false,
            }),
            None => return Err((span, format!("`{key}` is not an fklint rule"))),
        }
    }
    let (Some(first), Some(last)) = (codes.first(), codes.last()) else {
        return Err((whole, "the suppression names no rule".to_string()));
    };
    let codes_span = first.span.join(last.span);
    if reason.is_empty() {
        return Err((
            whole,
            "the suppression gives no reason (write `-- fklint-ignore CODE: why`)".to_string(),
        ));
    }
    Ok((codes, codes_span))
}

/// Line numbers of byte offsets, and what each line holds.
struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.index.locate(self.text, offset).line
    }

    /// The text of a 1-based line, without its line break.
    fn text_of(&self, line: usize) -> &'a str {
        let start = self.index.offset_of(self.text, line, 1);
        let rest = self.text.get(start..).unwrap_or("");
        rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
    }

    /// Whether the text before `offset` on its line is only whitespace.
    fn starts_line(&self, offset: usize) -> bool {
        let start = self.index.offset_of(self.text, self.line(offset), 1);
        self.text
            .get(start..offset)
            .is_some_and(|before| before.trim().is_empty())
    }
}

/// The statements a statement suppression at `comment` covers: those on its line, or else the statement that
/// starts right below it, past nothing but other comment lines.
fn statements_for(lines: &Lines, statements: &[Span], comment: Span) -> Vec<Span> {
    let line = lines.line(comment.start);
    let on_line: Vec<Span> = statements
        .iter()
        .filter(|s| lines.line(s.start) <= line && line <= lines.line(s.end))
        .copied()
        .collect();
    if !on_line.is_empty() || !lines.starts_line(comment.start) {
        return on_line;
    }
    let Some(next) = statements.iter().find(|s| s.start >= comment.end) else {
        return Vec::new();
    };
    let first_line = lines.line(next.start);
    let only_comments_between = (line + 1..first_line).all(|between| {
        let between = lines.text_of(between).trim_start();
        between.starts_with("--") || between.starts_with('#') || between.starts_with("//")
    });
    if only_comments_between && lines.starts_line(next.start) {
        vec![*next]
    } else {
        Vec::new()
    }
}

/// FK003 for the codes of a suppression that hid nothing (rules turned off do not count: they cannot fire).
fn unused_finding(
    sources: &[Source],
    suppression: &Suppression,
    settings: &RuleSettings,
) -> Option<Diagnostic> {
    let unused: Vec<&str> = suppression
        .codes
        .iter()
        .filter(|c| !c.used && !settings.is_off(c.code))
        .map(|c| c.code)
        .collect();
    if unused.is_empty() {
        return None;
    }
    let text = &sources.get(suppression.source)?.text;
    let used: Vec<&str> = suppression
        .codes
        .iter()
        .filter(|c| !unused.contains(&c.code))
        .map(|c| c.code)
        .collect();
    let edit = if used.is_empty() {
        TextEdit {
            location: Location {
                source: suppression.source,
                span: comment_removal(text, suppression.comment),
            },
            replacement: String::new(),
        }
    } else {
        TextEdit {
            location: Location {
                source: suppression.source,
                span: suppression.codes_span,
            },
            replacement: used.join(", "),
        }
    };
    let location = Location {
        source: suppression.source,
        span: suppression.comment,
    };
    Some(unused_suppression::diagnostic(location, &unused, edit))
}

/// What to delete to remove a comment: its whole line when it stands alone, else the comment and the blanks
/// before it (so `...; -- fklint-ignore ...` becomes `...;`).
fn comment_removal(text: &str, comment: Span) -> Span {
    let line_start = text
        .get(..comment.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = text.get(line_start..comment.start).unwrap_or("");
    if before.trim().is_empty() {
        let rest = text.get(comment.end..).unwrap_or("");
        let line_break = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n') || rest.starts_with('\r'))
        };
        return Span::new(line_start, comment.end + line_break);
    }
    let blanks = before.len() - before.trim_end().len();
    Span::new(comment.start - blanks, comment.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Options, Report};

    const USERS: &str = "CREATE TABLE users (id int PRIMARY KEY);\n";

    fn run(sql: &str) -> Report {
        run_with(sql, &Options::default())
    }

    fn run_with(sql: &str, options: &Options) -> Report {
        check(&[Source::new("m.sql", format!("{USERS}{sql}"))], options)
    }

    #[test]
    fn suppressions_are_found_with_the_dialect_rules() {
        // In PostgreSQL's rules `'it\'s'` would open a string that swallows the directive.
        let sql = "INSERT INTO users VALUES (1, 'it\\'s');\n\
                   -- fklint-ignore FK101: the table comes from another service\n\
                   CREATE TABLE c (id int PRIMARY KEY, x int, FOREIGN KEY (x) REFERENCES nope (id));\n";
        let options = Options {
            dialect: crate::dialect::Dialect::MySql,
            ..Options::default()
        };
        let report = run_with(sql, &options);
        assert_eq!(codes(&report), Vec::<&str>::new(), "{report:?}");
        assert_eq!(report.summary.suppressed, 1);
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn without_a_suppression_fk404_fires() {
        let report = run("CREATE TABLE posts (author_id int REFERENCES users (id));\n");
        assert_eq!(codes(&report), ["FK404"]);
        assert_eq!(report.summary.suppressed, 0);
    }

    #[test]
    fn same_line_suppression() {
        let report = run(
            "CREATE TABLE posts (author_id int REFERENCES users (id)); -- fklint-ignore FK404: tiny table\n",
        );
        assert_eq!(codes(&report), Vec::<&str>::new());
        assert_eq!(report.summary.suppressed, 1);
    }

    #[test]
    fn line_above_and_several_codes_by_code_or_name() {
        let report = run(
            "-- a note about posts\n-- fklint-ignore unindexed-foreign-key, FK202: tiny table\n-- another note\nCREATE TABLE posts (author_id bigint REFERENCES users (id));\n",
        );
        assert_eq!(codes(&report), Vec::<&str>::new());
        assert_eq!(report.summary.suppressed, 2);
    }

    #[test]
    fn a_blank_line_breaks_the_link_to_the_statement() {
        let report = run(
            "-- fklint-ignore FK404: tiny table\n\nCREATE TABLE posts (author_id int REFERENCES users (id));\n",
        );
        assert_eq!(codes(&report), ["FK003", "FK404"]);
    }

    #[test]
    fn suppression_covers_only_its_statement() {
        let report = run(
            "-- fklint-ignore FK404: tiny table\nCREATE TABLE posts (author_id int REFERENCES users (id));\nCREATE TABLE likes (user_id int REFERENCES users (id));\n",
        );
        assert_eq!(codes(&report), ["FK404"]);
        assert!(report.findings[0].message.contains("likes"));
    }

    #[test]
    fn file_suppression_anywhere() {
        let report = run(
            "CREATE TABLE posts (author_id int REFERENCES users (id));\nCREATE TABLE likes (user_id int REFERENCES users (id));\n-- fklint-ignore-file FK404: advisory only here\n",
        );
        assert_eq!(codes(&report), Vec::<&str>::new());
        assert_eq!(report.summary.suppressed, 2);
    }

    #[test]
    fn missing_reason_is_fk002_and_suppresses_nothing() {
        for comment in [
            "-- fklint-ignore FK404",
            "-- fklint-ignore FK404:   ",
            "-- fklint-ignore: why",
        ] {
            let report = run(&format!(
                "{comment}\nCREATE TABLE posts (author_id int REFERENCES users (id));\n"
            ));
            assert_eq!(codes(&report), ["FK002", "FK404"], "{comment}");
            assert_eq!(report.summary.suppressed, 0);
        }
    }

    #[test]
    fn unknown_code_is_fk002_located_on_the_code() {
        let sql = "CREATE TABLE posts (author_id int REFERENCES users (id)); -- fklint-ignore FK404, FK999: x\n";
        let report = run(sql);
        assert_eq!(codes(&report), ["FK404", "FK002"]);
        let fk002 = &report.findings[1];
        assert!(fk002.message.contains("FK999"), "{}", fk002.message);
        let text = format!("{USERS}{sql}");
        assert_eq!(&text[fk002.position.start..fk002.position.end], "FK999");
    }

    #[test]
    fn unused_suppression_is_fk003_with_a_fix_that_deletes_the_line() {
        let sql = "-- fklint-ignore FK202: drift is fine\nCREATE TABLE posts (author_id int REFERENCES users (id));\n";
        let report = run(sql);
        assert_eq!(codes(&report), ["FK003", "FK404"]);
        let fix = report.findings[0].fix.as_ref().unwrap();
        let edit = &fix.edits[0];
        let mut text = format!("{USERS}{sql}");
        text.replace_range(edit.start..edit.end, &edit.replacement);
        assert_eq!(
            text,
            format!("{USERS}CREATE TABLE posts (author_id int REFERENCES users (id));\n")
        );
    }

    #[test]
    fn partly_unused_suppression_keeps_the_used_code() {
        let sql = "CREATE TABLE posts (author_id int REFERENCES users (id)); -- fklint-ignore FK202, FK404: ok\n";
        let report = run(sql);
        assert_eq!(codes(&report), ["FK003"]);
        let edit = &report.findings[0].fix.as_ref().unwrap().edits[0];
        let mut text = format!("{USERS}{sql}");
        text.replace_range(edit.start..edit.end, &edit.replacement);
        assert!(text.ends_with("-- fklint-ignore FK404: ok\n"), "{text}");
    }

    #[test]
    fn trailing_unused_comment_is_removed_with_its_blanks() {
        let text = "SELECT 1;   -- fklint-ignore FK404: x\nSELECT 2;\n";
        let start = text.find("--").unwrap_or(0);
        let end = text.find('\n').unwrap_or(0);
        let span = comment_removal(text, Span::new(start, end));
        assert_eq!(span.slice(text), "   -- fklint-ignore FK404: x");
    }

    #[test]
    fn inside_strings_and_bodies_it_is_not_a_suppression() {
        let report = run(
            "CREATE TABLE posts (author_id int REFERENCES users (id), note text DEFAULT '-- fklint-ignore FK404: no');\nCREATE FUNCTION f() RETURNS int AS $$ -- fklint-ignore-file FK404: no\n SELECT 1 $$ LANGUAGE sql;\n",
        );
        assert_eq!(codes(&report), ["FK404"]);
        assert_eq!(report.summary.suppressed, 0);
    }

    #[test]
    fn prose_mentioning_the_marker_is_ignored() {
        let report = run(
            "-- fklint-ignored rules are listed in the README\nCREATE TABLE posts (author_id int REFERENCES users (id));\n",
        );
        assert_eq!(codes(&report), ["FK404"]);
    }

    #[test]
    fn suppressions_of_rules_turned_off_are_not_unused() {
        let mut options = Options::default();
        options.rules.set_text("FK404", "off").unwrap();
        let report = run_with(
            "CREATE TABLE posts (author_id int REFERENCES users (id)); -- fklint-ignore FK404: x\n",
            &options,
        );
        assert_eq!(codes(&report), Vec::<&str>::new());
        options.rules.set_text("FK003", "error").unwrap();
        options.rules.set_text("FK404", "info").unwrap();
        let report = run_with(
            "CREATE TABLE posts (id int); -- fklint-ignore FK404: x\n",
            &options,
        );
        assert_eq!(codes(&report), ["FK003"]);
        assert_eq!(
            report.findings[0].severity,
            crate::diagnostic::Severity::Error
        );
    }

    #[test]
    fn odd_comments_do_not_panic() {
        for sql in [
            "--fklint-ignore",
            "-- fklint-ignore ,,,: x",
            "-- fklint-ignore-file",
            "-- fklint-ignore é: ü",
            "SELECT 1 -- fklint-ignore FK404: x",
            "/* unterminated -- fklint-ignore FK404: x",
            "COPY t FROM stdin;\n-- fklint-ignore FK404: x\n\\.\n",
        ] {
            let _ = run(sql);
        }
    }
}
