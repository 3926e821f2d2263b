//! MariaDB as the judge of the MySQL dialect: a statement is rejected when the server returns an error for it
//! (with `FOREIGN_KEY_CHECKS=1`, the session default, unless the migration sets it); the FK graph is
//! `information_schema.KEY_COLUMN_USAGE` joined with `REFERENTIAL_CONSTRAINTS` for the actions.

use std::collections::BTreeMap;

use fklint::server::{Server, ServerVersion};
use fklint::{Dialect, Options};

use super::{slices, statement_spans, Fk, Judge, Verdict};
use crate::mariadb::MariaDbServer;

pub struct MySqlJudge {
    pub server: MariaDbServer,
}

impl MySqlJudge {
    /// `None` when MariaDB is not installed (and not required).
    pub fn start_or_skip() -> Option<MySqlJudge> {
        let server = MariaDbServer::start_or_skip()?;
        println!("judge: {}", server.version());
        Some(MySqlJudge { server })
    }

    /// The server's version as fklint's `--target` (`10.11.19-MariaDB-...` → `mariadb-10.11`).
    pub fn target(&self) -> Option<ServerVersion> {
        let version = self.server.version();
        let product = if self.server.is_mariadb() {
            Server::MariaDb
        } else {
            Server::MySql
        };
        let mut numbers = version
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok());
        Some(ServerVersion::new(
            product,
            numbers.next()?,
            numbers.next()?,
        ))
    }
}

impl Judge for MySqlJudge {
    type Db = String;

    fn options(&self) -> Options {
        Options {
            dialect: Dialect::MySql,
            target: self.target(),
            ..Options::default()
        }
    }

    fn apply(&self, statements: &[&str]) -> (String, Vec<Verdict>) {
        let db = self.server.create_database();
        let verdicts = self
            .server
            .exec_each(&db, statements)
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect();
        (db, verdicts)
    }

    fn run_script(&self, db: &String, sql: &str) -> Verdict {
        let spans = statement_spans(sql, Dialect::MySql);
        let results = self.server.exec_each(db, &slices(sql, &spans));
        match results.into_iter().find_map(Result::err) {
            Some(e) => Err(e.to_string()),
            None => Ok(()),
        }
    }

    fn foreign_keys(&self, db: &String) -> Vec<Fk> {
        mysql_foreign_keys(&self.server, std::slice::from_ref(db))
    }

    fn unusable(&self, _db: &String) -> Vec<String> {
        Vec::new()
    }

    fn compares_names(&self) -> bool {
        true
    }
}

/// Every foreign key of the tables in the `databases` (a dump may create and `USE` its own), from
/// `information_schema`, normalised.
pub fn mysql_foreign_keys(server: &MariaDbServer, databases: &[String]) -> Vec<Fk> {
    let list = databases
        .iter()
        .map(|d| format!("'{}'", d.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, \
         r.DELETE_RULE, r.UPDATE_RULE, k.TABLE_SCHEMA \
         FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME \
         AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME \
         WHERE k.TABLE_SCHEMA IN ({list}) AND k.REFERENCED_TABLE_NAME IS NOT NULL \
         ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"
    );
    let rows = server
        .query("", &sql)
        .unwrap_or_else(|e| panic!("information_schema query failed: {e}"));
    let mut fks: BTreeMap<(String, String, String), Fk> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.len() == 8) {
        let fk = fks
            .entry((row[7].clone(), row[0].clone(), row[1].clone()))
            .or_insert_with(|| Fk {
                table: row[0].clone(),
                columns: Vec::new(),
                ref_table: row[3].clone(),
                ref_columns: Vec::new(),
                on_delete: row[5].clone(),
                on_update: row[6].clone(),
                name: row[1].clone(),
            });
        fk.columns.push(row[2].clone());
        fk.ref_columns.push(row[4].clone());
    }
    let mut out: Vec<Fk> = fks
        .into_values()
        .map(|fk| fk.normalized(Dialect::MySql))
        .collect();
    out.sort();
    out
}
