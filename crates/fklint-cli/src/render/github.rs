//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on the diff.

use fklint::{Finding, Report, Severity};

pub fn render(report: &Report) -> String {
    report.findings.iter().map(command).collect()
}

/// `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=FK101 name::message` and a newline.
fn command(finding: &Finding) -> String {
    let position = &finding.position;
    let properties = [
        ("file", position.file.clone()),
        ("line", position.line.to_string()),
        ("col", position.column.to_string()),
        ("endLine", position.end_line.to_string()),
        ("endColumn", position.end_column.to_string()),
        ("title", format!("{} {}", finding.code, finding.name)),
    ];
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{} {}::{}\n",
        command_name(finding.severity),
        properties.join(","),
        escape_data(&finding.message)
    )
}

fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The message part: `%`, CR and LF would end or corrupt the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values additionally cannot hold the separators `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(',', "%2C").replace(':', "%3A")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_report;

    #[test]
    fn one_command_per_finding() {
        let (report, _) = sample_report();
        let rendered = render(&report);
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines.len(), report.findings.len());
        assert_eq!(
            lines[0],
            "::error file=a.sql,line=3,col=28,endLine=3,endColumn=34,\
             title=FK101 missing-referenced-table::table `tenant` does not exist; did you mean `tenants`?"
        );
        assert!(lines[1].starts_with("::warning file=b.sql,"));
        assert!(lines[2].starts_with("::notice file=a.sql,"));
    }

    #[test]
    fn escapes_message_and_properties() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("dir,x:y%.sql"), "dir%2Cx%3Ay%25.sql");
    }
}
