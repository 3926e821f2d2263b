//! Supabase CLI: `supabase/migrations/<timestamp>_<name>.sql` in name order, then the seed (`supabase/seed.sql`
//! by default) on `supabase db reset`. Everything else in the folder (functions, config) is not SQL to run.

use super::names::{file_name, folder, natural_cmp};
use super::{Context, Laid};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let has_config = files.iter().any(|f| is_config(&f.name));
    let migrations = files.iter().filter(|f| is_migration(&f.name)).count();
    (has_config && migrations > 0)
        .then(|| format!("supabase config.toml and {migrations} files in migrations/"))
}

fn is_config(path: &str) -> bool {
    file_name(path) == "config.toml" && !folder(path).contains("migrations")
}

fn is_migration(path: &str) -> bool {
    file_name(folder(path)) == "migrations" && path.ends_with(".sql")
}

fn is_seed(path: &str) -> bool {
    file_name(path) == "seed.sql" && !is_migration(path)
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut migrations: Vec<usize> = Vec::new();
    let mut seeds: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        if is_migration(&file.name) {
            migrations.push(index);
        } else if is_seed(&file.name) {
            seeds.push(index);
        } else if is_config(&file.name) {
            laid.skip(index, "the project's configuration");
        }
    }
    crate::sort::sort_by(&mut migrations, |&a, &b| {
        natural_cmp(
            file_name(&context.files[a].name),
            file_name(&context.files[b].name),
        )
    });
    for index in migrations.into_iter().chain(seeds) {
        laid.run_whole(index, &context.files[index].text);
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    #[test]
    fn migrations_then_the_seed() {
        let files = [
            Source::new("supabase/seed.sql", ""),
            Source::new("supabase/config.toml", "project_id = \"x\"\n"),
            Source::new("supabase/migrations/20240202_b.sql", ""),
            Source::new("supabase/migrations/20240101_a.sql", ""),
            Source::new("supabase/functions/hello/index.ts", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Supabase);
        assert_eq!(
            plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(),
            [3, 2, 0]
        );
    }
}
