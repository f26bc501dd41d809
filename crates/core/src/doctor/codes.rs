//! The Doctor's stable codes. Scripts match on them and the UI translates by them, so a code is
//! never renamed; the list follows the error shapes go prints (see docs/doctor.md).

use serde::Serialize;
use ts_rs::TS;

macro_rules! doctor_codes {
    ($($variant:ident => $code:literal, $title:literal;)*) => {
        /// What went wrong, as `family.name` (`net.dns`, `proxy.forbidden`, ...).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
        #[ts(export)]
        pub enum DoctorCode {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl DoctorCode {
            /// Every code, in the order of the table (families together).
            pub const ALL: &'static [DoctorCode] = &[$(DoctorCode::$variant,)*];

            /// The code as scripts see it: `net.dns`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DoctorCode::$variant => $code,)*
                }
            }

            /// A short English title (the CLI's headline; the UI has its own words per code).
            pub fn title(self) -> &'static str {
                match self {
                    $(DoctorCode::$variant => $title,)*
                }
            }
        }
    };
}

doctor_codes! {
    NetDns => "net.dns", "The host name does not resolve";
    NetRefused => "net.refused", "The connection was refused";
    NetTimeout => "net.timeout", "The host did not answer in time";
    NetReset => "net.reset", "The connection was reset";
    NetHttpProxy => "net.http_proxy", "The HTTP(S) proxy refused or failed the connection";
    TlsUnknownAuthority => "tls.unknown_authority", "The certificate is signed by an unknown authority";
    TlsNameMismatch => "tls.name_mismatch", "The certificate is for another host name";
    TlsExpired => "tls.expired", "The certificate has expired or is not yet valid";
    TlsNotTls => "tls.not_tls", "The endpoint speaks plain HTTP, not HTTPS";
    ProxyNotFound => "proxy.not_found", "The proxy does not have this module or version (404/410)";
    ProxyUnauthorized => "proxy.unauthorized", "The proxy wants credentials (401)";
    ProxyForbidden => "proxy.forbidden", "The proxy refused access (403)";
    ProxyTeapot => "proxy.teapot", "The mirror endpoint is retired (418)";
    ProxyServerError => "proxy.server_error", "The proxy failed (5xx)";
    ProxyBadResponse => "proxy.bad_response", "The proxy sent an invalid answer";
    AuthGitPrompt => "auth.git_prompt", "git needs credentials and cannot ask for them";
    AuthRepoMissingOrDenied => "auth.repo_missing_or_denied", "The repository is missing or the credentials lack access";
    AuthInsecureUrl => "auth.insecure_url", "go refuses to send credentials over plain HTTP";
    AuthGoauthHelperFailed => "auth.goauth_helper_failed", "The GOAUTH command failed";
    ChecksumGosumMismatch => "checksum.gosum_mismatch", "The download does not match go.sum";
    ChecksumSumdbMismatch => "checksum.sumdb_mismatch", "The download does not match the checksum database";
    ChecksumSumdbUnreachable => "checksum.sumdb_unreachable", "The checksum database cannot be reached";
    ChecksumPrivateModuleLookup => "checksum.private_module_lookup", "A private module was looked up in the public checksum database";
    VersionUnknownRevision => "version.unknown_revision", "The version does not exist";
    VersionNotFoundOnProxy => "version.not_found_on_proxy", "The version is missing from this proxy";
    VersionNoMatch => "version.no_match", "No version matches the query";
    PackageNotInModule => "package.not_in_module", "No module provides the package";
    PathMalformed => "path.malformed", "The module or import path is malformed";
    ConfigGoproxy => "config.goproxy", "GOPROXY is invalid";
    ConfigGoproxyOff => "config.goproxy_off", "Module downloads are disabled";
    ConfigGosumdb => "config.gosumdb", "GOSUMDB is invalid";
    ConfigGoauth => "config.goauth", "GOAUTH is invalid";
    ConfigGotoolchain => "config.gotoolchain", "GOTOOLCHAIN is invalid or the toolchain is unavailable";
    ConfigGoflags => "config.goflags", "GOFLAGS is invalid";
    ConfigGoenv => "config.goenv", "go cannot find its env config file";
    ConfigGovcs => "config.govcs", "GOVCS does not allow this version control system";
    ConfigGoImportMeta => "config.go_import_meta", "The host does not serve go-import meta tags";
}

impl std::fmt::Display for DoctorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_as_its_dotted_name_and_is_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in DoctorCode::ALL {
            let json = serde_json::to_string(code).expect("serialise");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let (family, name) = code.as_str().split_once('.').expect("family.name");
            assert!(!family.is_empty() && !name.is_empty(), "{code}");
            assert!(seen.insert(code.as_str()), "duplicate {code}");
        }
        assert_eq!(seen.len(), 37);
    }
}
