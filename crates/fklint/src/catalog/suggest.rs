//! "Did you mean": the table a broken `REFERENCES` most likely meant.

use super::model::{SuggestionReason, Table};
use crate::ident::QualName;

/// The best candidate among `tables` for `wanted` (which was not found), with the reason.
pub fn suggest<'t>(
    wanted: &QualName,
    tables: impl Iterator<Item = &'t Table>,
) -> Option<(&'t Table, SuggestionReason)> {
    let folded = wanted.name.to_lowercase();
    tables
        .filter_map(|table| {
            classify(wanted, &folded, table).map(|(reason, distance)| (table, reason, distance))
        })
        .min_by(|a, b| (&a.1, a.2, a.0.id).cmp(&(&b.1, b.2, b.0.id)))
        .map(|(table, reason, _)| (table, reason))
}

/// How `table` may be what `wanted` meant; `folded` is `wanted`'s name in lower case (computed once per
/// suggestion: this runs for every table).
fn classify(wanted: &QualName, folded: &str, table: &Table) -> Option<(SuggestionReason, usize)> {
    if table.former_names.iter().any(|(old, _)| old == wanted) {
        return Some((SuggestionReason::Renamed, 0));
    }
    let same_schema = table.name.schema == wanted.schema;
    let name = &table.name.name;
    let lowered = name.to_lowercase();
    if same_schema && lowered == folded {
        return Some((SuggestionReason::Case, 0));
    }
    if !same_schema && name == &wanted.name {
        return Some((SuggestionReason::OtherSchema, 0));
    }
    let schema_penalty = usize::from(!same_schema);
    if is_plural_of(&lowered, folded) || is_plural_of(folded, &lowered) {
        return Some((SuggestionReason::Number, schema_penalty));
    }
    let distance = edit_distance(folded, &lowered);
    let allowed = match folded.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    (distance <= allowed && distance > 0)
        .then_some((SuggestionReason::Similar, distance + schema_penalty))
}

/// `plural` is an English plural of `singular` (users/user, categories/category, addresses/address).
fn is_plural_of(plural: &str, singular: &str) -> bool {
    if singular.is_empty() {
        return false;
    }
    // Of the irregular forms, at least one never applies, and one that does not apply has always counted as
    // the empty name: an empty `plural` matches (kept as it was).
    if plural.is_empty() {
        return true;
    }
    let stem_then = |stem: &str, suffix: &str| plural.strip_prefix(stem) == Some(suffix);
    stem_then(singular, "s")
        || stem_then(singular, "es")
        || singular
            .strip_suffix('y')
            .is_some_and(|stem| stem_then(stem, "ies"))
        || singular
            .strip_suffix("us")
            .is_some_and(|stem| stem_then(stem, "i"))
        || (singular == "person" && plural == "people")
        || (singular == "child" && plural == "children")
}

/// Damerau-Levenshtein (optimal string alignment) distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let apart = a.chars().count().abs_diff(b.chars().count());
    if apart > 3 {
        return apart;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert!(is_plural_of("tenants", "tenant"));
        assert!(is_plural_of("categories", "category"));
        assert!(is_plural_of("addresses", "address"));
        assert!(!is_plural_of("user", "users"));
        assert!(is_plural_of("people", "person"));
        assert!(is_plural_of("children", "child"));
        assert!(is_plural_of("cacti", "cactus"));
        assert!(!is_plural_of("people", "child"));
        assert!(!is_plural_of("categorys", "categorie"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("users", "usres"), 1);
        assert_eq!(edit_distance("orders", "order_items"), 5);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
