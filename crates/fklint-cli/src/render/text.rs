//! `--format text`: findings with code frames, in the style of rustc and ruff, then a summary line.

use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Annotation, Level, Message, Renderer, Snippet};
use fklint::diagnostic::{Position, Related};
use fklint::source::clamp_to_char_boundary;
use fklint::{Finding, Report, Severity};

use super::texts::{plural, Texts};

pub fn render(report: &Report, sources: &[fklint::Source], color: bool) -> String {
    let texts = Texts::new(sources);
    let mut out = String::new();
    for finding in in_root_order(&report.findings) {
        out.push_str(&render_finding(finding, &texts, color));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// The findings in order, except that a consequence of a rejected statement comes right under the finding on
/// that statement (its root), so one problem reads as one: the root, then what fails because of it.
fn in_root_order(findings: &[Finding]) -> Vec<&Finding> {
    let root_of = |consequence: &Finding| -> Option<usize> {
        let root = consequence.caused_by.as_ref()?;
        findings.iter().position(|f| {
            f.caused_by.is_none()
                && f.position.file == root.file
                && (root.start..=root.end).contains(&f.position.start)
        })
    };
    let roots: Vec<Option<usize>> = findings.iter().map(root_of).collect();
    let mut ordered = Vec::with_capacity(findings.len());
    for (index, finding) in findings.iter().enumerate() {
        if roots[index].is_some() {
            continue;
        }
        ordered.push(finding);
        ordered.extend(
            findings
                .iter()
                .zip(&roots)
                .filter(|(_, root)| **root == Some(index))
                .map(|(consequence, _)| consequence),
        );
    }
    ordered
}

/// One finding: `error[FK101]: message`, its code frames, `= help: <fix title>` and the forward fix SQL.
pub fn render_finding(finding: &Finding, texts: &Texts, color: bool) -> String {
    let notes = unlocated_notes(finding, texts);
    let snippets = snippets(finding, texts);
    let message = level(finding.severity)
        .title(&finding.message)
        .id(finding.code)
        .snippets(snippets)
        .footers(notes.iter().map(|note| Level::Note.title(note)));
    let message = with_fix_help(message, finding);
    let mut rendered = renderer(finding.severity, color)
        .render(message)
        .to_string();
    if let Some(sql) = finding.fix.as_ref().and_then(|fix| fix.sql.as_deref()) {
        rendered.push('\n');
        rendered.push_str(&indent_fix_sql(sql));
    }
    rendered
}

fn with_fix_help<'a>(message: Message<'a>, finding: &'a Finding) -> Message<'a> {
    match &finding.fix {
        Some(fix) => message.footer(Level::Help.title(&fix.title)),
        None => message,
    }
}

/// The fix SQL goes under `= help:`, indented to line up with the help text so it reads as part of it.
fn indent_fix_sql(sql: &str) -> String {
    sql.trim_end()
        .lines()
        .map(|line| format!("          {line}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// The primary span is drawn at `Error` level and related spans at `Warning` level, because in
/// annotate-snippets 0.11 only these two print no `info:`-style prefix before labels, and only `Error` gets
/// `^` markers. When colored, the styles are reset so the primary span has the finding's color and related
/// spans are blue, as in rustc (except in a warning, whose title shares the `Warning` style).
fn renderer(severity: Severity, color: bool) -> Renderer {
    if !color {
        return Renderer::plain();
    }
    let bold = |color: AnsiColor| -> Style { color.on_default().effects(Effects::BOLD) };
    let secondary = bold(AnsiColor::BrightBlue);
    let (primary, renderer) = match severity {
        Severity::Error => (
            bold(AnsiColor::BrightRed),
            Renderer::styled().warning(secondary),
        ),
        Severity::Warning => (bold(AnsiColor::Yellow), Renderer::styled()),
        Severity::Info => (secondary, Renderer::styled().warning(secondary)),
    };
    renderer.error(primary)
}

/// The code frames: the primary file with the primary span and the related spans in that file, then one
/// frame per other file that has related spans whose text we have.
fn snippets<'a>(finding: &'a Finding, texts: &Texts<'a>) -> Vec<Snippet<'a>> {
    let primary_file = finding.position.file.as_str();
    let mut snippets = Vec::new();
    if let Some(text) = texts.get(primary_file) {
        let primary = Marked {
            position: &finding.position,
            label: finding.name,
            primary: true,
        };
        let marks = std::iter::once(primary).chain(related_in(finding, primary_file));
        snippets.extend(frames(primary_file, text, marks.collect()));
    }
    for file in other_files(finding) {
        if let Some(text) = texts.get(file) {
            snippets.extend(frames(file, text, related_in(finding, file).collect()));
        }
    }
    snippets
}

/// Marks further apart than this many lines get frames of their own: one frame spanning them would hold every
/// line between (a table created at the top of a dump, its foreign key at the bottom), which makes rendering
/// cost findings × file size.
const FAR_LINES: usize = 64;

/// The frames of one file: its marks grouped by nearness, the group of the primary mark first, the others in
/// line order; within a group the marks keep their order (the first one names the frame's location).
fn frames<'a>(file: &'a str, text: &'a str, marks: Vec<Marked<'a>>) -> Vec<Snippet<'a>> {
    let mut by_line: Vec<(usize, Marked<'a>)> = marks.into_iter().enumerate().collect();
    by_line.sort_by_key(|(order, m)| (m.position.line, *order));
    let mut groups: Vec<Vec<(usize, Marked<'a>)>> = Vec::new();
    let mut group_end: usize = 0;
    for (order, mark) in by_line {
        let end = mark.position.end_line.max(mark.position.line);
        match groups.last_mut() {
            Some(group) if mark.position.line <= group_end.saturating_add(FAR_LINES) => {
                group_end = group_end.max(end);
                group.push((order, mark));
            }
            _ => {
                group_end = end;
                groups.push(vec![(order, mark)]);
            }
        }
    }
    if let Some(primary) = groups.iter().position(|g| g.iter().any(|(_, m)| m.primary)) {
        let group = groups.remove(primary);
        groups.insert(0, group);
    }
    groups
        .into_iter()
        .map(|mut group| {
            group.sort_by_key(|(order, _)| *order);
            frame(file, text, group.into_iter().map(|(_, m)| m).collect())
        })
        .collect()
}

/// Notes for what cannot be framed because its text is not at hand (it should not happen, but a location is
/// never dropped silently).
fn unlocated_notes(finding: &Finding, texts: &Texts) -> Vec<String> {
    let primary = std::iter::once((&finding.position, "here"));
    let related = finding
        .related
        .iter()
        .map(|r| (&r.position, r.message.as_str()));
    primary
        .chain(related)
        .filter(|(position, _)| texts.get(&position.file).is_none())
        .map(|(p, message)| format!("{message}: {}:{}:{}", p.file, p.line, p.column))
        .chain(finding.caused_by.as_ref().map(|root| {
            format!(
                "caused by the statement rejected at {}:{}:{}: fixing it clears this finding",
                root.file, root.line, root.column
            )
        }))
        .collect()
}

/// A span to mark in a frame.
struct Marked<'a> {
    position: &'a Position,
    label: &'a str,
    primary: bool,
}

fn related_in<'a>(finding: &'a Finding, file: &'a str) -> impl Iterator<Item = Marked<'a>> + 'a {
    finding
        .related
        .iter()
        .filter(move |related| related.position.file == file)
        .map(|Related { message, position }| Marked {
            position,
            label: message,
            primary: false,
        })
}

/// Files other than the primary one that related spans point into, in order of first mention.
fn other_files(finding: &Finding) -> Vec<&str> {
    let mut files: Vec<&str> = Vec::new();
    for related in &finding.related {
        let file = related.position.file.as_str();
        if file != finding.position.file && !files.contains(&file) {
            files.push(file);
        }
    }
    files
}

/// A frame of just the lines the marks cover (folded between them), so long migrations are not re-rendered
/// whole for every finding.
fn frame<'a>(file: &'a str, text: &'a str, marks: Vec<Marked<'a>>) -> Snippet<'a> {
    let ranges: Vec<(usize, usize)> = marks.iter().map(|m| byte_range(text, m.position)).collect();
    // The line of the earliest mark is already known: counting newlines from the top for every finding
    // would make long migrations quadratic.
    let first_line = marks
        .iter()
        .zip(&ranges)
        .min_by_key(|(_, range)| range.0)
        .map_or(1, |(mark, _)| mark.position.line);
    let excerpt = Excerpt::covering(text, &ranges, first_line);
    let annotations = marks.iter().zip(&ranges).map(|(mark, &(start, end))| {
        let level = if mark.primary {
            Level::Error
        } else {
            Level::Warning
        };
        let annotation: Annotation<'a> = level.span(excerpt.relative(start, end));
        annotation.label(mark.label)
    });
    Snippet::source(excerpt.text)
        .line_start(excerpt.first_line)
        .origin(file)
        .fold(true)
        .annotations(annotations.collect::<Vec<_>>())
}

/// The span of a position, clamped to the text and to character boundaries (never panics on odd input).
fn byte_range(text: &str, position: &Position) -> (usize, usize) {
    let start = clamp_to_char_boundary(text, position.start);
    let end = clamp_to_char_boundary(text, position.end.max(start));
    (start, end)
}

/// Whole lines of a text around some byte ranges.
struct Excerpt<'a> {
    text: &'a str,
    /// Byte offset of `text` in the whole source.
    offset: usize,
    /// 1-based line number of the first line.
    first_line: usize,
}

impl<'a> Excerpt<'a> {
    fn covering(text: &'a str, ranges: &[(usize, usize)], first_line: usize) -> Self {
        let low = ranges.iter().map(|r| r.0).min().unwrap_or(0);
        let high = ranges.iter().map(|r| r.1).max().unwrap_or(0);
        let start = text[..low].rfind('\n').map_or(0, |i| i + 1);
        let end = text[high..].find('\n').map_or(text.len(), |i| high + i);
        Excerpt {
            text: &text[start..end],
            offset: start,
            first_line,
        }
    }

    /// A range of the whole source as a range of the excerpt.
    fn relative(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let clamp = |offset: usize| offset.saturating_sub(self.offset).min(self.text.len());
        clamp(start)..clamp(end)
    }
}

/// `Found 3 errors, 1 warning in 2 files (57 statements, 2 unparsed).` or
/// `No problems found in 2 files (57 statements).`
pub fn summary_line(report: &Report) -> String {
    let summary = &report.summary;
    let files = plural(summary.files, "file", "files");
    let mut counts = plural(summary.statements, "statement", "statements");
    if summary.unparsed > 0 {
        counts.push_str(&format!(", {} unparsed", summary.unparsed));
    }
    if summary.suppressed > 0 {
        counts.push_str(&format!(", {} suppressed", summary.suppressed));
    }
    counts.push_str(&format!(", {}", dialect_part(summary)));
    if let Some(platform) = &summary.platform {
        counts.push_str(&format!(", platform {platform}"));
    }
    if let Some(tool) = &summary.tool {
        let how = if tool.detected { "detected" } else { "given" };
        counts.push_str(&format!(
            ", tool {} ({how}: {})",
            tool.tool.name(),
            tool.evidence
        ));
    }
    if let Some(declared) = &summary.declared_target {
        counts.push_str(&format!(
            ", target {} (declared: {})",
            declared.target, declared.evidence
        ));
    }
    if report.findings.is_empty() {
        return format!("No problems found in {files} ({counts}).");
    }
    format!("Found {} in {files} ({counts}).", severity_counts(report))
}

/// How many markers of the detected dialect the summary names: enough to say why, short enough for one line.
const EVIDENCE_SHOWN: usize = 3;

/// `dialect mysql` when given, `dialect mysql (detected: ENGINE= ×14, backtick identifier ×230)` when
/// detected: a user whose input was guessed wrong sees why, and that `--dialect` exists.
fn dialect_part(summary: &fklint::Summary) -> String {
    let name = summary.dialect.name();
    let Some(detected) = &summary.detected else {
        return format!("dialect {name}");
    };
    // The evidence is strongest first; only the winner's explains the guess.
    let markers: Vec<String> = detected
        .evidence
        .iter()
        .filter(|e| e.dialect == detected.dialect)
        .take(EVIDENCE_SHOWN)
        .map(|e| format!("{} ×{}", e.marker, e.count))
        .collect();
    if markers.is_empty() {
        format!("dialect {name} (detected: no markers, the default)")
    } else {
        format!("dialect {name} (detected: {})", markers.join(", "))
    }
}

/// `3 errors, 1 warning, 2 info`: only the severities that occur, most severe first.
fn severity_counts(report: &Report) -> String {
    let count = |severity| {
        report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    let parts = [
        (count(Severity::Error), "error", "errors"),
        (count(Severity::Warning), "warning", "warnings"),
        (count(Severity::Info), "info", "info"),
    ];
    parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| plural(n, one, many))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{clean_report, position, sample_report, sample_sources, A_SQL};

    fn render_one(finding: &Finding) -> String {
        let sources = sample_sources();
        render_finding(finding, &Texts::new(&sources), false)
    }

    #[test]
    fn error_with_related_span_and_fix() {
        let (report, _) = sample_report();
        let expected = "\
error[FK101]: table `tenant` does not exist; did you mean `tenants`?
 --> a.sql:3:28
  |
1 | CREATE TABLE tenants (id uuid PRIMARY KEY);
  |              ------- `tenants` is created here
2 | CREATE TABLE users (
3 |   tenant_id int REFERENCES tenant(id)
  |                            ^^^^^^ missing-referenced-table
  |
  = help: Reference `tenants`
          ALTER TABLE users
            ADD FOREIGN KEY (tenant_id) REFERENCES tenants (id);";
        assert_eq!(render_one(&report.findings[0]), expected);
    }

    #[test]
    fn related_span_in_another_file_gets_its_own_frame() {
        let (report, _) = sample_report();
        let rendered = render_one(&report.findings[1]);
        assert!(rendered.starts_with(
            "warning[FK202]: `owner_id` is bigint but `tenants.id` is uuid\n --> b.sql:2:39\n"
        ));
        assert!(rendered.contains(" ::: a.sql:1:23\n"));
        assert!(rendered.contains("------- `tenants.id` is declared here"));
        assert!(rendered.ends_with("= help: Change `owner_id` to uuid\n          ALTER TABLE users ALTER COLUMN owner_id TYPE uuid;"));
    }

    #[test]
    fn marks_far_apart_in_one_file_get_frames_of_their_own() {
        let filler: String = (0..200).map(|i| format!("-- filler {i}\n")).collect();
        let text = format!("CREATE TABLE tenants (id uuid PRIMARY KEY);\n{filler}SELECT tenant;\n");
        let sources = vec![fklint::Source::new("far.sql", text.as_str())];
        let (mut report, _) = sample_report();
        let mut finding = report.findings.remove(0);
        let used = text.rfind("tenant;").unwrap();
        finding.position = position("far.sql", &text, used, used + 6);
        let created = text.find("tenants").unwrap();
        finding.related[0].position = position("far.sql", &text, created, created + 7);
        let rendered = render_finding(&finding, &Texts::new(&sources), false);
        assert!(rendered.contains(" --> far.sql:202:8\n"), "{rendered}");
        assert!(rendered.contains(" ::: far.sql:1:14\n"), "{rendered}");
        assert!(!rendered.contains("filler"), "{rendered}");
        assert!(rendered.find("missing-referenced-table") < rendered.find("is created here"));
    }

    #[test]
    fn info_without_fix() {
        let (report, _) = sample_report();
        let rendered = render_one(&report.findings[2]);
        assert!(rendered
            .starts_with("info[FK404]: no index starts with `users.tenant_id`\n --> a.sql:3:3\n"));
        assert!(rendered.contains("^^^^^^^^^ unindexed-foreign-key"));
        assert!(!rendered.contains("help"));
    }

    #[test]
    fn whole_output_ends_with_the_summary() {
        let (report, sources) = sample_report();
        let rendered = render(&report, &sources, false);
        assert_eq!(rendered.matches("\n\n").count(), 3);
        assert!(rendered.ends_with(
            "\n\nFound 1 error, 1 warning, 1 info in 2 files (3 statements, 1 unparsed, dialect postgres).\n"
        ));
    }

    #[test]
    fn color_only_when_asked() {
        let (report, sources) = sample_report();
        assert!(!render(&report, &sources, false).contains('\u{1b}'));
        assert!(render(&report, &sources, true).contains('\u{1b}'));
    }

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary_line(&clean_report(2, 57)),
            "No problems found in 2 files (57 statements, dialect postgres)."
        );
        assert_eq!(
            summary_line(&clean_report(1, 1)),
            "No problems found in 1 file (1 statement, dialect postgres)."
        );
        let (mut report, _) = sample_report();
        report.summary.statements = 57;
        report.summary.unparsed = 2;
        let error = report.findings[0].clone();
        report.findings.insert(0, error.clone());
        report.findings.insert(0, error);
        report.findings.retain(|f| f.severity != Severity::Info);
        assert_eq!(
            summary_line(&report),
            "Found 3 errors, 1 warning in 2 files (57 statements, 2 unparsed, dialect postgres)."
        );
    }

    #[test]
    fn summary_line_says_why_a_dialect_was_detected() {
        let sources = [fklint::Source::new(
            "m.sql",
            "CREATE TABLE `a` (`id` int AUTO_INCREMENT PRIMARY KEY, d DATETIME) ENGINE=InnoDB;",
        )];
        let mut report = clean_report(1, 1);
        let (dialect, detected) = fklint::resolve_dialect(&sources, None);
        report.summary.dialect = dialect;
        report.summary.detected = detected;
        report.summary.platform = Some("supabase".into());
        assert_eq!(
            summary_line(&report),
            "No problems found in 1 file (1 statement, dialect mysql (detected: AUTO_INCREMENT ×1, \
             ENGINE= ×1, backtick identifier ×2), platform supabase)."
        );
        let plain = [fklint::Source::new("m.sql", "CREATE TABLE a (id int);")];
        (report.summary.dialect, report.summary.detected) = fklint::resolve_dialect(&plain, None);
        report.summary.platform = None;
        assert_eq!(
            summary_line(&report),
            "No problems found in 1 file (1 statement, dialect postgres (detected: no markers, the default))."
        );
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let (report, _) = sample_report();
        let text_len = A_SQL.len();
        for (start, end) in [
            (0, 0),
            (text_len, text_len),
            (5, 2),
            (text_len + 10, text_len + 20),
            (0, text_len),
        ] {
            let mut finding = report.findings[0].clone();
            finding.position = position("a.sql", A_SQL, start.min(text_len), end.min(text_len));
            finding.position.start = start;
            finding.position.end = end;
            let rendered = render_one(&finding);
            assert!(
                rendered.starts_with("error[FK101]"),
                "{start}..{end}: {rendered}"
            );
        }
    }

    #[test]
    fn spans_in_files_without_text_become_notes() {
        let (report, _) = sample_report();
        let mut finding = report.findings[0].clone();
        finding.position.file = "gone.sql".to_string();
        let rendered = render_one(&finding);
        assert!(
            rendered.contains("= note: here: gone.sql:3:28"),
            "{rendered}"
        );
        // The related span's file is still known, so it keeps its frame.
        assert!(rendered.contains("`tenants` is created here"));
    }
}
