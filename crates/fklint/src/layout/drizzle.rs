//! drizzle-kit: `meta/_journal.json` lists the migrations; the migrator runs `<tag>.sql` (next to `meta/`) for
//! each entry in `idx` order, split on `--> statement-breakpoint`. The migrator sends the pieces one by one and
//! never the marker, which MySQL would not read as a comment (its `--` needs a space after it): the marker is
//! blanked, with a `;` where the piece before it has none. A `.sql` file
//! the journal does not list is never run. The journal's `dialect` says which server the SQL is for.
//!
//! The SQL drizzle-kit generated is the source of truth when there is a journal: it is what `drizzle-kit
//! migrate` runs (hand edits included), and the schema modules it was generated from are not read a second
//! time. A project without a journal (`drizzle-kit push`) is its schema: every TypeScript module that imports
//! `drizzle-orm` and declares tables, with `drizzle.config.*` (its `casing`), in path order.

use super::names::{file_name, folder, join};
use super::{Context, Laid};
use crate::dialect::Dialect;
use crate::server::{Server, ServerVersion};
use crate::source::Source;

const JOURNAL: &str = "_journal.json";

pub(crate) fn detect_journal(files: &[Source]) -> Option<String> {
    files
        .iter()
        .find(|f| is_journal(&f.name))
        .map(|f| f.name.clone())
}

pub(crate) fn detect_schema(files: &[Source]) -> Option<String> {
    let modules = files.iter().filter(|f| is_schema_module(f)).count();
    (modules > 0).then(|| {
        format!("{modules} Drizzle schema modules and no meta/_journal.json (drizzle-kit push)")
    })
}

/// A TypeScript module declaring Drizzle tables (or `drizzle.config.*`): what `drizzle-kit push` reads.
fn is_schema_module(file: &Source) -> bool {
    let name = file_name(&file.name);
    let typescript = [".ts", ".mts", ".cts"]
        .iter()
        .any(|ext| name.ends_with(ext) && !name.ends_with(".d.ts"));
    typescript
        && (is_config(name)
            || (file.text.contains("drizzle-orm")
                && ["pgTable", "mysqlTable", "sqliteTable", ".table("]
                    .iter()
                    .any(|f| file.text.contains(f))))
}

fn is_config(name: &str) -> bool {
    name.starts_with("drizzle.config.")
}

fn is_journal(path: &str) -> bool {
    file_name(path) == JOURNAL && file_name(folder(path)) == "meta"
}

/// The journal's entries as `(idx, tag)`, and its `dialect` value. A small reader for the journal's fixed
/// shape: a flat object per entry, no nesting.
fn read_journal(text: &str) -> (Vec<(u64, &str)>, Option<&str>) {
    let (head, entries) = text.split_once("\"entries\"").unwrap_or((text, ""));
    let dialect = string_value(head, "dialect");
    let mut out = Vec::new();
    for object in entries.split('{').skip(1) {
        let object = object.split('}').next().unwrap_or("");
        if let Some(tag) = string_value(object, "tag") {
            let idx = number_value(object, "idx").unwrap_or(out.len() as u64);
            out.push((idx, tag));
        }
    }
    (out, dialect)
}

/// The text after `"key"` and its colon, trimmed.
fn after_key<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let at = text.find(&format!("\"{key}\""))?;
    let rest = text[at + key.len() + 2..].trim_start().strip_prefix(':')?;
    Some(rest.trim_start())
}

fn string_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let rest = after_key(text, key)?.strip_prefix('"')?;
    rest.split_once('"').map(|(value, _)| value)
}

fn number_value(text: &str, key: &str) -> Option<u64> {
    let rest = after_key(text, key)?;
    let digits = super::names::leading_digits(rest);
    digits.parse().ok()
}

/// drizzle-kit's name for libSQL (Turso), as the journal's and the config's `dialect` (older configs:
/// `driver: 'turso'`).
const TURSO: &str = "turso";

fn libsql() -> ServerVersion {
    ServerVersion::new(Server::Libsql, 0, 0)
}

/// A `drizzle.config.*` whose `dialect` or `driver` is `turso`: the migrations run on libSQL.
fn config_says_turso(file: &Source) -> bool {
    is_config(file_name(&file.name))
        && ["dialect", "driver"]
            .iter()
            .any(|key| config_value(&file.text, key).is_some_and(|value| value == TURSO))
}

/// The string after `key:` in a config object (`dialect: "turso"`, `driver: 'turso'`).
fn config_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.match_indices(key).find_map(|(at, _)| {
        let rest = text[at + key.len()..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start();
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let value = &rest[1..];
        value.find(quote).map(|end| &value[..end])
    })
}

fn dialect_of(name: &str) -> Option<Dialect> {
    match name {
        "sqlite" | "turso" => Some(Dialect::Sqlite),
        "postgresql" | "postgres" => Some(Dialect::Postgres),
        "mysql" | "singlestore" => Some(Dialect::MySql),
        _ => None,
    }
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut ran = vec![false; context.files.len()];
    for (journal, file) in context.indexed().filter(|(_, f)| is_journal(&f.name)) {
        laid.skip(journal, "the journal: it lists the migrations in order");
        let (mut entries, dialect) = read_journal(&file.text);
        if let Some(dialect) = dialect.and_then(dialect_of) {
            laid.dialect = Some((dialect, "dialect in drizzle's meta/_journal.json"));
        }
        if dialect == Some(TURSO) {
            laid.target = Some((libsql(), "dialect `turso` in drizzle's meta/_journal.json"));
        }
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let out_dir = folder(folder(&file.name));
        for (_, tag) in entries {
            let path = join(out_dir, &format!("{tag}.sql"));
            match context.files.iter().position(|f| f.name == path) {
                Some(index) => {
                    ran[index] = true;
                    laid.run_whole(index, &without_breakpoints(&context.files[index].text));
                }
                None => laid.missing.push(path),
            }
        }
    }
    if laid.target.is_none() && context.files.iter().any(config_says_turso) {
        laid.target = Some((libsql(), "`turso` in drizzle.config"));
    }
    let journal = context
        .files
        .iter()
        .find(|f| is_journal(&f.name))
        .map(|f| f.name.as_str());
    for (index, file) in context.indexed() {
        if journal.is_none() && is_schema_module(file) {
            ran[index] = true;
            laid.run_whole(index, &file.text);
        } else if is_schema_module(file) {
            laid.skip(
                index,
                format!(
                    "Drizzle schema: the SQL drizzle-kit generated from it runs instead ({}; name the \
                     schema files to check them)",
                    journal.unwrap_or_default()
                ),
            );
        } else if !ran[index] && file.name.ends_with(".sql") {
            laid.skip(
                index,
                "not in meta/_journal.json: drizzle-kit never runs it",
            );
        } else if !ran[index] && file.name.ends_with("_snapshot.json") {
            laid.skip(index, "schema snapshot (drizzle-kit's own record, not run)");
        }
    }
    laid
}

const BREAKPOINT: &str = "--> statement-breakpoint";

/// The text with each breakpoint marker blanked (same length), a `;` in its place when the statement before
/// it does not end with one.
fn without_breakpoints(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(BREAKPOINT) {
        let before = &rest[..at];
        out.push_str(before);
        let ended = out.trim_end().is_empty() || out.trim_end().ends_with(';');
        out.push(if ended { ' ' } else { ';' });
        out.push_str(&" ".repeat(BREAKPOINT.len() - 1));
        rest = &rest[at + BREAKPOINT.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

    #[test]
    fn turso_in_the_journal_or_the_config_declares_libsql() {
        let target = |files: &[Source]| {
            lay_out(files, LayoutOptions::default())
                .target
                .map(|(target, why)| format!("{target}: {why}"))
        };
        let journal = |dialect: &str| {
            Source::new(
                "drizzle/meta/_journal.json",
                format!(r#"{{"dialect":"{dialect}","entries":[{{"idx":0,"tag":"0000_a"}}]}}"#),
            )
        };
        let migration = Source::new("drizzle/0000_a.sql", "");
        assert_eq!(
            target(&[migration.clone(), journal("turso")]).as_deref(),
            Some("libsql: dialect `turso` in drizzle's meta/_journal.json")
        );
        let config = Source::new("drizzle.config.ts", "export default { driver: 'turso' };");
        assert_eq!(
            target(&[migration.clone(), journal("sqlite"), config]).as_deref(),
            Some("libsql: `turso` in drizzle.config")
        );
        let plain = Source::new(
            "drizzle.config.ts",
            "export default { dialect: \"sqlite\" };",
        );
        assert_eq!(target(&[migration, journal("sqlite"), plain]), None);
    }

    #[test]
    fn journal_order_and_orphans() {
        let journal = r#"{"version":"5","dialect":"sqlite","entries":[{"idx":1,"tag":"0001_b","breakpoints":true},{"idx":0,"tag":"0000_a"}]}"#;
        let files = [
            Source::new("drizzle/0000_a.sql", ""),
            Source::new("drizzle/0001_b.sql", ""),
            Source::new("drizzle/0002_orphan.sql", ""),
            Source::new("drizzle/meta/_journal.json", journal),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Drizzle);
        let order: Vec<usize> = plan.steps.iter().map(|s| s.file).collect();
        assert_eq!(order, [0, 1]);
        assert_eq!(plan.dialect.as_ref().map(|d| d.0), Some(Dialect::Sqlite));
        assert!(plan
            .skipped
            .iter()
            .any(|s| s.file == 2 && s.reason.contains("journal")));
    }

    #[test]
    fn breakpoints_are_blanked_and_end_statements() {
        let text = "CREATE TABLE a (id int);--> statement-breakpoint\nCREATE TABLE b (id int)\n--> statement-breakpoint\nSELECT 1";
        let out = super::without_breakpoints(text);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("-->"));
        assert!(out.contains("(id int)\n;"));
        assert!(out.starts_with("CREATE TABLE a (id int); "));
    }

    #[test]
    fn a_schema_without_journal_is_read_and_with_one_is_not() {
        let schema = "import { pgTable, integer } from \"drizzle-orm/pg-core\";\nexport const a = pgTable(\"a\", { id: integer() });\n";
        let config = "import { defineConfig } from \"drizzle-kit\";\nexport default defineConfig({ casing: \"snake_case\" });\n";
        let mut files = vec![
            Source::new("drizzle.config.ts", config),
            Source::new("src/db/schema.ts", schema),
            Source::new("src/index.ts", "console.log(1);"),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Drizzle);
        assert_eq!(
            plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(),
            [0, 1]
        );
        let journal = r#"{"dialect":"postgresql","entries":[{"idx":0,"tag":"0000_a"}]}"#;
        files.push(Source::new(
            "drizzle/0000_a.sql",
            "CREATE TABLE a (id int);",
        ));
        files.push(Source::new("drizzle/meta/_journal.json", journal));
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(), [3]);
        assert!(plan
            .skipped
            .iter()
            .any(|s| s.file == 1 && s.reason.contains("Drizzle schema")));
    }
}
