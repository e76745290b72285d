//! One stable sort for the whole core. The standard library's sort is
//! compiled again for every element type and comparison (one to four
//! kilobytes of wasm each); this one orders positions behind a `dyn`
//! comparison, so the browser build carries it once.

use std::cmp::Ordering;

/// The positions `0..n` in stable sorted order under `cmp` (a bottom-up
/// merge sort: equal items keep their order).
pub fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = from.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut a, mut b) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // Take from the right run only when strictly less: stable.
                let right = b < hi && (a >= mid || cmp(from[b], from[a]) == Ordering::Less);
                if right {
                    *slot = from[b];
                    b += 1;
                } else {
                    *slot = from[a];
                    a += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Puts `v` in the order `stable_order` gave.
fn apply<T>(v: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    apply(v, order);
}

/// Sorts `v` stably by a key computed once per item.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = stable_order(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    apply(v, order);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            // Items remember where they started, so stability shows.
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|item| item.0);
            prop_assert_eq!(&ours, &std_sorted);
            let mut by = items;
            sort_by(&mut by, |a, b| b.0.cmp(&a.0));
            std_sorted.sort_by_key(|item| std::cmp::Reverse(item.0));
            prop_assert_eq!(by, std_sorted);
        }
    }
}
