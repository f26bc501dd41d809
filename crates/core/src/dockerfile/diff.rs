//! A unified diff (`--- a/x`, `+++ b/x`, `@@` hunks with 3 lines of context) for the save
//! preview: a longest-common-subsequence over lines, fine for files of a few hundred lines.

use std::fmt::Write as _;

/// Above this many line pairs the diff is the whole old file removed and the new one added.
const LCS_LIMIT: usize = 4_000_000;
const CONTEXT: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Keep,
    Remove,
    Add,
}

/// The diff of `old` against `new` for file `name`; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = edit_script(&a, &b);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    // Walk the script, emitting hunks around changes.
    let mut i = 0;
    while i < ops.len() {
        if ops[i].0 == Op::Keep {
            i += 1;
            continue;
        }
        let start = i.saturating_sub(CONTEXT);
        let mut end = i;
        let mut last_change = i;
        while end < ops.len() {
            if ops[end].0 != Op::Keep {
                last_change = end;
            } else if end - last_change > 2 * CONTEXT {
                break;
            }
            end += 1;
        }
        let end = (last_change + CONTEXT + 1).min(ops.len());
        let (old_start, new_start) = (ops[start].1, ops[start].2);
        let old_len = ops[start..end].iter().filter(|o| o.0 != Op::Add).count();
        let new_len = ops[start..end].iter().filter(|o| o.0 != Op::Remove).count();
        let _ = writeln!(
            out,
            "@@ -{},{old_len} +{},{new_len} @@",
            old_start + usize::from(old_len > 0),
            new_start + usize::from(new_len > 0)
        );
        for (op, ai, bi) in &ops[start..end] {
            match op {
                Op::Keep => {
                    let _ = writeln!(out, " {}", a[*ai]);
                }
                Op::Remove => {
                    let _ = writeln!(out, "-{}", a[*ai]);
                }
                Op::Add => {
                    let _ = writeln!(out, "+{}", b[*bi]);
                }
            }
        }
        i = end;
    }
    out
}

/// `(op, index in a, index in b)` for each line of the script.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<(Op, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut ops = Vec::with_capacity(n + m);
    if n.saturating_mul(m) > LCS_LIMIT {
        ops.extend((0..n).map(|i| (Op::Remove, i, 0)));
        ops.extend((0..m).map(|j| (Op::Add, n, j)));
        return ops;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((Op::Keep, i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push((Op::Remove, i, j));
            i += 1;
        } else {
            ops.push((Op::Add, i, j));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nD\ne\nf\ng\nh\n";
        assert_eq!(
            unified("x", old, new),
            "--- a/x\n+++ b/x\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n"
        );
        assert_eq!(
            unified("x", "", "n\n"),
            "--- a/x\n+++ b/x\n@@ -0,0 +1,1 @@\n+n\n"
        );
        assert_eq!(unified("x", "s\n", "s\n"), "");
    }
}
