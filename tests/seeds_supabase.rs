//! The Supabase write-ups of `../shared/seeds` as SQL (`examples/`): fklint reports exactly the problems each
//! describes, with the fixes they applied, and the forward fixes work on PostgreSQL with the Supabase stub of
//! `../shared/corpus/stubs/`: the FKs point where the write-up moved them, and a new `auth.users` row reaches
//! `public.users`.

use std::collections::BTreeSet;

use fklint::{check, Options, Report, Severity, Source};
use fklint_tests::example_sources as example;
use fklint_tests::pg::PgServer;

/// `code subject` for every warning and error: the subject is the message up to the first space.
fn problems(report: &Report) -> Vec<String> {
    let mut found: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| format!("{} {}", f.code, f.message.split(' ').next().unwrap_or("")))
        .collect();
    found.sort();
    found
}

#[test]
fn band_app_write_up_finds_the_six_auth_users_fks_the_missing_sync_and_the_trigger() {
    let report = check(&example("band-app-mixed-users"), &Options::default());
    assert_eq!(
        problems(&report),
        [
            "FK301 audit_log.user_id",
            "FK301 practice_sessions.last_modified_by",
            "FK301 setlists.last_modified_by",
            "FK301 shows.created_by",
            "FK301 shows.last_modified_by",
            "FK301 songs.last_modified_by",
            "FK304 `public.users`",
            "FK305 setlists.created_by",
        ]
    );
    // The write-up's fix: every one of the six re-pointed to public.users.
    for finding in report.findings.iter().filter(|f| f.code == "FK301") {
        let sql = finding
            .fix
            .as_ref()
            .and_then(|f| f.sql.as_deref())
            .unwrap_or("");
        assert!(sql.contains("REFERENCES users (id)"), "{sql}");
    }
}

#[test]
fn audit_write_up_finds_the_missing_sync_trigger_and_the_failing_insert() {
    let report = check(&example("audit-missing-user-sync"), &Options::default());
    assert_eq!(
        problems(&report),
        ["FK304 `public.users`", "FK305 audit_logs.user_id"]
    );
    let sync = report.findings.iter().find(|f| f.code == "FK304").unwrap();
    let sql = sync.fix.as_ref().and_then(|f| f.sql.as_deref()).unwrap();
    for piece in [
        "SECURITY DEFINER",
        "SET search_path = ''",
        "AFTER INSERT ON auth.users",
        "LEFT JOIN public.users AS m ON m.id = u.id",
        "WHERE m.id IS NULL",
    ] {
        assert!(sql.contains(piece), "{piece} in\n{sql}");
    }
}

#[test]
fn tripwire_write_up_finds_the_two_foreign_keys_to_users_of_the_main_database() {
    let report = check(&example("tripwire-cross-database"), &Options::default());
    // FK302 on user_id is beyond the write-up (it was about creating students): deleting a student's auth user
    // fails while their tripwire_users row exists, which is true of the schema as written.
    assert_eq!(
        problems(&report),
        [
            "FK302 tripwire_users.user_id",
            "FK303 sales_analytics.manager_id",
            "FK303 tripwire_users.granted_by",
        ]
    );
    // The write-up's fix: drop the constraint and the NOT NULL, keep the id as plain data.
    let granted_by = report
        .findings
        .iter()
        .find(|f| f.code == "FK303" && f.message.starts_with("tripwire_users.granted_by"))
        .and_then(|f| f.fix.as_ref()?.sql.clone())
        .unwrap();
    assert!(
        granted_by.contains("DROP CONSTRAINT tripwire_users_granted_by_fkey"),
        "{granted_by}"
    );
    assert!(
        granted_by.contains("ALTER COLUMN granted_by DROP NOT NULL"),
        "{granted_by}"
    );
}

/// The example applied, then the forward fixes of its FK30x findings; with a sync trigger among them, a user who
/// signed up before the fix is backfilled and one who signs up after it is copied; the fixed migrations re-check
/// without those findings.
fn forward_fixes_work_on_postgres(name: &str) {
    let Some(pg) = PgServer::start_or_skip() else {
        return;
    };
    let sources = example(name);
    let report = check(&sources, &Options::default());
    let db = pg.create_database();
    // The shared corpus's Supabase stub stands in for the platform when it is there (the example's own stub,
    // which fklint checked, otherwise).
    let shared_stub = fklint_tests::corpus::corpus_root()
        .map(|root| root.join("stubs/supabase_stub.sql"))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|text| Source::new("supabase_stub.sql", text));
    let applied: Vec<&Source> = match &shared_stub {
        Some(stub) => std::iter::once(stub)
            .chain(
                sources
                    .iter()
                    .filter(|s| !s.name.contains("supabase_auth_stub")),
            )
            .collect(),
        None => sources.iter().collect(),
    };
    for source in applied {
        let statements: Vec<&str> = fklint::split::split(&source.text)
            .iter()
            .map(|p| p.span.slice(&source.text))
            .collect();
        for (i, result) in pg.exec_each(&db, &statements).iter().enumerate() {
            assert!(result.is_ok(), "{} statement {i}: {result:?}", source.name);
        }
    }
    let early = "00000000-0000-4000-8000-0000000000e1";
    pg.exec(
        &db,
        &format!("INSERT INTO auth.users (id, email) VALUES ('{early}', 'early@example.com')"),
    )
    .unwrap();
    let mut seen = BTreeSet::new();
    let forward: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code.starts_with("FK30"))
        .filter_map(|f| f.fix.as_ref()?.sql.clone())
        .filter(|sql| seen.insert(sql.clone()))
        .collect();
    assert!(!forward.is_empty());
    let migration = forward.join("\n");
    let statements: Vec<&str> = fklint::split::split(&migration)
        .iter()
        .map(|p| p.span.slice(&migration))
        .collect();
    for (i, result) in pg.exec_each(&db, &statements).iter().enumerate() {
        assert!(
            result.is_ok(),
            "forward statement {i}: {result:?}\n{}",
            statements[i]
        );
    }
    let late = "00000000-0000-4000-8000-0000000000e2";
    pg.exec(
        &db,
        &format!("INSERT INTO auth.users (id, email) VALUES ('{late}', 'late@example.com')"),
    )
    .unwrap();
    if migration.contains("AFTER INSERT ON auth.users") {
        let copied = pg
            .query(
                &db,
                &format!("SELECT count(*) FROM public.users WHERE id IN ('{early}', '{late}')"),
            )
            .unwrap();
        assert_eq!(copied[0][0], "2", "backfilled and copied");
    }
    let mut fixed = sources.clone();
    fixed.push(Source::new("9999_fklint_forward.sql", migration));
    let recheck = check(&fixed, &Options::default());
    let left: Vec<_> = recheck
        .findings
        .iter()
        .filter(|f| f.code.starts_with("FK30"))
        .map(|f| format!("{} {}", f.code, f.message))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}

#[test]
fn band_app_forward_fixes_work_on_postgres() {
    forward_fixes_work_on_postgres("band-app-mixed-users");
}

#[test]
fn audit_forward_fixes_work_on_postgres() {
    forward_fixes_work_on_postgres("audit-missing-user-sync");
}

#[test]
fn tripwire_forward_fixes_work_on_postgres() {
    forward_fixes_work_on_postgres("tripwire-cross-database");
}
