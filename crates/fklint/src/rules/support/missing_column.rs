//! A column a foreign key names that its table lacks (FK102 on the referenced side, FK107 on the referencing
//! side): the closest existing column becomes the suggestion and the fix.

use super::fix;
use crate::catalog::suggest::edit_distance;
use crate::catalog::{ForeignKey, Table};
use crate::diagnostic::Diagnostic;
use crate::dialect_sql::rerun_fix;
use crate::ident::Ident;
use crate::rules::context::{RuleContext, RuleMeta};

/// A column a foreign key names that `table` lacks (shared with FK107): the closest existing column becomes the
/// suggestion and the fix.
pub fn missing_column(
    ctx: &RuleContext,
    meta: &RuleMeta,
    fk: &ForeignKey,
    table: &Table,
    column: &Ident,
    mut message: String,
    fix_title: impl FnOnce(&str) -> String,
) -> Diagnostic {
    let closest = closest_column(table.columns.iter().map(|c| c.name.as_str()), &column.value);
    let fix = closest.map(|name| {
        let name_sql = ctx.quote(name);
        message.push_str(&format!("; did you mean `{name_sql}`?"));
        let edit = fix::replace(fk.stmt.at(column.span), name_sql);
        rerun_fix(fix_title(name), vec![edit], fk.stmt.location(), None)
    });
    if !message.ends_with('?') {
        message.push('.');
    }
    meta.diagnostic(message, fk.stmt.at(column.span))
        .with_fix(fix)
}

/// The column most like `wanted` (case, typo, `user_id` for `id`-like names), if any is close.
pub fn closest_column<'a>(columns: impl Iterator<Item = &'a str>, wanted: &str) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    columns
        .filter_map(|c| column_distance(&c.to_lowercase(), &wanted).map(|d| (c, d)))
        .min_by_key(|(_, d)| *d)
        .map(|(c, _)| c)
}

/// How far a column name is from the one written, when close enough to suggest: the same name in another
/// case, `user_id` written for the key `id`, `author` for `author_id`, or a small typo.
fn column_distance(column: &str, wanted: &str) -> Option<usize> {
    if column == wanted {
        return Some(0);
    }
    let is_suffix_form = wanted.ends_with(&format!("_{column}"))
        || column == format!("{wanted}_id")
        || wanted == format!("{column}_id");
    let distance = edit_distance(column, wanted);
    // A one-letter typo (`organisation_id` for `organization_id`) beats a suffix form, which beats larger typos.
    if distance == 1 {
        return Some(1);
    }
    if is_suffix_form {
        return Some(2);
    }
    (distance <= 2.max(wanted.len() / 3) && distance < wanted.len().max(column.len()))
        .then_some(distance + 1)
}
