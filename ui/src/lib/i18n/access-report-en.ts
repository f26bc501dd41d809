// The access report's steps and verdict, in English, by the codes Rust sends; `{url}`, `{status}`
// and the other placeholders are the values that come with each code.
import type { AccessReportTexts } from "./private-types";

export const accessReportEn: AccessReportTexts = {
  actions: {
    get_with: "GET {url} with a credential",
    get_without: "GET {url} without a credential",
    git_credential: "git credential for {repo}",
  },
  details: {
    http_ok: "{url}: {status} ({bytes} bytes)",
    no_credential: "{url}: 401 Unauthorized, and no token is stored for this host.",
    unauthorized: "{url}: 401 Unauthorized although a token was sent: it is wrong or has expired.",
    forbidden: "{url}: 403 Forbidden: the token has no access to this module (check its scopes).",
    not_found: "{url}: {status} not found",
    http_status: "{url}: HTTP {status}",
    network: "{url}: {error}",
    git_app_helper: "git asks this app (the keychain) for {repo}.",
    git_other_helper:
      "git asks its own credential helper {helper} for {repo}; that helper must know a token for {host}.",
    git_ssh: "git fetches {host} over SSH ({base}), with your SSH keys.",
    git_nothing:
      "git has no credential helper for {repo}, so the git that Go runs cannot log in to {host}.",
    git_missing: "git is not installed; Go needs it to fetch {repo} directly.",
  },
  summaries: {
    pattern_not_matched: "{module} matches neither GOPRIVATE nor GONOSUMDB.",
    no_route: "GOPROXY leaves no way to fetch {module}.",
    reachable_through_proxy: "{module} is reachable through {proxy}.",
    reachable_direct: "{module} is reachable directly from {repo}.",
    step_failed: "{detail}",
    not_found_then_direct:
      "{detail} Go would then try the repository directly; add the path to GOPRIVATE (or GONOPROXY) to go there first.",
  },
};
