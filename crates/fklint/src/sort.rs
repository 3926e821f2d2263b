//! One stable sort for every list fklint sorts. `slice::sort_by` is generic over the element and the comparison,
//! so each call site would compile its own copy of the standard library's sort (several KB of WebAssembly
//! each); here only a list of positions is sorted, through one comparison type, and the items are moved into
//! that order. The lists are short (findings, tables, an ALTER TABLE's actions), so the indirection costs
//! nothing that matters.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping the order of equal items (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Moves `items[order[k]]` to position `k`, in place (a list of findings is not copied to be sorted): each cycle
/// of the permutation is followed once, `order` marking the positions done.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut position = start;
        loop {
            let from = order[position];
            order[position] = position;
            if from == start || from == position {
                break;
            }
            items.swap(position, from);
            position = from;
        }
    }
}

/// Sorts `items` by a key, keeping the order of items with equal keys (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `0..len` in the order `compare` gives the positions, equal ones as they were.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let items: Vec<(u8, usize)> = [3, 1, 2, 1, 3, 0, 2, 1]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut ours = items.clone();
        sort_by_key(&mut ours, |&(k, _)| k);
        let mut std = items;
        std.sort_by_key(|&(k, _)| k);
        assert_eq!(ours, std);
        // Long cycles and fixed points: positions moved in place, by cycles of the permutation.
        let many: Vec<(usize, usize)> = (0..500).map(|i| ((i * 7919 + 13) % 31, i)).collect();
        let mut ours = many.clone();
        sort_by_key(&mut ours, |&(k, _)| k);
        let mut std = many;
        std.sort_by_key(|&(k, _)| k);
        assert_eq!(ours, std);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
