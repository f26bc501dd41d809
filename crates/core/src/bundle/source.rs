//! Where a bundle comes from: a file, an `https://` URL, or a `goproxy-assistant://bundle?url=...`
//! link opened by the OS. A URL is fetched through the app's one network module ([`crate::net`]:
//! HTTP(S)_PROXY/NO_PROXY and trusted roots as Go sees them, plus the CA file of a custom mirror
//! on the same origin), at most 1 MiB, never redirected to another scheme. An optional SHA-256
//! pin and an optional team key ([`super::signature`], `FILE.minisig` / `URL.minisig`) are checked
//! before anything else sees the bytes; a failed check refuses the bundle with a stable
//! [`SourceCode`] or [`super::signature::SignatureCode`], and nothing is written.

#[cfg(test)]
mod tests;

use super::signature::{self, SignatureCheck, SignatureCode, TeamKey, SIGNATURE_FILE_CAP};
use crate::net::{
    BlockingClient, Client, HttpUrl, NetErrorClass, Network, Redirects, RequestOptions,
};
use crate::{atomic_file, Error, ErrorCode, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

/// The most a URL import downloads (a bundle itself may be 256 KiB; the parser refuses more).
pub const MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024;
/// The scheme of the links the app registers with the OS.
pub const LINK_SCHEME: &str = "goproxy-assistant";
/// A link is a few hundred characters; browsers and OSes cut far above this anyway.
const MAX_LINK_CHARS: usize = 4096;
const MAX_URL_CHARS: usize = 2048;
/// For the whole download (connecting, TLS, the body), each of the bundle and its signature.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a source was refused. Stable: the UI and scripts switch on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceCode {
    /// A URL that is not `https://` (`http://`, `ftp://`, `file://`...).
    UrlNotHttps,
    /// A URL that cannot be fetched as it is (no host, credentials in it, spaces, a fragment).
    UrlInvalid,
    /// A `goproxy-assistant://` link that is not exactly `goproxy-assistant://bundle?url=...`
    /// with an optional `sha256=...`.
    LinkInvalid,
    /// `--sha256` (or the link's `sha256`) is not 64 hex digits.
    Sha256Invalid,
    /// The bundle's SHA-256 is not the pinned one.
    Sha256Mismatch,
    /// The download is larger than 1 MiB (or the file is).
    TooLarge,
    /// A redirect to another scheme (or more than 10 redirects).
    RedirectRefused,
    /// The download failed: network, TLS, or an answer other than 200.
    DownloadFailed,
}

impl SourceCode {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceCode::UrlNotHttps => "url_not_https",
            SourceCode::UrlInvalid => "url_invalid",
            SourceCode::LinkInvalid => "link_invalid",
            SourceCode::Sha256Invalid => "sha256_invalid",
            SourceCode::Sha256Mismatch => "sha256_mismatch",
            SourceCode::TooLarge => "too_large",
            SourceCode::RedirectRefused => "redirect_refused",
            SourceCode::DownloadFailed => "download_failed",
        }
    }

    /// The error for this code, naming `field` and the rule.
    pub fn error(self, field: &str, rule: impl Into<String>) -> Error {
        let code = match self {
            SourceCode::DownloadFailed => ErrorCode::External,
            _ => ErrorCode::BundleRefused,
        };
        Error::new(
            code,
            format!("bundle refused ({}): {}", self.as_str(), rule.into()),
        )
        .with_field(field)
        .with_rule(self.as_str())
    }
}

/// Where to read a bundle from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleSource {
    File(PathBuf),
    /// An `https://` URL, checked by [`https_url`].
    Url(String),
}

/// A `goproxy-assistant://bundle?url=...&sha256=...` link, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleLink {
    /// The bundle's `https://` URL.
    pub url: String,
    /// The pinned SHA-256 (64 lower-case hex digits), if the link has one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl BundleSource {
    /// A command-line or UI argument: an `https://` URL, a `goproxy-assistant://` link (which
    /// may carry a pin, returned alongside), or a file path. Any other `scheme://` is refused
    /// rather than read as a file name.
    pub fn parse(arg: &str) -> Result<(BundleSource, Option<String>)> {
        match scheme_of(arg) {
            Some(scheme) if scheme.eq_ignore_ascii_case(LINK_SCHEME) => {
                let link = parse_link(arg)?;
                Ok((BundleSource::Url(link.url), link.sha256))
            }
            Some(_) => Ok((BundleSource::Url(https_url(arg, "source")?), None)),
            None => Ok((BundleSource::File(PathBuf::from(arg)), None)),
        }
    }

    /// The file path or URL, for messages and results.
    pub fn shown(&self) -> String {
        match self {
            BundleSource::File(path) => path.display().to_string(),
            BundleSource::Url(url) => url.clone(),
        }
    }
}

/// `scheme` when `arg` starts like `scheme://` (letters, digits, `+-.`, starting with a letter).
fn scheme_of(arg: &str) -> Option<&str> {
    let (scheme, _) = arg.split_once("://")?;
    let ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then_some(scheme)
}

/// Checks that `raw` is an `https://` URL that can be fetched as it is: a valid host, no user
/// name or password, no spaces or control characters, no fragment. Returns it with the scheme
/// and host in lower case.
pub fn https_url(raw: &str, field: &str) -> Result<String> {
    let shown = crate::redact::url_userinfo(raw);
    let invalid = |why: &str| SourceCode::UrlInvalid.error(field, format!("{shown:?} {why}"));
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(invalid(&format!(
            "is longer than {MAX_URL_CHARS} characters"
        )));
    }
    let Some((scheme, rest)) = raw.split_once("://") else {
        return Err(
            SourceCode::UrlNotHttps.error(field, format!("{shown:?} is not an https:// URL"))
        );
    };
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(SourceCode::UrlNotHttps.error(
            field,
            format!("{shown:?}: a bundle is fetched over https:// only (not {scheme}://)"),
        ));
    }
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(invalid("contains spaces or control characters"));
    }
    if rest.contains('#') {
        return Err(invalid("has a fragment (#)"));
    }
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    if authority.contains('@') {
        return Err(invalid(
            "contains a user name or password; a bundle URL must not carry credentials",
        ));
    }
    let origin = HttpUrl::parse(&format!("https://{authority}"), field)
        .map_err(|e| SourceCode::UrlInvalid.error(field, e.message))?;
    Ok(format!("{origin}{path}"))
}

/// Parses a link the OS handed over. Strict: scheme `goproxy-assistant`, host `bundle`, no path
/// (or `/`), a query with exactly one `url` (an `https://` URL, percent-encoded) and at most one
/// `sha256` (64 hex digits), nothing else.
pub fn parse_link(link: &str) -> Result<BundleLink> {
    let invalid = |why: &str| {
        SourceCode::LinkInvalid.error(
            "link",
            format!("{why}; a link looks like {LINK_SCHEME}://bundle?url=https%3A%2F%2F...&sha256=<64 hex>"),
        )
    };
    if link.chars().count() > MAX_LINK_CHARS {
        return Err(invalid(&format!(
            "the link is longer than {MAX_LINK_CHARS} characters"
        )));
    }
    if link.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(invalid("the link contains spaces or control characters"));
    }
    let rest = match link.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case(LINK_SCHEME) => rest,
        _ => {
            return Err(invalid(&format!(
                "the link does not start with {LINK_SCHEME}://"
            )))
        }
    };
    if rest.contains('#') {
        return Err(invalid("the link has a fragment (#)"));
    }
    let (target, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !matches!(target, "bundle" | "bundle/") {
        return Err(invalid("the only link this app opens is //bundle"));
    }
    let (mut url, mut sha256) = (None, None);
    for pair in query.split('&') {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(invalid(&format!("{pair:?} is not name=value")));
        };
        let value = percent_decode(value).ok_or_else(|| {
            invalid(&format!(
                "the value of {name:?} is not percent-encoded UTF-8"
            ))
        })?;
        let slot = match name {
            "url" => &mut url,
            "sha256" => &mut sha256,
            _ => {
                return Err(invalid(&format!(
                    "unknown parameter {name:?} (only url and sha256)"
                )))
            }
        };
        if slot.replace(value).is_some() {
            return Err(invalid(&format!("the parameter {name:?} appears twice")));
        }
    }
    let url = url.ok_or_else(|| invalid("the link has no url parameter"))?;
    let url = https_url(&url, "link.url")?;
    let sha256 = sha256
        .map(|s| parse_sha256(&s, "link.sha256"))
        .transpose()?;
    Ok(BundleLink { url, sha256 })
}

/// A pin: exactly 64 hex digits (either case), returned in lower case.
pub fn parse_sha256(hex: &str, field: &str) -> Result<String> {
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(SourceCode::Sha256Invalid.error(
            field,
            "a SHA-256 pin is exactly 64 hex digits (what `sha256sum FILE` prints first)",
        ));
    }
    Ok(hex.to_ascii_lowercase())
}

/// The pin to check for a source: the one given beside it (`--sha256`, the Team page's field)
/// or else the link's own; both given and different is refused rather than one silently winning.
pub fn pin_for(link_pin: Option<String>, given: Option<&str>) -> Result<Option<String>> {
    let given = given.map(|p| parse_sha256(p, "sha256")).transpose()?;
    match (link_pin, given) {
        (Some(link), Some(given)) if link != given => Err(Error::invalid(
            "sha256",
            "the sha256 given differs from the link's sha256; give one pin",
        )),
        (link, given) => Ok(given.or(link)),
    }
}

/// Strict `%XX` decoding; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How to load a bundle: the network as Go sees it, and the checks to make.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub network: Network,
    /// The pinned SHA-256 (checked with [`parse_sha256`] first).
    pub sha256: Option<String>,
    /// The team key: when set, the bundle must carry a valid signature by it.
    pub team_key: Option<TeamKey>,
    pub timeout: Duration,
}

impl LoadOptions {
    pub fn new(network: Network) -> LoadOptions {
        LoadOptions {
            network,
            sha256: None,
            team_key: None,
            timeout: DOWNLOAD_TIMEOUT,
        }
    }
}

/// What was checked about a loaded bundle, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Provenance {
    /// The file path or URL.
    pub source: String,
    /// The SHA-256 of the bytes (64 lower-case hex digits).
    pub sha256: String,
    /// Whether a pin was given (and matched).
    pub pinned: bool,
    /// The verified signature, when a team key was given.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureCheck>,
}

/// A bundle's bytes that passed the pin and signature checks (not yet parsed).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub bytes: Vec<u8>,
    pub provenance: Provenance,
}

/// Reads or downloads the bundle, then checks the pin and the signature. Nothing is written.
pub fn load(source: &BundleSource, options: &LoadOptions) -> Result<Loaded> {
    let pin = options
        .sha256
        .as_deref()
        .map(|p| parse_sha256(p, "sha256"))
        .transpose()?;
    let shown = source.shown();
    let (bytes, signature) = match source {
        BundleSource::File(path) => {
            let bytes = read_file(path)?;
            let signature = match &options.team_key {
                Some(key) => Some(signature::verify_beside(&bytes, path, key)?),
                None => None,
            };
            (bytes, signature)
        }
        BundleSource::Url(url) => {
            let url = https_url(url, "source")?;
            let fetcher = Fetcher::new(options)?;
            let bytes = fetcher
                .get(&url, MAX_DOWNLOAD_BYTES, "source")?
                .ok_or_else(|| {
                    SourceCode::DownloadFailed
                        .error("source", format!("{url} answered 404 Not Found"))
                })?;
            let signature = match &options.team_key {
                Some(key) => {
                    let sig_url = signature_url(&url);
                    let sig = fetcher
                        .get(&sig_url, SIGNATURE_FILE_CAP as u64, "signature")?
                        .ok_or_else(|| {
                            SignatureCode::SignatureMissing.error(
                                "signature",
                                format!("{sig_url} does not exist (404); a team key was given, so the bundle must be signed"),
                            )
                        })?;
                    Some(signature::verify(&bytes, &sig, key, &sig_url)?)
                }
                None => None,
            };
            (bytes, signature)
        }
    };
    let sha256 = sha256_hex(&bytes);
    if let Some(pin) = &pin {
        if *pin != sha256 {
            return Err(SourceCode::Sha256Mismatch.error(
                "sha256",
                format!("{shown} has SHA-256 {sha256}, not the pinned {pin}"),
            ));
        }
    }
    Ok(Loaded {
        bytes,
        provenance: Provenance {
            source: shown,
            sha256,
            pinned: pin.is_some(),
            signature,
        },
    })
}

/// `URL.minisig`: the signature next to the file, before any query (`/b.toml?x` → `/b.toml.minisig?x`).
pub fn signature_url(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let split = url[after_scheme..]
        .find('?')
        .map_or(url.len(), |i| after_scheme + i);
    format!("{}.minisig{}", &url[..split], &url[split..])
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    atomic_file::read_capped(path, MAX_DOWNLOAD_BYTES)
        .map_err(|e| match e.code {
            ErrorCode::InvalidInput => SourceCode::TooLarge.error(
                "source",
                format!("{shown} is larger than {MAX_DOWNLOAD_BYTES} bytes"),
            ),
            _ => e,
        })?
        .ok_or_else(|| Error::invalid("source", format!("{shown} does not exist")))
}

/// One download session: a client built once, and the CA file of a custom mirror on the URL's
/// origin (trusted for that origin only, as the mirror itself is).
struct Fetcher {
    client: BlockingClient,
    options: LoadOptions,
}

impl Fetcher {
    fn new(options: &LoadOptions) -> Result<Fetcher> {
        let client = Client::new(options.network.clone())
            .and_then(BlockingClient::new)
            .map_err(|e| SourceCode::DownloadFailed.error("source", e.message))?;
        Ok(Fetcher {
            client,
            options: options.clone(),
        })
    }

    /// The body of a 200 answer, `None` for a 404; anything else fails.
    fn get(&self, url: &str, cap: u64, field: &str) -> Result<Option<Vec<u8>>> {
        let ca_file = custom_mirror_ca(&self.options.network, url);
        let request = RequestOptions {
            redirects: Redirects::SameScheme,
            ca_file: ca_file.as_deref(),
            ..RequestOptions::new(self.options.timeout, cap)
        };
        let response = self.client.get(url, &request).map_err(|e| {
            let code = match e.class {
                NetErrorClass::TooLarge => SourceCode::TooLarge,
                NetErrorClass::Redirect => SourceCode::RedirectRefused,
                NetErrorClass::InvalidUrl => SourceCode::UrlInvalid,
                _ => SourceCode::DownloadFailed,
            };
            let what = match code {
                SourceCode::TooLarge => format!("{url} is larger than {cap} bytes"),
                _ => format!("{url}: {}", e.message),
            };
            code.error(field, what)
        })?;
        match response.status {
            200 => Ok(Some(response.body)),
            404 => Ok(None),
            status => Err(SourceCode::DownloadFailed.error(
                field,
                format!("{url} answered HTTP {status} (expected 200)"),
            )),
        }
    }
}

/// The CA file of the user's custom mirror on the same origin as `url`, if any.
fn custom_mirror_ca(network: &Network, url: &str) -> Option<PathBuf> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find(['/', '?'])
        .map_or(url.len(), |i| after_scheme + i);
    let origin = HttpUrl::parse(&url[..end], "url").ok()?;
    let config = crate::mirrors::config::load(&network.env).ok()?;
    config.mirrors.into_iter().find_map(|m| {
        let mirror = HttpUrl::parse(&m.url, "url").ok()?;
        mirror
            .same_origin(&origin)
            .then(|| m.ca_file.map(PathBuf::from))
            .flatten()
    })
}
