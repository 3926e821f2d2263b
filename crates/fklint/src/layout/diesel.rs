//! diesel: every folder (not starting with `.`) that holds `up.sql`; its version is the folder name up to the
//! first `_` with `-` removed, and versions sort as strings (diesel's `MigrationVersion`). The folder's
//! `down.sql` reverts it (`diesel migration revert`), in the same transaction mode; `metadata.toml` with
//! `run_in_transaction = false` runs `up.sql` outside a transaction.

use super::names::{file_name, folder, join};
use super::{Context, Laid, Step};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files.iter().filter(|f| is_up(&f.name)).count();
    (count > 0).then(|| format!("{count} migration folders holding `up.sql`"))
}

/// `<version>_<name>/up.sql`, the folder name starting with a digit and not hidden.
fn is_up(path: &str) -> bool {
    let dir = file_name(folder(path));
    file_name(path) == "up.sql" && dir.starts_with(|c: char| c.is_ascii_digit())
}

/// `2017-01-06-205105_x` → `20170106205105`.
fn version(dir: &str) -> String {
    dir.split('_').next().unwrap_or(dir).replace('-', "")
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<(usize, String)> = Vec::new();
    for (index, file) in context.indexed() {
        let dir = file_name(folder(&file.name));
        if is_up(&file.name) {
            run.push((index, version(dir)));
        } else if file_name(&file.name) == "down.sql" {
            laid.skip(
                index,
                "down migration (runs only on `diesel migration revert`)",
            );
        } else if file_name(&file.name) == "metadata.toml" {
            laid.skip(index, "migration settings (read for `run_in_transaction`)");
        } else {
            laid.skip(
                index,
                "not in a migration folder (`<version>_<name>/up.sql`)",
            );
        }
    }
    crate::sort::sort_by(&mut run, |a, b| a.1.cmp(&b.1));
    for (index, _) in run {
        let name = &context.files[index].name;
        let transaction = !no_transaction(context, &join(folder(name), "metadata.toml"));
        laid.steps.push(Step {
            file: index,
            text: context.files[index].text.clone(),
            transaction,
            note: (!transaction).then(|| "run_in_transaction = false".to_string()),
        });
        let down = join(folder(name), "down.sql");
        if let Some(down) = context.files.iter().position(|f| f.name == down) {
            laid.revert(index, down, context.files[down].text.clone(), transaction);
        }
    }
    laid
}

/// Whether the folder's `metadata.toml` says `run_in_transaction = false`.
fn no_transaction(context: &Context, metadata: &str) -> bool {
    context
        .files
        .iter()
        .find(|f| f.name == metadata)
        .is_some_and(|f| {
            f.text.lines().any(|line| {
                let compact: String = line
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect();
                compact == "run_in_transaction=false"
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    #[test]
    fn folders_sort_by_version_as_strings() {
        let files = [
            Source::new("m/2026-06-26-110013-0000_z/up.sql", ""),
            Source::new("m/2017-01-06-205105_y/up.sql", ""),
            Source::new("m/20140924113530_x/up.sql", ""),
            Source::new("m/20140924113530_x/down.sql", ""),
            Source::new(
                "m/2017-01-06-205105_y/metadata.toml",
                "run_in_transaction = false\n",
            ),
            Source::new("m/README.md", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Diesel);
        let order: Vec<usize> = plan.steps.iter().map(|s| s.file).collect();
        assert_eq!(order, [2, 1, 0]);
        assert!(!plan.steps[1].transaction);
        let downs: Vec<(usize, usize)> = plan.downs.iter().map(|d| (d.up, d.file)).collect();
        assert_eq!(downs, [(2, 3)]);
    }
}
