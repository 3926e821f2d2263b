//! Rails migrations (`db/migrate/<version>_<name>.rb`), read in version order (their file names sort so) into
//! the same events as SQL: `create_table` / `change_table` blocks (`t.<type>`, `t.column`, `t.references` /
//! `t.belongs_to` with `foreign_key:`, `t.timestamps`, `t.index`, `t.foreign_key`, `t.remove`, `t.rename`,
//! `t.change`), `add_column`, `remove_column`, `rename_column`, `change_column`, `change_column_null`,
//! `rename_table`, `drop_table`, `add_index`, `add_reference`, `add_foreign_key`, `remove_foreign_key`, and
//! `execute "SQL"` (a string or heredoc), whose SQL is read in place.
//!
//! Only the way up is read: `def down` / `def self.down`, `dir.down` and `revert` blocks are skipped. The key
//! type a migration defaults to depends on the Rails version it is written for (`ActiveRecord::Migration[X.Y]`):
//! `bigint` since 5.1, `integer` before (and for a migration with no version, Rails 4 and older).

use super::lex::{call, Call, Value};
use super::schema_rb::{foreign_key_parts, method_span, rails_type, singular};
use super::sha256::rails_foreign_key_name;
use crate::dialect::Dialect;
use crate::events::{ColumnDef, ConstraintDef, ConstraintKind, EventKind, IndexDef, TypeRef};
use crate::frontend::orm::{foreign_key_constraint, ident, made_up_name, plain_create_table, push};
use crate::frontend::parsed::Parsed;
use crate::ident::{Ident, ObjName};
use crate::source::{SourceId, Span};

/// Whether a Ruby source is a migration.
pub fn is_migration(src: &str) -> bool {
    src.contains("ActiveRecord::Migration")
}

/// The Rails version a migration is written for (`ActiveRecord::Migration[7.0]`; 4.2 when it names none).
pub(super) fn version(src: &str) -> (u32, u32) {
    let version = src
        .find("ActiveRecord::Migration[")
        .map(|at| &src[at + "ActiveRecord::Migration[".len()..])
        .and_then(|rest| rest.split(']').next())
        .unwrap_or("4.2");
    let mut parts = version
        .split('.')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The key type Rails gives `id` and `t.references` in a migration for `version`.
pub(super) fn default_key(version: (u32, u32)) -> &'static str {
    if version >= (5, 1) {
        "bigint"
    } else {
        "integer"
    }
}

/// A `create_table` / `change_table` block being read.
struct Block {
    create: bool,
    table: ObjName,
    var: String,
    /// The depth its `end` returns to.
    depth: usize,
    columns: Vec<ColumnDef>,
    primary_key: Option<Vec<Ident>>,
    span: Span,
    /// Events after the table: its foreign keys and indexes, or a `change_table`'s changes.
    after: Vec<(Span, EventKind)>,
}

impl Block {
    /// A new column: part of the table being created, or added in its turn by `change_table` (which runs its
    /// lines in order: `t.remove :x` then `t.references :x` replaces the column).
    fn add(&mut self, column: ColumnDef, call: &Call, src: &str, reference: bool) {
        let index = column_index(&self.table, &column.name, call, src, reference);
        if self.create {
            self.columns.push(column);
        } else {
            self.after
                .push((column.span, add_column(&self.table, column)));
        }
        self.after.extend(index);
    }
}

struct Reader<'a> {
    src: &'a str,
    class: String,
    created_by: &'a mut CreatedBy,
    source: SourceId,
    dialect: Dialect,
    key: &'static str,
    /// `t.references` / `add_reference` make an index unless `index: false` (Rails 5.0 and later).
    references_indexed: bool,
    depth: usize,
    /// Inside a skipped block (the way down) until the depth returns to this.
    skip_until: Option<usize>,
    block: Option<Block>,
}

/// The tables each migration class created, for a later `revert ClassName` (which drops them).
pub type CreatedBy = std::collections::BTreeMap<String, Vec<ObjName>>;

/// The class a migration defines (`class CreateUsers < ActiveRecord::Migration[7.0]`).
fn class_name(src: &str) -> String {
    src.lines()
        .find_map(|l| l.trim_start().strip_prefix("class "))
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '<').next())
        .unwrap_or("")
        .to_string()
}

/// Reads one migration into `parsed`.
pub fn read(
    src: &str,
    lines: &[Span],
    source: SourceId,
    parsed: &mut Parsed,
    created_by: &mut CreatedBy,
) {
    let class = class_name(src);
    let mut reader = Reader {
        class,
        created_by,
        src,
        source,
        dialect: parsed.dialect,
        key: default_key(version(src)),
        references_indexed: version(src) >= (5, 0),
        depth: 0,
        skip_until: None,
        block: None,
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let code = code_of(line.slice(src)).trim();
        if let Some(terminator) = heredoc_terminator(code) {
            let body_start = lines.get(i).map_or(line.end, |l| l.start);
            let mut body_end = body_start;
            while i < lines.len() && lines[i].slice(src).trim() != terminator {
                body_end = lines[i].end;
                i += 1;
            }
            i += 1;
            let body = Span::new(body_start, body_end.max(body_start));
            if reader.skip_until.is_none() && code.starts_with("execute") {
                reader.sql(body, parsed);
            }
            continue;
        }
        if let Some(body) = multiline_execute(src, line, code) {
            // `execute "CREATE INDEX ...` whose string goes on over the next lines.
            while i < lines.len() && lines[i].start < body.end {
                i += 1;
            }
            if reader.skip_until.is_none() {
                reader.sql(body, parsed);
            }
            continue;
        }
        reader.line(line, code, parsed);
    }
    if let Some(block) = reader.block.take() {
        reader.finish(block, parsed);
    }
}

impl Reader<'_> {
    fn line(&mut self, line: Span, code: &str, parsed: &mut Parsed) {
        if closes(code) {
            self.depth = self.depth.saturating_sub(1);
            if self.skip_until == Some(self.depth) {
                self.skip_until = None;
            }
            if self.block.as_ref().is_some_and(|b| b.depth == self.depth) {
                if let Some(mut block) = self.block.take() {
                    block.span = block.span.join(line);
                    self.finish(block, parsed);
                }
            }
            return;
        }
        let opens = opens(code);
        if self.skip_until.is_none() && skipped_block(code) {
            self.skip_until = Some(self.depth);
        }
        let depth_before = self.depth;
        if opens {
            self.depth += 1;
        }
        if self.skip_until.is_some() {
            return;
        }
        let Some(call) = call(self.src, line) else {
            return;
        };
        let in_block = self
            .block
            .as_ref()
            .is_some_and(|b| call.receiver.as_deref() == Some(b.var.as_str()));
        if in_block {
            self.block_line(&call);
            return;
        }
        if call.receiver.is_some() {
            return;
        }
        match call.method.as_str() {
            "create_table" | "change_table" if opens && call.opens_block => {
                if let Some(block) = self.open_block(&call, code, depth_before) {
                    if let Some(previous) = self.block.replace(block) {
                        self.finish(previous, parsed);
                    }
                }
            }
            "create_table" => {
                if let Some(block) = self.open_block(&call, code, depth_before) {
                    self.finish(block, parsed);
                }
            }
            "revert" => {
                // `revert CreateTokenBuckets`: the tables that migration created are dropped.
                let Some(Value::Name(class, _)) = call.positional.first() else {
                    return;
                };
                let tables = self.created_by.get(class).cloned().unwrap_or_default();
                for table in tables.into_iter().rev() {
                    let drop = EventKind::DropTable {
                        names: vec![ObjName::unqualified(ident(&table.name.value, call.span))],
                        if_exists: false,
                        cascade: false,
                    };
                    push(parsed, self.source, call.span, drop);
                }
            }
            "execute" => match call.positional.first() {
                Some(Value::Str(text, body)) if !text.contains("#{") => self.sql(*body, parsed),
                Some(_) => parsed.skipped += 1,
                None => {}
            },
            _ => {
                for (span, kind) in self.statement(&call) {
                    push(parsed, self.source, span, kind);
                }
            }
        }
    }

    fn sql(&self, body: Span, parsed: &mut Parsed) {
        if body.slice(self.src).contains("#{") {
            // Interpolated SQL is only known when the migration runs.
            parsed.skipped += 1;
            return;
        }
        crate::frontend::sql::read_embedded_sql(self.src, self.source, body, parsed);
    }

    fn open_block(&self, call: &Call, code: &str, depth: usize) -> Option<Block> {
        let (name, name_span) = name_of(call.positional.first()?)?;
        let table = ObjName::unqualified(ident(&name, name_span));
        let create = call.method == "create_table";
        let mut block = Block {
            create,
            table,
            var: block_var(code),
            depth,
            columns: Vec::new(),
            primary_key: None,
            span: call.span,
            after: Vec::new(),
        };
        if create {
            self.primary_key(call, &mut block);
        }
        Some(block)
    }

    /// `id: :uuid`, `id: false`, `primary_key: :code` (or `[:a, :b]`) of `create_table`.
    fn primary_key(&self, call: &Call, block: &mut Block) {
        let id = call.keyword("id");
        let pk = call.keyword("primary_key");
        if matches!(id, Some(Value::Name(n, _)) if n == "false") {
            if let Some(Value::Array(items, _)) = pk {
                block.primary_key = Some(items.iter().filter_map(ident_of).collect());
            }
            return;
        }
        let key_type = id.and_then(Value::as_str).unwrap_or(self.key);
        let span = id.map_or(call.span, Value::span);
        let key_type = match key_type {
            "primary_key" | "bigserial" => "bigint",
            "serial" => "integer",
            other => other,
        };
        let identity = matches!(key_type, "bigint" | "integer");
        let text = rails_type(self.dialect, key_type, None, None, None).unwrap_or("bigint");
        let name = ident(pk.and_then(Value::as_str).unwrap_or("id"), span);
        block.columns.push(ColumnDef {
            name: name.clone(),
            ty: Some(TypeRef {
                text: text.to_string(),
                span,
            }),
            not_null: true,
            not_null_span: None,
            default: None,
            identity,
            generated: None,
            span,
        });
        block.primary_key = Some(vec![name]);
    }

    /// A line of a `create_table` / `change_table` block: `t.<method> ...`.
    fn block_line(&mut self, call: &Call) {
        let Some(mut block) = self.block.take() else {
            return;
        };
        let table = block.table.clone();
        match call.method.as_str() {
            "references" | "belongs_to" => {
                let (columns, fks) = self.reference(&table, call, 0);
                columns
                    .into_iter()
                    .for_each(|c| block.add(c, call, self.src, self.references_indexed));
                block.after.extend(
                    fks.into_iter()
                        .map(|c| (call.span, add_constraint(&table, c))),
                );
            }
            "timestamps" => {
                for name in ["created_at", "updated_at"] {
                    let column = self.column(name, call.span, "datetime", call, call.span);
                    block.add(column, &no_options(call.span), self.src, false);
                }
            }
            "index" => block.after.extend(index(&table, call, 0)),
            "foreign_key" => {
                let to = call.positional.first().and_then(name_of);
                if let Some((to, to_span)) = to {
                    let c = self.foreign_key(&table, &to, to_span, call);
                    block.after.push((call.span, add_constraint(&table, c)));
                }
            }
            "remove" => {
                for column in call.positional.iter().filter_map(ident_of) {
                    block.after.push((call.span, drop_column(&table, column)));
                }
            }
            "rename" => {
                if let [from, to] = &call.positional[..] {
                    if let (Some(from), Some(to)) = (ident_of(from), ident_of(to)) {
                        block.after.push((
                            call.span,
                            EventKind::RenameColumn {
                                table: table.clone(),
                                from,
                                to,
                                only: false,
                            },
                        ));
                    }
                }
            }
            "change" => block.after.extend(self.change_column(&table, call, 0)),
            "column" => {
                if let (Some(name), Some(ty)) = (call.positional.first(), call.positional.get(1)) {
                    if let (Some((name, name_span)), Some(method)) = (name_of(name), ty.as_str()) {
                        let column = self.column(&name, name_span, method, call, ty.span());
                        block.add(column, call, self.src, false);
                    }
                }
            }
            "change_default" | "change_null" | "remove_index" | "remove_references"
            | "remove_belongs_to" | "remove_timestamps" | "check_constraint" => {}
            method => {
                let span = method_span(self.src, call, method);
                for (name, name_span) in call.positional.iter().filter_map(name_of) {
                    let column = self.column(&name, name_span, method, call, span);
                    block.add(column, call, self.src, false);
                }
            }
        }
        self.block = Some(block);
    }

    /// A column of Rails type `method` with the call's `limit:` / `precision:` / `null:` / `default:`.
    fn column(
        &self,
        name: &str,
        name_span: Span,
        method: &str,
        call: &Call,
        ty_span: Span,
    ) -> ColumnDef {
        let method = match method {
            "primary_key" => self.key,
            other => other,
        };
        let number = |key: &str| match call.keyword(key) {
            Some(Value::Number(n, _)) => Some(n.as_str()),
            _ => None,
        };
        let (limit, precision, scale) = (number("limit"), number("precision"), number("scale"));
        let text = match (method, limit, precision) {
            ("string", Some(n), _) => Some(format!("varchar({n})")),
            ("decimal", _, Some(p)) => Some(match scale {
                Some(s) => format!("numeric({p},{s})"),
                None => format!("numeric({p})"),
            }),
            ("decimal", _, None) => Some("numeric".to_string()),
            _ => rails_type(self.dialect, method, limit, precision, scale).map(str::to_string),
        };
        let array = matches!(call.keyword("array"), Some(Value::Name(n, _)) if n == "true");
        ColumnDef {
            name: ident(name, name_span),
            ty: text.map(|t| TypeRef {
                text: if array { format!("{t}[]") } else { t },
                span: ty_span,
            }),
            not_null: matches!(call.keyword("null"), Some(Value::Name(n, _)) if n == "false"),
            not_null_span: None,
            default: call
                .keyword("default")
                .map(|v| v.span().slice(self.src).to_string()),
            generated: None,
            identity: false,
            span: call.span,
        }
    }

    /// `t.references :user, type: :uuid, polymorphic: true, foreign_key: true | { to_table:, primary_key: }`
    /// (or `add_reference :table, :user, ...`, whose name is argument `at`): the columns and the foreign key.
    fn reference(
        &self,
        table: &ObjName,
        call: &Call,
        at: usize,
    ) -> (Vec<ColumnDef>, Vec<ConstraintDef>) {
        let Some((name, name_span)) = call.positional.get(at).and_then(name_of) else {
            return (Vec::new(), Vec::new());
        };
        let ty = call
            .keyword("type")
            .and_then(Value::as_str)
            .unwrap_or(self.key);
        let column_name = format!("{name}_id");
        let mut columns = vec![self.column(&column_name, name_span, ty, call, call.span)];
        if matches!(call.keyword("polymorphic"), Some(Value::Name(n, _)) if n == "true") {
            columns.push(self.column(
                &format!("{name}_type"),
                name_span,
                "string",
                call,
                call.span,
            ));
            return (columns, Vec::new());
        }
        let options = match call.keyword("foreign_key") {
            Some(Value::Name(n, _)) if n == "true" => None,
            Some(Value::Other(span)) => hash(span.slice(self.src)),
            _ => return (columns, Vec::new()),
        };
        let to = options
            .as_ref()
            .and_then(|o| o.keyword("to_table"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| plural(&name));
        let mut fk_call = options.unwrap_or_else(|| no_options(call.span));
        fk_call.span = call.span;
        fk_call
            .keywords
            .push(("column".into(), Value::Str(column_name, name_span)));
        let fk = self.foreign_key(table, &to, name_span, &fk_call);
        (columns, vec![fk])
    }

    /// `add_foreign_key`'s options on `table` referencing `to`: `column:`, `primary_key:`, `on_delete:`,
    /// `on_update:`, `name:` (else `fk_rails_<hash>`), `deferrable:`, `validate: false`.
    fn foreign_key(&self, table: &ObjName, to: &str, to_span: Span, call: &Call) -> ConstraintDef {
        let parts = foreign_key_parts(call, &table.name.value, to, to_span);
        let mut constraint = foreign_key_constraint(
            Some(made_up_name(self.dialect, &parts.name)),
            parts.columns,
            ObjName::unqualified(ident(to, to_span)),
            parts.ref_columns,
            (parts.on_delete, parts.on_update),
            call.span,
        );
        if let ConstraintKind::ForeignKey(def) = &mut constraint.kind {
            let deferrable = call.keyword("deferrable");
            def.deferrable =
                deferrable.is_some_and(|v| !matches!(v, Value::Name(n, _) if n == "false"));
            def.initially_deferred = deferrable.and_then(Value::as_str) == Some("deferred");
            def.not_valid =
                matches!(call.keyword("validate"), Some(Value::Name(n, _)) if n == "false");
            constraint.deferrable = def.deferrable;
        }
        constraint
    }

    /// `change_column :table, :column, :type, null: false` (`at` = 1) or `t.change :column, :type` (`at` = 0).
    fn change_column(&self, table: &ObjName, call: &Call, at: usize) -> Vec<(Span, EventKind)> {
        let (Some(column), Some(ty)) = (call.positional.get(at), call.positional.get(at + 1))
        else {
            return Vec::new();
        };
        let (Some((name, name_span)), Some(method)) = (name_of(column), ty.as_str()) else {
            return Vec::new();
        };
        let def = self.column(&name, name_span, method, call, ty.span());
        let mut events = Vec::new();
        if let Some(ty) = def.ty {
            events.push((
                call.span,
                EventKind::AlterColumnType {
                    table: table.clone(),
                    column: def.name.clone(),
                    ty,
                    collate: false,
                },
            ));
        }
        if let Some(Value::Name(null, _)) = call.keyword("null") {
            events.push((
                call.span,
                EventKind::SetNotNull {
                    table: table.clone(),
                    column: def.name,
                    not_null: null == "false",
                },
            ));
        }
        events
    }

    /// A statement outside a table block.
    fn statement(&self, call: &Call) -> Vec<(Span, EventKind)> {
        let Some((table_name, table_span)) = call.positional.first().and_then(name_of) else {
            return Vec::new();
        };
        let table = ObjName::unqualified(ident(&table_name, table_span));
        let second = call.positional.get(1).and_then(name_of);
        let span = call.span;
        match (call.method.as_str(), second) {
            ("add_column", Some((name, name_span))) => {
                let Some(ty) = call.positional.get(2) else {
                    return Vec::new();
                };
                let Some(method) = ty.as_str() else {
                    return Vec::new();
                };
                let column = self.column(&name, name_span, method, call, ty.span());
                vec![(span, add_column(&table, column))]
            }
            ("remove_column" | "remove_columns", Some(_)) => call.positional[1..]
                .iter()
                .filter_map(ident_of)
                .map(|c| (span, drop_column(&table, c)))
                .collect(),
            ("rename_column", Some(_)) => {
                match (&call.positional.get(1), &call.positional.get(2)) {
                    (Some(from), Some(to)) => match (ident_of(from), ident_of(to)) {
                        (Some(from), Some(to)) => {
                            vec![(
                                span,
                                EventKind::RenameColumn {
                                    table,
                                    from,
                                    to,
                                    only: false,
                                },
                            )]
                        }
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                }
            }
            ("change_column", Some(_)) => self.change_column(&table, call, 1),
            ("change_column_null", Some((name, name_span))) => match call.positional.get(2) {
                Some(Value::Name(null, _)) => vec![(
                    span,
                    EventKind::SetNotNull {
                        table,
                        column: ident(&name, name_span),
                        not_null: null == "false",
                    },
                )],
                _ => Vec::new(),
            },
            ("rename_table", Some((to, to_span))) => vec![(
                span,
                EventKind::RenameTable {
                    table,
                    to: ident(&to, to_span),
                },
            )],
            ("drop_table", _) => vec![(
                span,
                EventKind::DropTable {
                    names: vec![table],
                    if_exists: matches!(call.keyword("if_exists"), Some(Value::Name(n, _)) if n == "true"),
                    cascade: call.keyword("force").is_some(),
                },
            )],
            ("add_index", _) => index(&table, call, 1),
            ("add_reference" | "add_belongs_to", _) => {
                let (columns, fks) = self.reference(&table, call, 1);
                let mut events = Vec::new();
                for column in columns {
                    let index = column_index(
                        &table,
                        &column.name,
                        call,
                        self.src,
                        self.references_indexed,
                    );
                    events.push((span, add_column(&table, column)));
                    events.extend(index);
                }
                events.extend(fks.into_iter().map(|c| (span, add_constraint(&table, c))));
                events
            }
            ("add_foreign_key", Some((to, to_span))) => {
                vec![(
                    span,
                    add_constraint(&table, self.foreign_key(&table, &to, to_span, call)),
                )]
            }
            ("remove_foreign_key", second) => {
                let name = match call.keyword("name").and_then(Value::as_str) {
                    Some(name) => name.to_string(),
                    None => {
                        let column = match call.keyword("column").and_then(Value::as_str) {
                            Some(column) => column.to_string(),
                            None => match second {
                                Some((to, _)) => format!("{}_id", singular(&to)),
                                None => return Vec::new(),
                            },
                        };
                        rails_foreign_key_name(&table_name, &column)
                    }
                };
                vec![(
                    span,
                    EventKind::DropConstraint {
                        table,
                        name: made_up_name(self.dialect, &name),
                        if_exists: matches!(call.keyword("if_exists"), Some(Value::Name(n, _)) if n == "true"),
                        cascade: false,
                    },
                )]
            }
            _ => Vec::new(),
        }
    }

    /// The events of a finished block.
    fn finish(&mut self, block: Block, parsed: &mut Parsed) {
        if block.create {
            self.created_by
                .entry(self.class.clone())
                .or_default()
                .push(block.table.clone());
            let constraints = block
                .primary_key
                .map(|pk| ConstraintDef {
                    name: None,
                    kind: ConstraintKind::PrimaryKey(pk),
                    span: block.span,
                    removal: block.span,
                    deferrable: false,
                })
                .into_iter()
                .collect();
            let create = plain_create_table(block.table.clone(), block.columns, constraints);
            push(
                parsed,
                self.source,
                block.span,
                EventKind::CreateTable(create),
            );
        } else {
            for column in block.columns {
                push(
                    parsed,
                    self.source,
                    column.span,
                    add_column(&block.table, column),
                );
            }
        }
        for (span, kind) in block.after {
            push(parsed, self.source, span, kind);
        }
    }
}

/// `add_index :table, [:a, :b], unique: true, name: "x", where: "..."` (columns at `at`).
fn index(table: &ObjName, call: &Call, at: usize) -> Vec<(Span, EventKind)> {
    let columns = match call.positional.get(at) {
        Some(Value::Array(items, _)) => items.iter().map(ident_of).collect(),
        Some(v @ Value::Symbol(..)) => vec![ident_of(v)],
        Some(Value::Str(text, span)) if is_column_name(text) => vec![Some(ident(text, *span))],
        Some(Value::Str(..)) => vec![None],
        _ => return Vec::new(),
    };
    vec![(
        call.span,
        EventKind::CreateIndex(IndexDef {
            name: call
                .keyword("name")
                .and_then(Value::as_str)
                .map(|n| ident(n, call.span)),
            table: table.clone(),
            columns,
            unique: matches!(call.keyword("unique"), Some(Value::Name(n, _)) if n == "true"),
            partial: call.keyword("where").is_some(),
            if_not_exists: false,
            only: false,
        }),
    )]
}

/// The index of `t.column :x, :uuid, index: true` or `index: { unique: true }` (a reference's `_type` column of
/// a polymorphic one is indexed with its id, which this does not model).
fn column_index(
    table: &ObjName,
    column: &Ident,
    call: &Call,
    src: &str,
    indexed_by_default: bool,
) -> Option<(Span, EventKind)> {
    if column.value.ends_with("_type") {
        return None;
    }
    let unique = match call.keyword("index") {
        None if indexed_by_default => false,
        None => return None,
        Some(Value::Name(n, _)) if n == "false" => return None,
        Some(Value::Name(n, _)) if n == "true" => false,
        Some(Value::Other(span)) => hash(span.slice(src))
            .and_then(|h| h.keyword("unique").cloned())
            .is_some_and(|u| matches!(u, Value::Name(n, _) if n == "true")),
        Some(_) => return None,
    };
    Some((
        call.span,
        EventKind::CreateIndex(IndexDef {
            name: None,
            table: table.clone(),
            columns: vec![Some(column.clone())],
            unique,
            partial: false,
            if_not_exists: false,
            only: false,
        }),
    ))
}

/// A call with no options (what `t.timestamps`' columns take from their line).
fn no_options(span: Span) -> Call {
    Call {
        receiver: None,
        method: String::new(),
        positional: Vec::new(),
        keywords: Vec::new(),
        opens_block: false,
        span,
    }
}

fn is_column_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

fn add_constraint(table: &ObjName, constraint: ConstraintDef) -> EventKind {
    EventKind::AddConstraint {
        table: table.clone(),
        constraint,
        only: false,
    }
}

fn add_column(table: &ObjName, column: ColumnDef) -> EventKind {
    EventKind::AddColumn {
        table: table.clone(),
        column,
        constraints: Vec::new(),
        if_not_exists: false,
    }
}

fn drop_column(table: &ObjName, column: Ident) -> EventKind {
    EventKind::DropColumn {
        table: table.clone(),
        column,
        if_exists: false,
        cascade: false,
    }
}

/// A name written as a symbol or string, with the span of its text.
fn name_of(value: &Value) -> Option<(String, Span)> {
    match value {
        Value::Str(s, span) => Some((s.clone(), *span)),
        Value::Symbol(s, span) => Some((s.clone(), Span::new(span.start + 1, span.end))),
        _ => None,
    }
}

fn ident_of(value: &Value) -> Option<Ident> {
    name_of(value).map(|(name, span)| ident(&name, span))
}

/// The options of a `{ to_table: :users, primary_key: :id }` hash, read as a call's keywords.
fn hash(text: &str) -> Option<Call> {
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    let line = format!("x {inner}");
    call(&line, Span::new(0, line.len()))
}

/// Rails' plural of a reference name, the table `foreign_key: true` means (`user` → `users`, `category` →
/// `categories`, `person` → `people`).
pub fn plural(one: &str) -> String {
    let (head, last) = match one.rfind('_') {
        Some(at) => one.split_at(at + 1),
        None => ("", one),
    };
    let many = match last {
        "person" => "people".to_string(),
        "child" => "children".to_string(),
        _ if last.ends_with('y')
            && !last.ends_with("ay")
            && !last.ends_with("ey")
            && !last.ends_with("oy")
            && !last.ends_with("uy") =>
        {
            format!("{}ies", &last[..last.len() - 1])
        }
        _ if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|s| last.ends_with(s)) =>
        {
            format!("{last}es")
        }
        _ => format!("{last}s"),
    };
    format!("{head}{many}")
}

/// The code of a line without its `#` comment.
fn code_of(line: &str) -> &str {
    &line[..super::lex::comment_start(line).unwrap_or(line.len())]
}

/// The terminator of a heredoc the line opens (`<<-EOS`, `<<~SQL`, `<<~'SQL'`).
fn heredoc_terminator(code: &str) -> Option<String> {
    let at = code.find("<<")?;
    let rest = code[at + 2..].trim_start_matches(['-', '~']);
    let rest = rest.trim_start_matches(['\'', '"']);
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..len];
    let upper = name
        .chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
    (!name.is_empty() && upper).then(|| name.to_string())
}

/// The body of the string of `execute "..."` when it does not close on its line.
fn multiline_execute(src: &str, line: Span, code: &str) -> Option<Span> {
    let rest = code.strip_prefix("execute")?.trim_start();
    let rest = rest.strip_prefix('(').unwrap_or(rest).trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let open = line.start + line.slice(src).find(quote)?;
    let mut escaped = false;
    for (i, c) in src.get(open + 1..)?.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            let close = open + 1 + i;
            return (close > line.end).then(|| Span::new(open + 1, close));
        }
    }
    None
}

/// Whether a line opens a block its `end` closes.
fn opens(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or("");
    let block_keyword = matches!(
        first,
        "def" | "class" | "module" | "if" | "unless" | "begin" | "case" | "while" | "until"
    );
    let one_line = code.ends_with(" end")
        || code.ends_with(";end")
        || (first == "def" && code.contains(" = "));
    let keyword = block_keyword && !one_line;
    keyword || ends_with_do(code)
}

fn ends_with_do(code: &str) -> bool {
    let code = code.trim_end();
    let code = match code.strip_suffix('|') {
        Some(rest) => match rest.rfind('|') {
            Some(at) => rest[..at].trim_end(),
            None => return false,
        },
        None => code,
    };
    code == "do" || code.ends_with(" do") || code.ends_with(")do")
}

fn closes(code: &str) -> bool {
    code.strip_prefix("end")
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// A block of the way down: `def down`, `def self.down`, `dir.down do`, `revert do`.
fn skipped_block(code: &str) -> bool {
    let words: Vec<&str> = code.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["def", "down" | "self.down", ..] | ["revert", "do", ..]
    ) || (code.contains(".down") && ends_with_do(code))
}

/// The block variable of `do |t|` (`t` when there is none).
fn block_var(code: &str) -> String {
    code.rsplit_once("do |")
        .and_then(|(_, rest)| rest.split('|').next())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "t".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_type_by_version() {
        assert_eq!(
            default_key(version("class A < ActiveRecord::Migration[4.2]")),
            "integer"
        );
        assert_eq!(
            default_key(version("class A < ActiveRecord::Migration[5.1]")),
            "bigint"
        );
        assert_eq!(
            default_key(version("class A < ActiveRecord::Migration[7.0]")),
            "bigint"
        );
        assert_eq!(
            default_key(version("class A < ActiveRecord::Migration")),
            "integer"
        );
    }

    #[test]
    fn plural_as_rails_inflects() {
        for (one, many) in [
            ("user", "users"),
            ("category", "categories"),
            ("login_session", "login_sessions"),
            ("post_box", "post_boxes"),
            ("person", "people"),
            ("day", "days"),
        ] {
            assert_eq!(plural(one), many);
        }
    }

    #[test]
    fn blocks() {
        assert!(opens("def up"));
        assert!(opens("create_table :posts do |t|"));
        assert!(opens("reversible do |dir|"));
        assert!(!opens("x = 1 if y"));
        assert!(closes("end"));
        assert!(!closes("ending"));
        assert!(skipped_block("def self.down"));
        assert!(skipped_block("dir.down do"));
        assert_eq!(block_var("change_table :posts do |p|"), "p");
        assert_eq!(
            heredoc_terminator("execute <<~'SQL'").as_deref(),
            Some("SQL")
        );
    }
}
