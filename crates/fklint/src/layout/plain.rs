//! A plain folder: every `.sql` and `.py` file in natural order of its path; down migrations never run on "up".
//! Where Alembic migrations are present, they build the database (`alembic upgrade head`), so the SQLAlchemy
//! models they were written from are not read a second time.

use super::names::{ends_with_ignore_case, file_name, natural_path_cmp};
use super::{Context, Laid};

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<usize> = Vec::new();
    let alembic = context.files.iter().any(is_alembic_migration);
    for (index, file) in context.indexed() {
        match verdict(&file.name) {
            Ok(()) if alembic && is_sqlalchemy_models(file) => laid.skip(
                index,
                "SQLAlchemy models: the Alembic migrations build the database instead (name the file to check \
                 the models)",
            ),
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

/// An Alembic migration: a Python file with `revision` and `down_revision` assignments.
fn is_alembic_migration(file: &crate::source::Source) -> bool {
    ends_with_ignore_case(&file.name, ".py")
        && file.text.contains("down_revision")
        && file
            .text
            .lines()
            .any(|line| line.trim_start().starts_with("revision"))
}

/// A Python module declaring SQLAlchemy tables (and no Alembic migration).
fn is_sqlalchemy_models(file: &crate::source::Source) -> bool {
    ends_with_ignore_case(&file.name, ".py")
        && !is_alembic_migration(file)
        && (file.text.contains("__tablename__") || file.text.contains("Table("))
}

pub(crate) fn is_sql_or_python(name: &str) -> bool {
    ends_with_ignore_case(name, ".sql") || ends_with_ignore_case(name, ".py")
}

/// `down.sql` (diesel's folders) and `x.down.sql` (golang-migrate, sqlx): a down migration whatever the tool.
pub(crate) fn is_down(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "down.sql" || lower.ends_with(".down.sql")
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions};
    use crate::source::Source;

    #[test]
    fn models_are_not_read_twice_next_to_alembic_migrations() {
        let models = Source::new(
            "app/models.py",
            "class User(Base):\n    __tablename__ = \"users\"\n",
        );
        let migration = Source::new(
            "alembic/versions/a1_init.py",
            "revision = \"a1\"\ndown_revision = None\n",
        );
        let plan = lay_out(&[models.clone(), migration], LayoutOptions::default());
        assert_eq!(plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(), [1]);
        let plan = lay_out(
            &[models, Source::new("0001.sql", "")],
            LayoutOptions::default(),
        );
        assert_eq!(plan.steps.len(), 2);
    }
}
