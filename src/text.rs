//! Small pieces of text shared by the rules, the errors and the readers: numbers written in
//! decimal, JSON strings, field paths (`a.b[0]`), and the duplicate check of lists and keys.
//! Everything here runs on every keystroke, without the formatting machinery.

/// `s` as a JSON string, quoted and escaped, appended to `out`.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\x08' => "\\b",
            b'\x0c' => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 15] {
                out.push(char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0')));
            }
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

/// For each item, whether an equal one comes before it: duplicates found by sorting, so that a
/// list of thousands is checked as fast as a small one. Items are compared as bytes, ties by
/// position, so that the first of equal items sorts first.
pub(crate) fn repeated(items: &[&[u8]]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    heapsort(&mut order, |a, b| (items.get(a), a) < (items.get(b), b));
    let mut out = vec![false; items.len()];
    for pair in order.windows(2) {
        if let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) {
            if items.get(a) == items.get(b) {
                if let Some(flag) = out.get_mut(b) {
                    *flag = true;
                }
            }
        }
    }
    out
}

/// Sorts `items` by `less` (a strict order) in place: a heapsort, which is a few hundred bytes of
/// Wasm where the standard library's sort weighed 2.4 KB for this one use.
fn heapsort(items: &mut [usize], less: impl Fn(usize, usize) -> bool) {
    let at = |items: &[usize], i: usize| items.get(i).copied().unwrap_or_default();
    // Moves the item at `root` down until it is no less than its children, within `..end`.
    let sift = |items: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(at(items, child), at(items, child + 1)) {
            child += 1;
        }
        if !less(at(items, root), at(items, child)) {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    let n = items.len();
    for root in (0..n / 2).rev() {
        sift(items, root, n);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift(items, 0, end);
    }
}

/// Whether two short texts (keys, field names) are equal, compared in place: a call to `memcmp`
/// for each key looked up cost more than the comparison in the Wasm build.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// `n` in decimal, written into the end of `buf` without the formatting machinery (paths, wire
/// values, descriptions and catalog keys are written on every keystroke).
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    while let Some(slot) = start.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..)
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or("0")
}

/// Appends an array index to a field path: `a[0]`.
pub fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(decimal(index as u64, &mut [0; 20]));
    path.push(']');
}

/// Appends `key` to a field path: `a.b` for keys of letters, digits, `_` and `$` (identifiers,
/// and counts such as the `9` of a commission table), `a["odd key"]` (a JSON string) for anything
/// else, so that every path reads unambiguously whatever keys the input holds.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        write_str(path, key);
        path.push(']');
    }
}

/// A path of `base` and one more key, quoted where needed.
pub fn join_key(base: &str, key: &str) -> String {
    let mut out = String::with_capacity(base.len() + key.len() + 1);
    out.push_str(base);
    push_key(&mut out, key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heapsort_sorts_and_repeated_flags_every_later_copy() {
        for n in 0..70u32 {
            let words: Vec<Vec<u8>> = (0..n)
                .map(|i| vec![b'a' + (i.wrapping_mul(7_919) % 11) as u8, (i % 3) as u8])
                .collect();
            let items: Vec<&[u8]> = words.iter().map(|w| &w[..]).collect();
            let mut sorted: Vec<usize> = (0..items.len()).collect();
            heapsort(&mut sorted, |a, b| (items[a], a) < (items[b], b));
            let mut expected: Vec<usize> = (0..items.len()).collect();
            expected.sort_by_key(|&i| (items[i], i));
            assert_eq!(sorted, expected, "{n} items");
            let naive: Vec<bool> = (0..items.len()).map(|i| items[..i].contains(&items[i])).collect();
            assert_eq!(repeated(&items), naive, "{n} items");
        }
    }

    #[test]
    fn paths_quote_odd_keys() {
        assert_eq!(join_key("", "a"), "a");
        assert_eq!(join_key("a", "b_$9"), "a.b_$9");
        assert_eq!(join_key("a", "a.b"), r#"a["a.b"]"#);
        assert_eq!(join_key("", ""), r#"[""]"#);
        let mut p = String::from("x");
        push_index(&mut p, 120);
        assert_eq!(p, "x[120]");
        assert_eq!(decimal(0, &mut [0; 20]), "0");
        assert_eq!(decimal(u64::MAX, &mut [0; 20]), "18446744073709551615");
    }
}
