//! Building blocks for fixes: text edits and the forward SQL that rules share.

use crate::catalog::{Catalog, ColumnPair, ForeignKey, Reference, Table, Target};
use crate::diagnostic::{FixPlan, TextEdit};
use crate::dialect::Dialect;
use crate::ident::{quote_if_needed, QualName};
use crate::source::{Location, Span};
use crate::types::SqlType;

pub fn replace(location: Location, replacement: impl Into<String>) -> TextEdit {
    TextEdit {
        location,
        replacement: replacement.into(),
    }
}

pub fn insert_at(location: Location, offset: usize, text: impl Into<String>) -> TextEdit {
    replace(
        Location {
            source: location.source,
            span: Span::new(offset, offset),
        },
        text,
    )
}

/// A fix for a statement PostgreSQL rejects: edits to it, and the corrected statement as the forward form.
pub fn rerun_fix(
    title: String,
    edits: Vec<TextEdit>,
    stmt: Location,
    prefix_sql: Option<String>,
) -> FixPlan {
    FixPlan {
        title,
        edits,
        sql: prefix_sql,
        rerun_statement: Some(stmt),
    }
}

/// The type to give a referencing column so it matches the key: as the key's column was written (keeping the
/// author's spelling) unless that was a serial pseudo-type, which only makes sense on the key itself. In MySQL
/// the normalized type is used: the key's text may lean on its own table's charset or say `AUTO_INCREMENT`.
pub fn matching_type_text(pair: &ColumnPair) -> Option<String> {
    let ref_type = pair.ref_type.as_ref()?;
    if ref_type.dialect == Dialect::MySql {
        return Some(ref_type.display());
    }
    let written = pair.ref_type_text.as_deref().unwrap_or("").trim();
    let lower = written.to_ascii_lowercase();
    if written.is_empty() || lower.contains("serial") || lower.contains("generated") {
        Some(ref_type.display())
    } else {
        Some(written.to_string())
    }
}

/// The forward SQL that gives `table.column` the type `ty`, in the catalog's dialect:
/// PostgreSQL `ALTER TABLE t ALTER COLUMN c TYPE x [USING c::text::x];`, MySQL
/// `ALTER TABLE t MODIFY COLUMN c x [NOT NULL] [DEFAULT d];` (MODIFY replaces the whole definition, so it
/// repeats what the catalog knows of the column). SQLite cannot change a column's type in place: the table
/// is rebuilt ([`super::sqlite_rebuild`]).
pub fn alter_column_type_sql(
    catalog: &Catalog,
    table: &Table,
    column: &str,
    ty: &SqlType,
    convert_through_text: bool,
) -> Option<String> {
    match catalog.dialect {
        Dialect::Postgres => Some(pg_alter_column_type(
            &table.name,
            column,
            ty,
            convert_through_text,
        )),
        Dialect::MySql => Some(mysql_modify_column(catalog, table, column, ty)),
        Dialect::Sqlite => {
            let mut rebuild = super::sqlite_rebuild::Rebuild::new(catalog, table.id);
            rebuild
                .column_types
                .push((column.to_string(), ty.display()));
            Some(rebuild.sql())
        }
    }
}

fn pg_alter_column_type(
    table: &QualName,
    column: &str,
    ty: &SqlType,
    convert_through_text: bool,
) -> String {
    let column = quote_if_needed(column);
    let ty = ty.display();
    let using = if convert_through_text {
        format!(" USING {column}::text::{ty}")
    } else {
        String::new()
    };
    format!(
        "ALTER TABLE {} ALTER COLUMN {column} TYPE {ty}{using};",
        table.sql()
    )
}

/// `ALTER TABLE t MODIFY COLUMN c x [NOT NULL] [DEFAULT d];` keeping the column's nullability and default.
/// InnoDB refuses to change a column a foreign key uses (1832, even with FOREIGN_KEY_CHECKS=0), so those keys
/// are dropped first and added back after.
/// (The catalog does not record `AUTO_INCREMENT`, `COMMENT` or `ON UPDATE`; a referencing column rarely has
/// them.)
fn mysql_modify_column(catalog: &Catalog, table: &Table, column: &str, ty: &SqlType) -> String {
    let mut definition = ty.display();
    if let Some(known) = table.column(column) {
        if known.not_null {
            definition.push_str(" NOT NULL");
        }
        if let Some(default) = &known.default {
            definition.push_str(&format!(" DEFAULT {default}"));
        }
    }
    let modify = format!(
        "ALTER TABLE {} MODIFY COLUMN {} {definition};",
        table.name.sql_in(Dialect::MySql),
        crate::ident::quote_in(Dialect::MySql, column)
    );
    let mut using: Vec<&ForeignKey> = catalog
        .live_foreign_keys()
        .filter(|fk| uses_column(fk, table.id, column) && catalog.server_accepts(fk))
        .collect();
    // A name the catalog holds twice (a rejected redeclaration) is one key on the server.
    let mut seen = std::collections::HashSet::new();
    using.retain(|fk| seen.insert((fk.table, fk.name.clone())));
    let mut lines: Vec<String> = using
        .iter()
        .map(|fk| drop_constraint_sql(catalog, fk))
        .collect();
    lines.push(modify);
    lines.extend(using.iter().filter_map(|fk| {
        let target = fk.reference()?;
        Some(
            ForeignKeySql {
                catalog,
                fk,
                target,
                on_delete: None,
                on_update: None,
            }
            .add_constraint(),
        )
    }));
    lines.join("\n")
}

/// Whether a foreign key has `table.column` among its columns or its referenced columns.
fn uses_column(fk: &ForeignKey, table: crate::catalog::TableId, column: &str) -> bool {
    (fk.table == table && fk.columns.iter().any(|c| c == column))
        || fk
            .reference()
            .is_some_and(|r| r.table == table && r.ref_columns.iter().any(|c| c == column))
}

/// `ALTER TABLE t DROP CONSTRAINT name;`
pub fn drop_constraint_sql(catalog: &Catalog, fk: &ForeignKey) -> String {
    drop_constraint_sql_on_in(catalog.dialect, &catalog.table(fk.table).name, fk)
}

/// [`drop_constraint_sql_on`] in `dialect`: MySQL drops an FK with `DROP FOREIGN KEY`. (SQLite cannot drop one
/// at all; its fixes rebuild the table.)
pub fn drop_constraint_sql_on_in(
    dialect: crate::dialect::Dialect,
    table: &QualName,
    fk: &ForeignKey,
) -> String {
    match dialect {
        crate::dialect::Dialect::MySql => format!(
            "ALTER TABLE {} DROP FOREIGN KEY {};",
            table.sql_in(dialect),
            crate::ident::quote_in(dialect, &fk.name)
        ),
        _ => drop_constraint_sql_on(table, fk),
    }
}

/// The same, naming the table as it was called at some point of the migrations (before later renames).
pub fn drop_constraint_sql_on(table: &QualName, fk: &ForeignKey) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {};",
        table.sql(),
        quote_if_needed(&fk.name)
    )
}

/// `ALTER TABLE t ADD CONSTRAINT name FOREIGN KEY (cols) REFERENCES target (cols) ON DELETE ...;` describing a
/// foreign key as it should be.
pub struct ForeignKeySql<'a> {
    pub catalog: &'a Catalog,
    pub fk: &'a ForeignKey,
    pub target: &'a Reference,
    /// Replacement actions; `None` keeps what the constraint has.
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
}

impl ForeignKeySql<'_> {
    pub fn add_constraint(&self) -> String {
        let dialect = self.catalog.dialect;
        let table = &self.catalog.table(self.fk.table).name;
        let target = &self.catalog.table(self.target.table).name;
        let columns = join_idents_in(dialect, &self.fk.columns);
        let ref_columns = join_idents_in(dialect, &self.target.ref_columns);
        let mut sql = format!(
            "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({columns}) REFERENCES {} ({ref_columns})",
            table.sql_in(dialect),
            crate::ident::quote_in(dialect, &self.fk.name),
            target.sql_in(dialect)
        );
        let on_delete = self
            .on_delete
            .clone()
            .unwrap_or_else(|| self.fk.def.on_delete.sql());
        if on_delete != "NO ACTION" {
            sql.push_str(&format!(" ON DELETE {on_delete}"));
        }
        let on_update = self
            .on_update
            .clone()
            .unwrap_or_else(|| self.fk.def.on_update.sql());
        if on_update != "NO ACTION" {
            sql.push_str(&format!(" ON UPDATE {on_update}"));
        }
        if self.fk.def.deferrable {
            sql.push_str(" DEFERRABLE");
            if self.fk.def.initially_deferred {
                sql.push_str(" INITIALLY DEFERRED");
            }
        }
        sql.push(';');
        sql
    }
}

pub use crate::ident::join_idents_in;

pub fn join_idents(names: &[String]) -> String {
    join_idents_in(Dialect::Postgres, names)
}

/// The span of a whole statement including its terminating `;` and the line break after it, for deleting it.
pub fn statement_with_terminator(text: &str, span: Span) -> Span {
    let rest = text.get(span.end..).unwrap_or("");
    let mut end = span.end;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with(';') {
        end += rest.len() - trimmed.len() + 1;
        let after = text.get(end..).unwrap_or("");
        if after.starts_with("\r\n") {
            end += 2;
        } else if after.starts_with('\n') {
            end += 1;
        }
    }
    Span::new(span.start, end)
}

/// One `ON DELETE` / `ON UPDATE` action of a foreign key: where it is written, and the columns it writes
/// (its own column list, as in `SET NULL (a)`, or else every column of the foreign key).
pub struct WrittenAction<'f> {
    pub action: &'f crate::events::RefAction,
    pub span: Option<Span>,
    /// `DELETE` or `UPDATE`.
    pub event: &'static str,
    pub columns: Vec<&'f str>,
}

/// The foreign key's two actions, DELETE first.
pub fn written_actions(fk: &ForeignKey) -> [WrittenAction<'_>; 2] {
    [
        WrittenAction {
            action: &fk.def.on_delete,
            span: fk.def.on_delete_span,
            event: "DELETE",
            columns: columns_written(fk, &fk.def.on_delete),
        },
        WrittenAction {
            action: &fk.def.on_update,
            span: fk.def.on_update_span,
            event: "UPDATE",
            columns: columns_written(fk, &fk.def.on_update),
        },
    ]
}

/// The columns an action writes: `SET NULL (a)` names them, otherwise all of the foreign key's.
fn columns_written<'f>(fk: &'f ForeignKey, action: &'f crate::events::RefAction) -> Vec<&'f str> {
    use crate::events::RefAction::{SetDefault, SetNull};
    match action {
        SetNull(limited) | SetDefault(limited) if !limited.is_empty() => {
            limited.iter().map(|c| c.value.as_str()).collect()
        }
        _ => fk.columns.iter().map(String::as_str).collect(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// The source language hook: rules write their edits in SQL; edits that land in a Python source (SQLAlchemy
// models, Alembic migrations) are respelled here, once for every rule, so that the edited file is still Python.

/// Respells every fix that touches a Python source: a replaced type becomes its SQLAlchemy spelling
/// (`varchar(255)` → `String(255)`), a replaced name inside a string loses its SQL quoting (`"user"` inside
/// `ForeignKey("user.id")` becomes `users`, the rest of the string untouched), a removal stays a removal. Any
/// other edit (an inserted SQL statement, an SQL clause) has no Python form: the fix then keeps no edit in
/// Python sources, and only its forward SQL. A rejected Python "statement" cannot be rerun as SQL either: the
/// forward form of a foreign key declared there is `ALTER TABLE ... ADD CONSTRAINT` to the key it should use.
pub fn for_python_sources(
    ctx: &crate::rules::context::RuleContext,
    diagnostics: &mut [crate::diagnostic::Diagnostic],
) {
    let python: Vec<bool> = ctx
        .sources
        .iter()
        .map(|s| crate::frontend::python::is_python(&s.name))
        .collect();
    let is_python = |id: usize| python.get(id).copied().unwrap_or(false);
    if !python.contains(&true) {
        return;
    }
    for plan in diagnostics.iter_mut().filter_map(|d| d.fix.as_mut()) {
        let mut respelled = Vec::with_capacity(plan.edits.len());
        let mut all_respelled = true;
        for edit in &plan.edits {
            if !is_python(edit.location.source) {
                respelled.push(edit.clone());
                continue;
            }
            let spans = ctx
                .parsed
                .python_strings
                .get(edit.location.source)
                .map_or(&[][..], Vec::as_slice);
            match python_edit(ctx, edit, spans) {
                Some(edit) => respelled.push(edit),
                None => all_respelled = false,
            }
        }
        if !all_respelled {
            respelled.retain(|e| !is_python(e.location.source));
        }
        plan.edits = respelled;
        if let Some(stmt) = plan.rerun_statement.filter(|s| is_python(s.source)) {
            plan.rerun_statement = None;
            let add = forward_constraint(ctx, stmt);
            plan.sql = match (plan.sql.take(), add) {
                (Some(prefix), Some(add)) => Some(format!("{prefix}\n{add}")),
                (prefix, add) => prefix.or(add),
            };
        }
    }
}

fn python_edit(
    ctx: &crate::rules::context::RuleContext,
    edit: &TextEdit,
    strings: &[Span],
) -> Option<TextEdit> {
    if edit.replacement.is_empty() {
        return Some(edit.clone());
    }
    let span = edit.location.span;
    if span.is_empty() {
        return None; // an insertion: SQL statements have no place in a Python file
    }
    let in_string = strings
        .iter()
        .any(|s| s.start <= span.start && span.end <= s.end);
    let replacement = if in_string {
        unquoted_name(&edit.replacement)?
    } else {
        let written = ctx
            .sources
            .get(edit.location.source)
            .map_or("", |s| span.slice(&s.text));
        let ty = crate::types::parse_type(&edit.replacement);
        if !ty.builtin {
            return None;
        }
        crate::frontend::python::types::python_spelling(&ty, written)?
    };
    Some(replace(edit.location, replacement))
}

/// `"user"` → `user`, `auth."Users"` → `auth.Users`: SQLAlchemy quotes names itself. `None` for anything that
/// is not a plain (possibly qualified) name.
fn unquoted_name(sql: &str) -> Option<String> {
    let mut parts = Vec::new();
    for token in crate::lex::tokenize(sql) {
        let text = token.text(sql);
        match token.kind {
            crate::lex::TokenKind::Word => parts.push(text.to_string()),
            crate::lex::TokenKind::QuotedIdent => {
                let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
                parts.push(inner.replace("\"\"", "\""));
            }
            _ if text == "." => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("."))
}

/// `ALTER TABLE ... ADD CONSTRAINT` for the foreign key declared at `stmt`, to the key it should reference
/// (its target, or the table FK101 suggests), when that key has every column the foreign key names.
pub(crate) fn forward_constraint(
    ctx: &crate::rules::context::RuleContext,
    stmt: Location,
) -> Option<String> {
    let fk = ctx
        .catalog
        .foreign_keys
        .iter()
        .find(|fk| fk.stmt.location() == stmt)?;
    let target = compared_reference(fk)?;
    if !target.missing_columns.is_empty() || !fk.missing_columns.is_empty() {
        return None;
    }
    Some(
        ForeignKeySql {
            catalog: ctx.catalog,
            fk,
            target,
            on_delete: None,
            on_update: None,
        }
        .add_constraint(),
    )
}

/// The reference the types are judged against: the real target, or the table FK101 suggests.
pub fn compared_reference(fk: &ForeignKey) -> Option<&Reference> {
    match &fk.target {
        Target::Found(reference) => Some(reference),
        Target::Missing { suggestion, .. } => suggestion.as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::unquoted_name;

    #[test]
    fn names_lose_their_sql_quoting_for_python_strings() {
        assert_eq!(unquoted_name("users").as_deref(), Some("users"));
        assert_eq!(unquoted_name("\"user\"").as_deref(), Some("user"));
        assert_eq!(
            unquoted_name("auth.\"Users\"").as_deref(),
            Some("auth.Users")
        );
        assert_eq!(unquoted_name("CREATE INDEX x ON t (a);"), None);
    }
}
