//! The `sqlite3` shell's own rule: a `CREATE TRIGGER` is read until its `END;`, so the `;` of the statements in
//! its body do not end it.

/// Whether a `;` ends the statement that starts with `words` (its first words, lower case); `after_end`: the
/// last tokens were `;` `END` (a `;` after them closes a trigger; a CASE's `END` does not).
pub fn semicolon_ends_statement(words: &[String], after_end: bool) -> bool {
    let creates_trigger = words.first().is_some_and(|w| w == "create")
        && words.iter().skip(1).take(2).any(|w| w == "trigger");
    !creates_trigger || after_end
}
