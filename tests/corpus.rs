//! The real-world PostgreSQL corpus against its truth (`shared/corpus`, see `tests/corpus/mod.rs`).
//!
//! For every item: (a) `fklint::check` must report no `error` (PostgreSQL accepted every statement), and
//! (b) the FKs of `fklint::schema` must equal the truth's, partition copies excluded, on table, constraint name,
//! columns, referenced table and columns, actions and deferrability.
//!
//! One test per item. Each prints a summary of its findings by code (to stderr, uncaptured, so it shows on
//! success too). Missing corpus: a note and a skip; `FKLINT_REQUIRE_CORPUS=1` makes it a failure.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use fklint::{Options, Severity};
use fklint_tests::corpus::{self, diff_foreign_keys};

/// sqlparser recurses; debug builds use big frames. Run the pipeline on threads with room to spare.
const STACK: usize = 256 * 1024 * 1024;

fn run_item(name: &str) {
    let Some(item) = corpus::postgres_item(name) else {
        return;
    };
    let item = std::sync::Arc::new(item);
    let started = std::time::Instant::now();
    // check and schema each run the whole pipeline: run them side by side.
    let check = {
        let item = item.clone();
        std::thread::Builder::new()
            .name(format!("check {name}"))
            .stack_size(STACK)
            .spawn(move || fklint::check(&item.sources, &Options::default()))
            .unwrap()
    };
    let schema = {
        let item = item.clone();
        std::thread::Builder::new()
            .name(format!("schema {name}"))
            .stack_size(STACK)
            .spawn(move || fklint::schema(&item.sources, &Options::default()))
            .unwrap()
    };
    let report = check
        .join()
        .unwrap_or_else(|_| panic!("{name}: fklint::check panicked"));
    let schema = schema
        .join()
        .unwrap_or_else(|_| panic!("{name}: fklint::schema panicked"));
    let elapsed = started.elapsed();

    let mut out = String::new();
    let truth = item.truth_fks();
    let _ = writeln!(
        out,
        "== corpus {name}: {} sources ({} pre-steps), {} bytes, truth {} FKs ({} partition copies excluded), {:.2?}",
        item.sources.len(),
        item.pre_step_count,
        item.bytes(),
        truth.len(),
        item.truth.len() - truth.len(),
        elapsed
    );
    let s = &report.summary;
    let _ = writeln!(
        out,
        "  summary: statements {}, unparsed {}, skipped {}, tables {}, foreign_keys {}",
        s.statements, s.unparsed, s.skipped, s.tables, s.foreign_keys
    );
    out.push_str(&findings_by_code(&report));
    // Always shown (uncaptured), so warnings are seen on success too; the details below go to the failure.
    let _ = std::io::stderr().lock().write_all(out.as_bytes());

    // (a) no errors
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "  {} error finding(s) (PostgreSQL accepted all of this):",
            errors.len()
        );
        for f in &errors {
            let _ = writeln!(
                out,
                "    {}:{}: {} {}: {}",
                f.position.file, f.position.line, f.code, f.name, f.message
            );
        }
    }

    // (b) FK set equals the truth (known truth gaps expected as extras, see `TruthGap`)
    let mut diff = diff_foreign_keys(&truth, &schema.foreign_keys);
    let (gaps, stale_gaps) = diff.take_truth_gaps(item.spec.truth_gaps);
    let mut gap_lines = String::new();
    for (key, origin, why) in &gaps {
        let _ = writeln!(gap_lines, "  truth gap (reported, expected missing from the truth): {key}   [{origin}]\n      why: {why}");
    }
    let _ = std::io::stderr().lock().write_all(gap_lines.as_bytes());
    out.push_str(&gap_lines);
    for gap in &stale_gaps {
        let _ = writeln!(
            out,
            "  stale truth gap: {} {} is no longer reported; remove it from tests/corpus/mod.rs",
            gap.table, gap.constraint
        );
    }
    out.push_str(&diff.render(20));

    let mut failures = Vec::new();
    if !errors.is_empty() {
        failures.push(format!("{} error finding(s)", errors.len()));
    }
    if !stale_gaps.is_empty() {
        failures.push(format!("{} stale truth gap(s)", stale_gaps.len()));
    }
    if !diff.is_empty() {
        failures.push(format!(
            "FKs differ from {}: {} missing, {} extra",
            item.truth_path.display(),
            diff.missing.len(),
            diff.extra.len()
        ));
    }
    assert!(
        failures.is_empty(),
        "corpus item {name}: {}\n{out}",
        failures.join("; ")
    );
}

/// `  findings: 12 (FK001 info 3, FK404 info 9)`, always printed so warnings are seen.
fn findings_by_code(report: &fklint::Report) -> String {
    let mut by_code: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &report.findings {
        *by_code.entry((f.code, f.severity.as_str())).or_default() += 1;
    }
    let parts: Vec<String> = by_code
        .iter()
        .map(|((code, sev), n)| format!("{code} {sev} {n}"))
        .collect();
    let mut out = format!("  findings: {}", report.findings.len());
    if !parts.is_empty() {
        let _ = write!(out, " ({})", parts.join(", "));
    }
    out.push('\n');
    // Warnings are not failures, but show where the first few are.
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .take(5)
    {
        let _ = writeln!(
            out,
            "    warning {}:{}: {} {}",
            f.position.file, f.position.line, f.code, f.message
        );
    }
    out
}

macro_rules! corpus_tests {
    ($($test:ident => $item:literal,)*) => {
        $(
            #[test]
            fn $test() {
                run_item($item);
            }
        )*

        /// Every item of `POSTGRES_ITEMS` has a test above, and nothing else does.
        #[test]
        fn every_item_has_a_test() {
            let tested: &[&str] = &[$($item),*];
            for spec in corpus::POSTGRES_ITEMS {
                assert!(tested.contains(&spec.name), "corpus item {} has no test in tests/corpus.rs", spec.name);
            }
            for name in tested {
                assert!(corpus::postgres_spec(name).is_some(), "{name} is not in POSTGRES_ITEMS");
            }
        }
    };
}

corpus_tests! {
    pagila => "pagila",
    chinook => "chinook",
    northwind => "northwind",
    adventureworks => "adventureworks",
    sakila_jooq => "sakila-jooq",
    musicbrainz => "musicbrainz",
    openstreetmap => "openstreetmap",
    gisia => "gisia",
    guacamole => "guacamole",
    kratos => "kratos",
    supabase_basejump => "supabase-basejump",
    supabase_nextjs_subscription_payments => "supabase-nextjs-subscription-payments",
    supabase_nextjs_subscription_payments_ext => "supabase-nextjs-subscription-payments+ext",
    supabase_storage => "supabase-storage",
    musicbrainz_pgdump15 => "musicbrainz-pgdump15",
    pagila_pgdump18 => "pagila-pgdump18",
}
