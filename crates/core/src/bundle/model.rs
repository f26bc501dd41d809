//! The bundle v1 model, field for field as `docs/bundle.md` specifies it. Every struct refuses
//! unknown fields; [`crate::bundle::parse`] adds the rules serde cannot express.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The only `format` this version reads.
pub const FORMAT_V1: &str = "goproxy-assistant-bundle/1";

/// The go env keys a bundle may set; any other key is refused (`key_not_allowed`).
pub const ALLOWED_GO_ENV: &[&str] = &[
    "GOPROXY",
    "GOSUMDB",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOINSECURE",
    "GOFLAGS",
    "GOAUTH",
    "GOTOOLCHAIN",
    "GOVCS",
];

/// A team bundle, v1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Bundle {
    /// Always [`FORMAT_V1`].
    pub format: String,
    /// 1-80 printable characters (any script).
    pub name: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The oldest Go the setup is meant for (`1.21`); an older go is a finding, not a refusal.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_go: Option<String>,
    /// go env keys (only [`ALLOWED_GO_ENV`]) and their values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub go_env: BTreeMap<String, String>,
    /// Custom mirrors, added to the user's list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mirrors: Vec<BundleMirror>,
    /// Private hosts that need a token; never the token itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<BundleHost>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker: Option<DockerDefaults>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<VerifySpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BundleMirror {
    pub name: String,
    /// `https://` (or `http://` to loopback) base URL, without credentials.
    pub url: String,
    /// An extra CA certificate (PEM) to trust for this mirror.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_pem: Option<String>,
}

/// How a host's token is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HostAuth {
    #[default]
    Basic,
    Bearer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BundleHost {
    /// `host` or `host:port`.
    pub host: String,
    /// The login sent with the token (default `token`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(default)]
    pub auth: HostAuth,
    /// Where to get a token, in one sentence.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_help: Option<String>,
    /// An `https://` page where the token is created.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
}

/// Defaults for the Docker page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DockerDefaults {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_version: Option<String>,
}

/// A module the real go downloads to prove the setup works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct VerifySpec {
    /// `module/path@version` (`@latest` allowed).
    pub module: String,
}
