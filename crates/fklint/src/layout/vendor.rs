//! Vendor folders and suffixes: one project holding the migrations of several database servers side by side
//! (Flyway's `db/migration/{H2,MYSQL,POSTGRESQL}`, `migrations/{postgres,sqlite}` picked by the app at run
//! time). Only one server's files run: the dialect's when it is given, else the first of PostgreSQL, MySQL,
//! SQLite that the project has. Files of no vendor run for every server.

use super::names::{file_name, folder};
use crate::dialect::Dialect;

/// The server a vendor name stands for; `Err(())` for a server fklint does not read (H2, Oracle, ...).
fn vendor_dialect(word: &str) -> Option<Result<Dialect, ()>> {
    let word = word.to_ascii_lowercase();
    match word.as_str() {
        "postgres" | "postgresql" | "pg" | "pgsql" => Some(Ok(Dialect::Postgres)),
        "mysql" | "mariadb" => Some(Ok(Dialect::MySql)),
        "sqlite" | "sqlite3" => Some(Ok(Dialect::Sqlite)),
        "h2" | "hsqldb" | "hsql" | "oracle" | "sqlserver" | "mssql" | "db2" | "derby"
        | "firebird" | "informix" | "sybase" | "snowflake" | "redshift" | "cockroachdb"
        | "tidb" | "saphana" | "hana" | "clickhouse" => Some(Err(())),
        _ => None,
    }
}

/// The vendor a path names: a folder named after a server, or a file name ending in `_<SERVER>.sql`.
pub fn vendor_of(path: &str) -> Option<Result<Dialect, ()>> {
    let in_folder = folder(path).split('/').rev().find_map(vendor_dialect);
    in_folder.or_else(|| {
        let stem = file_name(path)
            .rsplit_once('.')
            .map_or("", |(stem, _)| stem);
        stem.rsplit('_').next().and_then(vendor_dialect)
    })
}

/// Which server's files run: `None` when no file names a vendor.
pub fn choose(paths: &[&str], given: Option<Dialect>) -> Option<Dialect> {
    let vendors: Vec<Result<Dialect, ()>> = paths.iter().filter_map(|p| vendor_of(p)).collect();
    if vendors.is_empty() {
        return None;
    }
    given.or_else(|| Dialect::ALL.into_iter().find(|d| vendors.contains(&Ok(*d))))
}

/// Whether the file runs for `chosen`; `Err` with the reason when it is another server's.
pub fn runs_for(path: &str, chosen: Option<Dialect>) -> Result<(), String> {
    match (vendor_of(path), chosen) {
        (None, _) | (_, None) => Ok(()),
        (Some(Ok(vendor)), Some(chosen)) if vendor == chosen => Ok(()),
        (Some(Ok(vendor)), Some(chosen)) => Err(format!(
            "{} migration: the {} ones run (--dialect picks the server)",
            vendor.server(),
            chosen.server()
        )),
        (Some(Err(())), Some(chosen)) => Err(format!(
            "another server's migration: the {} ones run",
            chosen.server()
        )),
    }
}
