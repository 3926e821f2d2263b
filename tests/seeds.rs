//! The seed write-ups (`../shared/seeds`) as SQL: fklint must report every problem each describes, with the fix
//! it arrived at (or a better one), and PostgreSQL must agree.

use std::collections::BTreeSet;

use fklint::{check, schema, Options, Report, Severity, Source};
use fklint_tests::example_sources;
use fklint_tests::pg::PgServer;

/// `examples/dotmac-platform`, in migration order.
fn dotmac_sources() -> Vec<Source> {
    example_sources("dotmac-platform")
}

fn codes<'a>(report: &'a Report, code: &str) -> Vec<&'a fklint::Finding> {
    report.findings.iter().filter(|f| f.code == code).collect()
}

/// "Schema Fix: Foreign Key Corrections": seven FKs to `tenant`/`user` with Integer columns.
#[test]
fn sqlalchemy_models_write_up_finds_all_seven_names_and_types() {
    let report = check(&dotmac_sources(), &Options::default());
    // A table whose CREATE PostgreSQL rejects does not exist for later statements: references to it are
    // consequences that name that CREATE (`caused_by`), not problems of their own.
    let roots = |code| -> Vec<&fklint::Finding> {
        codes(&report, code)
            .into_iter()
            .filter(|f| f.caused_by.is_none())
            .collect()
    };
    let missing = roots("FK101");
    let types = roots("FK201");
    assert_eq!(missing.len(), 7, "{:#?}", report.findings);
    assert_eq!(types.len(), 7, "{:#?}", report.findings);
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.caused_by.is_none())
        .count();
    assert_eq!(
        errors, 14,
        "only the seven names and seven types are errors of their own"
    );

    let suggested: BTreeSet<(usize, String)> = missing
        .iter()
        .map(|f| {
            let edit = &f.fix.as_ref().expect("FK101 has a fix").edits[0];
            (f.position.line, edit.replacement.clone())
        })
        .collect();
    let tenants = suggested.iter().filter(|(_, r)| r == "tenants").count();
    let users = suggested.iter().filter(|(_, r)| r == "users").count();
    assert_eq!((tenants, users), (2, 5), "{suggested:?}");

    // The write-up's "after" table: String(255) for tenants.id. For users.id (uuid) the write-up also chose
    // String(255), which PostgreSQL rejects (varchar → uuid is 42804); fklint's fix is uuid.
    let new_types: Vec<(String, String)> = types
        .iter()
        .map(|f| {
            let fix = f.fix.as_ref().expect("FK201 has a fix");
            (
                f.message.split('`').nth(1).unwrap_or("").to_string(),
                fix.edits[0].replacement.clone(),
            )
        })
        .collect();
    for (column, new_type) in &new_types {
        let expected = if column.ends_with("tenant_id") {
            "VARCHAR(255)"
        } else {
            "UUID"
        };
        assert_eq!(new_type, expected, "{column}");
    }
}

/// The forward fixes, applied after the broken migrations on a real PostgreSQL, create all seven FKs with the
/// right types, and the fixed migration checks clean.
#[test]
fn sqlalchemy_models_forward_fixes_apply_on_postgres() {
    let Some(pg) = PgServer::start_or_skip() else {
        return;
    };
    let sources = dotmac_sources();
    let report = check(&sources, &Options::default());
    let db = pg.create_database();
    let mut rejected = 0;
    for source in &sources {
        let statements: Vec<&str> = fklint::split::split(&source.text)
            .iter()
            .map(|p| p.span.slice(&source.text))
            .collect();
        rejected += pg
            .exec_each(&db, &statements)
            .iter()
            .filter(|r| r.is_err())
            .count();
    }
    assert!(
        rejected >= 5,
        "PostgreSQL rejects the broken CREATE TABLEs (and the indexes on them)"
    );

    let mut forward: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.fix.as_ref()?.sql.clone())
        .collect();
    // In finding order (the report is sorted by location), each corrected statement once: that is the fix
    // migration to run after the broken one.
    let mut seen = BTreeSet::new();
    forward.retain(|sql| seen.insert(sql.clone()));
    assert_eq!(
        forward.len(),
        4,
        "one corrected statement per broken table: {forward:#?}"
    );
    for sql in &forward {
        pg.exec(&db, sql)
            .unwrap_or_else(|e| panic!("forward fix failed: {e:?}\n{sql}"));
    }
    let rows = pg
        .query(
            &db,
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, format_type(a.atttypid, a.atttypmod)
             FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' ORDER BY 1, 2",
        )
        .unwrap();
    let fks: Vec<String> = rows.iter().map(|r| r.join(" ")).collect();
    let expected = [
        "deployment_executions instance_id deployment_instances integer",
        "deployment_executions triggered_by users uuid",
        "deployment_instances approved_by users uuid",
        "deployment_instances deployed_by users uuid",
        "orders approved_by users uuid",
        "orders tenant_id tenants character varying(255)",
        "service_activations activated_by users uuid",
        "service_activations tenant_id tenants character varying(255)",
        "workflow_executions tenant_id tenants character varying(255)",
    ];
    assert_eq!(fks, expected);

    // The edit fixes, applied to the files, leave no error.
    let fixed: Vec<Source> = sources.iter().map(|s| apply_edits(s, &report)).collect();
    let recheck = check(&fixed, &Options::default());
    let errors: Vec<_> = recheck
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(schema(&fixed, &Options::default()).foreign_keys.len(), 9);
}

/// Applies every edit of every error finding to one source (non-overlapping, from the end).
fn apply_edits(source: &Source, report: &Report) -> Source {
    let mut edits: Vec<&fklint::diagnostic::Edit> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .filter(|e| e.file == source.name)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.start, e.end)));
    edits.dedup_by_key(|e| (e.start, e.end));
    let mut text = source.text.clone();
    for edit in edits {
        text.replace_range(edit.start..edit.end, &edit.replacement);
    }
    Source::new(source.name.clone(), text)
}

/// `examples/engarde-seed-data`, in migration order.
fn engarde_sources() -> Vec<Source> {
    example_sources("engarde-seed-data")
}

/// "Database and Data Model Fixes": `tenant_roles` never created (FK101), seed rows referencing brands that were
/// never inserted (FK501), and the users upsert `ON CONFLICT (email) DO UPDATE` that keeps existing ids while
/// the rows after it use the ids it wrote (FK502).
#[test]
fn engarde_seed_write_up_finds_missing_table_missing_rows_and_the_upsert() {
    let sources = engarde_sources();
    let report = check(&sources, &Options::default());

    let missing = codes(&report, "FK101");
    assert_eq!(missing.len(), 1, "{:#?}", report.findings);
    assert!(missing[0].message.contains("tenant_users.role_id"));
    assert!(missing[0].message.contains("`tenant_roles`"));

    let rows = codes(&report, "FK501");
    let brands: BTreeSet<&str> = rows
        .iter()
        .filter_map(|f| f.message.split('\'').nth(1))
        .collect();
    assert_eq!(
        brands,
        BTreeSet::from([
            "brand-demo-main-health",
            "brand-demo-main-retail",
            "brand-demo-main-tech"
        ]),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|f| f.severity == Severity::Error
        && f.message.contains("brand_members.brand_id")
        && f.message.contains("(23503)")));

    let upserts = codes(&report, "FK502");
    assert_eq!(upserts.len(), 1, "{:#?}", report.findings);
    let upsert = upserts[0];
    assert_eq!(upsert.severity, Severity::Warning);
    assert!(upsert.message.contains("ON CONFLICT (email)"));
    assert!(upsert.message.contains("'user-demo-main'"));
    // The later rows that use the written ids: the brand_members rows. (The tenant_users rows would too, but
    // PostgreSQL rejects the CREATE TABLE tenant_users, whose role_id references the missing tenant_roles: those
    // INSERTs fail on a table that does not exist.)
    assert_eq!(upsert.related.len(), 11, "{:#?}", upsert.related);

    // Nothing else is an error: the rows that reference inserted parents are fine.
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(errors, 1 + 3, "{:#?}", report.findings);
}

/// PostgreSQL agrees: the brand_members INSERT is rejected with 23503, and re-running the seed on a database
/// whose users already exist with other ids breaks the rows after the upsert.
#[test]
fn engarde_seed_write_up_on_postgres() {
    let Some(pg) = PgServer::start_or_skip() else {
        return;
    };
    let sources = engarde_sources();
    let db = pg.create_database();
    let mut rejected = Vec::new();
    for source in &sources {
        let statements: Vec<&str> = fklint::split::split(&source.text)
            .iter()
            .map(|p| p.span.slice(&source.text))
            .collect();
        for (statement, result) in statements.iter().zip(pg.exec_each(&db, &statements)) {
            if let Err(e) = result {
                rejected.push((statement.to_string(), e.sqlstate));
            }
        }
    }
    let brand_members = rejected
        .iter()
        .find(|(s, _)| s.starts_with("INSERT INTO brand_members"))
        .expect("PostgreSQL rejects the brand_members seed rows");
    assert_eq!(brand_members.1, "23503");
    assert!(rejected
        .iter()
        .any(|(s, code)| s.starts_with("CREATE TABLE tenant_users") && code == "42P01"));
}
