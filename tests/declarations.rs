//! The TypeScript declarations of the wasm `options` (the generated block of npm/index.d.ts) are written from the
//! core's settings model: the keys the wasm takes, their spelling and meaning (`fklint::settings::Key`), and the
//! names each value accepts (dialects, tools, platforms, rule levels, PostgreSQL targets). This test fails when
//! the committed file differs from what the model generates; `FKLINT_BLESS=1` rewrites the block. npm's types
//! test (`tsc`, npm/test/types.test.mjs) checks the result compiles and means what usage files expect.

use std::fs;
use std::path::{Path, PathBuf};

use fklint::settings::{Key, Surface};
use fklint::tool::Tool;
use fklint::{Dialect, RuleLevel};

const BEGIN: &str = "// --- generated from the settings model (crates/fklint/src/settings/keys.rs) by tests/declarations.rs";
const END: &str = "// --- end of the generated declarations ---";

fn index_d_ts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../npm/index.d.ts")
}

/// `"a" | "b"`.
fn union<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A JSDoc comment, wrapped at 116 columns, indented by `indent`.
fn doc(text: &str, indent: &str) -> String {
    let width = 116 - indent.len() - 3;
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    if lines.len() == 1 && lines[0].len() + 7 <= width {
        return format!("{indent}/** {} */\n", lines[0]);
    }
    let body: String = lines.iter().map(|l| format!("{indent} * {l}\n")).collect();
    format!("{indent}/**\n{body}{indent} */\n")
}

/// The TypeScript type of a key's value in the wasm `options`; `None` for keys the wasm does not take.
fn ts_type(key: Key) -> Option<&'static str> {
    Some(match key {
        Key::Dialect => "DialectOption",
        Key::Target => "Target",
        Key::Tool => "ToolOption",
        Key::ForeignKeyChecks | Key::Down => "boolean",
        Key::Platform => "PlatformOption",
        Key::SearchPath => "readonly string[]",
        Key::Rules => "Readonly<Record<string, RuleLevel>>",
        Key::Databases => "readonly Database[] | Readonly<Record<string, readonly string[]>>",
        Key::IdsFrom => "Readonly<Record<string, string>>",
        Key::Exclude | Key::Order => return None,
    })
}

fn generated() -> String {
    let dialects = Dialect::ALL.map(Dialect::name);
    let postgres: Vec<String> = fklint::server::POSTGRES_MAJORS
        .map(|m| m.to_string())
        .collect();
    let mut out = format!(
        "{BEGIN}\n// (`FKLINT_BLESS=1 cargo test -p fklint-tests --test declarations` rewrites it; edit the model, not this).\n\n"
    );
    out += &doc(
        "A SQL dialect as reports name it (`Summary.dialect`). `\"mysql\"` covers MariaDB too.",
        "",
    );
    out += &format!("export type Dialect = {};\n\n", union(dialects));
    out += &doc(
        "What `Options.dialect` accepts: a dialect, its other spellings, or `\"auto\"` (detect it from the sources). \
         Names are matched case-insensitively.",
        "",
    );
    out += &format!(
        "export type DialectOption = \"auto\" | Dialect | {};\n\n",
        union(Dialect::ALIASES.map(|(alias, _)| alias))
    );
    out += &doc(
        "A MySQL, MariaDB or PostgreSQL server version, e.g. `\"mysql-8.0\"`, `\"mariadb-10.11\"`, `\"postgres-15\"`; or \\
         `\"sqlite\"` (stock SQLite) or `\"libsql\"` (Turso's fork; also `\"turso\"`).",
        "",
    );
    out += &format!(
        "export type Target =\n  | `${{\"mysql\" | \"mariadb\"}}-${{number}}.${{number}}`\n  | `${{\"mysql\" | \"mariadb\"}}-${{number}}`\n  | `postgres-${{{}}}`\n  | \"sqlite\"\n  | \"sqlite3\"\n  | \"libsql\"\n  | \"turso\";\n\n",
        postgres.join(" | ")
    );
    out += &doc(
        "What a rule setting does: turn the rule off, or give its findings this severity.",
        "",
    );
    out += &format!(
        "export type RuleLevel = {};\n\n",
        union(RuleLevel::ALL.map(RuleLevel::name))
    );
    out += &doc("A migration tool fklint lays projects out for.", "");
    out += &format!(
        "export type Tool =\n  | {};\n\n",
        Tool::ALL
            .map(Tool::name)
            .map(|n| format!("\"{n}\""))
            .join("\n  | ")
    );
    out += &doc("What `Options.tool` accepts: a tool, `\"auto\"`, or another name of one (`\"sqlx\"` lays out as golang-migrate).", "");
    out += &format!(
        "export type ToolOption = \"auto\" | Tool | {};\n\n",
        union(Tool::ALIASES.map(|(alias, _)| alias))
    );
    out += &doc(
        "What `Options.platform` accepts: a platform preset, or `\"none\"` (do not detect one).",
        "",
    );
    out += &format!(
        "export type PlatformOption = {} | \"none\";\n\n",
        union(fklint::platform::names())
    );
    out += &doc("One database of `Options.databases`.", "");
    out += "export interface Database {\n  name: string;\n  /** The names of the sources that build it. */\n  files: readonly string[];\n}\n\n";
    out += &doc(
        "How to check: `fklint.toml`'s settings, read by the same code with the same messages, the keys in camelCase. \
         A bad option (an unknown key, a value of the wrong kind or an unknown name) is a bad call: `{ error }`. \
         `null` is the same as leaving the key out.",
        "",
    );
    out += "export interface Options {\n";
    for key in Key::ALL {
        assert_eq!(
            ts_type(key).is_some(),
            key.taken_by(Surface::Options),
            "`{}`: the wasm takes a key exactly when it has a TypeScript type",
            key.name()
        );
        if let Some(ts) = ts_type(key) {
            out += &doc(key.doc(), "  ");
            out += &format!("  {}?: {ts} | null;\n", key.spelled(Surface::Options));
        }
    }
    out += "}\n";
    out += END;
    out
}

#[test]
fn the_options_declarations_are_generated_from_the_settings_model() {
    let path = index_d_ts();
    let text = fs::read_to_string(&path).unwrap();
    let start = text
        .find(BEGIN)
        .expect("index.d.ts has the generated block's first line");
    let end = text
        .find(END)
        .expect("index.d.ts has the generated block's last line")
        + END.len();
    let fresh = format!("{}{}{}", &text[..start], generated(), &text[end..]);
    if std::env::var_os("FKLINT_BLESS").is_some() {
        fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        text == fresh,
        "npm/index.d.ts differs from what the settings model generates: run \
         `FKLINT_BLESS=1 cargo test -p fklint-tests --test declarations` and commit the result"
    );
}
