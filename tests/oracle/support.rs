//! Fixtures, statement spans, text edits and PostgreSQL catalog queries for the oracle (`tests/oracle.rs`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use fklint::diagnostic::{Edit, Finding};
use fklint::server::{Server, ServerVersion};
use fklint::split::{split, PieceKind};
use fklint::{Options, Report, Source};
use fklint_tests::pg::{PgError, PgServer};

/// Databases worked on at once (each job is mostly waiting for psql).
pub const WORKERS: usize = 4;

/// One migration text PostgreSQL judges.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// `fk101_inline_plural.sql`, or `doc FK101 expect_diagnostic` for a rule's documented example.
    pub name: String,
    /// The `-- oracle:` lines: what the fixture shows.
    pub about: String,
    pub text: String,
    /// Codes that must be reported (`-- expect: FK101 FK201`).
    pub expect: Vec<String>,
    /// Codes that must not be reported (a rule's `valid` example).
    pub absent: Vec<String>,
    /// `-- expect: clean`: PostgreSQL accepts every statement and fklint reports no error.
    pub clean: bool,
    /// `-- runtime DELETE: sql`: a statement that fails at run time because of an FK401 finding.
    pub runtime: Vec<(String, String)>,
    /// `-- core-bug: ...`: a known bug of the core this fixture shows (it fails until the core is fixed).
    pub core_bug: String,
    /// `-- target: postgres-14`: the only PostgreSQL major that judges it; fklint checks it for that version
    /// (for the judging server's, once [`for_server`] picked it).
    pub target: Option<u32>,
}

impl Fixture {
    pub fn report(&self) -> Report {
        self.check(&self.text)
    }

    /// fklint's report on `text` (the fixture's, or an edited copy) for the fixture's target version.
    pub fn check(&self, text: &str) -> Report {
        let options = Options {
            target: self
                .target
                .map(|major| ServerVersion::new(Server::Postgres, major, 0)),
            ..Options::default()
        };
        fklint::check(&[Source::new(&self.name, text)], &options)
    }

    /// Byte spans of the statements, in order.
    pub fn statements(&self) -> Vec<(usize, usize)> {
        statement_spans(&self.text)
    }
}

/// The `-- core-bug:` notes of the fixtures named in failure messages, and the marked fixtures that passed.
pub fn core_bug_notes<'a>(
    fixtures: impl IntoIterator<Item = &'a Fixture>,
    failures: &[String],
) -> (String, Vec<&'a str>) {
    let mut notes = String::new();
    let mut passing = Vec::new();
    for fixture in fixtures {
        if fixture.core_bug.is_empty() {
            continue;
        }
        if failures.iter().any(|f| f.contains(fixture.name.as_str())) {
            notes.push_str(&format!("\n  {}: {}", fixture.name, fixture.core_bug));
        } else {
            passing.push(fixture.name.as_str());
        }
    }
    if !notes.is_empty() {
        notes.insert_str(
            0,
            "\nKnown core bugs behind these failures (`-- core-bug:` in the fixtures):",
        );
    }
    (notes, passing)
}

pub fn check_text(name: &str, text: &str) -> Report {
    fklint::check(&[Source::new(name, text)], &Options::default())
}

/// The fixtures a server of this major judges (those for any version, and those for it), each checked by
/// fklint for that version.
pub fn for_server(fixtures: Vec<Fixture>, major: u32) -> Vec<Fixture> {
    fixtures
        .into_iter()
        .filter(|f| f.target.is_none_or(|target| target == major))
        .map(|f| Fixture {
            target: Some(major),
            ..f
        })
        .collect()
}

/// The PostgreSQL major a `-- target: postgres-N` comment names.
fn target_major(comment: &str) -> Option<u32> {
    let name = comment.trim().strip_prefix("target:")?;
    ServerVersion::parse(name.trim()).map(|v| v.major)
}

/// Every fixture: the rules' documented examples, then `tests/oracle/*.sql` in name order.
pub fn all_fixtures() -> Vec<Fixture> {
    let mut out = doc_fixtures();
    out.extend(file_fixtures());
    out
}

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle")
}

/// `tests/oracle/*.sql`.
pub fn file_fixtures() -> Vec<Fixture> {
    sql_files(&fixture_dir())
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            parse_fixture(name, text)
        })
        .collect()
}

fn parse_fixture(name: String, text: String) -> Fixture {
    let mut fixture = Fixture {
        name,
        about: String::new(),
        text: String::new(),
        expect: Vec::new(),
        absent: Vec::new(),
        clean: false,
        runtime: Vec::new(),
        core_bug: String::new(),
        target: None,
    };
    for line in text.lines() {
        let Some(comment) = line.trim().strip_prefix("--") else {
            continue;
        };
        let comment = comment.trim();
        if let Some(about) = comment.strip_prefix("oracle:") {
            if !fixture.about.is_empty() {
                fixture.about.push(' ');
            }
            fixture.about.push_str(about.trim());
        } else if let Some(codes) = comment.strip_prefix("expect:") {
            for code in codes.split_whitespace() {
                if code == "clean" {
                    fixture.clean = true;
                } else {
                    fixture.expect.push(code.to_string());
                }
            }
        } else if let Some(major) = target_major(comment) {
            fixture.target = Some(major);
        } else if let Some(note) = comment.strip_prefix("core-bug:") {
            if !fixture.core_bug.is_empty() {
                fixture.core_bug.push(' ');
            }
            fixture.core_bug.push_str(note.trim());
        } else if let Some(rest) = comment.strip_prefix("runtime ") {
            if let Some((event, sql)) = rest.split_once(':') {
                fixture
                    .runtime
                    .push((event.trim().to_string(), sql.trim().to_string()));
            }
        }
    }
    fixture.text = text;
    fixture
}

/// Whether a documented example is PostgreSQL: it declares no other dialect on its first line.
fn for_postgres(body: &[&str]) -> bool {
    body.first()
        .and_then(|line| line.trim().strip_prefix("--"))
        .and_then(|rest| rest.trim().strip_prefix("dialect:"))
        .and_then(|name| fklint::Dialect::parse(name.trim()))
        .is_none_or(|dialect| dialect == fklint::Dialect::Postgres)
}

/// Every rule's ```sql expect_diagnostic / ```sql valid examples (PostgreSQL ones).
pub fn doc_fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    for rule in fklint::rules::registry() {
        let mut lines = rule.docs.lines();
        let mut n = 0;
        while let Some(line) = lines.next() {
            let Some(marker) = line.trim().strip_prefix("```sql") else {
                continue;
            };
            let marker = marker.trim().to_string();
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            n += 1;
            if !for_postgres(&body) {
                continue; // `-- dialect: mysql` / `sqlite`: judged by their own servers, not PostgreSQL
            }
            if body.iter().any(|l| l.trim().starts_with("-- file:")) {
                continue; // a project of several migration files: `down_oracle.rs` judges it as laid out
            }
            let mut fixture = Fixture {
                name: format!("doc {} {marker} #{n}", rule.code),
                about: format!("{} ({}) documented example", rule.code, rule.name),
                text: body.join("\n") + "\n",
                expect: Vec::new(),
                absent: Vec::new(),
                clean: false,
                runtime: Vec::new(),
                core_bug: String::new(),
                target: body
                    .iter()
                    .take(2)
                    .filter_map(|line| line.trim().strip_prefix("--"))
                    .find_map(target_major),
            };
            match marker.as_str() {
                "expect_diagnostic" => fixture.expect.push(rule.code.to_string()),
                "valid" => fixture.absent.push(rule.code.to_string()),
                _ => continue,
            }
            out.push(fixture);
        }
    }
    out
}

/// Byte spans of the SQL statements of a text, as fklint's splitter cuts them.
pub fn statement_spans(text: &str) -> Vec<(usize, usize)> {
    split(text)
        .into_iter()
        .filter(|p| p.kind == PieceKind::Statement)
        .map(|p| (p.span.start, p.span.end))
        .collect()
}

/// The index of the statement that holds a byte offset.
pub fn statement_at(spans: &[(usize, usize)], offset: usize) -> Option<usize> {
    spans
        .iter()
        .position(|&(start, end)| offset >= start && offset <= end)
}

// Shared with the MySQL and SQLite oracles.
#[allow(unused_imports)] // not every test binary that includes this module uses them
pub use fklint_tests::judge::{apply_edits, line_of, script_statements, sql_files};

/// Where an offset of the original text lands after the edits. `end_side` decides for an insertion exactly at
/// the offset (start side: the offset moves after the inserted text; end side: it stays before it) and for an
/// offset inside a replaced range (start or end of the replacement).
pub fn map_offset(offset: usize, edits: &[Edit], end_side: bool) -> usize {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut delta: isize = 0;
    for edit in sorted {
        let change = edit.replacement.len() as isize - (edit.end - edit.start) as isize;
        let insertion = edit.start == edit.end;
        if edit.end < offset || (edit.end == offset && (!insertion || !end_side)) {
            delta += change;
        } else if edit.start < offset && offset < edit.end {
            let start = (edit.start as isize + delta) as usize;
            return if end_side {
                start + edit.replacement.len()
            } else {
                start
            };
        } else {
            break;
        }
    }
    (offset as isize + delta) as usize
}

/// Runs `f` over the items on [`WORKERS`] threads; results in item order.
pub fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let result = f(&items[i]);
                results.lock().unwrap()[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// Databases to run fixtures in. `CREATE DATABASE` costs ~300 ms (it copies the template), so each database is
/// reused: before every use all its schemas are dropped and an empty `public` is created, which leaves it as
/// fresh as a new one (checked: no relation, type or constraint outside the system schemas is left).
pub struct Databases<'a> {
    pub server: &'a PgServer,
    free: Mutex<Vec<String>>,
}

/// A database taken from the pool; it goes back when dropped.
pub struct Db<'a> {
    pool: &'a Databases<'a>,
    pub name: String,
}

impl Drop for Db<'_> {
    fn drop(&mut self) {
        self.pool
            .free
            .lock()
            .unwrap()
            .push(std::mem::take(&mut self.name));
    }
}

/// Drops every schema (with all it holds), this session's temporary tables and the foreign-data wrappers (with
/// their servers, which belong to the database, not to a schema), creates an empty `public`, and fails unless
/// nothing is left. Temporary schemas are not counted: a fixture's temporary tables belong to its
/// own session, whose backend drops them when it exits, which may still be under way when the next fixture's
/// reset runs (seen: "reset left 22 objects", now and then).
const RESET_SQL: &str = "DO $$ DECLARE s text; n bigint; BEGIN \
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') \
        AND nspname NOT LIKE 'pg\\_to%' AND nspname NOT LIKE 'pg\\_temp%' LOOP \
        EXECUTE format('DROP SCHEMA %I CASCADE', s); \
    END LOOP; \
    FOR s IN SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'p') LOOP \
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I CASCADE', s); \
    END LOOP; \
    FOR s IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP \
        EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', s); \
    END LOOP; \
    CREATE SCHEMA public; \
    SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace \
            WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg\\_to%' \
            AND ns.nspname NOT LIKE 'pg\\_temp%') \
         + (SELECT count(*) FROM pg_type t JOIN pg_namespace ns ON ns.oid = t.typnamespace \
            WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg\\_to%' \
            AND ns.nspname NOT LIKE 'pg\\_temp%') \
         + (SELECT count(*) FROM pg_constraint k JOIN pg_namespace ns ON ns.oid = k.connamespace \
            WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg\\_temp%') \
         INTO n; \
    IF n > 0 THEN RAISE EXCEPTION 'reset left % objects', n; END IF; \
    END $$";

impl<'a> Databases<'a> {
    pub fn new(server: &'a PgServer) -> Self {
        Databases {
            server,
            free: Mutex::new(Vec::new()),
        }
    }

    /// An empty database with the text applied statement by statement (rejections allowed). A reused
    /// database is reset in the same psql session, just before the statements.
    pub fn apply(&self, text: &str) -> (Db<'_>, Vec<Result<(), PgError>>) {
        let reused = self.free.lock().unwrap().pop();
        let fresh = reused.is_none();
        let db = Db {
            pool: self,
            name: reused.unwrap_or_else(|| self.server.create_database()),
        };
        let spans = statement_spans(text);
        let mut statements: Vec<&str> = Vec::with_capacity(spans.len() + 1);
        if !fresh {
            statements.push(RESET_SQL);
        }
        // The platform fklint detects is there before the migrations, as on the platform itself: its preset,
        // applied here, must be valid PostgreSQL.
        let preset = fklint::platform::choose(None, &[fklint::Source::new("fixture.sql", text)]);
        let prelude = preset
            .as_ref()
            .map(|p| statement_spans(p.sql))
            .unwrap_or_default();
        if let Some(preset) = &preset {
            statements.extend(prelude.iter().map(|&(s, e)| &preset.sql[s..e]));
        }
        statements.extend(spans.iter().map(|&(s, e)| &text[s..e]));
        let mut results = self.server.exec_each(&db.name, &statements);
        let setup = usize::from(!fresh) + prelude.len();
        for (i, result) in results.drain(..setup).enumerate() {
            if let Err(e) = result {
                panic!(
                    "cannot prepare database {} (set-up statement {i}): {e}",
                    db.name
                );
            }
        }
        (db, results)
    }
}

/// A foreign key as the database stores it: table, columns, referenced table and columns, name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FkRow {
    pub schema: String,
    pub table: String,
    pub columns: Vec<String>,
    pub ref_schema: String,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub name: String,
}

impl FkRow {
    /// Everything but the name.
    pub fn shape(&self) -> (&str, &str, &[String], &str, &str, &[String]) {
        (
            &self.schema,
            &self.table,
            &self.columns,
            &self.ref_schema,
            &self.ref_table,
            &self.ref_columns,
        )
    }

    pub fn label(&self) -> String {
        format!(
            "{}.{}({}) → {}.{}({})",
            self.schema,
            self.table,
            self.columns.join(", "),
            self.ref_schema,
            self.ref_table,
            self.ref_columns.join(", ")
        )
    }
}

const SEP: char = '\u{1e}';

/// Column names of an attnum array, in order, joined by U+001E.
fn attnames(array: &str, rel: &str) -> String {
    format!(
        "(SELECT string_agg(a.attname, E'\\x1e' ORDER BY u.o) FROM unnest({array}) WITH ORDINALITY AS u(n, o) \
         JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = u.n)"
    )
}

/// Every foreign key of the database (partition copies, which have a parent constraint, left out). Keys of
/// temporary tables are left out, as in [`fklint_foreign_keys`]: they belong to the session that applied the
/// fixture, whose backend may still be exiting when this runs (seen: a `pg_temp_15` key, now and then).
pub fn pg_foreign_keys(server: &PgServer, db: &str) -> Vec<FkRow> {
    let sql = format!(
        "SELECT cn.nspname, cr.relname, {}, fn.nspname, fr.relname, {}, k.conname \
         FROM pg_constraint k \
         JOIN pg_class cr ON cr.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = cr.relnamespace \
         JOIN pg_class fr ON fr.oid = k.confrelid JOIN pg_namespace fn ON fn.oid = fr.relnamespace \
         WHERE k.contype = 'f' AND k.conparentid = 0 AND cn.nspname NOT LIKE 'pg\\_temp%'",
        attnames("k.conkey", "k.conrelid"),
        attnames("k.confkey", "k.confrelid")
    );
    let rows = server
        .query(db, &sql)
        .unwrap_or_else(|e| panic!("foreign key query failed: {e}"));
    let list = |s: &str| s.split(SEP).map(str::to_string).collect::<Vec<_>>();
    let mut out: Vec<FkRow> = rows
        .iter()
        .map(|r| FkRow {
            schema: r[0].clone(),
            table: r[1].clone(),
            columns: list(&r[2]),
            ref_schema: r[3].clone(),
            ref_table: r[4].clone(),
            ref_columns: list(&r[5]),
            name: r[6].clone(),
        })
        .collect();
    out.sort();
    out
}

/// Every foreign key of fklint's replayed catalog, with the line it is declared on. Temporary tables are left
/// out: they end with the session that applied the fixture, before `pg_constraint` is read.
pub fn fklint_foreign_keys(name: &str, text: &str) -> Vec<(FkRow, usize)> {
    let schema = fklint::schema(&[Source::new(name, text)], &Options::default());
    let mut out: Vec<(FkRow, usize)> = schema
        .foreign_keys
        .iter()
        .filter(|fk| fk.schema != "pg_temp")
        .map(|fk| {
            (
                FkRow {
                    schema: fk.schema.clone(),
                    table: fk.table.clone(),
                    columns: fk.columns.clone(),
                    ref_schema: fk.ref_schema.clone(),
                    ref_table: fk.ref_table.clone(),
                    ref_columns: fk.ref_columns.clone(),
                    name: fk.name.clone(),
                },
                fk.line,
            )
        })
        .collect();
    out.sort();
    out
}

/// A single-quoted SQL literal.
pub fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// An identifier as written in generated SQL (`"Mixed"` or `plain`) → as stored.
pub fn unquote(ident: &str) -> String {
    let ident = ident.trim();
    match ident.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => ident.to_ascii_lowercase(),
    }
}

/// The text between `before` and `after` in `sql` (case-insensitive markers, first occurrence).
pub fn between<'a>(sql: &'a str, before: &str, after: &str) -> Option<&'a str> {
    let upper = sql.to_ascii_uppercase();
    let start = upper.find(&before.to_ascii_uppercase())? + before.len();
    let end = start + upper[start..].find(&after.to_ascii_uppercase())?;
    Some(sql[start..end].trim())
}

/// The first statement of a script that starts with `prefix` (case-insensitive).
pub fn statement_starting<'a>(script: &'a str, prefix: &str) -> Option<&'a str> {
    statement_spans(script)
        .into_iter()
        .map(|(s, e)| &script[s..e])
        .find(|s| s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix))
}

/// The findings of a report located inside a statement span.
pub fn findings_in<'a>(
    report: &'a Report,
    span: (usize, usize),
) -> impl Iterator<Item = &'a Finding> + 'a {
    report
        .findings
        .iter()
        .filter(move |f| f.position.start >= span.0 && f.position.start <= span.1)
}

/// `42P01 relation "x" does not exist`, cut to `width` characters.
pub fn pg_cell(result: &Result<(), PgError>, width: usize) -> String {
    let text = match result {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("{} {}", e.sqlstate, e.message),
    };
    if text.chars().count() > width {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// `tests/oracle/copy/*.sql`: scripts with `COPY ... FROM STDIN` data blocks, run whole by psql (see
/// `copy_blocks_are_read_as_psql_reads_them` in `tests/oracle.rs`), by name.
pub fn copy_fixtures() -> Vec<(String, String)> {
    sql_files(&fixture_dir().join("copy"))
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            (format!("copy/{name}"), text)
        })
        .collect()
}
