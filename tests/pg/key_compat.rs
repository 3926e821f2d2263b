//! Generates the foreign key type compatibility table (`crates/fklint/src/types/pg_key_compat.tsv`) by
//! asking PostgreSQL: for every ordered pair of common types, does
//! `CREATE TABLE c (r <fk_type> REFERENCES p (k))` succeed when `p.k` is a `<pk_type>` primary key?
//!
//! Shared by the `gen-key-compat` binary (writes or `--check`s the file) and the `key_compat` test.

use super::{PgError, PgServer};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The base types tried against each other: (SQL spelling, PostgreSQL's internal name). The internal
/// names are verified against `pg_type.typname` when generating.
pub const BASE_TYPES: &[(&str, &str)] = &[
    ("smallint", "int2"),
    ("integer", "int4"),
    ("bigint", "int8"),
    ("numeric", "numeric"),
    ("real", "float4"),
    ("double precision", "float8"),
    ("money", "money"),
    ("text", "text"),
    ("varchar", "varchar"),
    ("char(10)", "bpchar"),
    ("\"char\"", "char"),
    ("name", "name"),
    ("citext", "citext"),
    ("uuid", "uuid"),
    ("date", "date"),
    ("time", "time"),
    ("timetz", "timetz"),
    ("timestamp", "timestamp"),
    ("timestamptz", "timestamptz"),
    ("interval", "interval"),
    ("boolean", "bool"),
    ("bytea", "bytea"),
    ("json", "json"),
    ("jsonb", "jsonb"),
    ("inet", "inet"),
    ("cidr", "cidr"),
    ("macaddr", "macaddr"),
    ("oid", "oid"),
    ("xml", "xml"),
];

/// Bases of the domains tried: `domain:<base>` against every base type, both directions.
pub const DOMAIN_BASES: &[&str] = &["int4", "text", "uuid"];

/// Pairs that differ only in length/precision: (fk name, fk spelling, pk name, pk spelling).
pub const TYPMOD_PAIRS: &[(&str, &str, &str, &str)] = &[
    ("varchar(36)", "varchar(36)", "varchar(255)", "varchar(255)"),
    ("varchar(255)", "varchar(255)", "varchar(36)", "varchar(36)"),
    ("bpchar(1)", "char(1)", "bpchar(10)", "char(10)"),
    (
        "numeric(10,2)",
        "numeric(10,2)",
        "numeric(20,0)",
        "numeric(20,0)",
    ),
    (
        "timestamptz(0)",
        "timestamptz(0)",
        "timestamptz",
        "timestamptz",
    ),
];

/// PostgreSQL's answer for one (fk_type, pk_type) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The foreign key is created.
    Accepted,
    /// 42804: "foreign key constraint ... cannot be implemented" (incompatible types).
    Rejected,
    /// The pk_type cannot be a PRIMARY KEY at all (no default btree operator class).
    PkImpossible,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Rejected => "rejected",
            Verdict::PkImpossible => "pk-impossible",
        }
    }
}

/// The generated table.
#[derive(Debug, Clone)]
pub struct KeyCompatTable {
    /// Server major version, e.g. 15.
    pub major_version: u32,
    /// (fk_type, pk_type) -> verdict, sorted.
    pub rows: BTreeMap<(String, String), Verdict>,
    /// Types that could not be tried on this server (e.g. `citext` without the extension).
    pub unavailable: Vec<String>,
}

/// Where the committed table lives.
pub fn tsv_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../crates/fklint/src/types/pg_key_compat.tsv")
}

/// One side of a pair: the name written to the file and how to spell it in a column definition.
#[derive(Debug, Clone)]
struct Side {
    name: String,
    sql: String,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Base,
    /// The first enum type (`fklint_enum_a`).
    EnumA,
    /// A second, different enum type (`fklint_enum_b`), only tried against `EnumA`.
    EnumB,
    Domain,
}

/// Asks `server` for every pair. Panics on anything unexpected (an error other than 42804 when creating
/// the foreign key, a type whose internal name is not the expected one).
pub fn generate(server: &PgServer) -> KeyCompatTable {
    let db = server.create_database();
    let mut unavailable = Vec::new();
    if let Err(e) = server.exec(&db, "CREATE EXTENSION citext") {
        eprintln!("note: citext not available ({e}); its rows are left out");
        unavailable.push("citext".to_string());
    }
    let base: Vec<(&str, &str)> = BASE_TYPES
        .iter()
        .copied()
        .filter(|(_, name)| !unavailable.iter().any(|u| u == name))
        .collect();

    // Verify that the names we write are PostgreSQL's internal names.
    let probe_cols: Vec<String> = base
        .iter()
        .enumerate()
        .map(|(i, (sql, _))| format!("c{i} {sql}"))
        .collect();
    exec_ok(
        server,
        &db,
        &format!("CREATE TABLE fklint_probe ({})", probe_cols.join(", ")),
    );
    let typnames = server
        .query(
            &db,
            "SELECT t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid \
             WHERE a.attrelid = 'fklint_probe'::regclass AND a.attnum > 0 ORDER BY a.attnum",
        )
        .unwrap_or_else(|e| panic!("probe query failed: {e}"));
    for ((sql, name), row) in base.iter().zip(&typnames) {
        assert_eq!(
            row[0], *name,
            "type `{sql}` is `{}` in pg_type, not `{name}`",
            row[0]
        );
    }

    // Enum and domain types.
    exec_ok(server, &db, "CREATE TYPE fklint_enum_a AS ENUM ('a', 'b')");
    exec_ok(server, &db, "CREATE TYPE fklint_enum_b AS ENUM ('a', 'b')");
    for b in DOMAIN_BASES {
        exec_ok(server, &db, &format!("CREATE DOMAIN fklint_dom_{b} AS {b}"));
    }

    let mut sides: Vec<Side> = base
        .iter()
        .map(|(sql, name)| Side {
            name: name.to_string(),
            sql: sql.to_string(),
            kind: Kind::Base,
        })
        .collect();
    sides.push(Side {
        name: "enum".into(),
        sql: "fklint_enum_a".into(),
        kind: Kind::EnumA,
    });
    sides.push(Side {
        name: "enum".into(),
        sql: "fklint_enum_b".into(),
        kind: Kind::EnumB,
    });
    for b in DOMAIN_BASES {
        sides.push(Side {
            name: format!("domain:{b}"),
            sql: format!("fklint_dom_{b}"),
            kind: Kind::Domain,
        });
    }

    // Which pairs to try, and under which row names.
    let mut pairs: Vec<(String, String, String, String)> = Vec::new(); // fk name, fk sql, pk name, pk sql
    for pk in sides.iter().filter(|s| s.kind != Kind::EnumB) {
        for fk in &sides {
            let (fk_name, pk_name) = match (fk.kind, pk.kind) {
                (Kind::EnumA, Kind::EnumA) => ("enum_same".to_string(), "enum_same".to_string()),
                (Kind::EnumB, Kind::EnumA) => ("enum_other".to_string(), "enum_other".to_string()),
                (Kind::EnumB, _) => continue, // same as enum_a against that type
                _ => (fk.name.clone(), pk.name.clone()),
            };
            // Base types against base types, and anything special against anything.
            pairs.push((fk_name, fk.sql.clone(), pk_name, pk.sql.clone()));
        }
    }
    for (fk_name, fk_sql, pk_name, pk_sql) in TYPMOD_PAIRS {
        pairs.push((
            fk_name.to_string(),
            fk_sql.to_string(),
            pk_name.to_string(),
            pk_sql.to_string(),
        ));
    }

    // One schema and referenced table per distinct pk spelling.
    let mut pk_sqls: Vec<String> = pairs.iter().map(|p| p.3.clone()).collect();
    pk_sqls.sort();
    pk_sqls.dedup();
    let mut setup = Vec::new();
    for (i, pk_sql) in pk_sqls.iter().enumerate() {
        setup.push(format!("CREATE SCHEMA k{i}"));
        setup.push(format!("CREATE TABLE k{i}.p (k {pk_sql} PRIMARY KEY)"));
    }
    let setup_refs: Vec<&str> = setup.iter().map(String::as_str).collect();
    let results = server.exec_each(&db, &setup_refs);
    let mut pk_possible = Vec::new();
    for (i, pk_sql) in pk_sqls.iter().enumerate() {
        if let Err(e) = &results[2 * i] {
            panic!("{}: {e}", setup[2 * i]);
        }
        pk_possible.push(match &results[2 * i + 1] {
            Ok(()) => true,
            // "data type json has no default operator class for access method btree"
            Err(e) if e.sqlstate == "42704" && e.message.contains("operator class") => false,
            Err(e) => panic!("CREATE TABLE with a {pk_sql} primary key failed unexpectedly: {e}"),
        });
    }

    let mut rows = BTreeMap::new();
    let mut tries = Vec::new(); // (row key, statement)
    for (n, (fk_name, fk_sql, pk_name, pk_sql)) in pairs.iter().enumerate() {
        let i = pk_sqls
            .binary_search(pk_sql)
            .expect("pk spelling collected above");
        let key = (fk_name.clone(), pk_name.clone());
        if !pk_possible[i] {
            insert_row(&mut rows, key, Verdict::PkImpossible);
            continue;
        }
        tries.push((
            key,
            format!("CREATE TABLE k{i}.c{n} (r {fk_sql} REFERENCES k{i}.p (k))"),
        ));
    }
    let stmts: Vec<&str> = tries.iter().map(|(_, s)| s.as_str()).collect();
    let results = server.exec_each(&db, &stmts);
    for ((key, stmt), result) in tries.into_iter().zip(results) {
        let verdict = match result {
            Ok(()) => Verdict::Accepted,
            Err(PgError { sqlstate, .. }) if sqlstate == "42804" => Verdict::Rejected,
            Err(e) => panic!("{stmt}: unexpected error {e}"),
        };
        insert_row(&mut rows, key, verdict);
    }

    KeyCompatTable {
        major_version: server.major_version(),
        rows,
        unavailable,
    }
}

fn insert_row(
    rows: &mut BTreeMap<(String, String), Verdict>,
    key: (String, String),
    verdict: Verdict,
) {
    if let Some(old) = rows.insert(key.clone(), verdict) {
        assert_eq!(
            old, verdict,
            "pair {key:?} tried twice with different verdicts"
        );
    }
}

fn exec_ok(server: &PgServer, db: &str, sql: &str) {
    if let Err(e) = server.exec(db, sql) {
        panic!("{sql}: {e}");
    }
}

impl KeyCompatTable {
    /// The file contents: `#` header lines, then sorted `fk_type<TAB>pk_type<TAB>verdict` rows.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# Foreign key type compatibility in PostgreSQL: may a column of fk_type REFERENCE a key of pk_type?\n",
        );
        out.push_str(&format!(
            "# Generated from PostgreSQL {} by `cargo run -p fklint-tests --bin gen-key-compat`; do not edit.\n",
            self.major_version
        ));
        out.push_str("# `gen-key-compat --check` and the key_compat test re-verify it against a live server.\n");
        out.push_str("# Columns (tab-separated): fk_type, pk_type, verdict. Types are pg_type.typname names.\n");
        out.push_str("# accepted: `CREATE TABLE c (r <fk_type> REFERENCES p (k))` succeeds, p.k a <pk_type> PRIMARY KEY.\n");
        out.push_str("# rejected: it fails with 42804 \"foreign key constraint ... cannot be implemented\".\n");
        out.push_str("# pk-impossible: <pk_type> cannot be a PRIMARY KEY at all (no default btree operator class).\n");
        out.push_str("# Special names: enum = an enum type (paired with a non-enum type); enum_same = the same enum\n");
        out.push_str("# type on both sides; enum_other = two different enum types; domain:<base> = a domain over <base>\n");
        out.push_str("# (paired with itself: the same domain on both sides); name(typmod) rows: length/precision.\n");
        for name in &self.unavailable {
            out.push_str(&format!(
                "# {name}: not available on the generating server; its rows are missing.\n"
            ));
        }
        for ((fk, pk), verdict) in &self.rows {
            out.push_str(&format!("{fk}\t{pk}\t{}\n", verdict.as_str()));
        }
        out
    }

    /// Differences between the committed file and this table, as human-readable lines (empty when
    /// equal). Header comments are ignored; rows of types unavailable on this server are not compared.
    pub fn diff_against(&self, committed: &str) -> Vec<String> {
        let skip = |fk: &str, pk: &str| {
            self.unavailable.iter().any(|u| {
                fk == u || pk == u || fk == format!("domain:{u}") || pk == format!("domain:{u}")
            })
        };
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
                expected.insert(
                    (fields[0].to_string(), fields[1].to_string()),
                    fields[2].to_string(),
                );
            }
        }
        for (key, verdict) in &self.rows {
            match expected.remove(key) {
                None => problems.push(format!(
                    "+ {}\t{}\t{}  (missing from the file)",
                    key.0,
                    key.1,
                    verdict.as_str()
                )),
                Some(old) if old != verdict.as_str() => problems.push(format!(
                    "~ {}\t{}\t{old} -> {}",
                    key.0,
                    key.1,
                    verdict.as_str()
                )),
                Some(_) => {}
            }
        }
        for ((fk, pk), old) in expected {
            problems.push(format!("- {fk}\t{pk}\t{old}  (no longer generated)"));
        }
        problems
    }
}
