//! The throwaway-PostgreSQL harness itself.

use fklint_tests::pg::{PgError, PgServer};

#[test]
fn exec_each_reports_each_statement() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let db = server.create_database();
    let results = server.exec_each(
        &db,
        &[
            "CREATE TABLE a(id int primary key)",
            "CREATE TABLE b(a_id int references missing(id))",
            "CREATE TABLE c(a_id text references a(id))",
        ],
    );
    assert_eq!(results.len(), 3);
    assert_eq!(results[0], Ok(()));
    assert_eq!(
        results[1].as_ref().unwrap_err().sqlstate,
        "42P01",
        "{:?}",
        results[1]
    );
    assert_eq!(
        results[1].as_ref().unwrap_err().message,
        "relation \"missing\" does not exist"
    );
    assert_eq!(
        results[2].as_ref().unwrap_err().sqlstate,
        "42804",
        "{:?}",
        results[2]
    );
    assert!(
        results[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("cannot be implemented"),
        "{:?}",
        results[2]
    );
}

#[test]
fn exec_each_statements_are_independent_and_verbatim() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let db = server.create_database();
    let results = server.exec_each(
        &db,
        &[
            // An unterminated literal must not swallow the following statements.
            "SELECT 'unterminated",
            "CREATE TABLE t (x int, note text DEFAULT ':not_a_psql_variable')",
            "-- only a comment",
            "INSERT INTO t VALUES (1); INSERT INTO t VALUES ('x')", // one implicit transaction: both roll back
            "INSERT INTO t VALUES (2)",
            "SELECT 1/0",
            "INSERT INTO t VALUES (3)",
        ],
    );
    assert_eq!(results.len(), 7);
    assert_eq!(results[0].as_ref().unwrap_err().sqlstate, "42601");
    assert_eq!(results[1], Ok(()));
    assert_eq!(results[2], Ok(()));
    assert_eq!(results[3].as_ref().unwrap_err().sqlstate, "22P02");
    assert_eq!(results[4], Ok(()));
    assert_eq!(
        results[5],
        Err(PgError {
            sqlstate: "22012".into(),
            message: "division by zero".into()
        })
    );
    assert_eq!(results[6], Ok(()));
    let rows = server
        .query(&db, "SELECT x, note FROM t ORDER BY x")
        .unwrap();
    assert_eq!(
        rows,
        vec![
            vec!["2".to_string(), ":not_a_psql_variable".into()],
            vec!["3".into(), ":not_a_psql_variable".into()]
        ]
    );
}

#[test]
fn exec_stops_at_first_error_and_query_returns_rows() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    assert!(server.major_version() >= 10, "{}", server.version());
    let db = server.create_database();
    let err = server
        .exec(&db, "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\nCREATE TABLE never (x int);")
        .unwrap_err();
    assert_eq!(err.sqlstate, "23505");
    assert!(
        err.message
            .starts_with("duplicate key value violates unique constraint"),
        "{err:?}"
    );
    let rows = server
        .query(
            &db,
            "SELECT count(*) FROM pg_class WHERE relname IN ('a', 'never')",
        )
        .unwrap();
    assert_eq!(rows, vec![vec!["1".to_string()]]);
    // NULL, empty strings, tabs and newlines survive; no rows is an empty Vec.
    let rows = server
        .query(&db, "SELECT NULL::text, '', E'a\\tb\\nc'")
        .unwrap();
    assert_eq!(
        rows,
        vec![vec![String::new(), String::new(), "a\tb\nc".to_string()]]
    );
    assert_eq!(
        server.query(&db, "SELECT 1 WHERE false").unwrap(),
        Vec::<Vec<String>>::new()
    );
    assert_eq!(
        server.query(&db, "SELECT nope").unwrap_err().sqlstate,
        "42703"
    );
    assert_eq!(
        server.exec("no_such_db", "SELECT 1").unwrap_err().sqlstate,
        "08006"
    );
}

#[test]
fn two_servers_run_side_by_side_and_clean_up() {
    let Some(a) = PgServer::start_or_skip() else {
        return;
    };
    let b = PgServer::start().expect("second server");
    let (da, db) = (a.create_database(), b.create_database());
    a.exec(&da, "CREATE TABLE only_in_a (x int)").unwrap();
    assert!(b.query(&db, "SELECT 'only_in_a'::regclass").is_err());
    let dir = a.data_dir().parent().unwrap().to_path_buf();
    drop(a);
    assert!(!dir.exists(), "{} left behind", dir.display());
    assert_eq!(
        b.query(&db, "SELECT 1").unwrap(),
        vec![vec!["1".to_string()]]
    );
}
