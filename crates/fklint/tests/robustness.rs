//! Hostile input never panics or hangs: random token soup, mutated real migrations, deep nesting and large
//! inputs all go through the whole pipeline (split, read, replay, rules, report, schema).

use fklint::{check, schema, Options, Source};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "CREATE",
    "TABLE",
    "ALTER",
    "ADD",
    "DROP",
    "CONSTRAINT",
    "FOREIGN",
    "KEY",
    "REFERENCES",
    "PRIMARY",
    "UNIQUE",
    "INDEX",
    "ON",
    "ONLY",
    "SCHEMA",
    "SET",
    "search_path",
    "TO",
    "NULL",
    "NOT",
    "DEFAULT",
    "CASCADE",
    "DELETE",
    "UPDATE",
    "PARTITION",
    "OF",
    "INHERITS",
    "COLUMN",
    "RENAME",
    "TYPE",
    "ENUM",
    "AS",
    "DOMAIN",
    "DO",
    "IF",
    "EXISTS",
    "users",
    "\"Users\"",
    "t",
    "a.b",
    "id",
    "int",
    "uuid",
    "varchar(10)",
    "(",
    ")",
    ",",
    ";",
    ".",
    "'x'",
    "E'\\''",
    "$$",
    "$f$",
    "--",
    "/*",
    "*/",
    "\\c db",
    "\n",
    " ",
    "::",
    "[",
    "]",
    "é",
    "😀",
    "COPY t FROM stdin;\n",
    "\\.\n",
    "BEGIN",
    "ATOMIC",
    "END",
    "USING",
    "WITH",
    "DEFERRABLE",
    "INITIALLY",
    "DEFERRED",
    "MATCH",
    "FULL",
];

fn run(text: &str) {
    let sources = [Source::new("a.sql", text), Source::new("b.sql", text)];
    let report = check(&sources, &Options::default());
    for finding in &report.findings {
        assert!(
            finding.position.start <= finding.position.end && finding.position.end <= text.len()
        );
        assert!(
            text.is_char_boundary(finding.position.start)
                && text.is_char_boundary(finding.position.end)
        );
    }
    let _ = schema(&sources, &Options::default());
}

#[test]
fn random_token_soup() {
    let mut rng = Rng(0x5eed_f00d);
    for _ in 0..3000 {
        let len = rng.below(60);
        let text: String = (0..len)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect::<Vec<_>>()
            .join(" ");
        run(&text);
    }
}

/// Goose files whose Up and Down sections are token soup, checked with their downs: no panic, and every finding
/// lies within the source it names.
#[test]
fn random_token_soup_in_up_and_down_sections() {
    let mut rng = Rng(0xd0_d0);
    let soup = |rng: &mut Rng| -> String {
        let len = rng.below(30);
        (0..len)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    for _ in 0..400 {
        let files: Vec<Source> = (1..=3)
            .map(|n| {
                let (up, down) = (soup(&mut rng), soup(&mut rng));
                Source::new(
                    format!("{n}_m.sql"),
                    format!("-- +goose Up\n{up}\n-- +goose Down\n{down}\n"),
                )
            })
            .collect();
        let plan = fklint::layout::lay_out(&files, fklint::layout::LayoutOptions::default());
        let (sources, reverts) = plan.sources_with_downs(&files);
        let report = fklint::check_down(&sources, &reverts, &Options::default());
        for finding in &report.findings {
            let text = &sources
                .iter()
                .find(|s| s.name == finding.position.file)
                .expect("a finding names a source")
                .text;
            assert!(
                finding.position.end <= text.len()
                    && finding.position.start <= finding.position.end
            );
        }
    }
}

#[test]
fn mutated_real_migrations() {
    let base = include_str!("../../../examples/dotmac-platform/0002_sales.sql").to_string()
        + include_str!("../../../examples/dotmac-platform/0001_tenants_and_users.sql");
    let chars: Vec<char> = base.chars().collect();
    let mut rng = Rng(42);
    for _ in 0..1500 {
        let mut mutated = chars.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(mutated.len().max(1));
            match rng.below(3) {
                0 => {
                    let end = (at + rng.below(20)).min(mutated.len());
                    mutated.drain(at..end);
                }
                1 => {
                    let piece: Vec<char> = FRAGMENTS[rng.below(FRAGMENTS.len())].chars().collect();
                    mutated.splice(at..at, piece);
                }
                _ => {
                    let end = (at + rng.below(40)).min(mutated.len());
                    let copy: Vec<char> = mutated[at..end].to_vec();
                    let to = rng.below(mutated.len().max(1));
                    mutated.splice(to..to, copy);
                }
            }
        }
        run(&mutated.into_iter().collect::<String>());
    }
}

#[test]
fn deep_nesting() {
    let depth = 100_000;
    let open = "(".repeat(depth);
    let close = ")".repeat(depth);
    run(&format!(
        "CREATE TABLE t (id int DEFAULT {open}1{close} PRIMARY KEY);"
    ));
    run(&format!("CREATE TABLE t (id int REFERENCES {open}"));
    run(&format!("FROBNICATE {open}1{close};"));
    run(&format!("SELECT {open}"));
    run(&"/*".repeat(depth));
    run(&format!(
        "DO $$ BEGIN {} END $$;",
        "CREATE TABLE x (a int REFERENCES y (id)); ".repeat(2000)
    ));
}

#[test]
fn large_input_completes() {
    // 5 MB of migrations with a thousand tables and foreign keys between them.
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 5_000_000 {
        text.push_str(&format!(
            "CREATE TABLE t{i} (id bigint PRIMARY KEY, parent_id int REFERENCES t{} (id), note text DEFAULT 'x');\n",
            i.max(1) - 1
        ));
        i += 1;
    }
    let report = check(&[Source::new("big.sql", text)], &Options::default());
    assert!(report.summary.foreign_keys > 1000);
}

/// Python fragments for mutating models and Alembic migrations.
const PYTHON_FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "=",
    "\n",
    "\n    ",
    "\\\n",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "#",
    "r\"",
    "f'",
    "class A(Base):",
    "__tablename__ = ",
    "__table_args__ = ",
    "Column(",
    "mapped_column(",
    "ForeignKey(",
    "\"user.id\"",
    "\"a.b.c.d\"",
    "Integer",
    "String(",
    "op.create_table(",
    "op.add_column(",
    "op.execute(\"",
    "with op.batch_alter_table(\"t\") as b:",
    "b.add_column(",
    "revision = \"x\"",
    "down_revision = (\"x\",",
    "def upgrade():",
    "if mysql:",
    "else:",
    "é",
    "\t",
];

fn run_python(text: &str) {
    let sources = [
        Source::new("models.py", text),
        Source::new(
            "versions/b.py",
            format!("revision = \"b\"\ndown_revision = \"a\"\n{text}"),
        ),
    ];
    let report = check(&sources, &Options::default());
    for finding in &report.findings {
        let source = sources
            .iter()
            .find(|s| s.name == finding.position.file)
            .expect("findings point into a source");
        let text = &source.text;
        assert!(
            finding.position.start <= finding.position.end && finding.position.end <= text.len()
        );
        assert!(
            text.is_char_boundary(finding.position.start)
                && text.is_char_boundary(finding.position.end)
        );
    }
    let _ = schema(&sources, &Options::default());
}

#[test]
fn mutated_python_models_and_migrations() {
    let base = include_str!("fixtures/FK101/dotmac_models.py").to_string()
        + include_str!("fixtures/FK601/missing_down_revision/b2_add_posts.py");
    let chars: Vec<char> = base.chars().collect();
    let mut rng = Rng(7);
    for _ in 0..600 {
        let mut mutated = chars.clone();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(mutated.len().max(1));
            if rng.below(2) == 0 {
                let end = (at + rng.below(30)).min(mutated.len());
                mutated.drain(at..end);
            } else {
                let piece: Vec<char> = PYTHON_FRAGMENTS[rng.below(PYTHON_FRAGMENTS.len())]
                    .chars()
                    .collect();
                mutated.splice(at..at, piece);
            }
        }
        run_python(&mutated.into_iter().collect::<String>());
    }
}

/// Every finding, related location and fix edit of `sources` lies inside its text and on char boundaries.
fn assert_spans_fit(sources: &[Source], options: &Options) {
    let report = check(sources, options);
    let fits = |file: &str, start: usize, end: usize| {
        let source = sources
            .iter()
            .find(|s| s.name == file)
            .expect("locations point into a source");
        let text = &source.text;
        assert!(start <= end && end <= text.len(), "{file} {start}..{end}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    };
    for finding in &report.findings {
        fits(
            &finding.position.file,
            finding.position.start,
            finding.position.end,
        );
        for related in &finding.related {
            fits(
                &related.position.file,
                related.position.start,
                related.position.end,
            );
        }
        for edit in finding.fix.iter().flat_map(|f| f.edits.iter()) {
            fits(&edit.file, edit.start, edit.end);
        }
    }
    let _ = schema(sources, options);
}

/// Mutates `base` by deleting runs of characters and inserting `fragments`, `rounds` times, and checks each
/// result with `make` (which turns the text into sources).
fn mutate_and_check(
    base: &str,
    fragments: &[&str],
    rounds: usize,
    make: &dyn Fn(String) -> Vec<Source>,
) {
    let chars: Vec<char> = base.chars().collect();
    let mut rng = Rng(11);
    for _ in 0..rounds {
        let mut mutated = chars.clone();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(mutated.len().max(1));
            if rng.below(2) == 0 {
                let end = (at + rng.below(30)).min(mutated.len());
                mutated.drain(at..end);
            } else {
                let piece: Vec<char> = fragments[rng.below(fragments.len())].chars().collect();
                mutated.splice(at..at, piece);
            }
        }
        let sources = make(mutated.into_iter().collect());
        assert_spans_fit(&sources, &Options::default());
    }
}

const TYPESCRIPT_FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "=",
    "=>",
    ".",
    "...",
    "\n",
    "'",
    "\"",
    "`",
    "${",
    "//",
    "/*",
    "*/",
    "\\",
    "<",
    ">",
    "?",
    "!",
    "as const",
    "pgTable(",
    "mysqlTable(\"t\", {",
    "sqliteTable(",
    "pgSchema(\"s\")",
    ".table(",
    "integer(",
    "uuid(\"x\")",
    "varchar({ length: 9 })",
    ".references(() => ",
    "users.id",
    ".primaryKey()",
    ".notNull()",
    ".unique()",
    "foreignKey({ columns: [t.a], foreignColumns: [b.id] })",
    "primaryKey({ columns: [",
    "index(\"i\").on(",
    "(t) => [",
    "export const x = ",
    "import { a as b } from \"./m\";",
    "casing: \"snake_case\"",
    "é",
    "\t",
    "𝔘",
];

#[test]
fn mutated_drizzle_modules() {
    let base = include_str!("fixtures/FK101/drizzle_modules/orders.ts").to_string()
        + include_str!("fixtures/FK201/drizzle_mysql_unsigned_int.ts");
    let tables = include_str!("fixtures/FK101/drizzle_modules/tables.ts");
    mutate_and_check(&base, TYPESCRIPT_FRAGMENTS, 600, &|text| {
        vec![
            Source::new("schema/orders.ts", text),
            Source::new("schema/tables.ts", tables),
        ]
    });
}

const PRISMA_FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "=",
    "\n",
    "\"",
    "\\",
    "@",
    "@@",
    "?",
    "//",
    "model M {",
    "enum E {",
    "datasource db {",
    "provider = \"mysql\"",
    "provider = \"sqlite\"",
    "@relation(",
    "fields: [",
    "references: [",
    "onDelete: Cascade",
    "map: \"m\"",
    "@id",
    "@@id([",
    "@unique",
    "@@unique([",
    "@@map(\"t\")",
    "@map(\"c\")",
    "@db.VarChar(",
    "@db.Uuid",
    "Int",
    "String",
    "BigInt",
    "Tenant[]",
    "é",
    "\t",
    "𝔘",
];

#[test]
fn mutated_prisma_schemas() {
    let base = include_str!("fixtures/FK201/prisma_integer_to_uuid.prisma").to_string()
        + include_str!("fixtures/FK101/valid/prisma_implicit_many_to_many.prisma");
    mutate_and_check(&base, PRISMA_FRAGMENTS, 600, &|text| {
        vec![Source::new("schema.prisma", text)]
    });
}

const RUBY_FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "#",
    "\n",
    ",",
    ":",
    "[",
    "]",
    "{",
    "}",
    "->",
    "do |t|",
    "end",
    "create_table \"x\", ",
    "id: :uuid",
    "id: false",
    "primary_key: [\"a\"",
    "t.integer \"a\"",
    "t.string ",
    "limit: ",
    "null: false",
    "t.index [",
    "unique: true",
    "add_foreign_key \"a\", \"b\"",
    "column: \"c\"",
    "on_delete: :nullify",
    "name: \"n\"",
    "é",
    "\t",
    "𝔘",
];

#[test]
fn mutated_rails_schemas() {
    let base = include_str!("fixtures/FK202/rails_schema_integer_to_bigint.rb").to_string()
        + include_str!("fixtures/FK101/rails_schema_typo.rb");
    mutate_and_check(&base, RUBY_FRAGMENTS, 600, &|text| {
        vec![Source::new("db/schema.rb", text)]
    });
}

const RAILS_MIGRATION_FRAGMENTS: &[&str] = &[
    "def up\n",
    "def down\n",
    "end\n",
    "do |t|\n",
    "reversible do |dir|\n",
    "dir.up do\n",
    "change_table :posts do |t|\n",
    "t.references :user, foreign_key: { to_table: :users, primary_key: :id }",
    "t.remove :user_id",
    "t.column :a, :integer",
    "add_reference :posts, :user, type: :uuid, index: { unique: true }",
    "add_foreign_key :posts, :users, column: :a",
    "remove_foreign_key :posts, column: :a",
    "change_column :posts, :a, :bigint",
    "rename_table :posts, :articles",
    "execute \"ALTER TABLE posts ADD b int\"",
    "execute <<~SQL\n",
    "SQL\n",
    "#{x}",
    "ActiveRecord::Migration[4.2]",
    "{",
    "}",
    "|",
    ":",
];

#[test]
fn mutated_rails_migrations() {
    let teams = include_str!("fixtures/FK101/rails_migrations_typo/20240101000000_create_teams.rb");
    let base = include_str!(
        "fixtures/FK101/rails_migrations_typo/20240102000000_add_owner_to_projects.rb"
    )
    .to_string()
        + include_str!(
            "fixtures/FK202/rails_migrations_integer_to_bigint/20240101000000_create_posts.rb"
        );
    let fragments: Vec<&str> = RAILS_MIGRATION_FRAGMENTS
        .iter()
        .chain(RUBY_FRAGMENTS)
        .copied()
        .collect();
    mutate_and_check(&base, &fragments, 600, &|text| {
        vec![
            Source::new("db/migrate/20240101000000_create_teams.rb", teams),
            Source::new("db/migrate/20240102000000_add_owner.rb", text),
        ]
    });
}

const PHP_FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    "'",
    "\"",
    "->",
    "::",
    "=>",
    "$table",
    "//",
    "/*",
    "#",
    "\n",
    "Schema::create('t', function (Blueprint $table) {",
    "Schema::table('t', function ($table) {",
    "});",
    "$table->foreign('a')",
    "->references('id')",
    "->on('t')",
    "->constrained()",
    "$table->id();",
    "$table->unsignedInteger('a')",
    "->nullable()",
    "->change()",
    "dropForeign(['a'])",
    "renameColumn('a', 'b')",
    "DB::statement('ALTER TABLE t ADD b int')",
    "if (DB::getDriverName() !== 'sqlite') {",
    "} else {",
    "é",
    "𝔘",
];

#[test]
fn mutated_laravel_migrations() {
    let users =
        include_str!("fixtures/FK201/laravel_errno_150/2024_01_01_000000_create_users_table.php");
    let base =
        include_str!("fixtures/FK201/laravel_errno_150/2024_01_02_000000_create_posts_table.php")
            .to_string()
            + include_str!(
                "fixtures/FK101/laravel_typo/2024_01_02_000000_create_projects_table.php"
            );
    mutate_and_check(&base, PHP_FRAGMENTS, 600, &|text| {
        vec![
            Source::new("database/migrations/2024_01_01_users.php", users),
            Source::new("database/migrations/2024_01_02_posts.php", text),
        ]
    });
}
