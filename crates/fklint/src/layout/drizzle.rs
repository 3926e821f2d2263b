//! drizzle-kit: `meta/_journal.json` lists the migrations; the migrator runs `<tag>.sql` (next to `meta/`) for
//! each entry in `idx` order, split on `--> statement-breakpoint` (a comment to every splitter). A `.sql` file
//! the journal does not list is never run. The journal's `dialect` says which server the SQL is for.

use super::names::{file_name, folder, join};
use super::{Context, Laid};
use crate::dialect::Dialect;
use crate::source::Source;

const JOURNAL: &str = "_journal.json";

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    files
        .iter()
        .find(|f| is_journal(&f.name))
        .map(|f| f.name.clone())
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
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let out_dir = folder(folder(&file.name));
        for (_, tag) in entries {
            let path = join(out_dir, &format!("{tag}.sql"));
            match context.files.iter().position(|f| f.name == path) {
                Some(index) => {
                    ran[index] = true;
                    laid.run_whole(index, &context.files[index].text);
                }
                None => laid.missing.push(path),
            }
        }
    }
    for (index, file) in context.indexed() {
        if !ran[index] && file.name.ends_with(".sql") {
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

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

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
}
