//! Just enough reading of SQL text for the generator and the classifier: qualified identifiers after a
//! keyword, the table a CREATE TABLE creates, and the targets of REFERENCES clauses.

/// A name as PostgreSQL stores it: quoted parts as written, bare parts folded to lower case.
pub type QualName = Vec<String>;

/// Reads a (possibly qualified) identifier at `pos` (after whitespace); returns its byte range and parts.
pub fn read_qualified(s: &str, mut pos: usize) -> Option<(usize, usize, QualName)> {
    let b = s.as_bytes();
    while pos < b.len() && b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    let start = pos;
    let mut parts = Vec::new();
    loop {
        if pos < b.len() && b[pos] == b'"' {
            let mut name = String::new();
            let mut i = pos + 1;
            loop {
                if i >= b.len() {
                    return None;
                }
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        name.push('"');
                        i += 2;
                        continue;
                    }
                    break;
                }
                let ch = s[i..].chars().next()?;
                name.push(ch);
                i += ch.len_utf8();
            }
            parts.push(name);
            pos = i + 1;
        } else {
            let word_start = pos;
            while pos < b.len()
                && (b[pos].is_ascii_alphanumeric()
                    || b[pos] == b'_'
                    || b[pos] == b'$'
                    || b[pos] >= 0x80)
            {
                pos += 1;
            }
            if pos == word_start {
                return None;
            }
            parts.push(s[word_start..pos].to_lowercase());
        }
        if pos < b.len() && b[pos] == b'.' {
            pos += 1;
        } else {
            break;
        }
    }
    Some((start, pos, parts))
}

/// Byte offsets just after each case-insensitive occurrence of the word `kw` (on word boundaries).
pub fn keyword_ends(s: &str, kw: &str) -> Vec<usize> {
    let lower = s.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(kw) {
        let at = from + i;
        let end = at + kw.len();
        let before_ok = at == 0
            || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b'"');
        let after_ok = end >= b.len() || !(b[end].is_ascii_alphanumeric() || b[end] == b'_');
        if before_ok && after_ok {
            out.push(end);
        }
        from = end;
    }
    out
}

/// Every `REFERENCES <name>` target: its byte range in `s` and its parts.
pub fn references_targets(s: &str) -> Vec<(usize, usize, QualName)> {
    keyword_ends(s, "references")
        .into_iter()
        .filter_map(|end| read_qualified(s, end))
        .collect()
}

/// The words of a statement's head (up to `n`), lower-cased.
pub fn head_words(s: &str, n: usize) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '(')
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The table a `CREATE [modifiers] TABLE [IF NOT EXISTS] name` statement creates.
pub fn created_table(s: &str) -> Option<QualName> {
    let words = head_words(s, 8);
    if words.first().map(String::as_str) != Some("create") {
        return None;
    }
    let table_at = words.iter().position(|w| w == "table")?;
    if table_at > 3
        || !words[1..table_at].iter().all(|w| {
            matches!(
                w.as_str(),
                "unlogged" | "temp" | "temporary" | "global" | "local"
            )
        })
    {
        return None;
    }
    let ends = keyword_ends(s, "table");
    let mut pos = *ends.first()?;
    let rest = s[pos..].trim_start().to_ascii_lowercase();
    if rest.starts_with("if not exists") {
        pos = pos + (s[pos..].len() - s[pos..].trim_start().len()) + "if not exists".len();
    }
    read_qualified(s, pos).map(|(_, _, parts)| parts)
}

/// Whether two names denote the same relation, comparing the last part and, when both have one, the schema.
pub fn same_relation(a: &QualName, b: &QualName) -> bool {
    match (a.split_last(), b.split_last()) {
        (Some((x, xs)), Some((y, ys))) => {
            x == y && (xs.is_empty() || ys.is_empty() || xs.last() == ys.last())
        }
        _ => false,
    }
}

/// `relation "public.foo" does not exist` -> `["public", "foo"]` (the message shows the name as parsed).
pub fn quoted_in_message(message: &str) -> Option<String> {
    let start = message.find('"')? + 1;
    let end = start + message[start..].rfind('"')?;
    Some(message[start..end].to_string())
}

pub fn message_relation(message: &str) -> Option<QualName> {
    let inner = quoted_in_message(message)?;
    Some(inner.split('.').map(str::to_string).collect())
}
