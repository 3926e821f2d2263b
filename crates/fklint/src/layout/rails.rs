//! Rails (Active Record): the database a fresh `bin/rails db:prepare` builds. Rails loads the schema file, not
//! the migrations, when there is one (`db/schema.rb`, or `db/structure.sql` when `config/application.rb` sets
//! `schema_format = :sql`, or when it is the only one), records every migration the file already holds, and
//! then runs the pending ones in version order: those newer than `define(version: ...)` of `schema.rb`, or not
//! in the `schema_migrations` rows of `structure.sql`. Without a schema file every migration
//! (`db/migrate/<version>_<name>.rb`) runs in version order, which is also what pointing at `db/migrate` gives.

use super::names::{compare_numbers, file_name, folder, leading_digits};
use super::{Context, Laid};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let migrations = files.iter().filter(|f| is_migration(f)).count();
    if let Some(schema) = files.iter().find(|f| is_schema_rb(f)) {
        return Some(schema.name.clone());
    }
    (migrations > 0).then(|| format!("{migrations} Active Record migrations"))
}

/// `<version>_<name>.rb` defining an `ActiveRecord::Migration`.
fn is_migration(file: &Source) -> bool {
    let name = file_name(&file.name);
    name.ends_with(".rb")
        && !leading_digits(name).is_empty()
        && file.text.contains("ActiveRecord::Migration")
}

fn is_schema_rb(file: &Source) -> bool {
    file_name(&file.name) == "schema.rb" && file.text.contains("ActiveRecord::Schema")
}

fn is_structure_sql(path: &str) -> bool {
    file_name(path) == "structure.sql" && file_name(folder(path)) == "db"
}

/// Which schema file Rails loads: `config/application.rb`'s `schema_format`, else the one there is (`schema.rb`
/// when both are, Rails' default `:ruby`).
fn schema_file(context: &Context) -> Option<usize> {
    let ruby = context
        .indexed()
        .find(|(_, f)| is_schema_rb(f))
        .map(|p| p.0);
    let sql = context
        .indexed()
        .find(|(_, f)| is_structure_sql(&f.name))
        .map(|p| p.0);
    let format_sql = context.files.iter().any(|f| {
        f.name.ends_with("config/application.rb")
            && f.text.contains("schema_format")
            && f.text.contains(":sql")
    });
    if format_sql {
        sql.or(ruby)
    } else {
        ruby.or(sql)
    }
}

/// The migration versions the schema file holds: every one up to `define(version: ...)` for `schema.rb`
/// (`assume_migrated_upto_version`), the listed ones for `structure.sql`.
enum Loaded {
    UpTo(String),
    Listed(Vec<String>),
}

impl Loaded {
    fn read(file: &Source) -> Loaded {
        if is_schema_rb(file) {
            let version = file
                .text
                .split_once("version:")
                .map(|(_, rest)| {
                    rest.trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '_')
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                })
                .unwrap_or_default();
            return Loaded::UpTo(version);
        }
        let rows = file
            .text
            .split_once("schema_migrations")
            .map_or("", |(_, rest)| rest);
        let versions = rows
            .split('\'')
            .skip(1)
            .step_by(2)
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        Loaded::Listed(versions)
    }

    fn holds(&self, version: &str) -> bool {
        match self {
            Loaded::UpTo(last) => compare_numbers(version.as_bytes(), last.as_bytes()).is_le(),
            Loaded::Listed(versions) => versions
                .iter()
                .any(|v| compare_numbers(v.as_bytes(), version.as_bytes()).is_eq()),
        }
    }
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let schema = schema_file(context);
    let loaded = schema.and_then(|i| context.files.get(i)).map(Loaded::read);
    if let Some(index) = schema {
        laid.run_whole(index, &context.files[index].text);
    }
    let mut pending: Vec<(usize, &str)> = Vec::new();
    for (index, file) in context.indexed() {
        if Some(index) == schema {
            continue;
        }
        let name = file_name(&file.name);
        if is_migration(file) {
            let version = leading_digits(name);
            match (&loaded, schema) {
                (Some(loaded), Some(schema)) if loaded.holds(version) => laid.skip(
                    index,
                    format!(
                        "already in {}: Rails loads the schema file, not this migration (point at the \
                         migrations folder to replay every migration)",
                        context.files[schema].name
                    ),
                ),
                _ => pending.push((index, version)),
            }
        } else if is_schema_rb(file) || is_structure_sql(&file.name) {
            laid.skip(
                index,
                "the other schema file: config/application.rb's schema_format picks the one Rails loads",
            );
        }
    }
    crate::sort::sort_by(&mut pending, |a, b| {
        compare_numbers(a.1.as_bytes(), b.1.as_bytes())
    });
    for (index, _) in pending {
        laid.run_whole(index, &context.files[index].text);
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    const MIGRATION: &str = "class X < ActiveRecord::Migration[7.1]\nend\n";

    fn order(files: &[Source]) -> Vec<usize> {
        let plan = lay_out(files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Rails);
        plan.steps.iter().map(|s| s.file).collect()
    }

    #[test]
    fn schema_rb_then_the_migrations_newer_than_its_version() {
        let files = [
            Source::new("db/migrate/20240201000000_b.rb", MIGRATION),
            Source::new("db/migrate/20240101000000_a.rb", MIGRATION),
            Source::new("db/migrate/20240301000000_c.rb", MIGRATION),
            Source::new(
                "db/schema.rb",
                "ActiveRecord::Schema[7.1].define(version: 2024_02_01_000000) do\nend\n",
            ),
            Source::new(
                "app/models/user.rb",
                "class User < ApplicationRecord\nend\n",
            ),
        ];
        assert_eq!(order(&files), [3, 2]);
    }

    #[test]
    fn structure_sql_when_the_config_says_so_then_unlisted_migrations() {
        let structure = "CREATE TABLE a (id bigint);\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000'),\n('20240301000000');\n";
        let files = [
            Source::new("db/migrate/20240101000000_a.rb", MIGRATION),
            Source::new("db/migrate/20240201000000_b.rb", MIGRATION),
            Source::new("db/migrate/20240301000000_c.rb", MIGRATION),
            Source::new(
                "db/schema.rb",
                "ActiveRecord::Schema.define(version: 1) do\nend\n",
            ),
            Source::new("db/structure.sql", structure),
            Source::new(
                "config/application.rb",
                "config.active_record.schema_format = :sql\n",
            ),
        ];
        assert_eq!(order(&files), [4, 1]);
    }

    #[test]
    fn without_a_schema_file_every_migration_in_version_order() {
        let files = [
            Source::new("20240201000000_b.rb", MIGRATION),
            Source::new("20240101000000_a.rb", MIGRATION),
            Source::new("003_old.rb", MIGRATION),
        ];
        assert_eq!(order(&files), [2, 1, 0]);
    }
}
