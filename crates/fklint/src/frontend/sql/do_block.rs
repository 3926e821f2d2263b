//! `DO $$ ... $$` blocks run at migration time and often wrap DDL in `IF NOT EXISTS (...) THEN ... END IF`.
//! fklint reads the `CREATE TABLE` / `ALTER TABLE` / `CREATE INDEX` statements inside, so the tables they create
//! exist for later statements, but marks every name they touch uncertain: whether the branch ran is unknown.

use crate::events::EventKind;
use crate::ident::ObjName;
use crate::lex::{self, Token, TokenKind};

/// The events of a DO block (`None` when it holds no DDL fklint reads): each DDL statement of its body read by
/// `read` (the statement's tokens and where it ends; `None` when it is not understood), and every name it
/// touches made uncertain (`mentioned` finds them in a statement `read` does not understand).
pub(super) fn read_do_block(
    src: &str,
    tokens: &[Token],
    read: impl Fn(&[Token], usize) -> Option<Vec<EventKind>>,
    mentioned: impl Fn(&[Token]) -> Vec<ObjName>,
) -> Option<Vec<EventKind>> {
    let body = tokens.iter().find(|t| t.kind == TokenKind::DollarString)?;
    let inner = dollar_body_span(src, body)?;
    let mut body_tokens = lex::tokenize(inner.slice(src));
    for token in &mut body_tokens {
        token.span = token.span.offset(inner.start);
    }
    let mut events = Vec::new();
    for statement in ddl_statements(src, &body_tokens) {
        let end = statement.last().map_or(inner.end, |t| t.span.end);
        match read(statement, end) {
            Some(kinds) => {
                let names = kinds.iter().flat_map(names_touched).collect();
                events.extend(kinds);
                events.push(EventKind::Uncertain { names });
            }
            None => events.push(EventKind::Uncertain {
                names: mentioned(statement),
            }),
        }
    }
    (!events.is_empty()).then_some(events)
}

/// `$tag$body$tag$` → the span of `body`.
fn dollar_body_span(src: &str, token: &Token) -> Option<crate::source::Span> {
    let text = token.text(src);
    let tag_len = text.get(1..)?.find('$')? + 2;
    if token.unterminated || text.len() < 2 * tag_len {
        return None;
    }
    Some(crate::source::Span::new(
        token.span.start + tag_len,
        token.span.end - tag_len,
    ))
}

/// Token runs from `CREATE TABLE`/`ALTER TABLE`/`CREATE [UNIQUE] INDEX` to the next top-level `;`.
fn ddl_statements<'t>(src: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    let mut statements = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !starts_ddl(src, &tokens[i..]) {
            i += 1;
            continue;
        }
        let mut depth = 0usize;
        let mut end = i;
        while end < tokens.len() {
            let token = &tokens[end];
            if token.is_punct(src, '(') {
                depth += 1;
            } else if token.is_punct(src, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && token.is_punct(src, ';') {
                break;
            }
            end += 1;
        }
        statements.push(&tokens[i..end]);
        i = end + 1;
    }
    statements
}

fn starts_ddl(src: &str, tokens: &[Token]) -> bool {
    let word = |n: usize, w: &str| tokens.get(n).is_some_and(|t| t.is_word(src, w));
    (word(0, "create")
        && (word(1, "table") || word(1, "index") || (word(1, "unique") && word(2, "index"))))
        || (word(0, "alter") && word(1, "table"))
}

/// The tables an event creates or changes.
fn names_touched(kind: &EventKind) -> Vec<ObjName> {
    match kind {
        EventKind::CreateTable(table) => {
            let mut names = vec![table.name.clone()];
            names.extend(table.constraints.iter().filter_map(|c| match &c.kind {
                crate::events::ConstraintKind::ForeignKey(fk) => Some(fk.ref_table.clone()),
                _ => None,
            }));
            names
        }
        EventKind::AddConstraint {
            table, constraint, ..
        } => {
            let mut names = vec![table.clone()];
            if let crate::events::ConstraintKind::ForeignKey(fk) = &constraint.kind {
                names.push(fk.ref_table.clone());
            }
            names
        }
        EventKind::AddColumn { table, .. }
        | EventKind::DropColumn { table, .. }
        | EventKind::RenameColumn { table, .. }
        | EventKind::AlterColumnType { table, .. }
        | EventKind::SetNotNull { table, .. }
        | EventKind::SetDefault { table, .. }
        | EventKind::DropConstraint { table, .. }
        | EventKind::RenameConstraint { table, .. }
        | EventKind::RenameTable { table, .. } => vec![table.clone()],
        EventKind::CreateIndex(index) => vec![index.table.clone()],
        _ => Vec::new(),
    }
}
