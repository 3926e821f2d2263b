//! The Python front end through the whole pipeline: SQLAlchemy models and Alembic migrations become the same
//! tables, keys and findings as the SQL they stand for.

use fklint::{schema, Options, Source};

/// `table(col) -> ref_table(ref_col)` for every foreign key, and `table: col type [not null]` columns.
fn graph(src: &str) -> (Vec<String>, Vec<String>) {
    let report = schema(&[Source::new("models.py", src)], &Options::default());
    let fks = report
        .foreign_keys
        .iter()
        .map(|fk| {
            format!(
                "{}.{}({}) -> {}.{}({}) {}",
                fk.schema,
                fk.table,
                fk.columns.join(","),
                fk.ref_schema,
                fk.ref_table,
                fk.ref_columns.join(","),
                fk.on_delete
            )
        })
        .collect();
    let columns = report
        .tables
        .iter()
        .flat_map(|t| {
            t.columns.iter().map(move |c| {
                let null = if c.nullable { "" } else { " not null" };
                format!("{}.{} {}{null}", t.name, c.name, c.data_type)
            })
        })
        .collect();
    (fks, columns)
}

#[test]
fn declarative_classes_mixins_tables_and_constraints() {
    let src = r#"
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

class Audit:
    created_by = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"))

class Post(Audit, Base):
    __tablename__ = "posts"
    __table_args__ = (
        sa.ForeignKeyConstraint(["org_id", "org_kind"], ["app.orgs.id", "app.orgs.kind"]),
        sa.UniqueConstraint("slug", name="uq_slug"),
        {"schema": "blog"},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey(User.id))
    org_id = sa.Column("org", sa.BigInteger, nullable=False)
    org_kind = sa.Column(sa.String(20))
    slug = sa.Column(sa.Text)

class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)

class Admin(User):
    admin_level = sa.Column(sa.SmallInteger)

orgs = sa.Table(
    "orgs", metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("kind", sa.String(20), primary_key=True),
    schema="app",
)
"#;
    let (fks, columns) = graph(src);
    assert_eq!(
        fks,
        [
            "blog.posts(author_id) -> public.users(id) NO ACTION",
            "blog.posts(created_by) -> public.users(id) SET NULL",
            "blog.posts(org_id,org_kind) -> app.orgs(id,kind) NO ACTION",
        ]
    );
    for expected in [
        "posts.id integer not null",
        "posts.author_id integer",
        "posts.org bigint not null",
        "posts.created_by integer",
        "users.admin_level smallint",
        "orgs.kind character varying(20) not null",
    ] {
        assert!(
            columns.iter().any(|c| c == expected),
            "{expected} in {columns:?}"
        );
    }
}

fn alembic_sources() -> Vec<Source> {
    // File names sort against the chain: the reader must follow `down_revision`.
    let first = r#"
revision = "b1"
down_revision = None

def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=128)),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("CREATE TABLE teams (id serial PRIMARY KEY)")

def downgrade():
    op.drop_table("users")
"#;
    let second = r#"
revision: str = "a2"
down_revision: Union[str, None] = "b1"

def upgrade():
    op.add_column("users", sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id"), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "mysql":
        op.create_foreign_key("ibfk_1", "users", "team", ["team_id"], ["id"])
    elif bind.dialect.name == "postgresql":
        op.drop_constraint("users_team_id_fkey", "users", type_="foreignkey")
        op.create_foreign_key(
            "users_team_id_fkey", "users", "teams", ["team_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("email", new_column_name="mail", nullable=False)
        batch_op.create_index("ix_users_team_id", ["team_id"], unique=False)
    op.rename_table("users", "members")
    op.execute(sa.text("ALTER TABLE members ADD COLUMN owner_id int REFERENCES owner (id)"))
"#;
    vec![
        Source::new("versions/1_second.py", second),
        Source::new("versions/2_first.py", first),
    ]
}

#[test]
fn alembic_migrations_replay_in_revision_order() {
    let sources = alembic_sources();
    let report = schema(&sources, &Options::default());
    let tables: Vec<String> = report
        .tables
        .iter()
        .map(|t| {
            let columns: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
            format!("{}({})", t.name, columns.join(","))
        })
        .collect();
    // `owner_id` is added by a statement PostgreSQL rejects (FK101); the catalog keeps the column, as for SQL.
    assert_eq!(tables, ["members(id,mail,team_id,owner_id)", "teams(id)"]);
    let fks: Vec<String> = report
        .foreign_keys
        .iter()
        .map(|fk| {
            format!(
                "{} {} -> {} {}",
                fk.table, fk.name, fk.ref_table, fk.on_delete
            )
        })
        .collect();
    assert_eq!(fks, ["members users_team_id_fkey -> teams CASCADE"]);
}

#[test]
fn sql_in_op_execute_is_located_in_the_python_file() {
    let sources = alembic_sources();
    let report = fklint::check(&sources, &Options::default());
    let missing: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "FK101")
        .collect();
    assert_eq!(missing.len(), 1, "{:#?}", report.findings);
    let finding = missing[0];
    assert_eq!(finding.position.file, "versions/1_second.py");
    let text = &sources[0].text;
    assert_eq!(
        text.get(finding.position.start..finding.position.end),
        Some("owner")
    );
}

#[test]
fn hash_comments_suppress_findings_in_python() {
    let src = "class Users(Base):\n    __tablename__ = \"users\"\n    id = Column(BigInteger, primary_key=True)\n\n\
class Posts(Base):\n    __tablename__ = \"posts\"\n    id = Column(Integer, primary_key=True)\n    \
# fklint-ignore FK202: ids stay small\n    author_id = Column(Integer, ForeignKey(\"users.id\"), index=True)\n    \
editor_id = Column(Integer, ForeignKey(\"users.id\"), index=True)  # fklint-ignore FK202: same\n    \
owner_id = Column(Integer, ForeignKey(\"users.id\"), index=True)\n";
    let report = fklint::check(&[Source::new("models.py", src)], &Options::default());
    let codes: Vec<(&str, usize)> = report
        .findings
        .iter()
        .map(|f| (f.code, f.position.line))
        .collect();
    assert_eq!(codes, [("FK202", 11)], "{:#?}", report.findings);
    assert_eq!(report.summary.suppressed, 2);
}

/// Models in two files of one `MetaData`: `posts` (first in path order) references `users`, declared in the
/// second file, by name and by class (`User.id`), and `comments` by a `use_alter=True` key (a cycle
/// `create_all()` breaks with `ALTER TABLE`).
const POSTS_PY: &str = r#"import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    pinned_comment_id = sa.Column(
        sa.Integer, sa.ForeignKey("comments.id", use_alter=True, name="fk_posts_pinned_comment")
    )
    editor_id = sa.Column(sa.Integer, sa.ForeignKey(User.id))


class Comment(Base):
    __tablename__ = "comments"
    id = sa.Column(sa.Integer, primary_key=True)
    post_id = sa.Column(sa.Integer, sa.ForeignKey("posts.id"), nullable=False)
"#;

const USERS_PY: &str = r#"import sqlalchemy as sa


class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)
"#;

fn fk_lines(sources: &[Source], dialect: fklint::Dialect) -> Vec<String> {
    let options = Options {
        dialect,
        ..Options::default()
    };
    let mut lines: Vec<String> = schema(sources, &options)
        .foreign_keys
        .iter()
        .map(|fk| {
            format!(
                "{}({}) -> {}({}) ON DELETE {}",
                fk.table,
                fk.columns.join(","),
                fk.ref_table,
                fk.ref_columns.join(","),
                fk.on_delete
            )
        })
        .collect();
    lines.sort();
    lines
}

fn model_files() -> Vec<Source> {
    vec![
        Source::new("app/models/posts.py", POSTS_PY),
        Source::new("app/models/users.py", USERS_PY),
    ]
}

/// As SQLAlchemy 2.1.9 emits them (`metadata.create_all()` on a mock engine): on PostgreSQL and MySQL the
/// `use_alter=True` key is an `ALTER TABLE ... ADD CONSTRAINT` after every table; on SQLite, which cannot add a
/// constraint, it stays inline in `CREATE TABLE`. A reference to a table of another file is no finding.
#[test]
fn models_of_several_files_share_one_metadata_and_use_alter_keys_follow_create_all() {
    let postgres = fk_lines(&model_files(), fklint::Dialect::Postgres);
    assert_eq!(
        postgres,
        [
            "comments(post_id) -> posts(id) ON DELETE NO ACTION",
            "posts(author_id) -> users(id) ON DELETE CASCADE",
            "posts(editor_id) -> users(id) ON DELETE NO ACTION",
            "posts(pinned_comment_id) -> comments(id) ON DELETE NO ACTION",
        ]
    );
    assert_eq!(fk_lines(&model_files(), fklint::Dialect::Sqlite), postgres);
    let report = fklint::check(&model_files(), &Options::default());
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
    assert!(
        !codes.iter().any(|c| ["FK101", "FK105"].contains(c)),
        "{codes:?}"
    );
}

/// Alembic's `op.create_table` runs SQLAlchemy's `CREATE TABLE`, which leaves a `use_alter=True` key out where
/// the dialect can `ALTER TABLE` (SQLAlchemy 2.1.9's `CreateTable` on PostgreSQL and MySQL; SQLite keeps it
/// inline); nothing adds it afterwards.
#[test]
fn alembic_create_table_leaves_use_alter_keys_out() {
    let migration = r#"revision = "a1"
down_revision = None

import sqlalchemy as sa
from alembic import op


def upgrade():
    op.create_table("b", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table(
        "a",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("b_id", sa.Integer),
        sa.ForeignKeyConstraint(["b_id"], ["b.id"], use_alter=True, name="fk_a_b"),
    )
    op.create_table(
        "c",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("a_id", sa.Integer, sa.ForeignKey("a.id")),
    )
"#;
    let sources = [Source::new("versions/a1_init.py", migration)];
    assert_eq!(
        fk_lines(&sources, fklint::Dialect::Postgres),
        ["c(a_id) -> a(id) ON DELETE NO ACTION"]
    );
    assert_eq!(
        fk_lines(&sources, fklint::Dialect::Sqlite),
        [
            "a(b_id) -> b(id) ON DELETE NO ACTION",
            "c(a_id) -> a(id) ON DELETE NO ACTION"
        ]
    );
}

/// Where SQLAlchemy is installed (`pip install sqlalchemy`), what it really emits: the DDL of `create_all()`
/// for the same models, read by the SQL front end, has the foreign keys the Python front end reads, on
/// PostgreSQL and on SQLite. Skipped without `python3` and SQLAlchemy.
#[test]
fn models_give_the_foreign_keys_of_sqlalchemys_own_ddl() {
    let script = format!(
        r#"
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase
class Base(DeclarativeBase):
    pass
{USERS_PY}
{POSTS_PY}
import sys
from sqlalchemy.dialects import postgresql, sqlite
dialect = {{"postgresql": postgresql, "sqlite": sqlite}}[sys.argv[1]].dialect()
out = []
engine = sa.create_mock_engine(sys.argv[1] + "://", lambda sql, *a, **k: out.append(str(sql.compile(dialect=dialect)).strip()))
Base.metadata.create_all(engine, checkfirst=False)
print(";\n".join(out) + ";")
"#
    );
    for (name, dialect) in [
        ("postgresql", fklint::Dialect::Postgres),
        ("sqlite", fklint::Dialect::Sqlite),
    ] {
        let Ok(output) = std::process::Command::new("python3")
            .args(["-c", &script, name])
            .output()
        else {
            eprintln!("skipped: no python3");
            return;
        };
        if !output.status.success() {
            eprintln!(
                "skipped: SQLAlchemy is not installed ({})",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            return;
        }
        let ddl = String::from_utf8_lossy(&output.stdout).into_owned();
        let emitted = fk_lines(&[Source::new("create_all.sql", ddl.as_str())], dialect);
        assert_eq!(fk_lines(&model_files(), dialect), emitted, "{name}:\n{ddl}");
    }
}
