//! Items that run code or weaken module verification: allowed only when the user accepts that
//! rule (`--accept CODE`; in the GUI a separate unticked checkbox per item).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable codes of the rules whose items need acceptance (`docs/bundle.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RiskCode {
    /// GOFLAGS with a flag that runs programs or changes what is built (`-toolexec`, `-exec`,
    /// `-overlay`, `-modfile`, `-pgo`, `-ldflags`, `-gcflags`, `-asmflags`, `-mod=mod`).
    GoflagsRisky,
    /// A GOAUTH command: Go runs it on every download.
    GoauthCommand,
    /// GOINSECURE: HTTPS without certificate checks, then plain HTTP.
    Goinsecure,
    /// GOSUMDB `off` or a checksum database with a custom key.
    GosumdbWeakened,
    /// GOVCS allowing more than Go's default for public paths.
    GovcsWidened,
    /// GONOSUMDB, GONOPROXY or GOPRIVATE matching a whole public hosting namespace.
    PublicNamespace,
    /// A GOPROXY entry `http://` to a host that is not loopback.
    GoproxyHttp,
    /// GOTOOLCHAIN `path` or `goX.Y[.Z]+path`: runs whatever `go` is first on PATH.
    GotoolchainPath,
}

impl RiskCode {
    pub const ALL: [RiskCode; 8] = [
        RiskCode::GoflagsRisky,
        RiskCode::GoauthCommand,
        RiskCode::Goinsecure,
        RiskCode::GosumdbWeakened,
        RiskCode::GovcsWidened,
        RiskCode::PublicNamespace,
        RiskCode::GoproxyHttp,
        RiskCode::GotoolchainPath,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskCode::GoflagsRisky => "goflags_risky",
            RiskCode::GoauthCommand => "goauth_command",
            RiskCode::Goinsecure => "goinsecure",
            RiskCode::GosumdbWeakened => "gosumdb_weakened",
            RiskCode::GovcsWidened => "govcs_widened",
            RiskCode::PublicNamespace => "public_namespace",
            RiskCode::GoproxyHttp => "goproxy_http",
            RiskCode::GotoolchainPath => "gotoolchain_path",
        }
    }

    /// `--accept CODE` as typed; `None` for a code that does not exist.
    pub fn parse(code: &str) -> Option<RiskCode> {
        RiskCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The risk in one English sentence (the GUI words it by code).
    pub fn risk(self) -> &'static str {
        match self {
            RiskCode::GoflagsRisky => "these GOFLAGS make every go command run other programs or build with different inputs",
            RiskCode::GoauthCommand => "Go runs this command on every module download and sends its output as credentials",
            RiskCode::Goinsecure => "modules matching these patterns are fetched without certificate checks, or over plain HTTP",
            RiskCode::GosumdbWeakened => "downloaded modules are no longer checked against the public checksum database",
            RiskCode::GovcsWidened => "Go may run more version control tools (some have had remote code execution bugs) for public modules",
            RiskCode::PublicNamespace => "every module under a public hosting site skips the proxy or the checksum database",
            RiskCode::GoproxyHttp => "modules are downloaded over plain HTTP, which anyone on the network path can alter",
            RiskCode::GotoolchainPath => "Go runs whatever go toolchain is first on PATH instead of the one it selected",
        }
    }
}

/// One item of a bundle that needs acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RiskItem {
    pub code: RiskCode,
    /// `go_env.GOFLAGS`.
    pub field: String,
    /// The part of the value that is risky (`-toolexec=/x`, `github.com`).
    pub item: String,
    /// The risk in one sentence.
    pub risk: String,
    /// Whether the user accepted this rule.
    pub accepted: bool,
}
