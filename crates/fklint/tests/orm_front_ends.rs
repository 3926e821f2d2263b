//! The Drizzle, Prisma, Rails and Laravel front ends through the whole pipeline: the seed incidents (a `tenant`/`user` typo,
//! an integer column referencing a varchar or uuid key, a table that does not exist) written in each ORM give
//! the findings their SQL gives, with edit fixes in the ORM's own syntax.

use fklint::{check, schema, Dialect, Options, Report, Source};

fn options(dialect: Dialect) -> Options {
    Options {
        dialect,
        ..Options::default()
    }
}

/// `(code, severity)` of every finding, sorted.
fn codes(report: &Report) -> Vec<String> {
    let mut codes: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {:?}", f.code, f.severity))
        .collect();
    codes.sort();
    codes
}

/// `code: the text the fix puts in place of the text it replaces`, for every edit of every finding.
fn edits(report: &Report, sources: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for finding in &report.findings {
        let Some(fix) = &finding.fix else { continue };
        for edit in &fix.edits {
            let source = sources.iter().find(|s| s.name == edit.file).expect("file");
            let before = source.text.get(edit.start..edit.end).unwrap_or("");
            out.push(format!(
                "{}: {before} -> {}",
                finding.code, edit.replacement
            ));
        }
    }
    out.sort();
    out
}

/// The sources give the findings of the seeds' SQL (PostgreSQL), and these edit fixes.
fn assert_findings_of_the_seed_sql(sources: &[Source], expected_edits: &[&str]) {
    let sql = check(&[Source::new("seed.sql", SEED_SQL)], &Options::default());
    let report = check(sources, &Options::default());
    assert_eq!(codes(&report), codes(&sql), "{:#?}", report.findings);
    assert_eq!(edits(&report, sources), expected_edits);
}

/// The seeds as SQL: tables `tenants` (varchar key) and `users` (uuid key); `orders` references `tenant`
/// (a typo) and `users` with integer columns, and `invoices` references `accounts`, which nothing creates.
const SEED_SQL: &str = "CREATE TABLE tenants (id varchar(255) PRIMARY KEY, name text);
CREATE TABLE users (id uuid PRIMARY KEY, email text);
CREATE TABLE orders (id serial PRIMARY KEY, tenant_id integer, approved_by integer);
CREATE TABLE invoices (id serial PRIMARY KEY, account_id integer);
ALTER TABLE orders ADD CONSTRAINT orders_tenant_id_tenant_id_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id);
ALTER TABLE orders ADD CONSTRAINT orders_approved_by_users_id_fk FOREIGN KEY (approved_by) REFERENCES users (id);
ALTER TABLE invoices ADD CONSTRAINT invoices_account_id_accounts_id_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
";

const SEED_DRIZZLE_TABLES: &str = r#"import { pgTable, serial, text, uuid, varchar } from "drizzle-orm/pg-core";

export const tenants = pgTable("tenants", {
  id: varchar("id", { length: 255 }).primaryKey(),
  name: text("name"),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey(),
  email: text("email"),
});
"#;

const SEED_DRIZZLE_ORDERS: &str = r#"import { integer, pgTable, serial } from "drizzle-orm/pg-core";
import { users as people } from "./tables";

export const orders = pgTable("orders", {
  id: serial("id").primaryKey(),
  tenantId: integer("tenant_id").references(() => tenant.id),
  approvedBy: integer("approved_by").references(() => people.id),
});

export const invoices = pgTable("invoices", {
  id: serial("id").primaryKey(),
  accountId: integer("account_id").references(() => accounts.id),
});
"#;

fn drizzle_seed() -> Vec<Source> {
    vec![
        Source::new("db/schema/orders.ts", SEED_DRIZZLE_ORDERS),
        Source::new("db/schema/tables.ts", SEED_DRIZZLE_TABLES),
    ]
}

#[test]
fn drizzle_seed_gives_the_findings_of_its_sql() {
    let sql = check(&[Source::new("seed.sql", SEED_SQL)], &Options::default());
    let sources = drizzle_seed();
    let drizzle = check(&sources, &options(Dialect::Postgres));
    assert_eq!(codes(&drizzle), codes(&sql), "{:#?}", drizzle.findings);
    assert_eq!(codes(&sql).len(), 4);
    // The typo is fixed by naming the variable of `tenants`; the column types by Drizzle's builders.
    assert_eq!(
        edits(&drizzle, &sources),
        [
            "FK101: tenant -> tenants",
            "FK201: integer(\"approved_by\") -> uuid(\"approved_by\")",
            "FK201: integer(\"tenant_id\") -> varchar(\"tenant_id\", { length: 255 })",
        ]
    );
    // The forward fixes are SQL, for databases that already ran drizzle-kit's migration.
    let forward: Vec<&str> = drizzle
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref()?.sql.as_deref())
        .collect();
    assert!(
        forward
            .iter()
            .any(|sql| sql.contains("ALTER TABLE orders ALTER COLUMN approved_by TYPE uuid")),
        "{forward:#?}"
    );
}

const SEED_PRISMA: &str = r#"datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Tenant {
  id     String  @id @db.VarChar(255)
  name   String?
  orders Order[]

  @@map("tenants")
}

model User {
  id     String  @id @db.Uuid
  email  String?
  orders Order[]

  @@map("users")
}

model Order {
  id         Int      @id @default(autoincrement())
  tenantId   Int?     @map("tenant_id")
  tenant     Tenants? @relation(fields: [tenantId], references: [id])
  approvedBy Int?     @map("approved_by")
  approver   User?    @relation(fields: [approvedBy], references: [id])

  @@map("orders")
}

model Invoice {
  id        Int      @id @default(autoincrement())
  accountId Int?     @map("account_id")
  account   Account? @relation(fields: [accountId], references: [id])

  @@map("invoices")
}
"#;

#[test]
fn prisma_seed_gives_the_findings_of_its_sql() {
    let sql = check(&[Source::new("seed.sql", SEED_SQL)], &Options::default());
    let sources = vec![Source::new("prisma/schema.prisma", SEED_PRISMA)];
    let prisma = check(&sources, &Options::default());
    assert_eq!(codes(&prisma), codes(&sql), "{:#?}", prisma.findings);
    // The relation names the model `Tenant`; the scalar fields get the type and native type of the keys.
    assert_eq!(
        edits(&prisma, &sources),
        [
            "FK101: Tenants -> Tenant",
            "FK201: Int? -> String? @db.Uuid",
            "FK201: Int? -> String? @db.VarChar(255)",
        ]
    );
}

/// Laravel's errno 150 in Drizzle and Prisma for MySQL: an `int unsigned` column referencing a `serial`
/// (`bigint unsigned`) key.
#[test]
fn mysql_integer_to_bigint_key_is_rejected_and_fixed_in_each_orm() {
    let drizzle = r#"import { int, mysqlTable, serial } from "drizzle-orm/mysql-core";
export const users = mysqlTable("users", { id: serial("id").primaryKey() });
export const posts = mysqlTable("posts", {
  id: serial("id").primaryKey(),
  userId: int("user_id", { unsigned: true }).notNull().references(() => users.id),
});
"#;
    let sources = vec![Source::new("schema.ts", drizzle)];
    let report = check(&sources, &options(Dialect::MySql));
    assert_eq!(codes(&report), ["FK201 Error"], "{:#?}", report.findings);
    assert_eq!(
        edits(&report, &sources),
        ["FK201: int(\"user_id\", { unsigned: true }) -> bigint(\"user_id\", { mode: \"number\", unsigned: true })"]
    );

    let prisma = r#"datasource db {
  provider = "mysql"
}
model User {
  id    BigInt @id @default(autoincrement()) @db.UnsignedBigInt
  posts Post[]
}
model Post {
  id     Int  @id @default(autoincrement())
  userId Int  @db.UnsignedInt
  user   User @relation(fields: [userId], references: [id])
}
"#;
    let sources = vec![Source::new("schema.prisma", prisma)];
    let report = check(&sources, &options(Dialect::MySql));
    assert_eq!(codes(&report), ["FK201 Error"], "{:#?}", report.findings);
    assert_eq!(
        edits(&report, &sources),
        ["FK201: Int  @db.UnsignedInt -> BigInt @db.UnsignedBigInt"]
    );
}

/// What `fklint schema` reports for a Prisma schema: names, types and actions as `prisma migrate` makes them.
#[test]
fn prisma_schema_is_replayed_as_prisma_migrate_creates_it() {
    let valid = SEED_PRISMA
        .replace("Tenants?", "Tenant?")
        .replace(
            "Int?     @map(\"approved_by\")",
            "String?  @map(\"approved_by\") @db.Uuid",
        )
        .replace(
            "Int?     @map(\"tenant_id\")",
            "String?  @map(\"tenant_id\") @db.VarChar(255)",
        )
        .replace("Account?", "Order?")
        .replace("accountId Int?", "accountId Int");
    let report = schema(&[Source::new("schema.prisma", &valid)], &Options::default());
    let errors = check(&[Source::new("schema.prisma", &valid)], &Options::default());
    assert!(
        errors
            .findings
            .iter()
            .all(|f| f.severity != fklint::Severity::Error),
        "{:#?}",
        errors.findings
    );
    let fks: Vec<String> = report
        .foreign_keys
        .iter()
        .map(|fk| format!("{} {} {} {}", fk.table, fk.name, fk.on_delete, fk.on_update))
        .collect();
    assert_eq!(
        fks,
        [
            "invoices invoices_account_id_fkey SET NULL CASCADE",
            "orders orders_approved_by_fkey SET NULL CASCADE",
            "orders orders_tenant_id_fkey SET NULL CASCADE",
        ]
    );
}

#[test]
fn comments_suppress_findings_in_drizzle_and_prisma() {
    let drizzle = r#"import { integer, pgTable, serial } from "drizzle-orm/pg-core";
export const users = pgTable("users", { id: serial("id").primaryKey() });
export const posts = pgTable("posts", {
  id: serial("id").primaryKey(),
  // fklint-ignore FK404: posts are never deleted with their author
  authorId: integer("author_id").references(() => users.id),
  editorId: integer("editor_id").references(() => users.id),
});
"#;
    let report = check(&[Source::new("schema.ts", drizzle)], &Options::default());
    let lines: Vec<(&str, usize)> = report
        .findings
        .iter()
        .map(|f| (f.code, f.position.line))
        .collect();
    assert_eq!(lines, [("FK404", 7)], "{:#?}", report.findings);
    assert_eq!(report.summary.suppressed, 1);

    let prisma = "datasource db {\n  provider = \"postgresql\"\n}\nmodel User {\n  id Int @id\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  userId Int\n  // fklint-ignore FK404: small table\n  user User @relation(fields: [userId], references: [id])\n}\n";
    let report = check(&[Source::new("schema.prisma", prisma)], &Options::default());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(report.summary.suppressed, 1);
}

/// The seeds in a Rails schema dump: the `tenant` typo, an integer column for a uuid key, a missing table.
#[test]
fn rails_schema_seed_gives_the_findings_of_its_sql() {
    let schema_rb = r#"ActiveRecord::Schema[7.2].define(version: 2025_01_01_000000) do
  enable_extension "plpgsql"

  create_table "tenants", id: :string, limit: 255, force: :cascade do |t|
    t.text "name"
  end

  create_table "users", id: :uuid, force: :cascade do |t|
    t.text "email"
  end

  create_table "orders", id: :serial, force: :cascade do |t|
    t.integer "tenant_id"
    t.integer "approved_by"
  end

  create_table "invoices", id: :serial, force: :cascade do |t|
    t.integer "account_id"
  end

  add_foreign_key "orders", "tenant", column: "tenant_id"
  add_foreign_key "orders", "users", column: "approved_by"
  add_foreign_key "invoices", "accounts"
end
"#;
    assert_findings_of_the_seed_sql(
        &[Source::new("db/schema.rb", schema_rb)],
        &[
            "FK101: tenant -> tenants",
            "FK201: integer -> string",
            "FK201: integer -> uuid",
        ],
    );
}

/// The seeds in Rails migrations (`db/migrate/*.rb`, as a project without a schema file runs them): the same
/// findings as the SQL, fixed in the migration's own syntax.
#[test]
fn rails_migrations_seed_gives_the_findings_of_its_sql() {
    let create = r#"class CreateTables < ActiveRecord::Migration[7.2]
  def change
    create_table :tenants, id: :string, limit: 255 do |t|
      t.text :name
    end

    create_table :users, id: :uuid do |t|
      t.text :email
    end

    create_table :orders, id: :serial do |t|
      t.integer :tenant_id
      t.integer :approved_by
    end

    create_table :invoices, id: :serial do |t|
      t.integer :account_id
    end
  end
end
"#;
    let keys = r#"class AddKeys < ActiveRecord::Migration[7.2]
  def change
    add_foreign_key :orders, :tenant, column: :tenant_id
    add_foreign_key :orders, :users, column: :approved_by
    add_foreign_key :invoices, :accounts
  end
end
"#;
    let files = vec![
        Source::new("db/migrate/20250102000000_add_keys.rb", keys),
        Source::new("db/migrate/20250101000000_create_tables.rb", create),
    ];
    let plan = fklint::layout::lay_out(&files, fklint::layout::LayoutOptions::default());
    let sources = plan.sources(&files);
    assert_eq!(sources[0].name, files[1].name, "version order");
    assert_findings_of_the_seed_sql(
        &sources,
        &[
            "FK101: tenant -> tenants",
            "FK201: integer -> string",
            "FK201: integer -> uuid",
        ],
    );
}

/// The seeds in SQLAlchemy models (two files of one `MetaData`, `orders` before the tables it references): the
/// same findings as the SQL, fixed in Python.
#[test]
fn sqlalchemy_seed_gives_the_findings_of_its_sql() {
    let orders = r#"import sqlalchemy as sa


class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.Integer, primary_key=True)
    tenant_id = sa.Column(sa.Integer, sa.ForeignKey("tenant.id"))
    approved_by = sa.Column(sa.Integer, sa.ForeignKey("users.id"))


class Invoice(Base):
    __tablename__ = "invoices"
    id = sa.Column(sa.Integer, primary_key=True)
    account_id = sa.Column(sa.Integer, sa.ForeignKey("accounts.id"))
"#;
    let tables = r#"import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID


class Tenant(Base):
    __tablename__ = "tenants"
    id = sa.Column(sa.String(255), primary_key=True)
    name = sa.Column(sa.Text)


class User(Base):
    __tablename__ = "users"
    id = sa.Column(UUID(as_uuid=True), primary_key=True)
    email = sa.Column(sa.Text)
"#;
    let sources = [
        Source::new("app/models/orders.py", orders),
        Source::new("app/models/tables.py", tables),
    ];
    assert_findings_of_the_seed_sql(
        &sources,
        &[
            "FK101: tenant -> tenants",
            "FK201: sa.Integer -> sa.String(255)",
            "FK201: sa.Integer -> sa.UUID(as_uuid=True)",
        ],
    );
}

/// The seeds in Laravel migrations (MySQL): the typo, an `unsignedInteger` for a `char(36)` uuid key, a
/// missing table; as the same migrations written in SQL.
#[test]
fn laravel_seed_gives_the_findings_of_its_sql() {
    let migration = |body: &str| {
        format!(
            "<?php\n\nreturn new class extends Migration\n{{\n    public function up(): void\n    {{\n{body}\n    }}\n}};\n"
        )
    };
    let sources = vec![
        Source::new(
            "database/migrations/2024_01_01_000000_create_tenants_and_users.php",
            migration(
                "        Schema::create('tenants', function (Blueprint $table) {\n            $table->string('id')->primary();\n        });\n        Schema::create('users', function (Blueprint $table) {\n            $table->uuid('id')->primary();\n        });",
            ),
        ),
        Source::new(
            "database/migrations/2024_01_02_000000_create_orders.php",
            migration(
                "        Schema::create('orders', function (Blueprint $table) {\n            $table->increments('id');\n            $table->string('tenant_id');\n            $table->unsignedInteger('approved_by');\n            $table->unsignedInteger('account_id');\n            $table->foreign('tenant_id')->references('id')->on('tenant');\n            $table->foreign('approved_by')->references('id')->on('users');\n            $table->foreign('account_id')->references('id')->on('accounts');\n        });",
            ),
        ),
    ];
    let sql = "CREATE TABLE tenants (id varchar(255) NOT NULL, PRIMARY KEY (id));
CREATE TABLE users (id char(36) NOT NULL, PRIMARY KEY (id));
CREATE TABLE orders (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, tenant_id varchar(255) NOT NULL, approved_by int unsigned NOT NULL, account_id int unsigned NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES tenant (id);
ALTER TABLE orders ADD CONSTRAINT orders_approved_by_foreign FOREIGN KEY (approved_by) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT orders_account_id_foreign FOREIGN KEY (account_id) REFERENCES accounts (id);
";
    let sql = check(&[Source::new("seed.sql", sql)], &options(Dialect::MySql));
    let laravel = check(&sources, &options(Dialect::MySql));
    assert_eq!(codes(&laravel), codes(&sql), "{:#?}", laravel.findings);
    assert_eq!(
        edits(&laravel, &sources),
        ["FK101: tenant -> tenants", "FK201: unsignedInteger -> uuid",]
    );
}
