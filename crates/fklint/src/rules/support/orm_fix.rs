//! Fixes respelled for ORM sources (Drizzle modules, Prisma schemas, Rails' schema.rb, Laravel migrations): rules write their edits in SQL; an edit
//! that lands in an ORM source becomes that ORM's code, once for every rule, or is dropped (the fix then keeps
//! its forward SQL only). A changed type becomes the ORM's spelling of it (`integer("owner_id")` →
//! `uuid("owner_id")`), a changed table name becomes what the code calls that table (a Drizzle variable, a
//! Prisma model); removals and inserted SQL have no ORM form. A rejected ORM "statement" cannot be rerun as
//! SQL: its forward form is `ALTER TABLE ... ADD CONSTRAINT` to the key it should use.

use super::fix::{forward_constraint, replace};
use crate::diagnostic::{Diagnostic, TextEdit};
use crate::rules::context::RuleContext;

/// An ORM language whose sources a fix may edit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    #[cfg(feature = "typescript")]
    Drizzle,
    #[cfg(feature = "prisma")]
    Prisma,
    #[cfg(feature = "ruby")]
    Rails,
    #[cfg(feature = "php")]
    Laravel,
}

fn language(source: &crate::source::Source) -> Option<Language> {
    let name = source.name.as_str();
    // A TypeScript migration's SQL strings (TypeORM, knex) are SQL: their edits stay SQL.
    #[cfg(feature = "typescript")]
    if crate::frontend::typescript::is_drizzle_schema(source) {
        return Some(Language::Drizzle);
    }
    #[cfg(feature = "prisma")]
    if crate::frontend::prisma::is_prisma(name) {
        return Some(Language::Prisma);
    }
    #[cfg(feature = "ruby")]
    if crate::frontend::ruby::is_ruby(name) {
        return Some(Language::Rails);
    }
    #[cfg(feature = "php")]
    if crate::frontend::php::is_php(name) {
        return Some(Language::Laravel);
    }
    let _ = name;
    None
}

/// Respells every fix that touches an ORM source (see the module docs).
pub fn for_orm_sources(ctx: &RuleContext, diagnostics: &mut [Diagnostic]) {
    let languages: Vec<Option<Language>> = ctx.sources.iter().map(language).collect();
    let language_of = |id: usize| languages.get(id).copied().flatten();
    if languages.iter().all(Option::is_none) {
        return;
    }
    for plan in diagnostics.iter_mut().filter_map(|d| d.fix.as_mut()) {
        let mut respelled = Vec::with_capacity(plan.edits.len());
        let mut all_respelled = true;
        for edit in &plan.edits {
            match language_of(edit.location.source) {
                None => respelled.push(edit.clone()),
                Some(language) => match orm_edit(ctx, language, edit) {
                    Some(edit) => respelled.push(edit),
                    None => all_respelled = false,
                },
            }
        }
        if !all_respelled {
            respelled.retain(|e| language_of(e.location.source).is_none());
        }
        plan.edits = respelled;
        if let Some(stmt) = plan
            .rerun_statement
            .filter(|s| language_of(s.source).is_some())
        {
            plan.rerun_statement = None;
            let add = forward_constraint(ctx, stmt);
            plan.sql = match (plan.sql.take(), add) {
                (Some(prefix), Some(add)) => Some(format!("{prefix}\n{add}")),
                (prefix, add) => prefix.or(add),
            };
        }
    }
}

fn orm_edit(ctx: &RuleContext, language: Language, edit: &TextEdit) -> Option<TextEdit> {
    let span = edit.location.span;
    if edit.replacement.is_empty() || span.is_empty() {
        return None;
    }
    let written = ctx
        .sources
        .get(edit.location.source)
        .map_or("", |s| span.slice(&s.text));
    if let Some(code_name) = table_named(ctx, &edit.replacement) {
        return Some(replace(edit.location, code_name));
    }
    if names_tables_in_strings(language) && in_string(ctx, edit) {
        // A table named in a string (`add_foreign_key "posts", "user"`, `->on('user')`): the plain name.
        let name = edit.replacement.trim().trim_matches('"');
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        return plain.then(|| replace(edit.location, name));
    }
    let ty = crate::types::parse_type_in(ctx.catalog.dialect, &edit.replacement);
    if !ty.builtin {
        return None;
    }
    let spelled = match language {
        #[cfg(feature = "typescript")]
        Language::Drizzle => crate::frontend::typescript::types::drizzle_spelling(&ty, written)?,
        #[cfg(feature = "prisma")]
        Language::Prisma => crate::frontend::prisma::types::prisma_spelling(&ty, written)?,
        #[cfg(feature = "ruby")]
        Language::Rails => crate::frontend::ruby::rails_spelling(&ty, written)?,
        #[cfg(feature = "php")]
        Language::Laravel => crate::frontend::php::laravel::laravel_spelling(&ty, written)?,
    };
    Some(replace(edit.location, spelled))
}

/// What the code calls the table the SQL names (`"users"` → `users` / `usersTable` / `User`).
fn table_named(ctx: &RuleContext, sql: &str) -> Option<String> {
    let name = sql.trim().trim_matches(|c| c == '"' || c == '`');
    ctx.parsed
        .orm_names
        .iter()
        .find(|(table, _)| table == name)
        .map(|(_, code)| code.clone())
}

/// Rails and Laravel name tables in strings; Drizzle and Prisma name them by the code's own names.
fn names_tables_in_strings(language: Language) -> bool {
    match language {
        #[cfg(feature = "ruby")]
        Language::Rails => true,
        #[cfg(feature = "php")]
        Language::Laravel => true,
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// Whether the edit replaces the whole body of a string literal (a quote on each side).
fn in_string(ctx: &RuleContext, edit: &TextEdit) -> bool {
    let Some(source) = ctx.sources.get(edit.location.source) else {
        return false;
    };
    let span = edit.location.span;
    let before = source.text.get(..span.start).and_then(|t| t.chars().last());
    let after = source.text.get(span.end..).and_then(|t| t.chars().next());
    matches!(
        (before, after),
        (Some('"'), Some('"')) | (Some('\''), Some('\''))
    )
}
