//! `gen-key-compat`: regenerates `crates/fklint/src/types/pg_key_compat.tsv` from a throwaway
//! PostgreSQL. With `--check`, compares against the committed file instead and exits 1 on a difference.
//!
//! `cargo run -p fklint-tests --bin gen-key-compat [-- --check]`

use fklint_tests::pg::key_compat::{generate, tsv_path};
use fklint_tests::pg::PgServer;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.as_slice() {
        [] => false,
        [a] if a == "--check" => true,
        _ => {
            eprintln!("usage: gen-key-compat [--check]");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    let server = match PgServer::start() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen-key-compat: cannot start PostgreSQL: {e}");
            return ExitCode::from(2);
        }
    };
    let started = t0.elapsed();
    eprintln!("PostgreSQL {} started in {:.2?}", server.version(), started);
    let t1 = Instant::now();
    let table = generate(&server);
    eprintln!("{} pairs tried in {:.2?}", table.rows.len(), t1.elapsed());
    let path = tsv_path();
    if check {
        let committed = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("gen-key-compat: cannot read {}: {e}", path.display());
                return ExitCode::from(1);
            }
        };
        let diff = table.diff_against(&committed);
        if diff.is_empty() {
            eprintln!("{} is up to date", path.display());
            ExitCode::SUCCESS
        } else {
            println!(
                "{} differs from PostgreSQL {}:",
                path.display(),
                server.version()
            );
            for line in diff {
                println!("{line}");
            }
            ExitCode::from(1)
        }
    } else {
        if let Err(e) = std::fs::write(&path, table.to_tsv()) {
            eprintln!("gen-key-compat: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        eprintln!("wrote {}", path.display());
        ExitCode::SUCCESS
    }
}
