//! Shared helpers of the workspace-level tests.

#[path = "availability/mod.rs"]
pub mod availability;

#[path = "pg/mod.rs"]
pub mod pg;

#[path = "mariadb/mod.rs"]
pub mod mariadb;

#[path = "sqlite/mod.rs"]
pub mod sqlite;

#[path = "judge/mod.rs"]
pub mod judge;

#[path = "corpus/mod.rs"]
pub mod corpus;

/// The `.sql` files of `examples/<name>`, in migration order (sorted by file name).
pub fn example_sources(name: &str) -> Vec<fklint::Source> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("examples/{name}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            fklint::Source::new(name, text)
        })
        .collect()
}
