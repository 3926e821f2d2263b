//! MariaDB is the judge of the MySQL dialect (DESIGN.md, "Truth"), with the driver of `tests/judge/`.
//!
//! Each fixture of `tests/oracle/mysql/*.sql` is cut by fklint's `mysql`-client splitter and applied statement
//! by statement (autocommit, one client session, so `SET FOREIGN_KEY_CHECKS=0` carries over as in a dump) to a
//! fresh database of one throwaway MariaDB server, and checked with `--dialect mysql --target mariadb-<server
//! version>`:
//! 1. the statements holding an `error` finding are exactly those MariaDB rejects;
//! 2. the fixture headers (`-- expect:`) hold;
//! 3. on every fixture MariaDB accepts entirely, `fklint::schema`'s foreign keys equal `KEY_COLUMN_USAGE` +
//!    `REFERENTIAL_CONSTRAINTS` (names included; InnoDB reports an unspecified action as RESTRICT);
//! 4. every forward fix runs on a database that ran the fixture and clears its finding; every edit fix clears it
//!    and makes MariaDB reject fewer statements (see `judge::fix_agreement`).
//!
//! One server for the whole binary, so all checks are one test. Without MariaDB it skips, unless
//! `FKLINT_REQUIRE_MARIADB=1`.

use std::path::Path;

use fklint_tests::judge::{self, mysql::MySqlJudge};

#[test]
fn mariadb_judges_the_mysql_dialect() {
    let Some(judge) = MySqlJudge::start_or_skip() else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle/mysql");
    judge::oracle(&judge, &dir, "MariaDB");
}
