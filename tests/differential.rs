//! Differential test: broken variants of corpus schemas, judged by PostgreSQL and by fklint (issue 5, item 4).
//!
//! Each small/medium PostgreSQL corpus item is flattened to its statements (pre-steps first; psql
//! meta-commands, `COPY ... FROM stdin` and `CREATE/DROP/ALTER DATABASE` left out), applied once to a throwaway
//! PostgreSQL (the *baseline*), and PostgreSQL's catalog of the result (FKs, keys, columns, types) feeds a
//! generator that makes one mutation per variant with a seeded xorshift PRNG (`differential/gen.rs`): a
//! referenced table renamed to a near miss (plural/singular, typo, case via quotes, schema typo), a missing
//! referenced column, non-unique or miscounted referenced columns, FK or key column types changed (`ALTER
//! COLUMN ... TYPE`, or a new child of another type), a needed key dropped or its `ADD CONSTRAINT` moved after
//! the FKs, a `CREATE TABLE` moved after a table that references it, a referenced column dropped, `TRUNCATE`
//! of a referenced table, `REFERENCES t` without columns, deferrable keys, `SET NULL` on NOT NULL columns
//! (a warning: no error allowed), and seed rows without a parent.
//!
//! Every variant is applied statement by statement to a reset database and checked with `fklint::check`.
//! A statement PostgreSQL rejects for a foreign-key reason (42P01 on a REFERENCES target, 3F000 on its
//! schema, 42703/42804 about a foreign key, 42830, 2BP01 (for a dropped column: only when an FK references it,
//! not a view), 23503, 0A000 truncate, 42P16 about a foreign key, 42704 no primary key, 55000 deferrable) must
//! have an `error` finding starting inside it; a statement PostgreSQL accepts must have none. Excluded and
//! counted: statements the unmutated item already has rejected (baseline), rejections for other reasons,
//! cascades (a table whose CREATE, or an FK whose ALTER, PostgreSQL rejected, used later), and FK rejections on
//! tables fklint holds as uncertain (conditional or dynamic DDL in DO blocks: DESIGN.md has rules stay silent
//! there). Items PostgreSQL mostly rejects unmutated are skipped with a note (pagila needs PostgreSQL 18).
//!
//! Seed rows (23503 on an INSERT) are FK501's: their agreement is printed as its own category and gated like the
//! rest, except rows whose parent table fklint cannot know by FK501's contract (filled by COPY or a query, or
//! after code that runs on rows: triggers, rules), which are counted and not judged.
//!
//! Disagreements fail the test unless listed in [`KNOWN_CORE_BUGS`]; each failing variant's SQL is written to
//! `target/differential/<id>.sql` to reproduce it (`fklint check target/differential/v17.sql`).
//!
//! Options (environment):
//! - `FKLINT_DIFF_VARIANTS=5000`: how many variants (default 300).
//! - `FKLINT_DIFF_SEED=12345`: the PRNG seed (default fixed, so CI is reproducible).
//! - `FKLINT_DIFF_ITEMS=pagila,kratos`: which corpus items (default: the small and medium ones below).
//!
//! `FKLINT_DIFF_VARIANTS=5000 cargo test --release -p fklint-tests --test differential -- --nocapture`

#[path = "oracle/support.rs"]
#[allow(dead_code)]
mod support;

#[path = "differential/mod.rs"]
mod differential;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use differential::catalog::PgCatalog;
use differential::gen::{rows_unknowable, BaseItem, Kind, Variant, KINDS};
use differential::rng::Rng;
use differential::sqltext::{created_table, head_words, keyword_ends, read_qualified};
use differential::{about_dead_table, altered_table, classify, Verdict};
use fklint::ident::QualName;
use fklint::split::{split, PieceKind};
use fklint::{Options, Severity, Source};
use fklint_tests::corpus::{postgres_items, CorpusItem};
use fklint_tests::pg::{PgError, PgServer};
use support::{findings_in, statement_spans};

const DEFAULT_VARIANTS: usize = 300;
const DEFAULT_SEED: u64 = 0x5EED_F00D_2026;
const DEFAULT_ITEMS: &[&str] = &[
    "pagila",
    "sakila-jooq",
    "guacamole",
    "northwind",
    "chinook",
    "kratos",
    "supabase-storage",
    "openstreetmap",
    "adventureworks",
];

/// A disagreement that is a known core bug (reported, not fixed here): matched on the item, the mutation kind
/// and a piece of the statement. The test fails on every other disagreement, and notes known ones that no
/// longer occur.
struct Known {
    item: &'static str,
    kind: &'static str,
    statement_contains: &'static str,
    note: &'static str,
}

const KNOWN_CORE_BUGS: &[Known] = &[];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The item's statements in apply order, without what cannot run in one session of a shared server.
fn flatten(item: &CorpusItem) -> Vec<String> {
    let mut out = Vec::new();
    for source in &item.sources {
        for piece in split(&source.text) {
            if piece.kind != PieceKind::Statement {
                continue;
            }
            let sql = &source.text[piece.span.start..piece.span.end];
            let words = head_words(sql, 2);
            let lower = sql.to_ascii_lowercase();
            let database = words.len() == 2
                && matches!(words[0].as_str(), "create" | "drop" | "alter")
                && words[1] == "database";
            let copy_stdin =
                words.first().map(String::as_str) == Some("copy") && lower.contains("stdin");
            if database || copy_stdin {
                continue;
            }
            out.push(sql.to_string());
        }
    }
    out
}

struct Outcome {
    statements: usize,
    judged: usize,
    agree: usize,
    seed_judged: usize,
    seed_agree: usize,
    /// Seed rows PostgreSQL rejects whose parent rows fklint cannot know, by why (no finding by design).
    seed_unknowable: BTreeMap<&'static str, usize>,
    baseline: usize,
    /// Rejections fklint rightly declines to judge: a table involved is uncertain (conditional or dynamic DDL).
    uncertain: usize,
    /// Statements the mutation added or changed, judged, and agreeing.
    mutated_judged: usize,
    mutated_agree: usize,
    non_fk: BTreeMap<String, usize>,
    cascades: BTreeMap<String, usize>,
    fk_rejections: BTreeMap<String, usize>,
    disagreements: Vec<String>,
    seed_disagreements: Vec<String>,
}

fn judge(
    variant: &Variant,
    base: &BaseItem,
    baseline: &[Result<(), PgError>],
    results: &[Result<(), PgError>],
    text: &str,
) -> Outcome {
    let catalog = &base.catalog;
    let base_sql = |b: Option<usize>| {
        b.and_then(|b| base.statements.get(b))
            .map(String::as_str)
            .unwrap_or("")
    };
    let mut analysis: Option<fklint::Analysis> = None;
    let report = fklint::check(
        &[Source::new(format!("{}.sql", variant.id), text)],
        &Options::default(),
    );
    let spans = statement_spans(text);
    let mut o = Outcome {
        statements: 0,
        judged: 0,
        agree: 0,
        seed_judged: 0,
        seed_agree: 0,
        seed_unknowable: BTreeMap::new(),
        baseline: 0,
        uncertain: 0,
        mutated_judged: 0,
        mutated_agree: 0,
        non_fk: BTreeMap::new(),
        cascades: BTreeMap::new(),
        fk_rejections: BTreeMap::new(),
        disagreements: Vec::new(),
        seed_disagreements: Vec::new(),
    };
    let tag = format!(
        "{} {} [{}] {}",
        variant.id,
        variant.item,
        variant.kind.name(),
        variant.about
    );
    if spans.len() != variant.statements.len() || results.len() != spans.len() {
        o.disagreements.push(format!(
            "{tag}: fklint's splitter cuts {} statements, the generator made {} (PostgreSQL ran {})",
            spans.len(),
            variant.statements.len(),
            results.len()
        ));
        return o;
    }
    let mut dead = Vec::new();
    let mut dead_fk_tables = Vec::new();
    for (i, ((stmt, span), result)) in variant
        .statements
        .iter()
        .zip(&spans)
        .zip(results)
        .enumerate()
    {
        o.statements += 1;
        let verdict = match result {
            _ if stmt.base.is_some_and(|b| baseline[b].is_err()) => Verdict::Baseline,
            Ok(()) => Verdict::Accepted,
            Err(e) => classify(&stmt.sql, e, &dead, catalog),
        };
        if result.is_err() {
            if let Some(name) = created_table(&stmt.sql) {
                dead.push(name);
            } else if head_words(&stmt.sql, 2) == ["alter", "table"]
                && stmt.sql.to_ascii_lowercase().contains("foreign key")
            {
                // An FK PostgreSQL never created (e.g. adventureworks' FK_ProductReview_Product_ProductID,
                // rejected for rows the absent CSVs would load): fklint's later errors about it are cascades.
                if let Some((name, _)) = altered_table(&stmt.sql) {
                    dead_fk_tables.push(name);
                }
            }
        }
        let errors: Vec<String> = findings_in(&report, *span)
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}", f.code, f.message))
            .collect();
        let flagged = !errors.is_empty();
        if verdict == Verdict::Accepted
            && flagged
            && errors
                .iter()
                .all(|e| about_dead_table(e, &dead) || about_dead_table(e, &dead_fk_tables))
        {
            *o.cascades.entry("accepted".to_string()).or_default() += 1;
            continue;
        }
        let expect_error = match &verdict {
            Verdict::Accepted => false,
            Verdict::FkRejected(code) => {
                *o.fk_rejections.entry(code.clone()).or_default() += 1;
                true
            }
            Verdict::NonFk(code) => {
                *o.non_fk.entry(code.clone()).or_default() += 1;
                continue;
            }
            Verdict::Cascade(code) => {
                *o.cascades.entry(code.clone()).or_default() += 1;
                continue;
            }
            Verdict::Baseline => {
                o.baseline += 1;
                continue;
            }
        };
        let seed = matches!(result, Err(e) if e.sqlstate == "23503")
            || (variant.kind == Kind::Seed && stmt.base.is_none());
        if seed && expect_error && !flagged {
            if let Some(reason) = variant
                .seed_parent
                .as_deref()
                .and_then(|parent| rows_unknowable(&variant.statements[..i], parent))
            {
                *o.seed_unknowable.entry(reason).or_default() += 1;
                continue;
            }
        }
        if expect_error && !flagged && involves_uncertain(&stmt.sql, catalog, text, &mut analysis) {
            o.uncertain += 1;
            continue;
        }
        let agree = flagged == expect_error;
        let mutated = stmt.base.is_none() || stmt.sql != base_sql(stmt.base);
        if mutated && !seed {
            o.mutated_judged += 1;
            o.mutated_agree += usize::from(agree);
        }
        if seed {
            o.seed_judged += 1;
            o.seed_agree += usize::from(agree);
        } else {
            o.judged += 1;
            o.agree += usize::from(agree);
        }
        if !agree {
            let mut shown: String = stmt.sql.chars().take(400).collect();
            if shown.len() < stmt.sql.len() {
                shown.push_str(" …");
            }
            let line = format!(
                "{tag}\n      statement {} ({}): PostgreSQL {}, fklint {}\n      {}",
                i + 1,
                match stmt.base {
                    Some(b) => format!("corpus statement {}", b + 1),
                    None => "added".to_string(),
                },
                match result {
                    Ok(()) => "accepts it".to_string(),
                    Err(e) => format!("rejects it ({e})"),
                },
                if flagged {
                    errors.join("; ")
                } else {
                    "has no error".to_string()
                },
                shown.replace('\n', "\n      ")
            );
            if seed {
                o.seed_disagreements.push(line);
            } else {
                o.disagreements.push(line);
            }
        }
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        if support::statement_at(&spans, f.position.start).is_none() {
            o.disagreements.push(format!(
                "{tag}: {} error at byte {} lies in no statement",
                f.code, f.position.start
            ));
        }
    }
    o
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

#[test]
fn fklint_errors_match_postgresql_on_mutated_corpus_schemas() {
    let Some(server) = PgServer::start_or_skip() else {
        return;
    };
    let wanted: Vec<String> = match std::env::var("FKLINT_DIFF_ITEMS") {
        Ok(list) if !list.trim().is_empty() => {
            list.split(',').map(|s| s.trim().to_string()).collect()
        }
        _ => DEFAULT_ITEMS.iter().map(|s| s.to_string()).collect(),
    };
    let items: Vec<CorpusItem> = postgres_items()
        .into_iter()
        .filter(|i| wanted.contains(&i.name))
        .collect();
    if items.is_empty() {
        return;
    }
    let count: usize = env_or("FKLINT_DIFF_VARIANTS", DEFAULT_VARIANTS);
    let seed: u64 = env_or("FKLINT_DIFF_SEED", DEFAULT_SEED);
    let started = Instant::now();
    let dbs = Pool {
        server: &server,
        free: Mutex::new(Vec::new()),
        reset_turn: Mutex::new(()),
    };

    // Baselines: each item unmutated, and PostgreSQL's catalog of it.
    let bases: Vec<(BaseItem, Vec<Result<(), PgError>>)> = support::parallel(&items, |item| {
        let statements = flatten(item);
        let text: String = statements.iter().map(|s| format!("{s};\n")).collect();
        let (db, results) = dbs.apply(&text);
        let catalog = PgCatalog::load(&server, &db);
        dbs.give_back(db);
        (
            BaseItem {
                name: item.name.clone(),
                statements,
                catalog,
            },
            results,
        )
    });
    let bases: Vec<_> = bases
        .into_iter()
        .filter(|(base, results)| {
            let rejected = results.iter().filter(|r| r.is_err()).count();
            let usable = rejected * 5 <= results.len();
            if !usable {
                println!(
                    "note: {} skipped: PostgreSQL {} rejects {rejected} of its {} statements unmutated",
                    base.name,
                    server.version(),
                    results.len()
                );
            }
            usable
        })
        .collect();
    for (base, results) in &bases {
        let c = &base.catalog;
        println!(
            "baseline {:<18} {:>5} statements, {:>3} rejected; {:>3} tables, {:>3} FKs, {:>3} keys",
            base.name,
            base.statements.len(),
            results.iter().filter(|r| r.is_err()).count(),
            c.tables.len(),
            c.fks.len(),
            c.keys.len()
        );
    }

    // Variants: item and kind drawn from the PRNG; a kind the item cannot do is drawn again.
    let mut rng = Rng::new(seed);
    let mut variants: Vec<(usize, Variant)> = Vec::new();
    let mut tries = 0;
    while variants.len() < count && tries < count * 20 {
        tries += 1;
        let b = rng.below(bases.len());
        let kind = *rng.pick(KINDS).expect("kinds");
        let id = format!("v{}", variants.len() + 1);
        if let Some(v) = bases[b].0.variant(&mut rng, &id, kind) {
            variants.push((b, v));
        }
    }
    let generated = started.elapsed();

    let outcomes: Vec<Outcome> = support::parallel(&variants, |(b, variant)| {
        let text = variant.text();
        let (db, results) = dbs.apply(&text);
        dbs.give_back(db);
        judge(variant, &bases[*b].0, &bases[*b].1, &results, &text)
    });

    // Totals.
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut fk_rejections: BTreeMap<String, usize> = BTreeMap::new();
    let mut non_fk: BTreeMap<String, usize> = BTreeMap::new();
    let mut cascades: BTreeMap<String, usize> = BTreeMap::new();
    let (mut statements, mut judged, mut agree, mut baseline, mut seed_judged, mut seed_agree) =
        (0, 0, 0, 0, 0, 0);
    let (mut uncertain, mut mutated_judged, mut mutated_agree) = (0, 0, 0);
    let mut disagreements = Vec::new();
    let mut seed_disagreements = Vec::new();
    let mut seed_unknowable: BTreeMap<&str, usize> = BTreeMap::new();
    for ((_, v), o) in variants.iter().zip(&outcomes) {
        for (why, n) in &o.seed_unknowable {
            *seed_unknowable.entry(why).or_default() += n;
        }
        let k = by_kind.entry(v.kind.name()).or_default();
        k.0 += 1;
        k.1 += o.judged + o.seed_judged;
        k.2 += o.agree + o.seed_agree;
        statements += o.statements;
        judged += o.judged;
        agree += o.agree;
        baseline += o.baseline;
        uncertain += o.uncertain;
        mutated_judged += o.mutated_judged;
        mutated_agree += o.mutated_agree;
        seed_judged += o.seed_judged;
        seed_agree += o.seed_agree;
        for (map, from) in [
            (&mut fk_rejections, &o.fk_rejections),
            (&mut non_fk, &o.non_fk),
            (&mut cascades, &o.cascades),
        ] {
            for (code, n) in from {
                *map.entry(code.clone()).or_default() += n;
            }
        }
        if !o.disagreements.is_empty() || !o.seed_disagreements.is_empty() {
            write_repro(v);
        }
        disagreements.extend(o.disagreements.iter().map(|d| (v, d.clone())));
        seed_disagreements.extend(o.seed_disagreements.iter().cloned());
    }
    let show = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(c, n)| format!("{c}×{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    println!(
        "\nseed {seed:#x}, {} variants of {} items ({} draws), {statements} statements",
        variants.len(),
        bases.len(),
        tries
    );
    println!("  per mutation (variants, judged statements, agreeing):");
    for (kind, (n, j, a)) in &by_kind {
        println!("    {kind:<20} {n:>5} {j:>7} {a:>7}");
    }
    println!(
        "  rejections for an FK reason, by SQLSTATE: {}",
        show(&fk_rejections)
    );
    println!("  excluded: rejections for other reasons {}; cascades {}; baseline rejections {baseline}; \
         FK rejections fklint declines to judge (uncertain names) {uncertain}", show(&non_fk), show(&cascades));
    println!(
        "  mutated or added statements: {mutated_agree} of {mutated_judged} agree ({:.2}%)",
        percent(mutated_agree, mutated_judged)
    );
    println!(
        "  AGREEMENT: {agree} of {judged} judged statements ({:.3}%); seed rows (FK501): {seed_agree} of {seed_judged} ({:.1}%); not judged, parent rows unknowable: {seed_unknowable:?}",
        percent(agree, judged),
        percent(seed_agree, seed_judged)
    );
    println!(
        "  time: {:.1?} (generation {:.1?})",
        started.elapsed(),
        generated
    );
    if !seed_disagreements.is_empty() {
        println!(
            "\nseed-row disagreements ({}), first 5:",
            seed_disagreements.len()
        );
        for d in seed_disagreements.iter().take(5) {
            println!("  {d}");
        }
    }

    let mut unknown = Vec::new();
    let mut known_seen = vec![false; KNOWN_CORE_BUGS.len()];
    for (v, d) in &disagreements {
        let hit = KNOWN_CORE_BUGS.iter().position(|k| {
            k.item == v.item && k.kind == v.kind.name() && d.contains(k.statement_contains)
        });
        match hit {
            Some(i) => known_seen[i] = true,
            None => unknown.push(d.clone()),
        }
    }
    for (k, seen) in KNOWN_CORE_BUGS.iter().zip(&known_seen) {
        println!(
            "known core bug {} {} ({}): {}",
            k.item,
            k.kind,
            if *seen {
                "still occurs"
            } else {
                "not seen in this run"
            },
            k.note
        );
    }
    let mut failure = String::new();
    if !unknown.is_empty() {
        let _ = writeln!(
            failure,
            "{} disagreement(s) between fklint's errors and PostgreSQL's rejections (reproductions in target/differential/):",
            unknown.len()
        );
        for d in unknown.iter().take(60) {
            let _ = writeln!(failure, "  {d}");
        }
    }
    if !seed_disagreements.is_empty() {
        let _ = writeln!(
            failure,
            "{} seed-row disagreement(s)",
            seed_disagreements.len()
        );
    }
    assert!(failure.is_empty(), "{failure}");
}

/// Whether a table the statement names (after TABLE, ONLY, REFERENCES, INTO, TRUNCATE), or a table linked to
/// one by an FK in PostgreSQL's catalog, is uncertain in fklint's replay: DESIGN.md says rules stay silent
/// about uncertain names (DDL under IF in DO blocks, dynamic EXECUTE), so a missing error there is by design.
fn involves_uncertain(
    sql: &str,
    catalog: &PgCatalog,
    text: &str,
    analysis: &mut Option<fklint::Analysis>,
) -> bool {
    let analysis = analysis
        .get_or_insert_with(|| fklint::analyze(&[Source::new("v.sql", text)], &Options::default()));
    let mut names: Vec<(Option<String>, String)> = Vec::new();
    for kw in ["table", "only", "references", "into", "truncate"] {
        for end in keyword_ends(sql, kw) {
            if let Some((_, _, parts)) = read_qualified(sql, end) {
                if let Some((last, rest)) = parts.split_last() {
                    names.push((rest.last().cloned(), last.clone()));
                }
            }
        }
    }
    let direct = names.clone();
    for fk in &catalog.fks {
        for (_, name) in &direct {
            if &fk.table == name {
                names.push((Some(fk.ref_schema.clone()), fk.ref_table.clone()));
            }
            if &fk.ref_table == name {
                names.push((Some(fk.schema.clone()), fk.table.clone()));
            }
        }
    }
    let cat = &analysis.catalog;
    names.iter().any(|(schema, name)| {
        let schemas: Vec<String> = match schema {
            Some(s) => vec![s.clone()],
            None => vec!["public".to_string()],
        };
        schemas
            .iter()
            .any(|s| cat.is_uncertain(&QualName::new(s.as_str(), name.as_str())))
            || cat
                .live_tables()
                .any(|t| t.uncertain && &t.name.name == name)
    })
}

/// Drops every schema and creates an empty `public` (as `tests/oracle/support.rs` does), one schema per
/// statement.
const RESET_SQL: &str = "DO $$ DECLARE s text; BEGIN \
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') \
        AND nspname NOT LIKE 'pg\\_to%' AND nspname NOT LIKE 'pg\\_temp%' LOOP \
        EXECUTE format('DROP SCHEMA %I CASCADE', s); \
    END LOOP; \
    CREATE SCHEMA public; END $$";

/// Databases reused across variants. Dropping a whole corpus schema takes a lock per object, and several
/// workers doing it at once exhaust the throwaway server's lock table (53200), so resets take turns.
struct Pool<'a> {
    server: &'a PgServer,
    free: Mutex<Vec<String>>,
    reset_turn: Mutex<()>,
}

impl Pool<'_> {
    /// Applies `text` statement by statement to an empty database; returns the database (to query before
    /// [`Pool::give_back`]) and the results.
    fn apply(&self, text: &str) -> (String, Vec<Result<(), PgError>>) {
        let reused = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let db = match reused {
            Some(db) => {
                let _turn = self.reset_turn.lock().unwrap_or_else(|e| e.into_inner());
                if let Err(e) = self.server.exec(&db, RESET_SQL) {
                    panic!("cannot reset database {db}: {e}");
                }
                db
            }
            None => self.server.create_database(),
        };
        let statements: Vec<&str> = statement_spans(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        let results = self.server.exec_each(&db, &statements);
        (db, results)
    }

    fn give_back(&self, db: String) {
        self.free.lock().unwrap_or_else(|e| e.into_inner()).push(db);
    }
}

/// Writes a variant's SQL to `target/differential/<id>.sql` with a header naming the mutation.
fn write_repro(v: &Variant) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/differential");
    if std::fs::create_dir_all(&dir).is_ok() {
        let text = format!(
            "-- differential variant {} of {} [{}]: {}\n{}",
            v.id,
            v.item,
            v.kind.name(),
            v.about,
            v.text()
        );
        let _ = std::fs::write(dir.join(format!("{}.sql", v.id)), text);
    }
}
