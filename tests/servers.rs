//! The MariaDB and SQLite harnesses prove they report what their servers do (issue 8 groundwork).

use fklint_tests::mariadb::MariaDbServer;
use fklint_tests::sqlite::SqliteDb;

#[test]
fn mariadb_rejects_int_to_bigint_and_accepts_a_valid_fk() {
    let Some(server) = MariaDbServer::start_or_skip() else {
        return;
    };
    eprintln!("MariaDB {}", server.version());
    let db = server.create_database();
    let results = server.exec_each(
        &db,
        &[
            "CREATE TABLE users (id bigint PRIMARY KEY) ENGINE=InnoDB",
            "CREATE TABLE posts (id int PRIMARY KEY, author_id int,\n  FOREIGN KEY (author_id) REFERENCES users (id)\n) ENGINE=InnoDB",
            "CREATE TABLE comments (id int PRIMARY KEY, user_id bigint,\n  CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id)\n) ENGINE=InnoDB;",
            "-- a comment line first\nSELECT 1",
            "CREATE TABLE broken (x nosuchtype)",
        ],
    );
    assert!(results[0].is_ok(), "{:?}", results[0]);
    // MariaDB: 1005 "Can't create table ... (errno: 150 ...)"; MySQL 8: 3780 "... are incompatible".
    match &results[1] {
        Err(e) => assert!(
            e.code == 3780 || (e.code == 1005 && e.message.contains("150")),
            "{e}"
        ),
        Ok(()) => panic!("int -> bigint FK accepted"),
    }
    assert!(results[2].is_ok(), "{:?}", results[2]);
    assert!(results[3].is_ok(), "{:?}", results[3]);
    assert!(results[4].is_err(), "{:?}", results[4]);

    // The FK graph, as information_schema holds it.
    let rows = server
        .query(
            &db,
            &format!(
                "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME \
                 FROM information_schema.KEY_COLUMN_USAGE \
                 WHERE TABLE_SCHEMA = '{db}' AND REFERENCED_TABLE_NAME IS NOT NULL \
                 ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"
            ),
        )
        .expect("KEY_COLUMN_USAGE");
    assert_eq!(
        rows,
        vec![vec![
            "comments".to_string(),
            "comments_user_fk".to_string(),
            "user_id".to_string(),
            "users".to_string(),
            "id".to_string()
        ]]
    );
}

#[test]
fn mariadb_exec_each_keeps_statements_with_semicolons_apart() {
    let Some(server) = MariaDbServer::start_or_skip() else {
        return;
    };
    let db = server.create_database();
    let results = server.exec_each(
        &db,
        &[
            "CREATE TABLE t (id int PRIMARY KEY, n int)",
            "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; SET NEW.n = NEW.n + 1; END",
            "INSERT INTO t (id) VALUES (1)",
            "INSERT INTO t (id) VALUES (1)",
            "INSERT INTO t (id) VALUES ('a\\\\b; -- not a comment')",
        ],
    );
    assert!(results[..3].iter().all(Result::is_ok), "{results:?}");
    assert_eq!(results[3].as_ref().map_err(|e| e.code), Err(1062)); // duplicate key
    assert!(results[4].is_err(), "{results:?}");
    let rows = server.query(&db, "SELECT id, n FROM t").expect("select");
    assert_eq!(rows, vec![vec!["1".to_string(), "2".to_string()]]);
}

#[test]
fn sqlite_accepts_fk_to_missing_table_until_insert() {
    let Some(db) = SqliteDb::create_or_skip() else {
        return;
    };
    eprintln!("SQLite {}", db.version());
    let results = db.exec_each(&[
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id))",
        "INSERT INTO posts (id, author_id) VALUES (1, NULL)",
        "INSERT INTO posts (id, author_id) VALUES (2, 7)",
        "CREATE TABLE users (id INTEGER PRIMARY KEY)",
        "INSERT INTO posts (id, author_id) VALUES (3, 7)",
        "INSERT INTO users (id) VALUES (7)",
        "INSERT INTO posts (id, author_id) VALUES (4, 7)",
    ]);
    // CREATE TABLE with an FK to a missing table is accepted.
    assert!(results[0].is_ok(), "{results:?}");
    // With foreign_keys=ON, writing through that FK fails (SQLite 3.40: "no such table: main.users"
    // at prepare time, even for a NULL value).
    assert!(results[1].is_err() && results[2].is_err(), "{results:?}");
    assert!(results[3].is_ok(), "{results:?}");
    // Now the parent exists, but not the row: a constraint failure.
    let e = results[4].as_ref().expect_err("orphan row accepted");
    assert!(e.message.contains("FOREIGN KEY constraint failed"), "{e}");
    assert!(results[5].is_ok() && results[6].is_ok(), "{results:?}");

    let fks = db.foreign_keys().expect("pragma_foreign_key_list");
    assert_eq!(
        fks,
        vec![vec![
            "posts",
            "0",
            "0",
            "users",
            "author_id",
            "id",
            "NO ACTION",
            "NO ACTION"
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()]
    );
}
