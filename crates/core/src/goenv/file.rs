//! Byte-exact model of the GOENV file: Go's reader (`cfg.readEnvFile`) and Go's rewriter
//! (`envcmd.updateEnvFile`), so our writes are byte-identical to `go env -w` / `go env -u`.
//!
//! Both algorithms are identical in go1.19.8 and go1.27.3 (checked line by line), so nothing here
//! takes a Go version. Everything works on raw bytes: the file may hold any bytes at all.

use crate::goenv::EnvOp;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

/// A GOENV file's raw bytes with Go's reading rules. Never fails to parse: any bytes are a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvFile {
    bytes: Vec<u8>,
}

/// Why Go's reader does not give a line the meaning its author probably intended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IgnoredReason {
    /// No `=` at all: Go skips the line.
    NoEquals,
    /// Starts with a space or tab: Go skips it (it only reads lines starting with `A`-`Z`).
    Indented,
    /// Starts with something other than `A`-`Z` (lower case, digit, `=`...): Go skips it.
    NotUppercaseStart,
    /// Go loads it, but the key contains whitespace (`GOSUMDB = x` sets `"GOSUMDB "`), so no
    /// setting ever reads it.
    SpaceInKey,
    /// A later line sets the same key; Go uses the last one (and `go env -w` deletes this one).
    Duplicate,
}

/// One line of the GOENV file that does not take effect the way it looks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IgnoredLine {
    /// 1-based line number (lines are split on `\n`).
    pub line_no: usize,
    /// The line without its `\n` and without a trailing `\r`; invalid UTF-8 replaced.
    pub text: String,
    pub reason: IgnoredReason,
}

impl EnvFile {
    pub fn parse(bytes: &[u8]) -> EnvFile {
        EnvFile {
            bytes: bytes.to_vec(),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Lines as Go's reader sees them: split on `\n` only (a `\r` stays in the line), no empty
    /// piece after a final `\n`. Yields (1-based line number, line).
    fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let mut rest: &[u8] = &self.bytes;
        let mut no = 0;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            no += 1;
            let line = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    let line = &rest[..i];
                    rest = &rest[i + 1..];
                    line
                }
                None => std::mem::take(&mut rest),
            };
            Some((no, line))
        })
    }

    /// `(key, value)` if Go's reader loads this line: it has `=` and starts with `A`-`Z`.
    fn reader_entry(line: &[u8]) -> Option<(&[u8], &[u8])> {
        let eq = line.iter().position(|&b| b == b'=')?;
        if !line.first().is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        Some((&line[..eq], &line[eq + 1..]))
    }

    /// The effective raw map: last duplicate wins. Values keep a trailing `\r`.
    fn raw_map(&self) -> BTreeMap<&[u8], &[u8]> {
        self.lines()
            .filter_map(|(_, l)| Self::reader_entry(l))
            .collect()
    }

    /// The value Go reads for `key` (raw: no trimming, no unquoting, `\r` kept).
    pub fn get(&self, key: &str) -> Option<String> {
        self.raw_map()
            .get(key.as_bytes())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.raw_map().contains_key(key.as_bytes())
    }

    /// Every key Go loads with its effective value, sorted by key (byte order).
    pub fn entries(&self) -> Vec<(String, String)> {
        self.raw_map()
            .into_iter()
            .map(|(k, v)| {
                (
                    String::from_utf8_lossy(k).into_owned(),
                    String::from_utf8_lossy(v).into_owned(),
                )
            })
            .collect()
    }

    /// Effective keys whose value ends in `\r` (the file was saved with Windows line endings).
    pub fn crlf_keys(&self) -> Vec<String> {
        self.raw_map()
            .into_iter()
            .filter(|(_, v)| v.ends_with(b"\r"))
            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
            .collect()
    }

    /// Lines that are neither blank nor `#` comments but do not set a setting as written.
    pub fn ignored_lines(&self) -> Vec<IgnoredLine> {
        let mut last_line_of: HashMap<&[u8], usize> = HashMap::new();
        for (no, line) in self.lines() {
            if let Some((key, _)) = Self::reader_entry(line) {
                last_line_of.insert(key, no);
            }
        }
        let mut out = Vec::new();
        for (no, line) in self.lines() {
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() || trimmed.starts_with(b"#") {
                continue;
            }
            let reason = match Self::reader_entry(line) {
                Some((key, _)) if last_line_of.get(key) != Some(&no) => IgnoredReason::Duplicate,
                Some((key, _)) if key.iter().any(u8::is_ascii_whitespace) => {
                    IgnoredReason::SpaceInKey
                }
                Some(_) => continue,
                None if !line.contains(&b'=') => IgnoredReason::NoEquals,
                None if line[0] == b' ' || line[0] == b'\t' => IgnoredReason::Indented,
                None => IgnoredReason::NotUppercaseStart,
            };
            let text = line.strip_suffix(b"\r").unwrap_or(line);
            out.push(IgnoredLine {
                line_no: no,
                text: String::from_utf8_lossy(text).into_owned(),
                reason,
            });
        }
        out
    }

    /// The file after ONE `go env` invocation applying `ops` (Go's `updateEnvFile(add, del)`):
    ///
    /// 1. split after each `\n`; a last line without `\n` gets one;
    /// 2. of each key (writer rule: text before the first `=`, no `#` in it, not empty; so
    ///    lower-case and indented lines count too) keep only the last line, blanking earlier ones;
    /// 3. `Set`: replace the key's line in place (its CRLF becomes LF), else append `K=V\n`;
    /// 4. `Unset`: blank the key's line (after `Set`: Set+Unset of a key in the file deletes it,
    ///    of a key not in the file appends it);
    /// 5. sort each run of consecutive key lines by key. Comments, blank lines, other non-key
    ///    lines AND the lines blanked in steps 2 and 4 end a run, so deleting a line can leave
    ///    the keys around it unsorted.
    ///
    /// Go appends new keys in random map order; they always form one run and are sorted, except
    /// keys containing `#` or `=` (which `keys::validate_ops` rejects), appended here sorted.
    /// Go's `go env -u` fails when the file does not exist; an empty file models that as a no-op.
    pub fn rewrite(&self, ops: &[EnvOp]) -> EnvFile {
        let mut add: BTreeMap<&str, &str> = BTreeMap::new();
        let mut del: BTreeSet<&str> = BTreeSet::new();
        for op in ops {
            match op {
                EnvOp::Set { key, value } => {
                    add.insert(key, value);
                }
                EnvOp::Unset { key } => {
                    del.insert(key);
                }
            }
        }

        let mut lines: Vec<Vec<u8>> = self
            .bytes
            .split_inclusive(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        if let Some(last) = lines.last_mut() {
            if !last.ends_with(b"\n") {
                last.push(b'\n');
            }
        }

        let mut prev: HashMap<Vec<u8>, usize> = HashMap::new();
        for i in 0..lines.len() {
            if let Some(key) = writer_key(&lines[i]).map(<[u8]>::to_vec) {
                if let Some(p) = prev.insert(key, i) {
                    lines[p].clear();
                }
            }
        }

        let mut appended = Vec::new();
        for (key, value) in &add {
            let line = [key.as_bytes(), b"=", value.as_bytes(), b"\n"].concat();
            match prev.get(key.as_bytes()) {
                Some(&p) => lines[p] = line,
                None => appended.push(line),
            }
        }
        lines.extend(appended);

        for key in &del {
            if let Some(&p) = prev.get(key.as_bytes()) {
                lines[p].clear();
            }
        }

        let mut start = 0;
        for i in 0..=lines.len() {
            if i == lines.len() || writer_key(&lines[i]).is_none() {
                // Keys in a run are unique (duplicates were blanked), so Go's unstable sort
                // and this stable one agree.
                lines[start..i].sort_by(|a, b| writer_key(a).cmp(&writer_key(b)));
                start = i + 1;
            }
        }
        EnvFile {
            bytes: lines.concat(),
        }
    }
}

/// Go's `lineToKey`: the text before the first `=`, unless it contains `#` or is empty.
fn writer_key(line: &[u8]) -> Option<&[u8]> {
    let eq = line.iter().position(|&b| b == b'=')?;
    let key = &line[..eq];
    (!key.is_empty() && !key.contains(&b'#')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> EnvFile {
        EnvFile::parse(s.as_bytes())
    }

    fn rw(s: &str, ops: &[EnvOp]) -> String {
        String::from_utf8(f(s).rewrite(ops).as_bytes().to_vec()).expect("utf8")
    }

    #[test]
    fn reader_rules() {
        let file = f("# c\nGOPROXY=a\r\nGOSUMDB = x\n  GOPRIVATE=p\ngoflags=-x\nGOPROXY=\"b\"\nNOEQ\n=v\nGONOSUMDB=a=b");
        assert_eq!(file.get("GOPROXY").as_deref(), Some("\"b\""));
        assert_eq!(file.get("GOSUMDB"), None);
        assert_eq!(file.get("GOSUMDB ").as_deref(), Some(" x"));
        assert_eq!(file.get("GOPRIVATE"), None);
        assert_eq!(file.get("goflags"), None);
        assert_eq!(file.get("GONOSUMDB").as_deref(), Some("a=b"));
        assert!(file.contains_key("GOSUMDB ") && !file.contains_key("NOEQ"));
        let keys: Vec<String> = file.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["GONOSUMDB", "GOPROXY", "GOSUMDB "]);
    }

    #[test]
    fn crlf_values_keep_carriage_return() {
        let file = f("GOPROXY=https://a\r\nGOSUMDB=off\r\nGOFLAGS=-mod=mod\n");
        assert_eq!(file.get("GOPROXY").as_deref(), Some("https://a\r"));
        assert_eq!(file.crlf_keys(), ["GOPROXY", "GOSUMDB"]);
        // A later LF line fixes the effective value.
        assert!(f("A=1\r\nA=2\n").crlf_keys().is_empty());
    }

    #[test]
    fn ignored_lines_with_reasons() {
        let file = f("# ok\n\n   \nGOPROXY=a\n  GOSUMDB=b\ngoprivate=c\nJUSTTEXT\nGOSUMDB = x\r\nGOPROXY=z\n=v\n\t# indented comment\n");
        let got: Vec<(usize, String, IgnoredReason)> = file
            .ignored_lines()
            .into_iter()
            .map(|l| (l.line_no, l.text, l.reason))
            .collect();
        use IgnoredReason::*;
        assert_eq!(
            got,
            [
                (4, "GOPROXY=a", Duplicate),
                (5, "  GOSUMDB=b", Indented),
                (6, "goprivate=c", NotUppercaseStart),
                (7, "JUSTTEXT", NoEquals),
                (8, "GOSUMDB = x", SpaceInKey),
                (10, "=v", NotUppercaseStart),
            ]
            .map(|(n, t, r)| (n, t.to_string(), r))
        );
    }

    #[test]
    fn non_utf8_and_empty_inputs_do_not_panic() {
        let garbage: Vec<u8> = (0..=255u8)
            .chain([b'\n', b'A', 0xff, b'=', 0xfe, b'\r'])
            .collect();
        let file = EnvFile::parse(&garbage);
        let _ = (file.entries(), file.ignored_lines(), file.crlf_keys());
        assert!(file
            .entries()
            .contains(&("A\u{fffd}".into(), "\u{fffd}\r".into())));
        let empty = EnvFile::parse(b"");
        assert!(empty.entries().is_empty() && empty.ignored_lines().is_empty());
        assert_eq!(empty.rewrite(&[EnvOp::unset("GOPROXY")]).as_bytes(), b"");
        let out = file.rewrite(&[EnvOp::set("GOPROXY", "direct")]);
        assert!(out.as_bytes().ends_with(b"\n"));
    }

    #[test]
    fn set_replaces_in_place_and_appends_sorted() {
        assert_eq!(rw("", &[EnvOp::set("GOPROXY", "x")]), "GOPROXY=x\n");
        assert_eq!(
            rw("GOSUMDB=a\r\n", &[EnvOp::set("GOSUMDB", "b")]),
            "GOSUMDB=b\n"
        );
        // Untouched CRLF lines stay; the run is sorted after appending.
        assert_eq!(
            rw(
                "GOSUMDB=a\r\nGOFLAGS=f\n",
                &[EnvOp::set("GOPROXY", "p"), EnvOp::set("GOAUTH", "off")]
            ),
            "GOAUTH=off\nGOFLAGS=f\nGOPROXY=p\nGOSUMDB=a\r\n"
        );
        // Comments split runs; new keys go to the last run.
        assert_eq!(
            rw("Z=1\nA=1\n# c\nY=1\nB=1", &[EnvOp::set("M", "v")]),
            "A=1\nZ=1\n# c\nB=1\nM=v\nY=1\n"
        );
    }

    #[test]
    fn duplicates_are_deleted_and_blanked_lines_split_runs() {
        assert_eq!(
            rw("B=1\nA=1\nB=2\n", &[EnvOp::set("C", "3")]),
            "A=1\nB=2\nC=3\n"
        );
        // Deleting X leaves B and A in separate runs: not sorted.
        assert_eq!(rw("B=1\nX=1\nA=1\n", &[EnvOp::unset("X")]), "B=1\nA=1\n");
        // Even an unset of an absent key rewrites: final newline added, runs sorted.
        assert_eq!(rw("B=1\nA=1", &[EnvOp::unset("NOPE")]), "A=1\nB=1\n");
    }

    #[test]
    fn writer_key_lines_include_lowercase_and_indented() {
        // The writer sorts lines the reader ignores; `#` before `=` makes a non-key line.
        assert_eq!(
            rw(
                "zz=1\n  GOPROXY=3\nGOSUMDB = x\n#A=1\nb#c=1\nGONOPROXY=1",
                &[EnvOp::set("GOPROXY", "d")]
            ),
            "  GOPROXY=3\nGOSUMDB = x\nzz=1\n#A=1\nb#c=1\nGONOPROXY=1\nGOPROXY=d\n"
        );
        assert_eq!(rw("=x\nB=1\nA=1\n", &[EnvOp::unset("B")]), "=x\nA=1\n");
    }

    #[test]
    fn set_then_unset_same_key_in_one_invocation() {
        assert_eq!(rw("A=1\n", &[EnvOp::set("A", "2"), EnvOp::unset("A")]), "");
        assert_eq!(rw("", &[EnvOp::set("A", "2"), EnvOp::unset("A")]), "A=2\n");
    }
}
