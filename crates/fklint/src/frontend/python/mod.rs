//! Python front ends: SQLAlchemy models and Alembic migrations, read by a hand-written tokenizer (the core ships
//! to the browser, so no Python parser crate) into the same schema events the SQL front end emits. Spans point
//! into the `.py` text: a type's span is its type expression, a referenced table's span is the table part inside
//! the `ForeignKey("...")` string, so every rule and its fixes work unchanged (fix text is spelled for Python
//! by `rules::fix`, which asks [`is_python`]).

pub mod alembic;
pub mod column;
pub mod expr;
pub mod lex;
pub mod models;
pub mod piece;
pub mod types;

use super::parsed::{Parsed, Revision};
use crate::events::{Event, StmtRef};
use crate::source::{Source, SourceId, Span};
use piece::Piece;

/// Whether a source is Python (by its name: `models.py`, `versions/abc_add_users.py`).
pub fn is_python(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".py")
}

/// A Python source lexed once: its tokens, `#` comments and logical lines, and its Alembic header.
struct Lexed {
    tokens: Vec<lex::Token>,
    comments: Vec<Span>,
    lines: Vec<expr::Line>,
    revision: Option<Revision>,
}

impl Lexed {
    fn new(src: &str) -> Lexed {
        let (tokens, comments) = lex::tokenize_with_comments(src);
        let lines = expr::logical_lines(&tokens);
        let revision = alembic::revision(src, &tokens, &lines);
        Lexed {
            tokens,
            comments,
            lines,
            revision,
        }
    }

    /// The pieces of the file: an Alembic migration's `upgrade()` when it has a `revision`, otherwise the
    /// SQLAlchemy models it defines.
    fn pieces(&self, src: &str) -> Vec<Piece> {
        if self.revision.is_some() {
            return alembic::read_upgrade(src, &self.tokens, &self.lines);
        }
        let tables = models::read_models(src, &self.tokens, &self.lines);
        models::events(&tables)
            .into_iter()
            .map(|(span, kind)| Piece::Event(span, kind))
            .collect()
    }

    /// The logical lines (first token to last) and `#` comments: a directive covers the line it ends or the
    /// line below it.
    fn outline(&self) -> crate::source::Outline {
        let statements = self
            .lines
            .iter()
            .filter_map(|line| {
                let first = self.tokens.get(line.start)?;
                let last = self.tokens.get(line.end.checked_sub(1)?)?;
                Some(first.span.join(last.span))
            })
            .collect();
        crate::source::Outline {
            statements,
            comments: self.comments.clone(),
        }
    }

    /// The bodies of the string literals.
    fn string_bodies(&self) -> Vec<Span> {
        self.tokens
            .iter()
            .filter_map(|t| match t.kind {
                lex::Kind::Str(lit) => Some(lit.body),
                _ => None,
            })
            .collect()
    }
}

/// The Python front end: SQLAlchemy models and Alembic migrations (`.py`), and the SQL in their strings. Each
/// source is lexed once, when the reading order is chosen, and read from those tokens.
#[derive(Default)]
pub struct Python {
    lexed: std::collections::HashMap<SourceId, Lexed>,
}

impl super::front_end::FrontEnd for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    fn reads(&self, source_name: &str) -> bool {
        is_python(source_name)
    }

    /// Alembic migrations follow their revision chain (they take the places migrations had, parents first),
    /// since file names say nothing about it.
    fn prepare(&mut self, sources: &[Source], order: &mut Vec<SourceId>) {
        for &id in order.iter() {
            if let Some(source) = sources.get(id).filter(|s| is_python(&s.name)) {
                self.lexed.insert(id, Lexed::new(&source.text));
            }
        }
        let revisions: Vec<Option<Revision>> = order
            .iter()
            .map(|id| self.lexed.get(id).and_then(|l| l.revision.clone()))
            .collect();
        if revisions.iter().any(Option::is_some) {
            *order = alembic::chain_order(&revisions)
                .into_iter()
                .filter_map(|i| order.get(i).copied())
                .collect();
        }
    }

    fn read(&mut self, source: &Source, source_id: SourceId, parsed: &mut Parsed) {
        let lexed = self
            .lexed
            .remove(&source_id)
            .unwrap_or_else(|| Lexed::new(&source.text));
        if source
            .text
            .contains(crate::source::Outline::DIRECTIVE_MARKER)
        {
            parsed.outlines[source_id] = lexed.outline();
        }
        parsed.python_strings[source_id] = lexed.string_bodies();
        for piece in lexed.pieces(&source.text) {
            match piece {
                Piece::Event(span, kind) => {
                    let stmt = StmtRef {
                        index: parsed.statements,
                        source: source_id,
                        span,
                    };
                    parsed.statements += 1;
                    parsed.events.push(Event { stmt, kind });
                }
                Piece::Sql(body) => {
                    super::sql::read_embedded_sql(&source.text, source_id, body, parsed)
                }
            }
        }
        parsed.revisions[source_id] = lexed.revision;
    }
}

#[cfg(test)]
mod tests {
    use crate::{schema, Options, Source};

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
        let report = crate::check(&sources, &Options::default());
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
        let report = crate::check(&[Source::new("models.py", src)], &Options::default());
        let codes: Vec<(&str, usize)> = report
            .findings
            .iter()
            .map(|f| (f.code, f.position.line))
            .collect();
        assert_eq!(codes, [("FK202", 11)], "{:#?}", report.findings);
        assert_eq!(report.summary.suppressed, 2);
    }
}
