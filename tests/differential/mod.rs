//! The differential test's parts: PRNG, PostgreSQL's catalog of a corpus item, SQL text helpers, the variant
//! generator and the classification of PostgreSQL's rejections.

pub mod catalog;
pub mod gen;
pub mod rng;
pub mod sqltext;

use catalog::PgCatalog;
use fklint_tests::pg::PgError;
use sqltext::{message_relation, quoted_in_message, references_targets, QualName};

/// How one statement of a variant is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// PostgreSQL accepts it: fklint must have no error on it.
    Accepted,
    /// Rejected for a foreign-key reason: fklint must have an error on it.
    FkRejected(String),
    /// Rejected for another reason (a missing extension, a cast, a view that depends on a column): excluded.
    NonFk(String),
    /// Rejected because an earlier statement of the variant was (a table whose CREATE failed): excluded.
    Cascade(String),
    /// The corpus item's own statement, rejected already by the unmutated item: excluded.
    Baseline,
}

/// Whether an fklint error message is about a table whose CREATE PostgreSQL rejected earlier (fklint replays
/// the CREATE; PostgreSQL never had the table): a cascade of that rejection, not a disagreement.
pub fn about_dead_table(message: &str, dead: &[QualName]) -> bool {
    dead.iter().filter_map(|d| d.last()).any(|name| {
        message.match_indices(name.as_str()).any(|(i, _)| {
            let before = message[..i].chars().next_back();
            let after = message[i + name.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            boundary(before) && boundary(after)
        })
    })
}

/// `ALTER TABLE [ONLY] [IF EXISTS] t ...` -> t and the byte offset after it.
pub fn altered_table(sql: &str) -> Option<(QualName, usize)> {
    if sqltext::head_words(sql, 2) != ["alter", "table"] {
        return None;
    }
    let lower = sql.to_ascii_lowercase();
    let mut pos = *sqltext::keyword_ends(sql, "table").first()?;
    for skip in ["only ", "if exists "] {
        let rest = &lower[pos..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with(skip) {
            pos += rest.len() - trimmed.len() + skip.len();
        }
    }
    let (_, end, table) = sqltext::read_qualified(sql, pos)?;
    Some((table, end))
}

/// `ALTER TABLE [ONLY] [IF EXISTS] t DROP [COLUMN] [IF EXISTS] c` -> (t, c).
pub fn dropped_column(sql: &str) -> Option<(QualName, String)> {
    let (table, table_end) = altered_table(sql)?;
    let lower = sql.to_ascii_lowercase();
    let rest = lower[table_end..].trim_start();
    let rest = rest.strip_prefix("drop")?.trim_start();
    let rest = rest.strip_prefix("column").unwrap_or(rest);
    if rest.trim_start().starts_with("constraint") {
        return None;
    }
    let (_, _, column) = sqltext::read_qualified(sql, lower.len() - rest.len())?;
    Some((table, column.last()?.clone()))
}

/// Classifies a rejection of `sql` (not in the baseline); `dead` holds the tables whose CREATE failed earlier.
pub fn classify(sql: &str, error: &PgError, dead: &[QualName], catalog: &PgCatalog) -> Verdict {
    let m = error.message.as_str();
    let code = error.sqlstate.clone();
    let targets = references_targets(sql);
    let fk = match error.sqlstate.as_str() {
        "42P01" => match message_relation(m) {
            Some(rel) if dead.iter().any(|d| sqltext::same_relation(d, &rel)) => {
                return Verdict::Cascade(code)
            }
            Some(rel) => targets
                .iter()
                .any(|(_, _, t)| sqltext::same_relation(t, &rel)),
            None => false,
        },
        "3F000" => match quoted_in_message(m) {
            Some(schema) => targets
                .iter()
                .any(|(_, _, t)| t.len() >= 2 && t[t.len() - 2] == schema),
            None => false,
        },
        "42703" | "42804" => m.contains("foreign key"),
        "42830" | "23503" => true,
        // A dropped column can also be needed by a view: only an FK that references it counts.
        "2BP01" => match dropped_column(sql) {
            Some((table, column)) => catalog.fks.iter().any(|f| {
                f.ref_table == table.last().map(String::as_str).unwrap_or("")
                    && (table.len() < 2 || f.ref_schema == table[table.len() - 2])
                    && f.ref_cols.contains(&column)
            }),
            None => true,
        },
        // 42P16 is also "cannot alter inherited column": only the foreign-key forms count.
        "42P16" => m.contains("foreign key") || m.contains("referenc"),
        "0A000" => m.contains("truncate"),
        "42704" => m.contains("primary key"),
        "55000" => m.contains("deferrable"),
        _ => false,
    };
    if fk {
        Verdict::FkRejected(code)
    } else {
        Verdict::NonFk(code)
    }
}
