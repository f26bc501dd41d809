//! The access report: each step and the verdict as a code with its values (URLs, hosts, HTTP
//! statuses, the network layer's own error text), which the UI words in the user's language.
//! The English words for the CLI are here too, so there is one English text per code.

use crate::patterns::PathExplanation;
use serde::Serialize;
use ts_rs::TS;

/// Why access failed (stable; the UI translates by code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AccessFailure {
    /// The path matches neither GOPRIVATE nor GONOSUMDB: the public checksum database would be asked.
    PatternNotMatched,
    /// GOPROXY=off (or invalid) and the path is not fetched directly.
    RouteClosed,
    /// No credential is stored for the host that asked for one (401).
    NoCredential,
    /// 401 although a credential was sent: the token is wrong or expired.
    Unauthorized,
    /// 403: the token lacks access to this module.
    Forbidden,
    /// 404/410 on every proxy: the module is not there (or the host hides it).
    NotFound,
    /// Another HTTP status (5xx...) or an unusable answer.
    ProxyRefused,
    Tls,
    Dns,
    Connect,
    Timeout,
    /// The repository needs a credential and the server took ours, but git (which the go
    /// command runs for a direct fetch) has no helper that would give it one.
    GitNoCredential,
}

/// What a step tried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum AccessAction {
    /// `GET url`, with or without the host's credential (`url` without userinfo).
    Get { url: String, credential: bool },
    /// Asking git's configuration which credential it would use for `repo`.
    GitCredential { repo: String },
}

/// What a step found, as a code with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum AccessDetail {
    /// A 2xx answer with a body of `bytes` bytes.
    HttpOk {
        url: String,
        status: u16,
        bytes: u32,
    },
    /// 401 and no credential is stored for the host.
    NoCredential { url: String },
    /// 401 although a credential was sent.
    Unauthorized { url: String },
    /// 403: the credential has no access.
    Forbidden { url: String },
    /// 404 or 410.
    NotFound { url: String, status: u16 },
    /// Any other HTTP status.
    HttpStatus { url: String, status: u16 },
    /// No HTTP answer; `error` is the network layer's own text (DNS, connect, proxy, TLS...).
    Network { url: String, error: String },
    /// git asks this app (the keychain) for `repo`.
    GitAppHelper { repo: String },
    /// git asks its own credential helper, which must know a token for `host`.
    GitOtherHelper {
        repo: String,
        host: String,
        helper: String,
    },
    /// git fetches `host` over SSH (an `insteadOf` rewrite to `base`).
    GitSsh { host: String, base: String },
    /// git has no credential helper for `repo`.
    GitNothing { repo: String, host: String },
    /// git is not installed.
    GitMissing { repo: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccessStep {
    pub action: AccessAction,
    pub ok: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub detail: AccessDetail,
}

/// The verdict in one line, as a code with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum AccessSummary {
    /// Neither GOPRIVATE nor GONOSUMDB matches `module`.
    PatternNotMatched {
        module: String,
    },
    /// GOPROXY is off or invalid and `module` is not fetched directly.
    NoRoute {
        module: String,
    },
    ReachableThroughProxy {
        module: String,
        proxy: String,
    },
    ReachableDirect {
        module: String,
        repo: String,
    },
    /// The last step failed; its detail says why.
    StepFailed,
    /// Not found on any proxy; the go command would then try version control directly.
    NotFoundThenDirect,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccessReport {
    pub module: String,
    pub ok: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<AccessFailure>,
    pub route: PathExplanation,
    pub steps: Vec<AccessStep>,
    pub summary: AccessSummary,
}

impl AccessAction {
    /// The English words (CLI).
    pub fn english(&self) -> String {
        match self {
            AccessAction::Get { url, credential } => format!(
                "GET {url} {} a credential",
                if *credential { "with" } else { "without" }
            ),
            AccessAction::GitCredential { repo } => format!("git credential for {repo}"),
        }
    }
}

impl AccessDetail {
    /// The English words (CLI).
    pub fn english(&self) -> String {
        match self {
            AccessDetail::HttpOk { url, status, bytes } => format!("{url}: {status} ({bytes} bytes)"),
            AccessDetail::NoCredential { url } => format!("{url}: 401 Unauthorized and no credential is stored for this host; add one with `token set`"),
            AccessDetail::Unauthorized { url } => format!("{url}: 401 Unauthorized although a credential was sent: the token is wrong or expired; replace it with `token set`"),
            AccessDetail::Forbidden { url } => format!("{url}: 403 Forbidden: the token has no access to this module (check its scope)"),
            AccessDetail::NotFound { url, status } => format!("{url}: {status} not found"),
            AccessDetail::HttpStatus { url, status } => format!("{url}: HTTP {status}"),
            AccessDetail::Network { url, error } => format!("{url}: {error}"),
            AccessDetail::GitAppHelper { repo } => format!("git asks goproxy-assistant (the keychain) for {repo}"),
            AccessDetail::GitOtherHelper { repo, host, helper } => format!("git asks its own credential helper `{helper}` for {repo}; it must know a token for {host}"),
            AccessDetail::GitSsh { host, base } => format!("git fetches {host} over SSH ({base}), with your SSH keys"),
            AccessDetail::GitNothing { repo, host } => format!("git has no credential helper for {repo}, so the go command's git cannot log in; let git use the keychain with `private git-helper https://{host}`"),
            AccessDetail::GitMissing { repo } => format!("git is not installed; the go command needs it to fetch {repo} directly"),
        }
    }
}

impl AccessReport {
    /// The verdict in English (CLI).
    pub fn english_summary(&self) -> String {
        let failed = || {
            self.steps
                .iter()
                .rev()
                .find(|s| !s.ok)
                .map(|s| s.detail.english())
                .unwrap_or_default()
        };
        match &self.summary {
            AccessSummary::PatternNotMatched { module } => format!("{module} matches neither GOPRIVATE nor GONOSUMDB: the public checksum database would be asked about it and fail; add a pattern with `private add`"),
            AccessSummary::NoRoute { .. } => format!("no route: {}", self.route.summary),
            AccessSummary::ReachableThroughProxy { module, proxy } => format!("{module} is reachable through {proxy}"),
            AccessSummary::ReachableDirect { module, repo } => format!("{module} is reachable directly from {repo}"),
            AccessSummary::StepFailed => failed(),
            AccessSummary::NotFoundThenDirect => format!("{}; the go command would then try version control directly (add the path to GONOPROXY/GOPRIVATE to go there first)", failed()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::explain_path;

    fn report(steps: Vec<AccessStep>, summary: AccessSummary) -> AccessReport {
        AccessReport {
            module: "corp.example.com/lib".into(),
            ok: false,
            failure: Some(AccessFailure::NotFound),
            route: explain_path("corp.example.com/lib", &[]),
            steps,
            summary,
        }
    }

    #[test]
    fn steps_travel_as_codes_with_values() {
        let step = AccessStep {
            action: AccessAction::Get {
                url: "https://p.example/corp.example.com/lib/@v/list".into(),
                credential: false,
            },
            ok: false,
            status: Some(401),
            detail: AccessDetail::NoCredential {
                url: "https://p.example/corp.example.com/lib/@v/list".into(),
            },
        };
        let json = serde_json::to_value(&step).expect("json");
        assert_eq!(json["action"]["kind"], "get");
        assert_eq!(json["action"]["credential"], false);
        assert_eq!(json["detail"]["code"], "no_credential");
        assert_eq!(
            json["detail"]["url"],
            "https://p.example/corp.example.com/lib/@v/list"
        );
        let summary = serde_json::to_value(AccessSummary::StepFailed).expect("json");
        assert_eq!(summary, serde_json::json!({ "code": "step_failed" }));
    }

    #[test]
    fn the_cli_words_a_failure_by_its_last_failed_step() {
        let url = "https://p.example/corp.example.com/lib/@v/list".to_string();
        let steps = vec![AccessStep {
            action: AccessAction::Get {
                url: url.clone(),
                credential: true,
            },
            ok: false,
            status: Some(404),
            detail: AccessDetail::NotFound {
                url: url.clone(),
                status: 404,
            },
        }];
        assert_eq!(
            steps[0].action.english(),
            format!("GET {url} with a credential")
        );
        let r = report(steps.clone(), AccessSummary::StepFailed);
        assert_eq!(r.english_summary(), format!("{url}: 404 not found"));
        let r = report(steps, AccessSummary::NotFoundThenDirect);
        assert!(r.english_summary().starts_with(&format!(
            "{url}: 404 not found; the go command would then try"
        )));
    }
}
