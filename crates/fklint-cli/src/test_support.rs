//! A hand-built report for the renderers' tests: the core does not produce findings yet, and the renderers
//! should be tested on every shape a finding can take (related spans in the same and in another file, edit
//! fixes, forward-only fixes, no fix, non-ASCII text before a span, a reference to a missing and to an existing
//! table, no structured subject).

use fklint::diagnostic::{About, Edit, Fix, Position, Referenced, Related, Subject};
use fklint::source::LineIndex;
use fklint::{Finding, Report, Severity, Source, Summary};

pub const A_SQL: &str = "CREATE TABLE tenants (id uuid PRIMARY KEY);\n\
                         CREATE TABLE users (\n  tenant_id int REFERENCES tenant(id)\n);\n";
pub const B_SQL: &str = "-- café ☕ owners\n\
                         ALTER TABLE users ADD COLUMN owner_id bigint REFERENCES tenants (id);\n";

/// The position of the first occurrence of `needle` in `file`, shifted by `skip` bytes and `len` bytes long.
pub fn position_of(
    sources: &[Source],
    file: &str,
    needle: &str,
    skip: usize,
    len: usize,
) -> Position {
    let text = &sources
        .iter()
        .find(|s| s.name == file)
        .expect("known file")
        .text;
    let start = text.find(needle).expect("needle in text") + skip;
    position(file, text, start, start + len)
}

pub fn position(file: &str, text: &str, start: usize, end: usize) -> Position {
    let index = LineIndex::new(text);
    let (from, to) = (index.locate(text, start), index.locate(text, end));
    Position {
        file: file.to_string(),
        line: from.line,
        column: from.column,
        end_line: to.line,
        end_column: to.column,
        start,
        end,
        column_utf16: from.column_utf16,
        end_column_utf16: to.column_utf16,
    }
}

pub fn sample_sources() -> Vec<Source> {
    vec![Source::new("a.sql", A_SQL), Source::new("b.sql", B_SQL)]
}

/// Three findings: an error with a same-file related span and an edit fix, a warning with a related span in
/// another file and a forward-only fix, and an info without either.
pub fn sample_report() -> (Report, Vec<Source>) {
    let sources = sample_sources();
    let missing_table = position_of(&sources, "a.sql", "tenant(", 0, 6);
    let findings = vec![
        Finding {
            code: "FK101",
            name: "missing-referenced-table",
            severity: Severity::Error,
            message: "table `tenant` does not exist; did you mean `tenants`?".to_string(),
            position: missing_table.clone(),
            related: vec![Related {
                message: "`tenants` is created here".to_string(),
                position: position_of(&sources, "a.sql", "tenants", 0, 7),
            }],
            fix: Some(Fix {
                title: "Reference `tenants`".to_string(),
                edits: vec![Edit {
                    file: "a.sql".to_string(),
                    start: missing_table.start,
                    end: missing_table.end,
                    replacement: "tenants".to_string(),
                }],
                sql: Some(
                    "ALTER TABLE users\n  ADD FOREIGN KEY (tenant_id) REFERENCES tenants (id);"
                        .to_string(),
                ),
            }),
            about: reference(("users", &["tenant_id"]), ("tenant", &["id"]), false),
            caused_by: None,
        },
        Finding {
            code: "FK202",
            name: "key-type-drift",
            severity: Severity::Warning,
            message: "`owner_id` is bigint but `tenants.id` is uuid".to_string(),
            position: position_of(&sources, "b.sql", "bigint", 0, 6),
            related: vec![Related {
                message: "`tenants.id` is declared here".to_string(),
                position: position_of(&sources, "a.sql", "id uuid", 0, 7),
            }],
            fix: Some(Fix {
                title: "Change `owner_id` to uuid".to_string(),
                edits: vec![],
                sql: Some("ALTER TABLE users ALTER COLUMN owner_id TYPE uuid;".to_string()),
            }),
            about: reference(("users", &["owner_id"]), ("tenants", &["id"]), true),
            caused_by: None,
        },
        Finding {
            code: "FK404",
            name: "unindexed-foreign-key",
            severity: Severity::Info,
            message: "no index starts with `users.tenant_id`".to_string(),
            position: position_of(&sources, "a.sql", "tenant_id", 0, 9),
            related: vec![],
            fix: None,
            about: About::default(),
            caused_by: None,
        },
    ];
    let summary = Summary {
        files: 2,
        statements: 3,
        unparsed: 1,
        skipped: 0,
        tables: 2,
        foreign_keys: 2,
        suppressed: 0,
        dialect: fklint::Dialect::Postgres,
        detected: None,
        platform: None,
        tool: None,
        declared_target: None,
        needs_full_build: None,
    };
    let report = Report {
        version: 1,
        findings,
        summary,
    };
    (report, sources)
}

/// A finding's `subject` and `referenced`, tables in `public`.
fn reference(subject: (&str, &[&str]), referenced: (&str, &[&str]), exists: bool) -> About {
    let names = |columns: &[&str]| columns.iter().map(|c| c.to_string()).collect();
    About {
        subject: Some(Subject {
            schema: "public".to_string(),
            table: subject.0.to_string(),
            columns: names(subject.1),
        }),
        referenced: Some(Referenced {
            schema: "public".to_string(),
            table: referenced.0.to_string(),
            columns: names(referenced.1),
            exists,
        }),
    }
}

/// A report without findings.
pub fn clean_report(files: usize, statements: usize) -> Report {
    let summary = Summary {
        files,
        statements,
        ..Summary::default()
    };
    Report {
        version: 1,
        findings: vec![],
        summary,
    }
}
