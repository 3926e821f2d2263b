//! SQLite is the judge of the SQLite dialect (DESIGN.md, "Truth"), with the driver of `tests/judge/`.
//!
//! Each fixture of `tests/oracle/sqlite/*.sql` is cut by fklint's `sqlite3` splitter and applied statement by
//! statement to a fresh database file, and checked with `--dialect sqlite`. **Rejected** means: the statement
//! fails, or it creates a foreign key that SQLite cannot use at the end of the migration: SQLite accepts an FK
//! to a missing table or to a non-unique parent key at CREATE time and only fails when a row is written
//! ("no such table", "foreign key mismatch"); `tests/judge/sqlite.rs` probes every table with an INSERT in a
//! rolled-back transaction after the last statement and charges such an error to the statement that created
//! the FK. The checks are those of `tests/oracle_mysql.rs`: error findings ⇔ rejections, the `-- expect:`
//! headers, `fklint::schema` = `pragma_foreign_key_list` (SQLite stores no constraint names: not compared;
//! table names compared case-insensitively), and every fix applies and clears its finding (after a forward fix
//! no FK may be unusable).
//!
//! Without `sqlite3` it skips, unless `FKLINT_REQUIRE_SQLITE=1`.

use std::path::Path;

use fklint_tests::judge::{self, sqlite::SqliteJudge};

#[test]
fn sqlite_judges_the_sqlite_dialect() {
    let Some(judge) = SqliteJudge::create_or_skip() else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle/sqlite");
    judge::oracle(&judge, &dir, "SQLite");
}
