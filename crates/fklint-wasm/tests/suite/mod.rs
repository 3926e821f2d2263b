//! The wasm API's tests, shared by node.rs (Node.js) and browser.rs (headless Chromium). They call the exported
//! functions with JavaScript values, as the npm package does, and read the results back as JSON.

use fklint_wasm::{check, layout, rules, schema, version};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// The seed incidents in one migration: `tenant` for `tenants`, and an integer column for a varchar key.
const SEED: &str = "CREATE TABLE tenants (id varchar(255) PRIMARY KEY);\n\
                    CREATE TABLE orders (tenant_id integer REFERENCES tenant(id));\n";

const VALID: &str = "CREATE TABLE tenants (id bigint PRIMARY KEY);\n\
                     CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE);\n\
                     CREATE INDEX ON orders (tenant_id);\n";

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON in the test")
}

fn sources(list: &[(&str, &str)]) -> JsValue {
    let array = Array::new();
    for (name, text) in list {
        let source = Object::new();
        Reflect::set(&source, &"name".into(), &(*name).into()).unwrap();
        Reflect::set(&source, &"text".into(), &(*text).into()).unwrap();
        array.push(&source);
    }
    array.into()
}

/// A JavaScript value as JSON (what `JSON.stringify` sees: `undefined` members vanish, Maps become `{}`).
fn value(js: &JsValue) -> Value {
    let text = JSON::stringify(js)
        .expect("stringify")
        .as_string()
        .expect("a string");
    serde_json::from_str(&text).expect("valid JSON")
}

fn core_sources(list: &[(&str, &str)]) -> Vec<fklint::Source> {
    list.iter()
        .map(|(name, text)| fklint::Source::new(*name, *text))
        .collect()
}

/// The report without the wasm-only UTF-16 columns, to compare with the CLI's JSON.
fn without_utf16(mut report: Value) -> Value {
    fn strip(object: &mut Value) {
        let object = object.as_object_mut().expect("an object");
        assert!(object.remove("column_utf16").is_some_and(|v| v.is_u64()));
        assert!(object
            .remove("end_column_utf16")
            .is_some_and(|v| v.is_u64()));
    }
    for finding in report["findings"].as_array_mut().expect("findings") {
        strip(finding);
        for related in finding["related"].as_array_mut().expect("related") {
            strip(related);
        }
    }
    report
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && Object::get_prototype_of(value) == Object::get_prototype_of(&Object::new())
}

fn error_message(result: &JsValue) -> String {
    let json = value(result);
    assert_eq!(
        json.as_object().map(|o| o.len()),
        Some(1),
        "expected only `error`: {json}"
    );
    json["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("expected {{ error: {{ message }} }}, got {json}"))
        .to_string()
}

#[wasm_bindgen_test]
fn seed_migration_gives_fk101_and_fk201_with_both_fix_forms() {
    let report = value(&check(
        sources(&[("0001_init.sql", SEED)]),
        JsValue::UNDEFINED,
    ));
    let mut codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, ["FK101", "FK201"], "{report:#}");
    for finding in report["findings"].as_array().unwrap() {
        assert_eq!(finding["severity"], "error");
        assert_eq!(finding["file"], "0001_init.sql");
        let fix = &finding["fix"];
        assert!(!fix["title"].as_str().unwrap().is_empty());
        assert!(!fix["edits"].as_array().unwrap().is_empty());
        assert!(
            fix["sql"].as_str().unwrap().contains("REFERENCES tenants"),
            "{fix}"
        );
    }
    let fk101 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "FK101")
        .unwrap();
    assert_eq!(fk101["name"], "missing-referenced-table");
    let edit = &fk101["fix"]["edits"][0];
    assert_eq!(edit["replacement"], "tenants");
    let start = edit["start"].as_u64().unwrap() as usize;
    let end = edit["end"].as_u64().unwrap() as usize;
    assert_eq!(&SEED[start..end], "tenant");
    assert_eq!(report["summary"]["files"], 1);
    // PostgreSQL rejects the CREATE TABLE whose FK names `tenant`: only `tenants` exists afterwards.
    assert_eq!(report["summary"]["tables"], 1);
    assert_eq!(report["summary"]["foreign_keys"], 0);
}

#[wasm_bindgen_test]
fn report_is_the_cli_json_contract_plus_utf16_columns() {
    let list = [("0001_init.sql", SEED), ("0002_more.sql", VALID)];
    let report = check(sources(&list), js(r#"{"dialect":"postgres"}"#));
    let core = fklint::check(&core_sources(&list), &fklint::Options::default());
    let expected = serde_json::to_value(&core).unwrap();
    assert!(!core.findings.is_empty());
    assert_eq!(without_utf16(value(&report)), expected);
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_null_for_missing_values() {
    let report = check(sources(&[("a.sql", SEED)]), JsValue::UNDEFINED);
    assert!(is_plain_object(&report), "the report is not a plain object");
    let summary = Reflect::get(&report, &"summary".into()).unwrap();
    assert!(is_plain_object(&summary), "summary is not a plain object");
    let findings = Reflect::get(&report, &"findings".into()).unwrap();
    assert!(Array::is_array(&findings));
    let first = Array::from(&findings).get(0);
    assert!(is_plain_object(&first), "a finding is not a plain object");
    // A finding without a fix has `fix: null`, as in the CLI's JSON.
    let clean = check(sources(&[("b.sql", VALID)]), JsValue::UNDEFINED);
    let json = value(&clean);
    for finding in json["findings"].as_array().unwrap() {
        assert!(finding.as_object().unwrap().contains_key("fix"));
    }
}

#[wasm_bindgen_test]
fn a_string_is_one_source_named_input_sql() {
    let report = value(&check(SEED.into(), JsValue::NULL));
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["findings"][0]["file"], "input.sql");
}

#[wasm_bindgen_test]
fn sources_are_checked_in_order_with_their_names() {
    let report = value(&check(
        sources(&[
            ("0001_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, tenant_id bigint REFERENCES tenants (id));\n"),
            ("0002_tenants.sql", "CREATE TABLE tenants (id bigint PRIMARY KEY);\n"),
        ]),
        JsValue::UNDEFINED,
    ));
    let finding = &report["findings"][0];
    assert_eq!(finding["code"], "FK105", "{report:#}");
    assert_eq!(finding["file"], "0001_orders.sql");
    assert_eq!(finding["related"][0]["file"], "0002_tenants.sql");
    assert_eq!(report["summary"]["files"], 2);
    // What the finding is about, for renderers: not read from the message.
    assert_eq!(
        finding["subject"],
        json!({ "schema": "public", "table": "orders", "columns": ["tenant_id"] })
    );
    assert_eq!(
        finding["referenced"],
        json!({ "schema": "public", "table": "tenants", "columns": ["id"], "exists": false })
    );
}

#[wasm_bindgen_test]
fn rules_and_search_path_options_and_suppressions() {
    let sql = "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (author_id int REFERENCES app.users (id)); -- fklint-ignore FK101: created by the platform\n";
    let suppressed = value(&check(sql.into(), JsValue::UNDEFINED));
    assert_eq!(suppressed["summary"]["suppressed"], 1, "{suppressed:#}");
    let options = js(
        r#"{"searchPath":["app","public"],"rules":{"unused-suppression":"off","FK404":"error"}}"#,
    );
    let report = value(&check(sql.into(), options));
    assert_eq!(report["summary"]["suppressed"], 0, "{report:#}");
    assert_eq!(report["findings"][0]["code"], "FK404", "{report:#}");
    assert_eq!(report["findings"][0]["severity"], "error");
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
}

#[wasm_bindgen_test]
fn databases_and_ids_from_options() {
    let files = sources(&[
        (
            "auth.sql",
            "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\n",
        ),
        (
            "app.sql",
            "CREATE TABLE posts (id int PRIMARY KEY, author_id uuid REFERENCES auth.users (id));\n",
        ),
    ]);
    let codes = |report: &Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["code"].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect()
    };
    let one = value(&check(files.clone(), JsValue::UNDEFINED));
    assert!(
        !codes(&one).iter().any(|c| c.starts_with("FK303")),
        "{one:#}"
    );
    let split = js(
        r#"{"databases":[{"name":"auth","files":["auth.sql"]},{"name":"app","files":["app.sql"]}]}"#,
    );
    let report = value(&check(files.clone(), split.clone()));
    assert_eq!(codes(&report), ["FK303 error"], "{report:#}");
    let tables = value(&schema(files.clone(), split));
    assert_eq!(tables["tables"][0]["database"], "auth", "{tables:#}");
    // `posts` references a table of another database: its CREATE TABLE is rejected, so `app` holds no table.
    assert_eq!(tables["tables"].as_array().unwrap().len(), 1, "{tables:#}");
    let declared = value(&check(
        files,
        js(r#"{"idsFrom":{"posts.author_id":"main"}}"#),
    ));
    assert!(
        codes(&declared).contains(&"FK303 warning".to_string()),
        "{declared:#}"
    );
}

#[wasm_bindgen_test]
fn no_sources_is_an_empty_report() {
    let report = value(&check(Array::new().into(), JsValue::UNDEFINED));
    assert_eq!(report["version"], 1);
    assert_eq!(report["findings"], json!([]));
    assert_eq!(report["summary"]["files"], 0);
}

#[wasm_bindgen_test]
fn utf16_columns_differ_from_char_columns_after_an_emoji() {
    let line = "CREATE TABLE \"😀\" (id int PRIMARY KEY); CREATE TABLE orders (tenant_id int REFERENCES tenant (id));";
    let text = format!("-- first line\n{line}\n");
    let report = value(&check(text.as_str().into(), JsValue::UNDEFINED));
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "FK101")
        .unwrap_or_else(|| panic!("no FK101: {report:#}"));
    let column = finding["column"].as_u64().unwrap();
    let end_column = finding["end_column"].as_u64().unwrap();
    let column_utf16 = finding["column_utf16"].as_u64().unwrap();
    let end_column_utf16 = finding["end_column_utf16"].as_u64().unwrap();
    assert_eq!(finding["line"], 2);
    // 😀 is one char but two UTF-16 code units (a surrogate pair).
    assert_eq!(column_utf16, column + 1);
    assert_eq!(end_column_utf16, end_column + 1);
    // JavaScript's own string indexes agree: the UTF-16 range of line 2 is `tenant`.
    let js_line = JsString::from(line);
    let under = js_line.slice(column_utf16 as u32 - 1, end_column_utf16 as u32 - 1);
    assert_eq!(String::from(under), "tenant");
    // Char columns are what the CLI prints.
    let by_chars: String = line
        .chars()
        .skip(column as usize - 1)
        .take((end_column - column) as usize)
        .collect();
    assert_eq!(by_chars, "tenant");
    // Related locations carry them too.
    for related in finding["related"].as_array().unwrap() {
        assert!(related["column_utf16"].as_u64().unwrap() >= related["column"].as_u64().unwrap());
    }
}

#[wasm_bindgen_test]
fn bad_calls_return_an_error_object_with_a_readable_message() {
    let source = sources(&[("a.sql", SEED)]);
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        (JsValue::UNDEFINED, JsValue::UNDEFINED, "`sources` must be an array of { name, text } objects or a string of SQL, not undefined"),
        (JsValue::NULL, JsValue::UNDEFINED, "not null"),
        (JsValue::from(42), JsValue::UNDEFINED, "not a number"),
        (js(r#"{"name":"a.sql","text":"x"}"#), JsValue::UNDEFINED, "not an object"),
        (js(r#"["CREATE TABLE t (id int);"]"#), JsValue::UNDEFINED, "`sources[0]` must be an object { name, text }, not a string"),
        (js(r#"[{"name":"a.sql"}]"#), JsValue::UNDEFINED, "`sources[0]` has no `text`"),
        (js(r#"[{"name":"a.sql","text":""},{"text":""}]"#), JsValue::UNDEFINED, "`sources[1]` has no `name`"),
        (js(r#"[{"name":1,"text":""}]"#), JsValue::UNDEFINED, "`sources[0].name` must be a string, not a number"),
        (js(r#"[{"name":"a.sql","text":null}]"#), JsValue::UNDEFINED, "`sources[0].text` must be a string, not null"),
        (source.clone(), js(r#"{"dialect":"oracle"}"#), "`dialect`: unknown dialect `oracle` (accepted: auto, postgres, mysql, sqlite"),
        (source.clone(), js(r#"{"dialect":5}"#), "`dialect` must be a dialect's name such as \"postgres\", not a number"),
        (source.clone(), js(r#"{"target":"mysql"}"#), "`target`: unknown target `mysql` (accepted: mysql-MAJOR.MINOR"),
        (source.clone(), js(r#"{"target":8}"#), "`target` must be a server version"),
        (source.clone(), js(r#"{"dialect":"sqlite","target":"mysql-8.0"}"#), "`mysql-8.0` is a MySQL/MariaDB server"),
        (source.clone(), js(r#"{"dialet":"postgres"}"#), "unknown key `dialet` (accepted: dialect, target,"),
        (source.clone(), js(r#"{"rules":{"FK999":"off"}}"#), "unknown rule `FK999`"),
        (source.clone(), js(r#"{"rules":{"FK404":"loud"}}"#), "unknown level `loud`"),
        (source.clone(), js(r#"{"rules":["FK404"]}"#), "`rules` must be an object"),
        (source.clone(), js(r#"{"searchPath":"app"}"#), "`searchPath` must be an array"),
        (source.clone(), js(r#"{"databases":"main"}"#), "`databases` must be an object that maps"),
        (source.clone(), js(r#"{"databases":[{"name":"main","files":["b.sql"]}]}"#), "names `b.sql`, which is none of the sources"),
        (source.clone(), js(r#"{"databases":[{"files":["a.sql"]}]}"#), "`databases[0].name` must be a database's name, not null"),
        (source.clone(), js(r#"{"idsFrom":{"granted_by":"main"}}"#), "`idsFrom`: `granted_by` is not"),
        (source.clone(), JsValue::from("postgres"), "`options` must be an object"),
        (source.clone(), js("[]"), "`options` must be an object such as { dialect: \"postgres\" }, not an array"),
    ];
    for (sources, options, expected) in cases {
        for result in [
            check(sources.clone(), options.clone()),
            schema(sources, options),
        ] {
            let message = error_message(&result);
            assert!(
                message.contains(expected),
                "{message:?} does not contain {expected:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn every_dialect_spelling_and_empty_options_are_accepted() {
    for options in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        js("{}"),
        js(r#"{"dialect":"postgres"}"#),
        js(r#"{"dialect":"PostgreSQL"}"#),
        js(r#"{"dialect":"pg"}"#),
        js(r#"{"dialect":null}"#),
        js(r#"{"dialect":"auto"}"#),
    ] {
        let report = value(&check(SEED.into(), options));
        assert_eq!(report["findings"].as_array().unwrap().len(), 2, "{report}");
        assert_eq!(report["summary"]["dialect"], "postgres", "{report}");
    }
}

/// A MySQL dump as the page's users paste it.
const MYSQL_DUMP: &str = "/*!40101 SET NAMES utf8mb4 */;\n\
                          CREATE TABLE `users` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) \
                          ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";

#[wasm_bindgen_test]
fn auto_detects_the_dialect_and_reports_the_evidence() {
    for options in [JsValue::UNDEFINED, js(r#"{"dialect":"auto"}"#)] {
        let report = value(&check(MYSQL_DUMP.into(), options));
        let summary = &report["summary"];
        assert_eq!(summary["dialect"], "mysql", "{report}");
        assert_eq!(summary["detected"]["dialect"], "mysql");
        assert_eq!(summary["detected"]["confident"], true);
        let evidence = summary["detected"]["evidence"]
            .as_array()
            .expect("evidence");
        assert!(
            evidence.contains(&json!({ "dialect": "mysql", "marker": "ENGINE=", "count": 1 })),
            "{report}"
        );
        assert!(
            evidence.contains(
                &json!({ "dialect": "mysql", "marker": "backtick identifier", "count": 3 })
            ),
            "{report}"
        );
    }
}

#[wasm_bindgen_test]
fn a_given_dialect_or_a_target_wins_over_detection() {
    let report = value(&check(MYSQL_DUMP.into(), js(r#"{"dialect":"sqlite"}"#)));
    assert_eq!(report["summary"]["dialect"], "sqlite", "{report}");
    assert!(report["summary"].get("detected").is_none(), "{report}");
    let report = value(&check(SEED.into(), js(r#"{"target":"mariadb-10.11"}"#)));
    assert_eq!(report["summary"]["dialect"], "mysql", "{report}");
    assert!(report["summary"].get("detected").is_none(), "{report}");
    let report = value(&check(
        MYSQL_DUMP.into(),
        js(r#"{"dialect":"MariaDB","target":"mysql 8.4"}"#),
    ));
    assert_eq!(report["summary"]["dialect"], "mysql", "{report}");
    let report = value(&schema(
        MYSQL_DUMP.into(),
        js(r#"{"dialect":"auto","target":null}"#),
    ));
    assert!(report["tables"].is_array(), "{report}");
}

#[wasm_bindgen_test]
fn rules_lists_every_rule_with_its_docs() {
    let list = value(&rules());
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), fklint::rules::registry().len());
    for rule in list {
        let object = rule.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["code", "docs", "name", "severity", "summary"]);
        for key in keys {
            assert!(!rule[key].as_str().unwrap().is_empty(), "{rule}");
        }
    }
    let fk101 = list.iter().find(|r| r["code"] == "FK101").expect("FK101");
    assert_eq!(fk101["name"], "missing-referenced-table");
    assert_eq!(fk101["severity"], "error");
    assert!(fk101["docs"].as_str().unwrap().contains("```sql"));
}

#[wasm_bindgen_test]
fn schema_lists_tables_and_foreign_keys_with_real_names() {
    let list = [("0001.sql", VALID)];
    let result = schema(sources(&list), JsValue::UNDEFINED);
    let json = value(&result);
    let fk = &json["foreign_keys"][0];
    assert_eq!(fk["name"], "orders_tenant_id_fkey");
    assert_eq!(fk["table"], "orders");
    assert_eq!(fk["schema"], "public");
    assert_eq!(fk["columns"], json!(["tenant_id"]));
    assert_eq!(fk["ref_table"], "tenants");
    assert_eq!(fk["ref_columns"], json!(["id"]));
    assert_eq!(fk["on_delete"], "CASCADE");
    assert_eq!(fk["file"], "0001.sql");
    assert_eq!(json["tables"].as_array().unwrap().len(), 2);
    let core = fklint::schema(&core_sources(&list), &fklint::Options::default());
    assert_eq!(json, serde_json::to_value(&core).unwrap());
    assert!(is_plain_object(&result));
}

#[wasm_bindgen_test]
fn version_is_the_workspace_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn deep_nesting_and_token_soup_do_not_trap() {
    let deep = format!(
        "CREATE TABLE t (id int CHECK {} 1 {});",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let soup = "REFERENCES ( ) ; $$ ' \" /* CREATE TABLE FOREIGN KEY".repeat(2_000);
    for text in [deep.as_str(), soup.as_str(), "", "\u{feff}", "\0"] {
        let report = value(&check(text.into(), JsValue::UNDEFINED));
        assert_eq!(report["version"], 1, "{report}");
    }
}

/// A goose project dropped as a folder: the Go embed file and the Down sections never run.
fn goose_project() -> JsValue {
    sources(&[
        ("migrations/migrations.go", "package migrations\n"),
        (
            "migrations/10_posts.sql",
            "-- +goose Up\nCREATE TABLE posts (author_id bigint REFERENCES users (id));\n-- +goose Down\nDROP TABLE posts;\n",
        ),
        (
            "migrations/9_users.sql",
            "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n",
        ),
    ])
}

#[wasm_bindgen_test]
fn a_whole_project_is_laid_out_as_its_tool_runs_it() {
    let report = value(&check(goose_project(), js(r#"{ "tool": "auto" }"#)));
    assert_eq!(report["summary"]["files"], 2, "{report}");
    assert_eq!(report["summary"]["tool"]["tool"], "goose");
    assert_eq!(report["summary"]["tool"]["detected"], true);
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // In the given order, posts would reference users before it exists (FK101); laid out, it does not.
    assert!(!codes.contains(&"FK101"), "{report}");
    let schema = value(&schema(goose_project(), js(r#"{ "tool": "goose" }"#)));
    assert_eq!(
        schema["foreign_keys"].as_array().unwrap().len(),
        1,
        "{schema}"
    );
    let plan = value(&layout(goose_project(), JsValue::UNDEFINED));
    assert_eq!(plan["tool"]["tool"], "goose");
    assert_eq!(plan["files"][0]["name"], "migrations/9_users.sql");
    assert_eq!(plan["files"][1]["name"], "migrations/10_posts.sql");
    assert_eq!(plan["skipped"][0]["name"], "migrations/migrations.go");
    // Without `tool`, the sources are migrations in the order given, as before.
    let as_given = value(&check(goose_project(), JsValue::UNDEFINED));
    assert!(as_given["summary"].get("tool").is_none(), "{as_given}");
}

#[wasm_bindgen_test]
fn down_checks_the_projects_down_sections_too() {
    let project = sources(&[
        (
            "migrations/1_users.sql",
            "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n",
        ),
        (
            "migrations/2_posts.sql",
            "-- +goose Up\nCREATE TABLE posts (author_id bigint REFERENCES users (id));\n-- +goose Down\nDROP TABLE users;\n",
        ),
    ]);
    let codes = |report: Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| {
                format!(
                    "{} {}:{}",
                    f["code"].as_str().unwrap(),
                    f["file"].as_str().unwrap(),
                    f["line"]
                )
            })
            .collect()
    };
    assert!(codes(value(&check(project.clone(), js(r#"{ "tool": "auto" }"#)))).is_empty());
    let report = value(&check(
        project.clone(),
        js(r#"{ "tool": "auto", "down": true }"#),
    ));
    assert_eq!(report["summary"]["files"], 2, "{report}");
    assert_eq!(codes(report), ["FK106 migrations/2_posts.sql:4"]);
    let message = error_message(&check(project, js(r#"{ "tool": "auto", "down": "yes" }"#)));
    assert!(
        message.contains("`down` must be a boolean, not a string"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn a_project_without_migrations_or_with_an_unknown_tool_is_a_bad_call() {
    let readme = sources(&[("README.md", "# hello\n")]);
    let message = error_message(&check(readme, js(r#"{ "tool": "auto" }"#)));
    assert!(message.contains("no migration"), "{message}");
    let message = error_message(&check(goose_project(), js(r#"{ "tool": "hibernate" }"#)));
    assert!(message.contains("unknown tool `hibernate`"), "{message}");
}

#[wasm_bindgen_test]
fn foreign_key_checks_off_for_each_migration_is_one_option() {
    let migrations = sources(&[
        (
            "1_posts.sql",
            "CREATE TABLE posts (id INT PRIMARY KEY, author_id INT, FOREIGN KEY (author_id) REFERENCES users (id)) ENGINE=InnoDB;\n",
        ),
        ("2_users.sql", "CREATE TABLE users (id INT PRIMARY KEY) ENGINE=InnoDB;\n"),
    ]);
    let errors = |report: Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count()
    };
    assert!(errors(value(&check(migrations.clone(), JsValue::UNDEFINED))) > 0);
    let off = value(&check(
        migrations.clone(),
        js(r#"{ "foreignKeyChecks": false }"#),
    ));
    assert_eq!(errors(off), 0);
    let message = error_message(&check(migrations, js(r#"{ "foreignKeyChecks": "off" }"#)));
    assert!(message.contains("must be a boolean"), "{message}");
}

#[wasm_bindgen_test]
fn options_that_nest_without_end_or_hold_a_function_are_a_bad_call() {
    let options = Object::new();
    Reflect::set(&options, &"rules".into(), &options).unwrap();
    let message = error_message(&check(SEED.into(), options.into()));
    assert!(message.contains("nests too deeply"), "{message}");
    let options = Object::new();
    let function = js_sys::Function::new_no_args("return 1");
    Reflect::set(&options, &"dialect".into(), &function).unwrap();
    let message = error_message(&check(SEED.into(), options.into()));
    assert_eq!(
        message,
        "`options` cannot be read: it holds a function, which no setting takes"
    );
}
