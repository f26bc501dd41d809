import type { DoctorCodeTexts } from "./doctor-types";

/** The Doctor's words per code (docs/doctor.md has the go output each code stands for). */
export const doctorCodesEn: DoctorCodeTexts = {
  "net.dns": {
    title: "The host name does not resolve",
    why: "The go command could not look up the host's address: the name is misspelt, or DNS (or a VPN) does not know it on this network.",
    fix: "Check the host's spelling and your DNS or VPN. If the host is a blocked upstream, switch GOPROXY to a mirror that is reachable from here.",
  },
  "net.refused": {
    title: "The connection was refused",
    why: "The host answered, but nothing listens on that port: the proxy is down or the port in the URL is wrong.",
    fix: "Correct the URL or start the service; add a second mirror with “|” so go falls back to it when this one is down.",
  },
  "net.timeout": {
    title: "The host did not answer in time",
    why: "The connection or the transfer stalled. The go command has no overall timeout, so a stalled download just hangs.",
    fix: "The host is unreachable from this network (typical for proxy.golang.org and sum.golang.org in mainland China): use a reachable mirror, and GOSUMDB=sum.golang.google.cn.",
  },
  "net.reset": {
    title: "The connection was reset",
    why: "The other side (or a middlebox on the way) closed the connection abruptly, often because plain http:// was sent to an HTTPS port.",
    fix: "Use https:// for that endpoint, or ask whoever runs the company proxy or firewall why it resets the connection.",
  },
  "net.http_proxy": {
    title: "The HTTP(S) proxy refused or failed the connection",
    why: "The go command goes through the proxy in HTTPS_PROXY/HTTP_PROXY, and that proxy refused the request or could not be reached.",
    fix: "Check HTTPS_PROXY and NO_PROXY (list internal hosts in NO_PROXY), or ask for the host to be added to the corporate proxy's allow list.",
  },
  "tls.unknown_authority": {
    title: "The certificate is signed by an unknown authority",
    why: "The certificate was not issued by an authority this computer trusts: usually a company TLS proxy that inspects traffic, or a mirror with a self-signed certificate.",
    fix: "Install the company's or mirror's root CA in the OS trust store, or point SSL_CERT_FILE at a file that contains it. Never turn off verification.",
  },
  "tls.name_mismatch": {
    title: "The certificate is for another host name",
    why: "The server's certificate names a different host than the one in the URL (or the URL uses a raw IP address).",
    fix: "Use the host name the certificate was issued for, not another alias or an IP address.",
  },
  "tls.expired": {
    title: "The certificate has expired or is not yet valid",
    why: "Either this computer's clock is wrong or the server's certificate has lapsed.",
    fix: "Check the system date and time; if it is right, tell the operator of that server that its certificate has expired.",
  },
  "tls.not_tls": {
    title: "The endpoint speaks plain HTTP, not HTTPS",
    why: "The URL says https://, but the server answered in plain HTTP.",
    fix: "Use http:// for that endpoint if it really serves only plain HTTP (credentials are never sent over it), or fix the server's port.",
  },
  "proxy.not_found": {
    title: "The proxy does not have this module or version (404/410)",
    why: "The proxy answered “not found”: the path or version is wrong, the version was just tagged, or the module is private and the public proxy cannot see it.",
    fix: "Check the module path and version. For a private module, add its pattern to GOPRIVATE so it is fetched directly; for a brand-new tag, retry once with GOPROXY=direct.",
  },
  "proxy.unauthorized": {
    title: "The proxy wants credentials (401)",
    why: "The proxy requires a login and the go command sent none (or one it rejected).",
    fix: "Add credentials for that host: a token in the keychain with GOAUTH (Go 1.24+), or .netrc entries for both “host” and “host:port”. Credentials only travel over https.",
  },
  "proxy.forbidden": {
    title: "The proxy refused access (403)",
    why: "The proxy knows who you are but does not allow this module, or it blocks it. With “,” between entries a 403 stops the list.",
    fix: "Check the token's scope or the proxy's rules; separate the entries with “|” if the next proxy should be tried after a refusal.",
  },
  "proxy.teapot": {
    title: "The mirror endpoint is retired (418)",
    why: "The mirror answers 418 on an address it no longer serves (Huawei Cloud moved its Go proxy to /repository/goproxy/).",
    fix: "Switch to another mirror, or to the mirror's current address.",
  },
  "proxy.server_error": {
    title: "The proxy failed (5xx)",
    why: "The proxy had an internal error or an outage. With “,” between entries go does not try the next one after a 5xx.",
    fix: "Use “|” between mirrors (A|B,direct) so go fails over, or switch to the next-best mirror from the benchmark.",
  },
  "proxy.bad_response": {
    title: "The proxy sent an invalid answer",
    why: "The answer was not what the module proxy protocol requires: a broken proxy, or a captive portal returning a web page.",
    fix: "Switch to another mirror and report the problem to its operator; log in to the network's portal if there is one.",
  },
  "auth.git_prompt": {
    title: "git needs credentials and cannot ask for them",
    why: "The module is fetched directly with git, the host wants a login, and the go command does not let git prompt in the terminal.",
    fix: "Give git credentials it can use without asking: a credential helper (the Private modules page can set one up), or a “machine” entry in $HOME/.netrc.",
  },
  "auth.repo_missing_or_denied": {
    title: "The repository is missing or the credentials lack access",
    why: "The host answered “not found” or “forbidden”. Many hosts say “not found” when the token simply may not see the repository.",
    fix: "Check the repository path and the token's repository scope (read access to this repository).",
  },
  "auth.insecure_url": {
    title: "go refuses to send credentials over plain HTTP",
    why: "Credentials are configured for an http:// URL, and the go command never sends them unencrypted.",
    fix: "Use an https:// URL for the proxy, and keep credentials out of the URL (keychain with GOAUTH, or .netrc).",
  },
  "auth.goauth_helper_failed": {
    title: "The GOAUTH command failed",
    why: "The command named in GOAUTH could not run or printed something the go command cannot read.",
    fix: "Repair or reinstall the helper at the path in GOAUTH; its output must be URL lines, a blank line, headers, a blank line.",
  },
  "checksum.gosum_mismatch": {
    title: "The download does not match go.sum",
    why: "Security finding: the module's content differs from what go.sum recorded earlier. The module was re-tagged, or someone served altered code.",
    fix: "Do not bypass it. Compare go.sum with a second source (another mirror, or GOPROXY=direct) before changing anything; run go clean -modcache only after that.",
  },
  "checksum.sumdb_mismatch": {
    title: "The download does not match the checksum database",
    why: "Security finding: the proxy served content that differs from the public checksum database's record.",
    fix: "Stop using that mirror and report it; compare with another source before trusting the module. Never turn the checksum database off.",
  },
  "checksum.sumdb_unreachable": {
    title: "The checksum database cannot be reached",
    why: "The go command verifies every new module with the checksum database, and that server could not be reached from here.",
    fix: "Use a proxy that relays the checksum database, or GOSUMDB=sum.golang.google.cn. Never GOSUMDB=off.",
  },
  "checksum.private_module_lookup": {
    title: "A private module was looked up in the public checksum database",
    why: "The public checksum database cannot know a private module, so the lookup fails with 404 or 410.",
    fix: "Add the module's own pattern to GOPRIVATE (or to GONOSUMDB when a private proxy serves it).",
  },
  "version.unknown_revision": {
    title: "The version does not exist",
    why: "The tag, branch or commit is not in the repository (or it is not pushed yet).",
    fix: "Check the version with git ls-remote; a just-pushed tag may not be on the mirror yet, so try GOPROXY=direct once.",
  },
  "version.not_found_on_proxy": {
    title: "The version is missing from this proxy",
    why: "This proxy (often a file:// proxy) does not have the version, and nothing after it in GOPROXY was tried.",
    fix: "Add the version to that proxy, or put a fallback entry after it in GOPROXY.",
  },
  "version.no_match": {
    title: "No version matches the query",
    why: "The module has no tagged or usable version for what was asked (for example “latest”), or the path is wrong.",
    fix: "Ask for an explicit version or commit, or check the module path.",
  },
  "package.not_in_module": {
    title: "No module provides the package",
    why: "The import path points into a module that does not contain that package, often a missing major version suffix such as /v2.",
    fix: "Check the import path and its major version suffix, then go get the module that really provides the package.",
  },
  "path.malformed": {
    title: "The module or import path is malformed",
    why: "The path breaks Go's rules: the first element must be a lower-case host name with a dot, without double or trailing slashes.",
    fix: "Correct the path; upper case is allowed only after the first element.",
  },
  "config.goproxy": {
    title: "GOPROXY is invalid",
    why: "GOPROXY is empty or has an entry the go command cannot use (missing or unsupported scheme).",
    fix: "Reset GOPROXY to Go's default, or write every entry as a full https:// URL.",
  },
  "config.goproxy_off": {
    title: "Module downloads are disabled",
    why: "GOPROXY=off (or -mod=readonly, -mod=vendor) tells the go command not to download anything.",
    fix: "If that was not intended, reset GOPROXY or choose a mirror; otherwise download the modules first with go mod download.",
  },
  "config.gosumdb": {
    title: "GOSUMDB is invalid",
    why: "The go command cannot parse GOSUMDB, so it cannot verify downloads.",
    fix: "Use sum.golang.org, sum.golang.google.cn, or name+hash+key [url]; resetting GOSUMDB restores Go's default.",
  },
  "config.goauth": {
    title: "GOAUTH is invalid",
    why: "GOAUTH has an empty command, combines off with other methods, or names a git directory that is not absolute or does not exist.",
    fix: "Remove the trailing “;”, use off alone, or give git an existing absolute directory; resetting GOAUTH restores Go's default.",
  },
  "config.gotoolchain": {
    title: "GOTOOLCHAIN is invalid or the toolchain is unavailable",
    why: "GOTOOLCHAIN has a value the go command rejects, or go.mod needs a newer Go than the one that may be used or downloaded.",
    fix: "Set GOTOOLCHAIN to auto or local (resetting it restores Go's default); for “requires go >=”, install a newer Go or allow auto.",
  },
  "config.goflags": {
    title: "GOFLAGS is invalid",
    why: "Every field of GOFLAGS must be a -flag=value the go command knows; one of them is not.",
    fix: "Fix or remove the bad field; resetting GOFLAGS always recovers (go env keeps working).",
  },
  "config.goenv": {
    title: "go cannot find its env config file",
    why: "The go command locates its GOENV file from XDG_CONFIG_HOME or HOME, and neither gives an absolute path.",
    fix: "Make XDG_CONFIG_HOME absolute or set HOME, or point GOENV at a file. This is in your shell or service environment, not in go env.",
  },
  "config.govcs": {
    title: "GOVCS does not allow this version control system",
    why: "GOVCS limits which version control tools the go command may run for a module path, and this one is not allowed.",
    fix: "Allow the tool for that pattern (for example GOVCS=corp.example.com:git), or serve the module through a proxy.",
  },
  "config.go_import_meta": {
    title: "The host does not serve go-import meta tags",
    why: "To fetch a module directly, go asks the host for ?go-get=1 and expects a go-import meta tag; it got none.",
    fix: "Fetch it through a proxy, add .git to the module path for a private host, or fix the vanity import server.",
  },
};
