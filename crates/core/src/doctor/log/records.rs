//! Joins the lines of one go message into a record: go continues a message on lines that start
//! with a tab (`\tserver response: ...`, git's `\tfatal: ...` after `exit status 128:`,
//! `go mod tidy`'s `X imports\n\tM: module M: ...`, a requirement chain `a@v requires\n\tb@v: ...`),
//! the GOAUTH `-x` block indents with two spaces, and the checksum-mismatch block ends with a
//! `SECURITY ERROR` paragraph (`cmd/go/internal/modfetch/fetch.go`, `web/http.go`,
//! `modload/mvs.go`).

use super::normalise::Line;

/// Text kept per record; the rest of a long record only adds its line numbers.
const MAX_RECORD_LINES: usize = 48;
/// Line numbers kept per record.
const MAX_RECORD_NUMBERS: usize = 256;
/// How far the `SECURITY ERROR` paragraph may run after `checksum mismatch`.
const SECURITY_BLOCK_LINES: usize = 16;

/// One go message and where it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Record {
    /// The message's lines, the first one as printed, continuations with their indentation.
    pub text: Vec<String>,
    /// 1-based numbers of its lines.
    pub numbers: Vec<u32>,
    /// Lines beyond the kept ones (their numbers are not listed either past the cap).
    pub dropped: u32,
    /// The record holds a checksum mismatch or a SECURITY ERROR paragraph.
    security: bool,
    /// Lines absorbed into the SECURITY ERROR paragraph so far.
    security_lines: usize,
    /// The paragraph ended (`For more information, see 'go help module-auth'.`).
    security_done: bool,
}

impl Record {
    fn start(line: &Line<'_>) -> Record {
        let text = line.text.to_string();
        let security = text.contains("checksum mismatch") || text.starts_with("SECURITY ERROR");
        Record {
            text: vec![text],
            numbers: vec![line.number],
            security,
            ..Record::default()
        }
    }

    fn push(&mut self, line: &Line<'_>) {
        if self.text.len() < MAX_RECORD_LINES {
            self.text.push(line.text.to_string());
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
        if self.numbers.len() < MAX_RECORD_NUMBERS {
            self.numbers.push(line.number);
        }
    }

    fn is_goauth_block(&self) -> bool {
        self.text
            .first()
            .is_some_and(|t| t.starts_with("GOAUTH encountered errors for"))
    }

    /// Whether `line` continues this record.
    fn continues_with(&mut self, text: &str) -> bool {
        if text.starts_with('\t') {
            return true;
        }
        if self.is_goauth_block() && text.starts_with("  ") {
            return true;
        }
        // git's advice go appends after an `exit status 128:` error (modfetch/codehost/git.go).
        if text.starts_with("Confirm the import path was entered correctly.")
            || text.starts_with("If this is a private repository, see ")
        {
            return true;
        }
        if self.security && !self.security_done && !text.starts_with("go: ") {
            self.security_lines += 1;
            if self.security_lines > SECURITY_BLOCK_LINES {
                return false;
            }
            if text.starts_with("For more information, see 'go help module-auth'") {
                self.security_done = true;
            }
            return true;
        }
        false
    }
}

/// Lines that are never part of a message: blank ones and go's `-x` traces (`# get ...`,
/// `# cd ...; git ...`, `0.012s # get ...`).
fn is_trace(text: &str) -> bool {
    if text.starts_with("# ") {
        return true;
    }
    let b = text.as_bytes();
    let digits = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    digits > 0 && text[digits..].starts_with("s # ")
}

/// Feeds every record of `lines` to `sink`, in order.
pub(super) fn records<'a>(lines: impl Iterator<Item = Line<'a>>, mut sink: impl FnMut(Record)) {
    let mut current: Option<Record> = None;
    for line in lines {
        let text: &str = &line.text;
        if let Some(record) = current.as_mut() {
            if record.continues_with(text) {
                record.push(&line);
                continue;
            }
        }
        if let Some(done) = current.take() {
            sink(done);
        }
        if !text.trim().is_empty() && !is_trace(text) {
            current = Some(Record::start(&line));
        }
    }
    if let Some(done) = current {
        sink(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::log::normalise::lines;

    fn all(log: &str) -> Vec<(Vec<u32>, String)> {
        let mut out = Vec::new();
        records(lines(log.as_bytes()), |r| {
            out.push((r.numbers, r.text.join("\n")))
        });
        out
    }

    #[test]
    fn tab_lines_continue_the_message() {
        let got = all("go: downloading x v1\ngo: example.com/app imports\n\texample.com/h: module example.com/h: reading u: 404 Not Found\n\tserver response: not found\ngo: next");
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0, vec![2, 3, 4]);
        assert_eq!(got[2].0, vec![5]);
    }

    #[test]
    fn the_security_block_is_one_record() {
        let log = "verifying example.com/hello@v1.0.0: checksum mismatch\n\tdownloaded: h1:x=\n\tgo.sum:     h1:y=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\nThe bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\nFor more information, see 'go help module-auth'.\nunrelated";
        let got = all(log);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, (1..=10).collect::<Vec<u32>>());
        assert_eq!(got[1].1, "unrelated");
    }

    #[test]
    fn git_advice_and_goauth_blocks_join() {
        let got = all("go: m@v1: invalid version: git ls-remote: exit status 128:\n\tfatal: could not read Username\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://go.dev/doc/faq#git_https for additional information.\nGOAUTH encountered errors for https://h/x:\n  GOAUTH=/bin/x: could not run command\n# get https://h/x\n0.010s # get https://h/x: 401 Unauthorized");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, vec![1, 2, 3, 4]);
        assert_eq!(got[1].0, vec![5, 6]);
    }
}
