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
