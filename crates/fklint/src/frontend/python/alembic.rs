//! Alembic migrations: the revision header (`revision`, `down_revision`) and the `op.*` calls of `upgrade()`,
//! including `with op.batch_alter_table("t") as batch_op:` blocks and `op.execute("SQL")`, whose SQL is read by
//! the SQL front end with offsets in the `.py` file.
//!
//! Branches on the dialect (`if url.startswith("mysql"): ... elif ...postgres...:`) are common: the first
//! branch whose condition is not about another database is followed, as PostgreSQL would run it.

use super::column::{
    items, read_column, ref_action, string_ident, ModelColumn, ModelFk, RefTarget,
};
use super::expr::{keyword, positional, Arg, Expr, Line, Reader};
use super::lex::{Kind, Token};
use super::models::{self, ModelTable};
use super::piece::Piece;
use crate::dialect::Dialect;
use crate::events::{ConstraintDef, ConstraintKind, EventKind, IndexDef};
use crate::frontend::parsed::Revision;
use crate::ident::{Ident, ObjName};
use crate::source::Span;

/// The header of an Alembic migration, or `None` when the file has no module-level `revision = "..."`.
pub fn revision(src: &str, tokens: &[Token], lines: &[Line]) -> Option<Revision> {
    let mut found: Option<Revision> = None;
    let mut down = Vec::new();
    for line in lines.iter().filter(|l| l.depth == 0) {
        let mut reader = Reader::line(src, tokens, line);
        let Some(name) = reader.expr().dotted() else {
            continue;
        };
        if reader.eat_op(":") {
            reader.expr(); // `revision: str = "abc"`
        }
        if !reader.eat_op("=") {
            continue;
        }
        let value = reader.expr();
        match name.as_str() {
            "revision" => {
                if let Expr::Str {
                    value: id, span, ..
                } = &value
                {
                    found = Some(Revision {
                        id: id.clone(),
                        id_span: *span,
                        down: Vec::new(),
                    });
                }
            }
            "down_revision" => {
                down = items(&value)
                    .iter()
                    .filter_map(|e| match e {
                        Expr::Str { value, span, .. } => Some((value.clone(), *span)),
                        _ => None,
                    })
                    .collect();
            }
            _ => {}
        }
    }
    found.map(|r| Revision { down, ..r })
}

/// Orders sources so that Alembic migrations follow their revision chain (parents first); other sources keep
/// their places, and the migrations fill the places migrations had, in chain order. A migration whose parent
/// is missing or that sits in a cycle keeps its relative order after the ones that could be placed.
pub fn chain_order(revisions: &[Option<Revision>]) -> Vec<usize> {
    let slots: Vec<usize> = (0..revisions.len())
        .filter(|&i| revisions.get(i).is_some_and(Option::is_some))
        .collect();
    let mut placed: Vec<usize> = Vec::new();
    let mut done = vec![false; revisions.len()];
    loop {
        let next = slots.iter().copied().find(|&i| {
            !done[i]
                && revisions[i].as_ref().is_some_and(|r| {
                    r.down.iter().all(|(parent, _)| {
                        slots.iter().any(|&j| {
                            done[j] && revisions[j].as_ref().is_some_and(|p| &p.id == parent)
                        }) || !slots
                            .iter()
                            .any(|&j| revisions[j].as_ref().is_some_and(|p| &p.id == parent))
                    })
                })
        });
        match next {
            Some(i) => {
                done[i] = true;
                placed.push(i);
            }
            None => break,
        }
    }
    placed.extend(slots.iter().copied().filter(|&i| !done[i]));
    let mut order: Vec<usize> = (0..revisions.len()).collect();
    for (slot, source) in slots.iter().zip(placed) {
        order[*slot] = source;
    }
    order
}

/// The schema changes of `upgrade()`.
pub fn read_upgrade(src: &str, tokens: &[Token], lines: &[Line], dialect: Dialect) -> Vec<Piece> {
    let mut out = Vec::new();
    for (at, line) in lines.iter().enumerate().filter(|(_, l)| l.depth == 0) {
        let mut reader = Reader::line(src, tokens, line);
        if reader.eat_name("def") && reader.eat_name("upgrade") {
            let walker = Walker {
                src,
                tokens,
                lines,
                dialect,
            };
            walker.block(at, None, &mut out);
        }
    }
    out
}

/// The table of a `batch_alter_table` block: its name as written (a string literal) and schema.
#[derive(Clone)]
struct Batch {
    alias: String,
    table: Expr,
    schema: Option<Expr>,
}

struct Walker<'a> {
    src: &'a str,
    tokens: &'a [Token],
    lines: &'a [Line],
    dialect: Dialect,
}

impl Walker<'_> {
    /// Direct children of the line at `at`.
    fn children(&self, at: usize) -> Vec<usize> {
        let Some(head) = self.lines.get(at) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, line) in self.lines.iter().enumerate().skip(at + 1) {
            if line.depth <= head.depth {
                break;
            }
            if line.depth == head.depth + 1 {
                out.push(i);
            }
        }
        out
    }

    fn first_word(&self, at: usize) -> &str {
        self.lines
            .get(at)
            .and_then(|l| self.tokens.get(l.start))
            .filter(|t| t.kind == Kind::Name)
            .map_or("", |t| t.text(self.src))
    }

    /// The text of a line from after its first word up to its final `:`.
    fn header_text(&self, at: usize) -> &str {
        let Some(line) = self.lines.get(at) else {
            return "";
        };
        let start = self.tokens.get(line.start).map_or(0, |t| t.span.end);
        let end = line
            .end
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(start, |t| t.span.start);
        self.src.get(start..end.max(start)).unwrap_or("")
    }

    fn block(&self, at: usize, batch: Option<&Batch>, out: &mut Vec<Piece>) {
        let children = self.children(at);
        let mut taken_branch = false;
        for &child in &children {
            match self.first_word(child) {
                "if" => {
                    taken_branch = false;
                    self.branch(child, batch, &mut taken_branch, out);
                }
                "elif" => self.branch(child, batch, &mut taken_branch, out),
                "else" if !taken_branch => self.block(child, batch, out),
                "else" => {}
                "with" => self.with_block(child, batch, out),
                "for" | "while" | "try" | "except" | "finally" => self.block(child, batch, out),
                "def" | "class" | "return" => {}
                _ => self.statement(child, batch, out),
            }
        }
    }

    /// `if` / `elif`: followed unless another branch was, or it is about another database.
    fn branch(&self, at: usize, batch: Option<&Batch>, taken: &mut bool, out: &mut Vec<Piece>) {
        if *taken {
            return;
        }
        let condition = self.header_text(at).to_ascii_lowercase();
        let postgres = condition.contains("postgres");
        let other = ["mysql", "sqlite", "mssql", "oracle", "mariadb"]
            .iter()
            .any(|d| condition.contains(d));
        let negated = condition.contains("not ") || condition.contains("!=");
        if other && !postgres && !negated {
            return;
        }
        *taken = true;
        self.block(at, batch, out);
    }

    /// `with op.batch_alter_table("t") as batch_op:`; other `with` blocks are walked as they are.
    fn with_block(&self, at: usize, batch: Option<&Batch>, out: &mut Vec<Piece>) {
        let Some(line) = self.lines.get(at) else {
            return;
        };
        let mut reader = Reader::new(self.src, self.tokens, line.start + 1, line.end);
        let context = reader.expr();
        let alias = if reader.eat_name("as") {
            reader.expr().dotted()
        } else {
            None
        };
        let new_batch = match (context.call_of(&["batch_alter_table"]), alias) {
            (Some(args), Some(alias)) => positional(args)
                .next()
                .or_else(|| keyword(args, "table_name"))
                .map(|table| Batch {
                    alias,
                    table: table.clone(),
                    schema: keyword(args, "schema").cloned(),
                }),
            _ => None,
        };
        self.block(at, new_batch.as_ref().or(batch), out);
    }

    fn statement(&self, at: usize, batch: Option<&Batch>, out: &mut Vec<Piece>) {
        let Some(line) = self.lines.get(at) else {
            return;
        };
        let mut reader = Reader::line(self.src, self.tokens, line);
        let mut expr = reader.expr();
        if reader.eat_op("=") {
            expr = reader.expr();
        }
        let Expr::Call { func, args, span } = &expr else {
            return;
        };
        let Some(name) = func.dotted() else {
            return;
        };
        let Some((receiver, operation)) = name.rsplit_once('.') else {
            return;
        };
        let batch = batch.filter(|b| b.alias == receiver);
        if receiver != "op" && batch.is_none() {
            return;
        }
        let mut call = OpCall::new(self.src, operation, args, batch, *span);
        call.dialect = self.dialect;
        out.extend(call.pieces());
    }
}

/// One `op.<operation>(...)` or `batch_op.<operation>(...)` call.
struct OpCall<'a> {
    src: &'a str,
    operation: &'a str,
    args: &'a [Arg],
    /// Positional arguments, with the batch's table put where `op.<operation>` takes it.
    positional: Vec<Expr>,
    schema: Option<Expr>,
    span: Span,
    /// Where SQLAlchemy's `CREATE TABLE` keeps `use_alter=True` keys: only on SQLite, which cannot `ALTER`.
    dialect: Dialect,
}

impl<'a> OpCall<'a> {
    fn new(
        src: &'a str,
        operation: &'a str,
        args: &'a [Arg],
        batch: Option<&Batch>,
        span: Span,
    ) -> Self {
        let mut positional: Vec<Expr> = positional(args).cloned().collect();
        let mut schema = keyword(args, "schema").cloned();
        if let Some(batch) = batch {
            let at = table_position(operation).min(positional.len());
            positional.insert(at, batch.table.clone());
            schema = schema.or_else(|| batch.schema.clone());
        }
        OpCall {
            src,
            operation,
            args,
            positional,
            schema,
            span,
            dialect: Dialect::Postgres,
        }
    }

    fn arg(&self, index: usize, name: &str) -> Option<&Expr> {
        self.positional
            .get(index)
            .or_else(|| keyword(self.args, name))
    }

    fn ident(&self, index: usize, name: &str) -> Option<Ident> {
        self.arg(index, name)
            .and_then(|e| string_ident(self.src, e))
    }

    fn schema_ident(&self, name: &str) -> Option<Ident> {
        keyword(self.args, name)
            .or(self.schema.as_ref())
            .and_then(|e| string_ident(self.src, e))
    }

    fn table(&self, index: usize, name: &str) -> Option<ObjName> {
        let table = self.ident(index, name)?;
        Some(ObjName {
            span: table.span,
            schema: self.schema_ident("schema"),
            name: table,
        })
    }

    fn columns(&self, index: usize, name: &str) -> Vec<Ident> {
        self.arg(index, name)
            .map(|e| {
                items(e)
                    .iter()
                    .filter_map(|c| string_ident(self.src, c))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn event(&self, kind: EventKind) -> Piece {
        Piece::Event(self.span, kind)
    }

    fn pieces(&self) -> Vec<Piece> {
        let pieces = match self.operation {
            "create_table" => self.create_table(),
            "add_column" => self.add_column(),
            "create_foreign_key" => self.create_foreign_key(),
            "execute" => self.execute(),
            _ => None,
        };
        if let Some(pieces) = pieces {
            return pieces;
        }
        let kind = match self.operation {
            "drop_table" => self.table(0, "table_name").map(|t| EventKind::DropTable {
                names: vec![t],
                if_exists: false,
                cascade: false,
            }),
            "rename_table" => self.rename_table(),
            "drop_column" => self.drop_column(),
            "drop_constraint" => self.drop_constraint(),
            "create_index" => self.create_index().map(EventKind::CreateIndex),
            "drop_index" => self.drop_index(),
            "create_unique_constraint" | "create_primary_key" => self.create_key(),
            _ => None,
        };
        let mut pieces: Vec<Piece> = kind.into_iter().map(|k| self.event(k)).collect();
        if self.operation == "alter_column" {
            pieces.extend(self.alter_column().into_iter().map(|k| self.event(k)));
        }
        pieces
    }

    /// `op.create_table("t", sa.Column(...), sa.ForeignKeyConstraint(...), ..., schema=...)`: the table, then
    /// its foreign keys and indexes (the same events as a model's).
    fn create_table(&self) -> Option<Vec<Piece>> {
        let name = self.ident(0, "table_name")?;
        let mut table = ModelTable::new(name, self.span);
        let elements: Vec<Expr> = self.positional.iter().skip(1).cloned().collect();
        models::read_table_items(self.src, &elements, self.args, &mut table);
        table.schema = self.schema_ident("schema");
        // Its `CREATE TABLE` is SQLAlchemy's, which leaves out `use_alter=True` keys where the dialect can
        // `ALTER TABLE` (SQLite keeps them inline); nothing adds them later.
        let use_alter = self.dialect == Dialect::Sqlite;
        let events = models::events(std::slice::from_ref(&table), use_alter);
        Some(
            events
                .into_iter()
                .map(|(span, kind)| Piece::Event(span, kind))
                .collect(),
        )
    }

    /// `op.add_column("t", sa.Column(...))`: the column, then its foreign keys and index.
    fn add_column(&self) -> Option<Vec<Piece>> {
        let table = self.table(0, "table_name")?;
        let column: ModelColumn = read_column(self.src, self.arg(1, "column")?, None, None)?;
        let mut constraints = Vec::new();
        if column.unique {
            constraints.push(ConstraintDef {
                name: None,
                kind: ConstraintKind::Unique(vec![column.name.clone()]),
                span: column.span,
                removal: column.span,
                deferrable: false,
            });
        }
        let mut pieces = vec![self.event(EventKind::AddColumn {
            table: table.clone(),
            column: column.def(),
            constraints,
            if_not_exists: false,
        })];
        for fk in &column.fks {
            if let Some(constraint) = models::fk_constraint(fk, vec![column.name.clone()]) {
                pieces.push(Piece::Event(
                    fk.span,
                    EventKind::AddConstraint {
                        table: table.clone(),
                        constraint,
                        only: false,
                    },
                ));
            }
        }
        if column.index {
            let name = format!("ix_{}_{}", table.name.value, column.name.value);
            pieces.push(self.event(EventKind::CreateIndex(IndexDef {
                name: Some(Ident::synthetic(&name)),
                table,
                columns: vec![Some(column.name.clone())],
                unique: column.unique,
                partial: false,
                if_not_exists: false,
                only: false,
            })));
        }
        Some(pieces)
    }

    /// `op.create_foreign_key(name, source, referent, local_cols, remote_cols, ondelete=..., ...)`.
    fn create_foreign_key(&self) -> Option<Vec<Piece>> {
        let table = ObjName {
            schema: self.schema_ident("source_schema"),
            ..self.table(1, "source_table")?
        };
        let referent = self.ident(2, "referent_table")?;
        let referent_schema =
            keyword(self.args, "referent_schema").and_then(|e| string_ident(self.src, e));
        let columns = self.columns(3, "local_cols");
        let targets = self
            .columns(4, "remote_cols")
            .into_iter()
            .map(|column| RefTarget::Named {
                schema: referent_schema.clone(),
                table: referent.clone(),
                column,
            })
            .collect();
        let action = |name: &str| {
            keyword(self.args, name)
                .and_then(Expr::as_str)
                .map_or(crate::events::RefAction::NoAction, ref_action)
        };
        let fk = ModelFk {
            columns: columns.clone(),
            targets,
            name: self.ident(0, "constraint_name"),
            on_delete: action("ondelete"),
            on_update: action("onupdate"),
            deferrable: keyword(self.args, "deferrable").and_then(Expr::as_bool) == Some(true),
            initially_deferred: keyword(self.args, "initially")
                .and_then(Expr::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("deferred")),
            // `op.create_foreign_key` is an `ALTER TABLE` already.
            use_alter: false,
            span: self.span,
            removal: self.span,
        };
        let constraint = models::fk_constraint(&fk, columns)?;
        Some(vec![self.event(EventKind::AddConstraint {
            table,
            constraint,
            only: false,
        })])
    }

    /// `op.execute("SQL")` / `op.execute(sa.text("SQL"))`: the SQL front end reads the string in place, when
    /// its text is exactly its value (no escapes), so spans stay exact.
    fn execute(&self) -> Option<Vec<Piece>> {
        let mut sql = self.arg(0, "sqltext")?;
        if let Some(args) = sql.call_of(&["text"]) {
            sql = positional(args).next()?;
        }
        let Expr::Str { lit: Some(lit), .. } = sql else {
            return Some(Vec::new());
        };
        let exact = super::lex::exact_value(self.src, lit).is_some() && !lit.formatted;
        Some(if exact {
            vec![Piece::Sql(lit.body)]
        } else {
            Vec::new()
        })
    }

    fn rename_table(&self) -> Option<EventKind> {
        Some(EventKind::RenameTable {
            table: self.table(0, "old_table_name")?,
            to: self.ident(1, "new_table_name")?,
        })
    }

    fn drop_column(&self) -> Option<EventKind> {
        Some(EventKind::DropColumn {
            table: self.table(0, "table_name")?,
            column: self.ident(1, "column_name")?,
            if_exists: false,
            cascade: false,
        })
    }

    fn drop_constraint(&self) -> Option<EventKind> {
        Some(EventKind::DropConstraint {
            table: self.table(1, "table_name")?,
            name: self.ident(0, "constraint_name")?,
            if_exists: false,
            cascade: false,
        })
    }

    fn create_index(&self) -> Option<IndexDef> {
        let columns = self
            .arg(2, "columns")
            .map(|e| items(e).iter().map(|c| string_ident(self.src, c)).collect())
            .unwrap_or_default();
        Some(IndexDef {
            name: self.ident(0, "index_name"),
            table: self.table(1, "table_name")?,
            columns,
            unique: keyword(self.args, "unique").and_then(Expr::as_bool) == Some(true),
            partial: keyword(self.args, "postgresql_where").is_some(),
            if_not_exists: false,
            only: false,
        })
    }

    fn drop_index(&self) -> Option<EventKind> {
        let name = self.ident(0, "index_name")?;
        Some(EventKind::DropIndex {
            names: vec![ObjName {
                span: name.span,
                schema: self.schema_ident("schema"),
                name,
            }],
            if_exists: false,
            cascade: false,
        })
    }

    fn create_key(&self) -> Option<EventKind> {
        let columns = self.columns(2, "columns");
        let kind = if self.operation == "create_primary_key" {
            ConstraintKind::PrimaryKey(columns)
        } else {
            ConstraintKind::Unique(columns)
        };
        Some(EventKind::AddConstraint {
            table: self.table(1, "table_name")?,
            constraint: ConstraintDef {
                name: self.ident(0, "constraint_name"),
                kind,
                span: self.span,
                removal: self.span,
                deferrable: false,
            },
            only: false,
        })
    }

    /// `type_=` then `nullable=` then `new_column_name=`, in the order Alembic emits them.
    fn alter_column(&self) -> Vec<EventKind> {
        let (Some(table), Some(column)) =
            (self.table(0, "table_name"), self.ident(1, "column_name"))
        else {
            return Vec::new();
        };
        let mut events = Vec::new();
        if let Some(ty) = keyword(self.args, "type_") {
            if let Some(text) = super::types::sql_type(ty) {
                events.push(EventKind::AlterColumnType {
                    table: table.clone(),
                    column: column.clone(),
                    ty: crate::events::TypeRef {
                        text,
                        span: ty.span(),
                    },
                    collate: false,
                });
            }
        }
        if let Some(nullable) = keyword(self.args, "nullable").and_then(Expr::as_bool) {
            events.push(EventKind::SetNotNull {
                table: table.clone(),
                column: column.clone(),
                not_null: !nullable,
            });
        }
        if let Some(to) =
            keyword(self.args, "new_column_name").and_then(|e| string_ident(self.src, e))
        {
            events.push(EventKind::RenameColumn {
                table,
                from: column,
                to,
                only: false,
            });
        }
        events
    }
}

/// Where `op.<operation>` takes the table among its positional arguments (a batch operation omits it).
fn table_position(operation: &str) -> usize {
    match operation {
        "create_foreign_key"
        | "drop_constraint"
        | "create_index"
        | "drop_index"
        | "create_unique_constraint"
        | "create_primary_key" => 1,
        _ => 0,
    }
}
