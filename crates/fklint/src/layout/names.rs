//! Paths and version numbers as migration tools read them: the last component of a path, its folder, natural
//! order, numbers of any length compared by value.

use std::cmp::Ordering;

/// The last component of a `/`-separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder of a path (`""` for a bare name).
pub fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..at])
}

/// `folder/name`, or `name` when the folder is empty.
pub fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// Whether the path ends with `suffix`, ignoring ASCII case.
pub fn ends_with_ignore_case(path: &str, suffix: &str) -> bool {
    path.len() >= suffix.len()
        && path
            .get(path.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

/// The leading ASCII digits of a name (`"20240101_x"` → `"20240101"`).
pub fn leading_digits(name: &str) -> &str {
    let len = name.bytes().take_while(u8::is_ascii_digit).count();
    &name[..len]
}

/// Natural (numeric-aware) order, as migration tools sort files: runs of ASCII digits compare by numeric
/// value, then by length (`2` < `02`); everything else compares byte by byte. So `2_x.sql` < `10_x.sql`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ordering = if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let (run_a, run_b) = (digit_run(&a[i..]), digit_run(&b[j..]));
            i += run_a.len();
            j += run_b.len();
            compare_numbers(run_a, run_b).then_with(|| run_a.len().cmp(&run_b.len()))
        } else {
            i += 1;
            j += 1;
            a[i - 1].cmp(&b[j - 1])
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// Natural order of paths, component by component, so that the files of one folder stay together.
pub fn natural_path_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.split('/'), b.split('/'));
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => {
                let ordering = natural_cmp(x, y);
                if ordering != Ordering::Equal {
                    return ordering;
                }
            }
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
        }
    }
}

fn digit_run(bytes: &[u8]) -> &[u8] {
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    &bytes[..len]
}

/// Compares two runs of digits by value without parsing them (they may be longer than any integer type).
pub fn compare_numbers(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |run: &[u8]| -> usize { run.iter().take_while(|&&d| d == b'0').count() };
    let (value_a, value_b) = (&a[strip(a)..], &b[strip(b)..]);
    value_a
        .len()
        .cmp(&value_b.len())
        .then_with(|| value_a.cmp(value_b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value_then_length() {
        assert_eq!(natural_cmp("2_x.sql", "10_x.sql"), Ordering::Less);
        assert_eq!(natural_cmp("0002-a", "00010-b"), Ordering::Less);
        assert_eq!(natural_cmp("2", "02"), Ordering::Less);
        assert_eq!(
            natural_cmp("923456789012345678901234567890", "99999999999999999999999"),
            Ordering::Greater
        );
    }

    #[test]
    fn paths_compare_per_component() {
        assert_eq!(natural_path_cmp("2/z.sql", "10/a.sql"), Ordering::Less);
        assert_eq!(folder("a/b/c.sql"), "a/b");
        assert_eq!(file_name("a/b/c.sql"), "c.sql");
        assert_eq!(folder("c.sql"), "");
    }
}
