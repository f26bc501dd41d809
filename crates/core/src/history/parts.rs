//! A record's file parts, decoded, and where a file stands relative to them.

use super::record::{self, Record, RestorePart};
use super::secret_mask::{fingerprint, unmask, Mask};
use crate::{Error, ErrorCode, Result};
use std::path::PathBuf;

/// Where a file is relative to the change that recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartState {
    /// As the change left it.
    After,
    /// As it was before the change.
    Before,
    /// Neither: someone else changed it.
    Other,
}

pub(super) struct FilePart {
    pub path: PathBuf,
    /// The previous bytes, secrets masked; `None` when there was no file.
    before: Option<Vec<u8>>,
    after_sha256: Option<String>,
    pub private: bool,
    mask: Mask,
}

impl FilePart {
    /// Every file part of `record` (format 2: masked), or why the record is damaged.
    pub fn all(record: &Record) -> Result<Vec<FilePart>> {
        let damaged = || {
            Error::new(
                ErrorCode::Corrupt,
                format!("history entry {} is damaged", record.entry.id),
            )
        };
        let mut out = Vec::new();
        for part in &record.restore {
            let RestorePart::File {
                path,
                before,
                after_sha256,
                private,
                mask,
            } = part
            else {
                continue;
            };
            out.push(FilePart {
                path: record::stored_path(path)?,
                before: before
                    .as_deref()
                    .map(record::decode)
                    .transpose()
                    .map_err(|_| damaged())?,
                after_sha256: after_sha256.clone(),
                private: *private,
                mask: mask.ok_or_else(damaged)?,
            });
        }
        Ok(out)
    }

    /// Compared by fingerprint: secrets left out, so a secret the journal could not keep (and
    /// undo therefore left out) does not count as someone else's change.
    pub fn state(&self, current: Option<&[u8]>) -> PartState {
        let now = current.map(|c| fingerprint(self.mask, c));
        let before = self.before.as_deref().map(|b| fingerprint(self.mask, b));
        if now.as_deref().map(record::sha256_hex) == self.after_sha256 {
            PartState::After
        } else if now == before {
            PartState::Before
        } else {
            PartState::Other
        }
    }

    /// The bytes that put the file back as it was, secrets taken from `current`.
    pub fn restored(&self, current: Option<&[u8]>) -> Option<Vec<u8>> {
        self.before
            .as_deref()
            .map(|b| unmask(self.mask, b, current))
    }
}
