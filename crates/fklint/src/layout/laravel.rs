//! Laravel: the database a fresh `php artisan migrate` builds. When the connection has a schema dump
//! (`database/schema/<connection>-schema.sql`, `.dump` before Laravel 9), Laravel loads it first and then runs
//! only the migrations it does not record (its `migrations` rows); then, and without a dump, every
//! `database/migrations/*.php` runs in the order of its file name. The dump picked is the dialect's
//! (`mysql`, `pgsql`, `sqlite`) when one is given, else MySQL's (Laravel's default connection before 11), else
//! the only one.

use super::names::{ends_with_ignore_case, file_name, folder};
use super::{Context, Laid};
use crate::dialect::Dialect;
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let migrations = files.iter().filter(|f| is_migration(f)).count();
    (migrations > 0)
        .then(|| format!("{migrations} Laravel migrations (classes extending Migration)"))
}

/// A PHP migration: a class that extends `Migration` with an `up()` method (`Schema::` calls, or only
/// `DB::statement`s).
fn is_migration(file: &Source) -> bool {
    ends_with_ignore_case(&file.name, ".php")
        && file.text.contains("extends Migration")
        && file.text.contains("function up")
}

/// `database/schema/<connection>-schema.sql` (or `.dump`): the connection and its dialect.
fn dump_connection(path: &str) -> Option<(&str, Dialect)> {
    if file_name(folder(path)) != "schema" {
        return None;
    }
    let name = file_name(path);
    let connection = name
        .strip_suffix("-schema.sql")
        .or_else(|| name.strip_suffix("-schema.dump"))?;
    let dialect = match connection {
        "pgsql" => Dialect::Postgres,
        "sqlite" => Dialect::Sqlite,
        _ => Dialect::MySql,
    };
    Some((connection, dialect))
}

/// The dump Laravel loads: the given dialect's, else MySQL's, else the first; `.sql` before `.dump`, as Laravel
/// looks for them.
fn dump(context: &Context) -> Option<(usize, Dialect)> {
    let mut dumps: Vec<(usize, &str, Dialect)> = context
        .indexed()
        .filter_map(|(i, f)| dump_connection(&f.name).map(|(c, d)| (i, c, d)))
        .collect();
    let rank = |&(i, connection, dialect): &(usize, &str, Dialect)| {
        let wanted = context.dialect.unwrap_or(Dialect::MySql);
        let dump_ext = ends_with_ignore_case(&context.files[i].name, ".dump");
        (dialect != wanted, connection != "mysql", dump_ext, i)
    };
    crate::sort::sort_by(&mut dumps, |a, b| rank(a).cmp(&rank(b)));
    dumps.first().map(|&(i, _, d)| (i, d))
}

/// A migration's name as the `migrations` table records it: the file name without `.php`.
fn migration_name(path: &str) -> &str {
    let name = file_name(path);
    name.get(..name.len().saturating_sub(4)).unwrap_or(name)
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let dump = dump(context);
    if let Some((index, dialect)) = dump {
        laid.run_whole(index, &context.files[index].text);
        laid.dialect = Some((dialect, "Laravel's schema dump for the connection"));
    }
    let mut run: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        if Some(index) == dump.map(|d| d.0) {
            continue;
        }
        if is_migration(file) {
            let recorded = dump.is_some_and(|(d, _)| {
                let quoted = format!("'{}'", migration_name(&file.name));
                context.files[d].text.contains(&quoted)
            });
            if recorded {
                laid.skip(
                    index,
                    "recorded in the schema dump: Laravel loads the dump, not this migration (point at \
                     database/migrations to replay every migration)",
                );
            } else {
                run.push(index);
            }
        } else if dump_connection(&file.name).is_some() {
            laid.skip(index, "the schema dump of another connection");
        }
    }
    crate::sort::sort_by(&mut run, |&a, &b| {
        migration_name(&context.files[a].name).cmp(migration_name(&context.files[b].name))
    });
    for index in run {
        laid.run_whole(index, &context.files[index].text);
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    const MIGRATION: &str =
        "<?php\nreturn new class extends Migration { public function up() { Schema::create('a', fn ($t) => $t->id()); } };\n";

    fn order(files: &[Source]) -> Vec<usize> {
        let plan = lay_out(files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Laravel);
        plan.steps.iter().map(|s| s.file).collect()
    }

    #[test]
    fn the_dump_then_the_migrations_it_does_not_record_by_name() {
        let dump = "CREATE TABLE `a` (`id` bigint);\nINSERT INTO `migrations` VALUES (1,'2014_10_12_000000_create_a',1);\n";
        let files = [
            Source::new("database/migrations/2020_01_01_000000_b.php", MIGRATION),
            Source::new(
                "database/migrations/2014_10_12_000000_create_a.php",
                MIGRATION,
            ),
            Source::new("database/migrations/2019_01_01_000000_c.php", MIGRATION),
            Source::new("database/schema/mysql-schema.sql", dump),
            Source::new("app/Models/User.php", "<?php class User extends Model {}"),
        ];
        assert_eq!(order(&files), [3, 2, 0]);
    }

    #[test]
    fn without_a_dump_every_migration_by_file_name() {
        let files = [
            Source::new("2020_01_01_000000_b.php", MIGRATION),
            Source::new("2014_10_12_000000_a.php", MIGRATION),
        ];
        assert_eq!(order(&files), [1, 0]);
    }
}
