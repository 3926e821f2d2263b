//! FK303 against a real server with two databases (DESIGN.md, "Truth"): a foreign key in database `app` to a
//! table that only database `auth` has is rejected by PostgreSQL exactly as fklint says (same SQLSTATE), its
//! forward fix runs on `app` and re-checks clean; and the warning form's claim, 23503 on insert, holds until its
//! forward fix runs. Skips without PostgreSQL unless `FKLINT_REQUIRE_PG=1`.

use fklint::{check, Database, Options, Report, Severity, Source};
use fklint_tests::pg::PgServer;

const AUTH: &str = "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\nCREATE TABLE users (id uuid PRIMARY KEY);\n";

/// `auth.sql` builds database `auth`, `app.sql` database `app`.
fn check_split(app: &str) -> Report {
    let sources = [Source::new("auth.sql", AUTH), Source::new("app.sql", app)];
    let options = Options {
        databases: vec![
            Database {
                name: "auth".into(),
                sources: vec![0],
            },
            Database {
                name: "app".into(),
                sources: vec![1],
            },
        ],
        ..Options::default()
    };
    check(&sources, &options)
}

fn errors(report: &Report) -> Vec<&fklint::Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn a_reference_into_another_database_is_rejected_and_its_fix_applies() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let auth = server.create_database();
    server.exec(&auth, AUTH).expect("the auth database builds");
    // `users` resolves to public.users, which app's own database lacks (42P01); `auth.users` names a schema it
    // lacks (3F000).
    for (target, sqlstate) in [("users", "42P01"), ("auth.users", "3F000")] {
        let app = server.create_database();
        let statement = format!(
            "CREATE TABLE posts (\n  id int PRIMARY KEY,\n  author_id uuid NOT NULL REFERENCES {target} (id),\n  title text\n)"
        );
        let rejected = server.exec(&app, &format!("{statement};"));
        assert_eq!(
            rejected.as_ref().err().map(|e| e.sqlstate.as_str()),
            Some(sqlstate),
            "{target}: {rejected:?}"
        );

        let report = check_split(&format!("{statement};\n"));
        let found = errors(&report);
        assert_eq!(found.len(), 1, "{target}: {:#?}", report.findings);
        let finding = found[0];
        assert_eq!(finding.code, "FK303");
        assert!(
            finding.message.contains(&format!("({sqlstate})")),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("only database `auth` defines"));

        let forward = finding
            .fix
            .as_ref()
            .and_then(|f| f.sql.clone())
            .expect("a forward fix");
        server
            .exec(&app, &forward)
            .unwrap_or_else(|e| panic!("{target}: the forward fix fails: {e}\n{forward}"));
        let nullable = server
            .query(
                &app,
                "SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'author_id'",
            )
            .expect("posts exists");
        assert_eq!(nullable, [["false"]], "author_id keeps no NOT NULL");
        let rechecked = check_split(&format!("{forward}\n"));
        assert!(errors(&rechecked).is_empty(), "{:#?}", rechecked.findings);
        assert!(rechecked.findings.iter().all(|f| f.code != "FK303"));
    }
}

#[test]
fn ids_from_another_database_fail_inserts_until_the_fix_runs() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let db = server.create_database();
    // The students' database has its own auth.users; the manager's id comes from the main database.
    let app = "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\nCREATE TABLE students (\n  id int PRIMARY KEY,\n  granted_by uuid NOT NULL REFERENCES auth.users (id) -- fklint: ids-from main\n);\n";
    server.exec(&db, app).expect("the schema is accepted");
    let report = check(&[Source::new("app.sql", app)], &Options::default());
    let warnings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "FK303")
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", report.findings);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert!(warnings[0].message.contains("23503"));

    let insert = "INSERT INTO students VALUES (1, '6f1c3b1e-0000-4000-8000-000000000001')";
    let failed = server.exec(&db, insert);
    assert_eq!(
        failed.as_ref().err().map(|e| e.sqlstate.as_str()),
        Some("23503")
    );
    let forward = warnings[0]
        .fix
        .as_ref()
        .and_then(|f| f.sql.clone())
        .expect("a forward fix");
    assert_eq!(
        forward,
        "ALTER TABLE students DROP CONSTRAINT students_granted_by_fkey;\nALTER TABLE students ALTER COLUMN granted_by DROP NOT NULL;"
    );
    server.exec(&db, &forward).expect("the forward fix applies");
    server
        .exec(&db, insert)
        .expect("the insert passes once the id is plain data");
}
