//! Keeping only what runs: the bytes outside the kept ranges become spaces (line breaks stay), so the text has
//! the file's length and lines and every offset in it is the file's own.

use std::ops::Range;

/// `text` with every byte outside `keep` blanked. Ranges may overlap or be out of order; bytes of a character
/// cut by a range edge are blanked, so the result is always valid UTF-8.
pub fn keep_only(text: &str, keep: &[Range<usize>]) -> String {
    let mut kept = vec![false; text.len()];
    for range in keep {
        let end = range.end.min(text.len());
        for flag in kept.iter_mut().take(end).skip(range.start) {
            *flag = true;
        }
    }
    blank_where(text, |at| !kept[at])
}

/// `text` with the bytes `blank(at)` says blanked (line breaks kept); a character is kept only whole.
pub fn blank_where(text: &str, blank: impl Fn(usize) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, ch) in text.char_indices() {
        let whole = (at..at + ch.len_utf8()).all(|b| !blank(b));
        if whole || ch == '\n' || ch == '\r' {
            out.push(ch);
        } else {
            out.extend(std::iter::repeat_n(' ', ch.len_utf8()));
        }
    }
    out
}

/// The byte ranges of the lines of `text`, each with its line break.
pub fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let range = start..start + line.len();
        start += line.len();
        (range, line)
    })
}

/// A marker line that opens or closes a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Up,
    Down,
}

/// The byte ranges of the Up sections: from the line after an Up marker to the next Down marker (or the end).
/// Text before the first marker runs in no section, so it is not kept.
pub fn up_sections(text: &str, marker: impl Fn(&str) -> Option<Marker>) -> Vec<Range<usize>> {
    sections(text, marker, Marker::Up)
}

/// The byte ranges of the Down sections: from the line after a Down marker to the next Up marker (or the end).
pub fn down_sections(text: &str, marker: impl Fn(&str) -> Option<Marker>) -> Vec<Range<usize>> {
    sections(text, marker, Marker::Down)
}

/// The sections `wanted` opens: each from the line after its marker to the next marker of the other kind.
fn sections(
    text: &str,
    marker: impl Fn(&str) -> Option<Marker>,
    wanted: Marker,
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for (range, line) in lines(text) {
        match marker(line) {
            Some(found) if found == wanted => open = open.or(Some(range.end)),
            Some(_) => {
                if let Some(start) = open.take() {
                    ranges.push(start..range.start);
                }
            }
            None => {}
        }
    }
    if let Some(start) = open {
        ranges.push(start..text.len());
    }
    ranges
}

/// The words of a `--` comment line, lowercased (`-- +goose  Up` → `["+goose", "up"]`); `None` for other lines.
pub fn comment_words(line: &str) -> Option<Vec<String>> {
    let rest = line.trim_start().strip_prefix("--")?;
    Some(
        rest.split_whitespace()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_outside_kept_ranges_and_keeps_length_and_lines() {
        let text = "a;\n-- x é\nb;\n";
        let kept = keep_only(text, &[0..3, 11..14]);
        assert_eq!(kept.len(), text.len());
        assert_eq!(kept.lines().count(), text.lines().count());
        assert!(kept.starts_with("a;\n"));
        assert!(!kept.contains('x'));
        assert!(kept.ends_with("b;\n"));
    }

    #[test]
    fn up_and_down_sections_split_at_each_other() {
        let marker = |line: &str| match line.trim() {
            "-- up" => Some(Marker::Up),
            "-- down" => Some(Marker::Down),
            _ => None,
        };
        let text = "x;\n-- up\na;\n-- down\nb;\n-- up\nc;\n";
        let pick = |ranges: Vec<Range<usize>>| {
            keep_only(text, &ranges)
                .split_whitespace()
                .collect::<String>()
        };
        assert_eq!(pick(up_sections(text, marker)), "a;c;");
        assert_eq!(pick(down_sections(text, marker)), "b;");
    }
}
