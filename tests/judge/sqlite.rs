//! SQLite as the judge of the SQLite dialect.
//!
//! SQLite accepts a foreign key to a missing table, and to a parent key that is not unique, when the table is
//! created: it only fails when a row is written through it ("no such table", "foreign key mismatch"), with
//! `PRAGMA foreign_keys=ON`. So here **a statement is rejected** when it fails, **or** when it creates a foreign
//! key that is unusable at the end of the migration: after all statements ran, every table with foreign keys is
//! probed with `BEGIN; INSERT INTO t DEFAULT VALUES; ROLLBACK` (SQLite resolves the foreign keys when it prepares
//! the INSERT, before NOT NULL or CHECK could fail), and an error naming a missing parent table or a "foreign key
//! mismatch" is charged to the statement after which that foreign key first appeared in
//! `pragma_foreign_key_list` (the CREATE TABLE, the ADD COLUMN, or the RENAME of a rebuilt table). "At the end of
//! the migration" because an FK to a table created later is accepted and works once the table exists.
//!
//! Each statement runs in its own `sqlite3` process (a new connection with `PRAGMA foreign_keys=ON`, so a
//! migration's own `PRAGMA foreign_keys=OFF` lasts for its statement only, as under a migration tool that opens
//! a connection per file), followed in the same process by a snapshot of `pragma_foreign_key_list`.

use fklint::{Dialect, Options};

use super::{Fk, Judge, Verdict};
use crate::sqlite::SqliteDb;

/// Marks the snapshot's rows apart from whatever the statement itself prints.
const MARK: &str = "fk!";

/// Every foreign key, one row per column; `to` resolved to the parent's primary key when the FK names none.
const SNAPSHOT: &str = "SELECT 'fk!', m.name, f.id, f.seq, f.\"table\", f.\"from\", \
    coalesce(f.\"to\", (SELECT p.name FROM pragma_table_info(f.\"table\") AS p WHERE p.pk = f.seq + 1), ''), \
    f.on_update, f.on_delete \
    FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f \
    WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq";

pub struct SqliteJudge;

impl SqliteJudge {
    /// `None` when `sqlite3` is not installed (and not required).
    pub fn create_or_skip() -> Option<SqliteJudge> {
        let db = SqliteDb::create_or_skip()?;
        println!("judge: SQLite {}", db.version());
        Some(SqliteJudge)
    }

    fn new_db() -> SqliteDb {
        SqliteDb::create().unwrap_or_else(|e| panic!("sqlite3: {e}"))
    }
}

/// Runs SQL and then the snapshot in one process; the foreign keys afterwards.
fn run_and_snapshot(db: &SqliteDb, sql: &str) -> Result<Vec<Fk>, String> {
    let rows = db
        .query(&format!("{sql};\n{SNAPSHOT};"))
        .map_err(|e| e.to_string())?;
    Ok(group(
        rows.iter()
            .filter(|r| r.first().map(String::as_str) == Some(MARK)),
    ))
}

/// Snapshot rows → foreign keys (grouped by table and id), normalised.
fn group<'r>(rows: impl Iterator<Item = &'r Vec<String>>) -> Vec<Fk> {
    let mut out: Vec<(String, String, Fk)> = Vec::new();
    for row in rows.filter(|r| r.len() == 9) {
        let key = (row[1].clone(), row[2].clone());
        match out.last_mut() {
            Some((t, id, fk)) if (t.clone(), id.clone()) == key => {
                fk.columns.push(row[5].clone());
                fk.ref_columns.push(row[6].clone());
            }
            _ => out.push((
                key.0,
                key.1,
                Fk {
                    table: row[1].clone(),
                    columns: vec![row[5].clone()],
                    ref_table: row[4].clone(),
                    ref_columns: vec![row[6].clone()],
                    on_delete: row[8].clone(),
                    on_update: row[7].clone(),
                    name: String::new(),
                },
            )),
        }
    }
    let mut fks: Vec<Fk> = out
        .into_iter()
        .map(|(_, _, fk)| fk.normalized(Dialect::Sqlite))
        .collect();
    fks.sort();
    fks
}

/// The probe's error for each table with foreign keys whose INSERT cannot even be prepared because of one:
/// (table, message).
fn probe(db: &SqliteDb, fks: &[Fk]) -> Vec<(String, String)> {
    let mut tables: Vec<&str> = fks.iter().map(|fk| fk.table.as_str()).collect();
    tables.dedup();
    tables
        .into_iter()
        .filter_map(|table| {
            let quoted = table.replace('"', "\"\"");
            let sql = format!("BEGIN; INSERT INTO \"{quoted}\" DEFAULT VALUES; ROLLBACK;");
            let e = db.exec(&sql).err()?;
            let fk_error =
                e.message.contains("no such table") || e.message.contains("foreign key mismatch");
            fk_error.then(|| (table.to_string(), e.message))
        })
        .collect()
}

/// The foreign keys of `table` a probe error is about: those to the table it names (all of the table's when
/// it names none).
fn blamed<'f>(fks: &'f [Fk], table: &str, message: &str) -> Vec<&'f Fk> {
    let lower = message.to_lowercase();
    let of_table: Vec<&Fk> = fks.iter().filter(|fk| fk.table == table).collect();
    let named: Vec<&Fk> = of_table
        .iter()
        .copied()
        .filter(|fk| {
            lower.ends_with(&format!(".{}", fk.ref_table))
                || lower.contains(&format!("referencing \"{}\"", fk.ref_table))
        })
        .collect();
    if named.is_empty() {
        of_table
    } else {
        named
    }
}

impl Judge for SqliteJudge {
    type Db = SqliteDb;

    fn options(&self) -> Options {
        Options {
            dialect: Dialect::Sqlite,
            ..Options::default()
        }
    }

    fn apply(&self, statements: &[&str]) -> (SqliteDb, Vec<Verdict>) {
        let db = Self::new_db();
        let mut verdicts = Vec::with_capacity(statements.len());
        // After each statement, the foreign keys (an error leaves them as they were).
        let mut snapshots: Vec<Vec<Fk>> = Vec::with_capacity(statements.len());
        for statement in statements {
            let previous = snapshots.last().cloned().unwrap_or_default();
            match run_and_snapshot(&db, statement) {
                Ok(fks) => {
                    verdicts.push(Ok(()));
                    snapshots.push(fks);
                }
                Err(e) => {
                    verdicts.push(Err(e));
                    snapshots.push(previous);
                }
            }
        }
        let last = snapshots.last().cloned().unwrap_or_default();
        for (table, message) in probe(&db, &last) {
            for fk in blamed(&last, &table, &message) {
                // The statement after which this foreign key appeared last.
                let appeared = (0..snapshots.len()).rev().find(|&i| {
                    snapshots[i].contains(fk) && (i == 0 || !snapshots[i - 1].contains(fk))
                });
                if let Some(i) = appeared {
                    if verdicts[i].is_ok() {
                        verdicts[i] = Err(format!(
                            "accepted, but its foreign key {} is unusable: {message}",
                            fk.label(false)
                        ));
                    }
                }
            }
        }
        (db, verdicts)
    }

    fn run_script(&self, db: &SqliteDb, sql: &str) -> Verdict {
        db.exec(sql).map_err(|e| e.to_string())
    }

    fn foreign_keys(&self, db: &SqliteDb) -> Vec<Fk> {
        run_and_snapshot(db, "SELECT 1").unwrap_or_else(|e| panic!("snapshot failed: {e}"))
    }

    fn unusable(&self, db: &SqliteDb) -> Vec<String> {
        let fks = self.foreign_keys(db);
        probe(db, &fks)
            .into_iter()
            .map(|(table, message)| format!("{table}: {message}"))
            .collect()
    }

    fn compares_names(&self) -> bool {
        false
    }
}
