//! Prisma Migrate: `migrations/<timestamp>_<name>/migration.sql`, folders sorted by name; `migration_lock.toml`
//! says the provider (the server).
//!
//! The migrations are the source of truth when there are any: they are what `prisma migrate deploy` runs (hand
//! edits included), and the schema they were generated from is not read a second time. A project without
//! migrations (`prisma db push`) is its schema: every `.prisma` file (one `schema.prisma`, or the files of a
//! `prismaSchemaFolder`).

use super::names::{file_name, folder};
use super::{Context, Laid};
use crate::dialect::Dialect;
use crate::source::Source;

pub(crate) fn detect_migrations(files: &[Source]) -> Option<String> {
    if let Some(lock) = files
        .iter()
        .find(|f| file_name(&f.name) == "migration_lock.toml")
    {
        return Some(lock.name.clone());
    }
    let count = files.iter().filter(|f| is_migration(&f.name)).count();
    (count > 0).then(|| format!("{count} folders holding `migration.sql`"))
}

pub(crate) fn detect_schema(files: &[Source]) -> Option<String> {
    let schemas = files.iter().filter(|f| is_schema(f)).count();
    (schemas > 0)
        .then(|| format!("{schemas} Prisma schema files and no migrations (prisma db push)"))
}

/// A Prisma schema file (`schema.prisma`, or one file of a schema folder).
fn is_schema(file: &Source) -> bool {
    super::names::ends_with_ignore_case(&file.name, ".prisma")
}

fn is_migration(path: &str) -> bool {
    file_name(path) == "migration.sql"
        && file_name(folder(path)).starts_with(|c: char| c.is_ascii_digit())
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        if is_migration(&file.name) {
            run.push(index);
        } else if file_name(&file.name) == "migration_lock.toml" {
            laid.skip(index, "the lock file: it names the provider");
            laid.dialect =
                provider(&file.text).map(|d| (d, "provider in Prisma's migration_lock.toml"));
        }
    }
    crate::sort::sort_by(&mut run, |&a, &b| {
        let name = |i: usize| file_name(folder(&context.files[i].name));
        name(a).cmp(name(b))
    });
    let migrations = !run.is_empty();
    for (index, _) in context.indexed().filter(|(_, f)| is_schema(f)) {
        if migrations {
            laid.skip(
                index,
                "Prisma schema: the migrations generated from it run instead (name the schema file to \
                 check it)",
            );
        } else {
            run.push(index);
        }
    }
    for index in run {
        laid.run_whole(index, &context.files[index].text);
    }
    laid
}

fn provider(text: &str) -> Option<Dialect> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("provider"))?;
    let value = line.split_once('=')?.1.trim().trim_matches('"');
    match value {
        "postgresql" | "cockroachdb" => Some(Dialect::Postgres),
        "mysql" => Some(Dialect::MySql),
        "sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

    #[test]
    fn folders_by_name_and_the_lock_files_provider() {
        let files = [
            Source::new("prisma/migrations/20240202_b/migration.sql", ""),
            Source::new("prisma/migrations/20240101_a/migration.sql", ""),
            Source::new(
                "prisma/migrations/migration_lock.toml",
                "provider = \"mysql\"\n",
            ),
            Source::new("prisma/schema.prisma", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Prisma);
        assert_eq!(
            plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(),
            [1, 0]
        );
        assert_eq!(plan.dialect.map(|d| d.0), Some(Dialect::MySql));
    }
}
