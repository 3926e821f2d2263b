//! The committed InnoDB key type compatibility table equals what the local MariaDB decides, and fklint's
//! verdict on every concrete pair tried is the server's. `FKLINT_REGEN_KEY_COMPAT=1` rewrites the table
//! instead (then run again to check fklint's verdicts with the new table compiled in).

use fklint::types::mysql::{parse_type, TableCharset};
use fklint::types::{relate, TypeRelation};
use fklint_tests::mariadb::key_compat::{default_collation_mismatches, generate, tsv_path};
use fklint_tests::mariadb::MariaDbServer;

#[test]
fn committed_mysql_key_compat_table_matches_mariadb() {
    let Some(server) = MariaDbServer::start_or_skip() else {
        return;
    };
    let started = std::time::Instant::now();
    let table = generate(&server);
    eprintln!(
        "{} pairs tried on MariaDB {} in {:.1?}",
        table.tried.len(),
        server.version(),
        started.elapsed()
    );
    let path = tsv_path();
    if std::env::var("FKLINT_REGEN_KEY_COMPAT").as_deref() == Ok("1") {
        std::fs::write(&path, table.to_tsv())
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let diff = table.diff_against(&committed);
    assert!(
        diff.is_empty(),
        "{} differs from MariaDB {} (regenerate with `FKLINT_REGEN_KEY_COMPAT=1 cargo test -p fklint-tests \
         --test mysql_key_compat`):\n{}",
        path.display(),
        server.version(),
        diff.join("\n")
    );

    // fklint's relation for each concrete pair is what the server did.
    let defaults = TableCharset::default();
    let mut wrong = Vec::new();
    for tried in &table.tried {
        let fk = parse_type(&tried.fk_sql, &defaults);
        let pk = parse_type(&tried.pk_sql, &defaults);
        let relation = relate(&fk, &pk);
        let agrees = match relation {
            // The same TEXT/BLOB type on both sides: no primary key to reference, nothing to compare.
            TypeRelation::Same => tried.verdict == "accepted" || tried.verdict == "pk-impossible",
            TypeRelation::Drift => tried.verdict == "accepted",
            TypeRelation::Incompatible => tried.verdict == "rejected",
            TypeRelation::Unknown => tried.verdict != "accepted" && tried.verdict != "rejected",
        };
        if !agrees {
            wrong.push(format!(
                "`{}` -> `{}`: MariaDB {}, fklint {relation:?}",
                tried.fk_sql, tried.pk_sql, tried.verdict
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let collations = default_collation_mismatches(&server);
    assert!(
        collations.is_empty(),
        "default collations fklint assumes differ from the server's:\n{}",
        collations.join("\n")
    );
}
