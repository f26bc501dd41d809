//! What an export left out and why, as a stable code with its subject, so the desktop app words
//! it in the user's language; [`Omission`]'s `Display` is the English the CLI prints.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// Why a part of the effective setup is not in an exported bundle. Stable: the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OmissionCode {
    /// The value (or a mirror's URL) holds the user's home directory.
    HomeDirectory,
    /// The value (or a mirror's URL) holds the user's name.
    UserName,
    /// The value (or a mirror's URL) holds the machine's name.
    MachineName,
    /// A `file://` GOPROXY entry: a local path.
    FileProxy,
    /// A user name and password in a URL (the rest of the URL is kept).
    UrlCredentials,
    /// A GOAUTH command other than this app's helper: a local program.
    LocalCommand,
    /// A GOFLAGS field whose value is a local path.
    LocalPathFlag,
    /// A mirror's CA file that could not be read as PEM certificates (the mirror is kept).
    UnreadableCa,
    /// A host's login that is a person's name: each member gives their own.
    PersonalLogin,
}

/// One thing an export left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Omission {
    pub code: OmissionCode,
    /// What it belonged to: a go env key (`GOFLAGS`), a mirror's name or a host.
    pub subject: String,
    /// The part left out, when naming it helps (a GOFLAGS field, a GOAUTH program).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

impl Omission {
    pub fn new(code: OmissionCode, subject: impl Into<String>) -> Omission {
        Omission {
            code,
            subject: subject.into(),
            item: None,
        }
    }

    pub fn with_item(self, item: impl Into<String>) -> Omission {
        Omission {
            item: Some(item.into()),
            ..self
        }
    }
}

impl fmt::Display for Omission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = &self.subject;
        let item = self.item.as_deref().unwrap_or_default();
        match self.code {
            OmissionCode::HomeDirectory => {
                write!(f, "{subject}: left out, it holds a local path (your home directory)")
            }
            OmissionCode::UserName => write!(f, "{subject}: left out, it holds your user name"),
            OmissionCode::MachineName => {
                write!(f, "{subject}: left out, it holds this machine's name")
            }
            OmissionCode::FileProxy => {
                write!(f, "{subject}: a file:// entry (a local path) is left out")
            }
            OmissionCode::UrlCredentials => {
                write!(f, "{subject}: the user name and password in a URL are left out")
            }
            OmissionCode::LocalCommand => write!(
                f,
                "{subject}: the entry running {item:?} is left out (a local command or path)"
            ),
            OmissionCode::LocalPathFlag => {
                write!(f, "{subject}: {item:?} names a local path and is left out")
            }
            OmissionCode::UnreadableCa => write!(
                f,
                "mirror {subject}: its CA file could not be read as PEM certificates, so it is left out"
            ),
            OmissionCode::PersonalLogin => write!(
                f,
                "host {subject}: the login is a user name, so each person gives their own"
            ),
        }
    }
}
