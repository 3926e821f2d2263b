//! FK403 on large inputs: rings and meshes of thousands of tables are found without recursion, in time.

use fklint::{check, Options, Source};

fn findings(sql: String) -> Vec<String> {
    check(&[Source::new("t.sql", sql)], &Options::default())
        .findings
        .into_iter()
        .filter(|f| f.code == "FK403")
        .map(|f| f.message)
        .collect()
}

#[test]
fn a_long_ring_is_found_without_recursion() {
    let n = 3000;
    let mut sql = String::new();
    for i in 0..n {
        sql.push_str(&format!(
            "CREATE TABLE t{i} (id int PRIMARY KEY, next_id int NOT NULL);\n"
        ));
    }
    for i in 0..n {
        sql.push_str(&format!(
            "ALTER TABLE t{i} ADD FOREIGN KEY (next_id) REFERENCES t{} (id);\n",
            (i + 1) % n
        ));
    }
    let found = findings(sql);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].matches(" → ").count(), n);
}

#[test]
fn each_cycle_is_reported_once_and_self_references_never() {
    let sql = "CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL, a_id int NOT NULL REFERENCES a (id));
                   CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id));
                   ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);
                   CREATE TABLE c (id int PRIMARY KEY, d_id int NOT NULL);
                   CREATE TABLE d (id int PRIMARY KEY, c_id int NOT NULL REFERENCES c (id));
                   ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d (id);
                   CREATE TABLE e (id int PRIMARY KEY, e_id int NOT NULL REFERENCES e (id));"
            .to_string();
    let found = findings(sql);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("a.b_id → b, b.a_id → a"), "{found:?}");
    assert!(found[1].contains("c.d_id → d, d.c_id → c"), "{found:?}");
}
