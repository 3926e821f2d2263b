//! The committed key type compatibility table equals what the local PostgreSQL decides.

use fklint_tests::pg::key_compat::{generate, tsv_path};
use fklint_tests::pg::PgServer;

#[test]
fn committed_key_compat_table_matches_postgresql() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let table = generate(&server);
    let path = tsv_path();
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let diff = table.diff_against(&committed);
    assert!(
        diff.is_empty(),
        "{} differs from PostgreSQL {} (regenerate with `cargo run -p fklint-tests --bin gen-key-compat`):\n{}",
        path.display(),
        server.version(),
        diff.join("\n")
    );
}
