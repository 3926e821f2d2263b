//! Range and multirange values of the discrete built-in types (`int4range`, `int8range`, `daterange` and their
//! multiranges), as PostgreSQL stores them: canonical `[lower,upper)` bounds, so that equal ranges have equal
//! text and a temporal foreign key's coverage (`child <@ range_agg(parents)`) can be decided on literals.
//! Continuous ranges (`numrange`, `tsrange`, `tstzrange`) are not modelled: their values stay unknown.

/// One canonical range: `[lower, upper)`, `None` for an infinite bound. Never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Segment {
    lower: Option<i64>,
    upper: Option<i64>,
}

/// What the bounds of a family count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Integer,
    Day,
}

/// The range family of a column type (`r` integer range, `d` date range, `m` / `M` their multiranges).
pub(super) fn family_of(base: &str) -> Option<char> {
    match base {
        "int4range" | "int8range" => Some('r'),
        "daterange" => Some('d'),
        "int4multirange" | "int8multirange" => Some('m'),
        "datemultirange" => Some('M'),
        _ => None,
    }
}

pub(super) fn is_range_family(family: char) -> bool {
    matches!(family, 'r' | 'd' | 'm' | 'M')
}

fn unit(family: char) -> Unit {
    match family {
        'd' | 'M' => Unit::Day,
        _ => Unit::Integer,
    }
}

/// A literal's segments (none for `empty` / `{}`), or `None` when it is not one fklint reads or the server
/// would reject it.
pub(super) fn parse(text: &str, family: char) -> Option<Vec<Segment>> {
    let text = text.trim();
    let unit = unit(family);
    if matches!(family, 'm' | 'M') {
        let inner = text.strip_prefix('{')?.strip_suffix('}')?.trim();
        if inner.is_empty() {
            return Some(Vec::new());
        }
        let mut segments = Vec::new();
        for part in split_ranges(inner)? {
            segments.extend(parse_range(part, unit)?);
        }
        return Some(merge(segments));
    }
    parse_range(text, unit).map(|s| s.into_iter().collect())
}

/// A range operator's literal against a column of `family`: a multirange literal (`{...}`) or a range literal,
/// whichever it is written as (PostgreSQL compares a range with a multirange either way).
pub(super) fn operand(text: &str, family: char) -> Option<Vec<Segment>> {
    let multi = match family {
        'r' | 'm' => ('r', 'm'),
        _ => ('d', 'M'),
    };
    if text.trim_start().starts_with('{') {
        parse(text, multi.1)
    } else {
        parse(text, multi.0)
    }
}

/// `[a,b), (c,d]` split at the commas between ranges.
fn split_ranges(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut inside = false;
    for (i, c) in text.char_indices() {
        match c {
            '[' | '(' if !inside => {
                inside = true;
                start = i;
            }
            ']' | ')' if inside => {
                inside = false;
                parts.push(&text[start..=i]);
            }
            ',' | ' ' if !inside => {}
            _ if !inside => return None,
            _ => {}
        }
    }
    (!inside).then_some(parts)
}

/// One range literal: `empty`, or `[lower,upper)` with either bracket and either bound left out (infinite).
fn parse_range(text: &str, unit: Unit) -> Option<Option<Segment>> {
    if text.eq_ignore_ascii_case("empty") {
        return Some(None);
    }
    let lower_inclusive = match text.chars().next()? {
        '[' => true,
        '(' => false,
        _ => return None,
    };
    let upper_inclusive = match text.chars().last()? {
        ']' => true,
        ')' => false,
        _ => return None,
    };
    let (lower, upper) = text.get(1..text.len() - 1)?.split_once(',')?;
    let lower = bound(lower, unit)?;
    let upper = bound(upper, unit)?;
    if let (Some(l), Some(u)) = (lower, upper) {
        // "range lower bound must be less than or equal to range upper bound" (22000): not a value.
        if l > u {
            return None;
        }
    }
    let lower = match lower {
        Some(l) if !lower_inclusive => Some(l.checked_add(1)?),
        l => l,
    };
    let upper = match upper {
        Some(u) if upper_inclusive => Some(u.checked_add(1)?),
        u => u,
    };
    Some(match (lower, upper) {
        (Some(l), Some(u)) if l >= u => None,
        _ => Some(Segment { lower, upper }),
    })
}

/// A bound as written (`None` for an infinite one), or `Err`-like `None` outside when unreadable.
fn bound(text: &str, unit: Unit) -> Option<Option<i64>> {
    let text = text.trim().trim_matches('"');
    if text.is_empty() {
        return Some(None);
    }
    match unit {
        Unit::Integer => text.parse::<i64>().ok().map(Some),
        Unit::Day => day_number(text).map(Some),
    }
}

/// `YYYY-MM-DD` as days since 1970-01-01 (the proleptic Gregorian calendar PostgreSQL uses), when valid.
fn day_number(text: &str) -> Option<i64> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn day_text(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Sorted, with overlapping and adjacent segments joined (as a multirange stores them). An insertion sort: the
/// few periods of one key, and no sort routine of its own in the module.
fn merge(unsorted: Vec<Segment>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(unsorted.len());
    for s in unsorted {
        let key = (s.lower.is_some(), s.lower);
        let at = segments
            .iter()
            .position(|t| (t.lower.is_some(), t.lower) > key)
            .unwrap_or(segments.len());
        segments.insert(at, s);
    }
    let mut out: Vec<Segment> = Vec::new();
    for s in segments {
        match out.last_mut() {
            Some(last) if last.upper.is_none_or(|u| s.lower.is_none_or(|l| l <= u)) => {
                last.upper = match (last.upper, s.upper) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => out.push(s),
        }
    }
    out
}

/// The canonical text PostgreSQL prints for the value.
pub(super) fn canonical(segments: &[Segment], family: char) -> String {
    let unit = unit(family);
    let show = |b: Option<i64>| match (b, unit) {
        (None, _) => String::new(),
        (Some(v), Unit::Integer) => v.to_string(),
        (Some(v), Unit::Day) => day_text(v),
    };
    let one = |s: &Segment| {
        let open = if s.lower.is_some() { '[' } else { '(' };
        format!("{open}{},{})", show(s.lower), show(s.upper))
    };
    if matches!(family, 'm' | 'M') {
        let parts: Vec<String> = segments.iter().map(one).collect();
        return format!("{{{}}}", parts.join(","));
    }
    segments.first().map_or_else(|| "empty".to_string(), one)
}

/// Whether the union of `parents` contains every point of `wanted` (`wanted <@ range_agg(parents)`).
pub(super) fn covered(wanted: &[Segment], parents: Vec<Segment>) -> bool {
    let union = merge(parents);
    wanted.iter().all(|w| {
        union.iter().any(|u| {
            let lower_ok = match (u.lower, w.lower) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => a <= b,
            };
            let upper_ok = match (u.upper, w.upper) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => a >= b,
            };
            lower_ok && upper_ok
        })
    })
}

/// Whether two values share a point (`&&`).
pub(super) fn overlap(a: &[Segment], b: &[Segment]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            let before = |s: &Segment, t: &Segment| matches!((s.upper, t.lower), (Some(u), Some(l)) if u <= l);
            !before(x, y) && !before(y, x)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str, family: char) -> Option<String> {
        parse(text, family).map(|s| canonical(&s, family))
    }

    #[test]
    fn literals_take_postgres_canonical_form() {
        assert_eq!(canon("[1,2)", 'r').as_deref(), Some("[1,2)"));
        assert_eq!(canon("[1,1]", 'r').as_deref(), Some("[1,2)"));
        assert_eq!(canon("(0,1]", 'r').as_deref(), Some("[1,2)"));
        assert_eq!(canon("[-1,-1]", 'r').as_deref(), Some("[-1,0)"));
        assert_eq!(canon("[3,3)", 'r').as_deref(), Some("empty"));
        assert_eq!(canon("[4,3)", 'r'), None);
        assert_eq!(
            canon("[2018-01-01,)", 'd').as_deref(),
            Some("[2018-01-01,)")
        );
        assert_eq!(
            canon("[2018-01-31,2018-02-28]", 'd').as_deref(),
            Some("[2018-01-31,2018-03-01)")
        );
        assert_eq!(canon("(,)", 'd').as_deref(), Some("(,)"));
        assert_eq!(canon("[2018-02-30,2018-03-01)", 'd'), None);
        assert_eq!(
            canon("{[2018-01-01,2018-02-01), [2018-02-01,2018-03-01)}", 'M').as_deref(),
            Some("{[2018-01-01,2018-03-01)}")
        );
        assert_eq!(canon("{}", 'm').as_deref(), Some("{}"));
    }

    #[test]
    fn operands_read_as_range_or_multirange() {
        let canon_op = |t: &str, f: char| operand(t, f).map(|s| canonical(&s, 'M'));
        assert_eq!(
            canon_op("[2018-01-15,2018-01-15]", 'd').as_deref(),
            Some("{[2018-01-15,2018-01-16)}")
        );
        assert_eq!(
            canon_op("{[2018-01-01,2018-02-01)}", 'd').as_deref(),
            Some("{[2018-01-01,2018-02-01)}")
        );
        assert_eq!(
            canon_op("[2018-01-01,2018-02-01)", 'M').as_deref(),
            Some("{[2018-01-01,2018-02-01)}")
        );
        assert_eq!(operand("2018-01-15", 'd'), None);
        assert_eq!(operand("[1,5)", 'r').map(|s| s.len()), Some(1));
    }

    #[test]
    fn coverage_joins_adjacent_parents() {
        let p = |t: &str| parse(t, 'd').unwrap();
        let parents = [p("[2018-01-02,2018-02-03)"), p("[2018-02-03,2018-03-03)")].concat();
        assert!(covered(&p("[2018-01-02,2018-03-01)"), parents.clone()));
        assert!(!covered(&p("[2018-01-02,2018-04-01)"), parents.clone()));
        assert!(!covered(&p("[2018-01-01,)"), parents));
        assert!(overlap(&p("[2018-01-01,2018-01-05)"), &p("[2018-01-04,)")));
        assert!(!overlap(&p("[2018-01-01,2018-01-05)"), &p("[2018-01-05,)")));
    }
}
