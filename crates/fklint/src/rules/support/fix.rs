//! Building blocks for fixes: text edits, and their respelling in Python sources. The SQL itself is written by
//! the dialect ([`crate::dialect_sql`]).

use crate::catalog::{ForeignKey, Reference, Target};
use crate::diagnostic::TextEdit;
use crate::dialect::Dialect;
use crate::dialect_sql::ForeignKeySql;
use crate::ident::join_idents_in;
use crate::source::{Location, Span};

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
        .map(|s| crate::frontend::is_python(&s.name))
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
        python_spelling(&ty, written)?
    };
    Some(replace(edit.location, replacement))
}

#[cfg(feature = "python")]
fn python_spelling(ty: &crate::types::SqlType, written: &str) -> Option<String> {
    crate::frontend::python::types::python_spelling(ty, written)
}

/// Without the Python front end no Python source is read, so no fix edits one.
#[cfg(not(feature = "python"))]
fn python_spelling(_ty: &crate::types::SqlType, _written: &str) -> Option<String> {
    None
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
