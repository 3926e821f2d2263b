//! The ORM items of the corpus (`../shared/corpus/orm`): SQLAlchemy models (CTFd), Alembic migrations (CTFd) and
//! Django models (healthchecks, which fklint does not read: they must simply produce nothing wrong). Real
//! projects that work: fklint must find no error in them. And CTFd's models, read as `create_all()` would
//! create them, must declare the foreign keys its Alembic migrations build when replayed to head.

use std::collections::BTreeSet;
use std::path::Path;

use fklint::{check, schema, Options, Severity, Source};
use fklint_tests::corpus::{corpus_root_or_skip, read_order};

/// The `.py` and `.sql` files of an ORM item, in `ORDER.txt` order (as the CLI takes a folder: other files,
/// such as Alembic's `script.py.mako`, are not migrations).
fn orm_sources(root: &Path, item: &str) -> Vec<Source> {
    let dir = root.join("orm").join(item);
    let order = read_order(&dir).unwrap_or_else(|e| panic!("{e}"));
    order
        .iter()
        .filter(|rel| rel.ends_with(".py") || rel.ends_with(".sql"))
        .map(|rel| {
            let text = std::fs::read_to_string(dir.join(rel))
                .unwrap_or_else(|e| panic!("{item}/{rel}: {e}"));
            Source::new(format!("{item}/{rel}"), text)
        })
        .collect()
}

#[test]
fn orm_items_have_no_error_findings() {
    let Some(root) = corpus_root_or_skip("the ORM corpus") else {
        return;
    };
    for item in ["sqlalchemy-ctfd", "alembic-ctfd", "django-healthchecks"] {
        let sources = orm_sources(&root, item);
        assert!(!sources.is_empty(), "{item} has no sources");
        let report = check(&sources, &Options::default());
        let errors: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| {
                format!(
                    "{} {}:{} {}",
                    f.code, f.position.file, f.position.line, f.message
                )
            })
            .collect();
        assert!(errors.is_empty(), "{item}:\n{}", errors.join("\n"));
    }
}

/// `table(columns) -> ref_table(ref_columns) on delete` of every foreign key.
fn foreign_keys(sources: &[Source]) -> BTreeSet<String> {
    schema(sources, &Options::default())
        .foreign_keys
        .iter()
        .map(|fk| {
            format!(
                "{}({}) -> {}({}) {}",
                fk.table,
                fk.columns.join(","),
                fk.ref_table,
                fk.ref_columns.join(","),
                fk.on_delete
            )
        })
        .collect()
}

#[test]
fn ctfd_models_declare_the_foreign_keys_the_migrations_build() {
    let Some(root) = corpus_root_or_skip("the ORM corpus") else {
        return;
    };
    let models = foreign_keys(&orm_sources(&root, "sqlalchemy-ctfd"));
    let migrations = foreign_keys(&orm_sources(&root, "alembic-ctfd"));
    assert!(models.len() > 40, "{models:#?}");
    let only_models: Vec<&String> = models.difference(&migrations).collect();
    let only_migrations: Vec<&String> = migrations.difference(&models).collect();
    // The one difference is real: `dynamic_challenge` belongs to CTFd's dynamic-value plugin, whose model lives
    // in the plugin, not in CTFd/models; the initial migration creates it.
    assert!(only_models.is_empty(), "{only_models:#?}");
    assert_eq!(
        only_migrations,
        ["dynamic_challenge(id) -> challenges(id) NO ACTION"],
        "{only_migrations:#?}"
    );
}
