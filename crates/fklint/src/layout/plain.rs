//! A plain folder: every `.sql` and `.py` file in natural order of its path; down migrations never run on "up".

use super::names::{ends_with_ignore_case, file_name, natural_path_cmp};
use super::{Context, Laid};

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        match verdict(&file.name) {
            Ok(()) => run.push(index),
            Err(reason) => laid.skip(index, reason),
        }
    }
    crate::sort::sort_by(&mut run, |&a, &b| {
        natural_path_cmp(&context.files[a].name, &context.files[b].name)
    });
    for index in run {
        laid.run_whole(index, &context.files[index].text);
    }
    laid
}

/// Whether a plain folder runs the file: SQL and Python, never a down migration.
pub(crate) fn verdict(path: &str) -> Result<(), &'static str> {
    let name = file_name(path);
    if !is_sql_or_python(name) {
        return Err("neither SQL nor Python");
    }
    if is_down(name) {
        return Err("down migration (runs only when migrating down)");
    }
    Ok(())
}

pub(crate) fn is_sql_or_python(name: &str) -> bool {
    ends_with_ignore_case(name, ".sql") || ends_with_ignore_case(name, ".py")
}

/// `down.sql` (diesel's folders) and `x.down.sql` (golang-migrate, sqlx): a down migration whatever the tool.
pub(crate) fn is_down(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "down.sql" || lower.ends_with(".down.sql")
}
