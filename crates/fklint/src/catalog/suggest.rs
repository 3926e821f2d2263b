//! "Did you mean": the table a broken `REFERENCES` most likely meant.

use super::model::{SuggestionReason, Table};
use crate::ident::QualName;

/// The best candidate among `tables` for `wanted` (which was not found), with the reason.
pub fn suggest<'t>(
    wanted: &QualName,
    tables: impl Iterator<Item = &'t Table>,
) -> Option<(&'t Table, SuggestionReason)> {
    tables
        .filter_map(|table| {
            classify(wanted, table).map(|(reason, distance)| (table, reason, distance))
        })
        .min_by(|a, b| (&a.1, a.2, a.0.id).cmp(&(&b.1, b.2, b.0.id)))
        .map(|(table, reason, _)| (table, reason))
}

fn classify(wanted: &QualName, table: &Table) -> Option<(SuggestionReason, usize)> {
    if table.former_names.iter().any(|(old, _)| old == wanted) {
        return Some((SuggestionReason::Renamed, 0));
    }
    let same_schema = table.name.schema == wanted.schema;
    let name = &table.name.name;
    if same_schema && name.to_lowercase() == wanted.name.to_lowercase() {
        return Some((SuggestionReason::Case, 0));
    }
    if !same_schema && name == &wanted.name {
        return Some((SuggestionReason::OtherSchema, 0));
    }
    let schema_penalty = usize::from(!same_schema);
    let folded = wanted.name.to_lowercase();
    if is_plural_of(&name.to_lowercase(), &folded) || is_plural_of(&folded, &name.to_lowercase()) {
        return Some((SuggestionReason::Number, schema_penalty));
    }
    let distance = edit_distance(&folded, &name.to_lowercase());
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
    let forms = [
        format!("{singular}s"),
        format!("{singular}es"),
        singular
            .strip_suffix('y')
            .map(|stem| format!("{stem}ies"))
            .unwrap_or_default(),
        singular
            .strip_suffix("us")
            .map(|stem| format!("{stem}i"))
            .unwrap_or_default(),
        if singular == "person" {
            "people".into()
        } else {
            String::new()
        },
        if singular == "child" {
            "children".into()
        } else {
            String::new()
        },
    ];
    forms.iter().any(|form| form == plural)
}

/// Damerau-Levenshtein (optimal string alignment) distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return a.len().abs_diff(b.len());
    }
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
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("users", "usres"), 1);
        assert_eq!(edit_distance("orders", "order_items"), 5);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
