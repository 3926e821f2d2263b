//! Generates the InnoDB foreign key type compatibility table (`crates/fklint/src/types/mysql_key_compat.tsv`)
//! by asking MariaDB: for every ordered pair of common MySQL column types, does
//! `CREATE TABLE c (r <fk_type>, FOREIGN KEY (r) REFERENCES p (k)) ENGINE=InnoDB` succeed when `p.k` is a
//! `<pk_type>` primary key?
//!
//! Rows are named by fklint itself ([`fklint::types::mysql::compat_names`]), which abstracts what InnoDB
//! cannot care about (a length is `varchar(shorter)`, a collation `(other collation)`). Several concrete pairs
//! with the same names must get the same verdict, or the generation fails: that checks the abstraction against
//! the server. Used by the `mysql_key_compat` test, which compares with (or, with `FKLINT_REGEN_KEY_COMPAT=1`,
//! writes) the committed file.

use super::{MariaDbServer, MysqlError};
use fklint::types::mysql::{compat_names, parse_type, TableCharset};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Types tried against each other, every ordered pair.
pub const BASE_TYPES: &[&str] = &[
    "tinyint",
    "tinyint unsigned",
    "smallint",
    "smallint unsigned",
    "mediumint",
    "mediumint unsigned",
    "int",
    "int unsigned",
    "bigint",
    "bigint unsigned",
    "decimal(10,2)",
    "float",
    "double",
    "bit(8)",
    "char(36)",
    "varchar(255)",
    "tinytext",
    "text",
    "binary(16)",
    "varbinary(255)",
    "blob",
    "date",
    "time",
    "datetime",
    "timestamp",
    "year",
    "enum('a','b')",
    "set('a','b')",
    "json",
    "uuid",
    "inet6",
];

/// Types only some servers have (MariaDB 10.7+ `uuid`, 10.5+ `inet6`): left out where the probe fails.
const OPTIONAL_TYPES: &[&str] = &["uuid", "inet6"];

/// Further (fk, pk) pairs: lengths, precisions, charsets, collations, and spellings that must be the same type.
pub const EXTRA_PAIRS: &[(&str, &str)] = &[
    // Lengths of strings and binary strings.
    ("varchar(36)", "varchar(255)"),
    ("varchar(255)", "varchar(36)"),
    ("char(36)", "char(40)"),
    ("char(40)", "char(36)"),
    ("char(36)", "varchar(36)"),
    ("varchar(36)", "char(36)"),
    ("varchar(255)", "char(36)"),
    ("binary(16)", "binary(32)"),
    ("binary(32)", "binary(16)"),
    ("varbinary(16)", "binary(16)"),
    ("binary(16)", "varbinary(16)"),
    ("varbinary(16)", "varbinary(255)"),
    ("varchar(16) CHARACTER SET binary", "varbinary(16)"),
    ("bit(1)", "bit(8)"),
    ("bit(8)", "bit(1)"),
    // Character sets.
    (
        "varchar(255) CHARACTER SET latin1",
        "varchar(255) CHARACTER SET utf8mb4",
    ),
    (
        "varchar(255) CHARACTER SET utf8mb4",
        "varchar(255) CHARACTER SET latin1",
    ),
    ("varchar(255) CHARACTER SET utf8mb3", "varchar(255)"),
    ("varchar(255)", "varchar(255) CHARACTER SET utf8"),
    (
        "varchar(255) CHARACTER SET ascii",
        "varchar(255) CHARACTER SET latin1",
    ),
    ("char(36) CHARACTER SET latin1", "varchar(36)"),
    ("varchar(36) CHARACTER SET latin1", "varchar(255)"),
    // Collations of one charset.
    ("varchar(255) COLLATE utf8mb4_unicode_ci", "varchar(255)"),
    ("varchar(255)", "varchar(255) COLLATE utf8mb4_unicode_ci"),
    ("varchar(255) COLLATE utf8mb4_bin", "varchar(255)"),
    ("varchar(255) BINARY", "varchar(255)"),
    (
        "varchar(255) CHARACTER SET latin1 COLLATE latin1_bin",
        "varchar(255) CHARACTER SET latin1",
    ),
    ("varchar(36) COLLATE utf8mb4_unicode_ci", "char(36)"),
    // DECIMAL precision and scale.
    ("decimal(10,2)", "decimal(12,2)"),
    ("decimal(12,2)", "decimal(10,2)"),
    ("decimal(10,2)", "decimal(10,3)"),
    ("decimal(12,4)", "decimal(10,2)"),
    ("decimal", "decimal(10,0)"),
    ("numeric(10,2)", "decimal(10,2)"),
    // Spellings of one integer type: display width, ZEROFILL, bool, serial.
    ("int(11)", "int"),
    ("integer", "int(10)"),
    ("int(10) unsigned", "int unsigned"),
    ("int unsigned zerofill", "int unsigned"),
    ("int(10) zerofill", "int(11) unsigned"),
    ("bool", "tinyint"),
    ("tinyint(1)", "tinyint(4)"),
    ("bigint(20) unsigned", "serial"),
    ("bigint", "serial"),
    // Fractional seconds and enum values.
    ("datetime(3)", "datetime"),
    ("datetime", "datetime(3)"),
    ("timestamp(6)", "timestamp"),
    ("time(3)", "time"),
    ("datetime(0)", "datetime"),
    ("enum('a','b')", "enum('a','b','c')"),
    ("enum('a','b','c')", "enum('a','b')"),
    ("set('a')", "set('a','b')"),
];

/// One tried pair and what the server said.
#[derive(Debug, Clone)]
pub struct Tried {
    pub fk_sql: String,
    pub pk_sql: String,
    pub verdict: String,
}

/// The generated table.
#[derive(Debug, Clone)]
pub struct KeyCompatTable {
    pub server_version: String,
    /// (fk name, pk name) -> verdict, sorted.
    pub rows: BTreeMap<(String, String), String>,
    /// Every concrete pair tried.
    pub tried: Vec<Tried>,
    /// Types this server does not have.
    pub unavailable: Vec<String>,
}

/// Where the committed table lives.
pub fn tsv_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/fklint/src/types/mysql_key_compat.tsv")
}

/// The server's answer to creating the child table.
fn verdict(result: &Result<(), MysqlError>) -> String {
    match result {
        Ok(()) => "accepted".into(),
        // MariaDB: 1005 "Can't create table ... (errno: 150 "Foreign key constraint is incorrectly formed")";
        // MySQL 8: 3780 "Referencing column ... and referenced column ... are incompatible"; 5.7: 1215.
        Err(e)
            if (e.code == 1005 && e.message.contains("150"))
                || e.code == 3780
                || e.code == 1215 =>
        {
            "rejected".into()
        }
        // E.g. 1170: a TEXT/BLOB column cannot get the index the foreign key needs without a prefix length.
        Err(e) => format!("error-{}", e.code),
    }
}

/// Asks `server` for every pair. Panics when two pairs with the same names get different verdicts (the
/// names would hide a difference InnoDB makes), or when a parent table fails for an unexpected reason.
pub fn generate(server: &MariaDbServer) -> KeyCompatTable {
    let db = server.create_database();
    let probes: Vec<String> = OPTIONAL_TYPES
        .iter()
        .map(|t| format!("CREATE TABLE probe_{t} (x {t})"))
        .collect();
    let probe_refs: Vec<&str> = probes.iter().map(String::as_str).collect();
    let unavailable: Vec<String> = OPTIONAL_TYPES
        .iter()
        .zip(server.exec_each(&db, &probe_refs))
        .filter(|(_, r)| r.is_err())
        .map(|(t, _)| t.to_string())
        .collect();
    let base: Vec<&str> = BASE_TYPES
        .iter()
        .copied()
        .filter(|t| !unavailable.iter().any(|u| u == t))
        .collect();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pk in &base {
        for fk in &base {
            pairs.push((fk.to_string(), pk.to_string()));
        }
    }
    pairs.extend(
        EXTRA_PAIRS
            .iter()
            .map(|(f, p)| (f.to_string(), p.to_string())),
    );

    let mut pk_sqls: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
    pk_sqls.sort();
    pk_sqls.dedup();
    let setup: Vec<String> = pk_sqls
        .iter()
        .enumerate()
        .map(|(i, pk)| {
            format!("CREATE TABLE p{i} (k {pk} NOT NULL, PRIMARY KEY (k)) ENGINE=InnoDB")
        })
        .collect();
    let setup_refs: Vec<&str> = setup.iter().map(String::as_str).collect();
    let mut pk_possible = Vec::new();
    for (stmt, result) in setup.iter().zip(server.exec_each(&db, &setup_refs)) {
        pk_possible.push(match result {
            Ok(()) => true,
            // 1170: "BLOB/TEXT column 'k' used in key specification without a key length".
            Err(e) if e.code == 1170 => false,
            Err(e) => panic!("{stmt}: {e}"),
        });
    }

    let mut tried = Vec::new();
    let mut statements = Vec::new(); // (index in `tried`, statement)
    for (n, (fk, pk)) in pairs.iter().enumerate() {
        let i = pk_sqls.binary_search(pk).unwrap_or(0);
        if !pk_possible[i] {
            tried.push(Tried {
                fk_sql: fk.clone(),
                pk_sql: pk.clone(),
                verdict: "pk-impossible".into(),
            });
            continue;
        }
        statements.push((
            tried.len(),
            format!(
                "CREATE TABLE c{n} (r {fk}, FOREIGN KEY (r) REFERENCES p{i} (k)) ENGINE=InnoDB"
            ),
        ));
        tried.push(Tried {
            fk_sql: fk.clone(),
            pk_sql: pk.clone(),
            verdict: String::new(),
        });
    }
    let stmt_refs: Vec<&str> = statements.iter().map(|(_, s)| s.as_str()).collect();
    for ((index, _), result) in statements.iter().zip(server.exec_each(&db, &stmt_refs)) {
        tried[*index].verdict = verdict(&result);
    }

    KeyCompatTable {
        server_version: server.version().to_string(),
        rows: name_rows(&tried),
        tried,
        unavailable,
    }
}

/// The rows by fklint's names; panics listing every name pair that two concrete pairs disagree on.
fn name_rows(tried: &[Tried]) -> BTreeMap<(String, String), String> {
    let mut rows: BTreeMap<(String, String), (String, &Tried)> = BTreeMap::new();
    let mut conflicts = Vec::new();
    let defaults = TableCharset::default();
    for t in tried {
        let (fk, pk) = (
            parse_type(&t.fk_sql, &defaults),
            parse_type(&t.pk_sql, &defaults),
        );
        let Some(names) = compat_names(&fk, &pk) else {
            conflicts.push(format!(
                "fklint has no names for `{}` -> `{}`",
                t.fk_sql, t.pk_sql
            ));
            continue;
        };
        match rows.get(&names) {
            Some((verdict, first)) if *verdict != t.verdict => conflicts.push(format!(
                "{names:?}: `{}` -> `{}` is {verdict}, but `{}` -> `{}` is {}",
                first.fk_sql, first.pk_sql, t.fk_sql, t.pk_sql, t.verdict
            )),
            Some(_) => {}
            None => {
                rows.insert(names, (t.verdict.clone(), t));
            }
        }
    }
    assert!(
        conflicts.is_empty(),
        "fklint's type names hide differences MariaDB makes:\n{}",
        conflicts.join("\n")
    );
    rows.into_iter().map(|(k, (v, _))| (k, v)).collect()
}

impl KeyCompatTable {
    /// The file contents: `#` header lines, then sorted `fk_type<TAB>pk_type<TAB>verdict` rows.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        let version = self.server_version.split('-').next().unwrap_or("");
        for line in [
            "# InnoDB foreign key type compatibility: may a column of fk_type REFERENCE a key of pk_type?".to_string(),
            format!("# Generated from MariaDB {version} by `FKLINT_REGEN_KEY_COMPAT=1 cargo test -p fklint-tests --test mysql_key_compat`; do not edit."),
            "# The same test without the variable re-verifies it against a live server (FKLINT_REQUIRE_MARIADB=1: must).".into(),
            format!("# {} concrete pairs tried (tests/mariadb/key_compat.rs); rows are named by fklint::types::mysql::compat_names.", self.tried.len()),
            "# Names: types as fklint normalizes them (display width dropped, ZEROFILL = unsigned, bool = tinyint);".into(),
            "# same type, other length: (shorter)/(longer); decimal(M,D)/decimal(other M,D); (fsp)/(other fsp);".into(),
            "# enum/enum(other values); string collations that differ: ` (other collation)` or ` (other charset)`.".into(),
            "# accepted: the CREATE TABLE succeeds. rejected: 1005 errno 150 (MySQL 8: 3780).".into(),
            "# pk-impossible: the pk_type cannot be a primary key without a prefix length (1170).".into(),
            "# error-<n>: the child fails with another error, e.g. error-1170: its TEXT/BLOB column cannot be indexed.".into(),
        ] {
            out.push_str(&line);
            out.push('\n');
        }
        for name in &self.unavailable {
            out.push_str(&format!(
                "# {name}: not available on the generating server; its rows are missing.\n"
            ));
        }
        for ((fk, pk), verdict) in &self.rows {
            out.push_str(&format!("{fk}\t{pk}\t{verdict}\n"));
        }
        out
    }

    /// Differences between the committed file and this table (empty when equal). Rows of types this server
    /// does not have are not compared.
    pub fn diff_against(&self, committed: &str) -> Vec<String> {
        let skip = |fk: &str, pk: &str| self.unavailable.iter().any(|u| fk == u || pk == u);
        let mut expected: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut problems = Vec::new();
        for (lineno, line) in committed.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 3 {
                problems.push(format!("line {}: malformed: {line:?}", lineno + 1));
                continue;
            }
            if !skip(fields[0], fields[1]) {
                expected.insert((fields[0].into(), fields[1].into()), fields[2].into());
            }
        }
        for (key, verdict) in &self.rows {
            match expected.remove(key) {
                None => problems.push(format!(
                    "+ {}\t{}\t{verdict}  (missing from the file)",
                    key.0, key.1
                )),
                Some(old) if old != *verdict => {
                    problems.push(format!("~ {}\t{}\t{old} -> {verdict}", key.0, key.1))
                }
                Some(_) => {}
            }
        }
        for ((fk, pk), old) in expected {
            problems.push(format!("- {fk}\t{pk}\t{old}  (no longer generated)"));
        }
        problems
    }
}

/// Each charset's default collation as the server reports it, next to what fklint assumes.
pub fn default_collation_mismatches(server: &MariaDbServer) -> Vec<String> {
    let rows = server
        .query("", "SELECT CHARACTER_SET_NAME, DEFAULT_COLLATE_NAME FROM information_schema.CHARACTER_SETS")
        .unwrap_or_else(|e| panic!("CHARACTER_SETS: {e}"));
    rows.iter()
        .filter_map(|row| {
            let (charset, collation) = (row.first()?, row.get(1)?);
            let assumed = fklint::types::mysql::default_collation(charset);
            (assumed != *collation)
                .then(|| format!("{charset}: server {collation}, fklint {assumed}"))
        })
        .collect()
}
