//! Python front ends: SQLAlchemy models and Alembic migrations, read by a hand-written tokenizer (the core ships
//! to the browser, so no Python parser crate) into the same schema events the SQL front end emits. Spans point
//! into the `.py` text: a type's span is its type expression, a referenced table's span is the table part inside
//! the `ForeignKey("...")` string, so every rule and its fixes work unchanged (fix text is spelled for Python
//! by `rules::fix`, which asks [`is_python`]).

pub mod column;
pub mod expr;
pub mod lex;
pub mod models;
pub mod types;

use crate::events::EventKind;
use crate::source::Span;

/// Whether a source is Python (by its name: `models.py`, `versions/abc_add_users.py`).
pub fn is_python(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".py")
}

/// The schema events a Python file defines, each with the span of the piece of code it comes from (a
/// statement of its own for the catalog).
pub fn read_source(src: &str) -> Vec<(Span, EventKind)> {
    let tokens = lex::tokenize(src);
    let lines = expr::logical_lines(&tokens);
    let tables = models::read_models(src, &tokens, &lines);
    models::events(&tables)
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
}
