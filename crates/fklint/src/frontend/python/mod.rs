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

pub use super::is_python;

/// The model classes of every model file of a run, with their tables.
type KnownClasses = std::collections::HashMap<String, crate::ident::Ident>;

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
    fn pieces(
        &self,
        src: &str,
        dialect: crate::dialect::Dialect,
        known: &KnownClasses,
    ) -> Vec<Piece> {
        if self.revision.is_some() {
            return alembic::read_upgrade(src, &self.tokens, &self.lines, dialect);
        }
        let tables = models::read_models(src, &self.tokens, &self.lines, known);
        // `create_all()` makes every key: `use_alter=True` ones by `ALTER TABLE` after every table, or inline
        // on SQLite.
        models::events(&tables, true)
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
///
/// Model files share one `MetaData`: like `create_all()`, every table of every model file exists before any of
/// their foreign keys, so a model may reference a class or table another file declares. Their foreign keys are
/// held back until the last model file has been read.
#[derive(Default)]
pub struct Python {
    lexed: std::collections::HashMap<SourceId, Lexed>,
    /// The last model file (a `.py` without an Alembic `revision`) in reading order.
    last_models: Option<SourceId>,
    /// Foreign keys of the model files read so far, with their source.
    held_back: Vec<(SourceId, Span, crate::events::EventKind)>,
    /// Every model class of the run and its table, for `ForeignKey(Model.col)` across modules.
    classes: KnownClasses,
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
        // In reading order, so that a class name two modules declare resolves the same way every run.
        for id in order.iter() {
            let Some((source, lexed)) = sources
                .get(*id)
                .zip(self.lexed.get(id))
                .filter(|(_, lexed)| lexed.revision.is_none())
            else {
                continue;
            };
            self.classes.extend(models::class_tables(
                &source.text,
                &lexed.tokens,
                &lexed.lines,
            ));
        }
        self.last_models = order
            .iter()
            .rev()
            .copied()
            .find(|id| self.lexed.get(id).is_some_and(|l| l.revision.is_none()));
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
        let models = lexed.revision.is_none();
        for piece in lexed.pieces(&source.text, parsed.dialect, &self.classes) {
            match piece {
                Piece::Event(span, kind @ crate::events::EventKind::AddConstraint { .. })
                    if models =>
                {
                    self.held_back.push((source_id, span, kind));
                }
                Piece::Event(span, kind) => push_event(parsed, source_id, span, kind),
                Piece::Sql(body) => {
                    super::sql::read_embedded_sql(&source.text, source_id, body, parsed)
                }
            }
        }
        if models && self.last_models.is_none_or(|last| last == source_id) {
            for (source, span, kind) in std::mem::take(&mut self.held_back) {
                push_event(parsed, source, span, kind);
            }
        }
        parsed.revisions[source_id] = lexed.revision;
    }
}

/// One event as a statement of its own, at its span of `source`.
fn push_event(parsed: &mut Parsed, source: SourceId, span: Span, kind: crate::events::EventKind) {
    let stmt = StmtRef {
        index: parsed.statements,
        source,
        span,
    };
    parsed.statements += 1;
    parsed.events.push(Event { stmt, kind });
}
