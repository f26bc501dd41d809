//! Which requests go started but never finished, from its `-x` trace: `# get URL` when a request
//! starts, `# get URL: 200 OK (0.012s)` or `# get URL: <error>` when it ends
//! (`cmd/go/internal/web/http.go`).

use crate::doctor::{DoctorCode, DoctorFinding};
use crate::findings::{Fix, Severity};
use std::collections::BTreeMap;
use std::time::Duration;

/// Requests in flight, by URL, with the 1-based output line that started each.
#[derive(Debug, Default)]
pub struct PendingTransfers {
    line: u32,
    open: Vec<(String, u32)>,
}

impl PendingTransfers {
    /// Feeds one output line.
    pub fn observe(&mut self, line: &str) {
        self.line += 1;
        let Some(rest) = line.strip_prefix("# get ") else {
            return;
        };
        match rest.split_once(": ") {
            Some((url, _)) => {
                if let Some(i) = self.open.iter().position(|(u, _)| u == url) {
                    self.open.remove(i);
                }
            }
            None => self.open.push((rest.trim().to_string(), self.line)),
        }
    }

    /// The URLs still waiting for an answer, oldest first.
    pub fn open_urls(&self) -> Vec<&str> {
        self.open.iter().map(|(u, _)| u.as_str()).collect()
    }

    /// `net.timeout` for the host go was waiting on when it was stopped (the oldest open
    /// request's; every open request on that host is listed).
    pub fn stall_finding(&self, _output: &[u8], timeout: Duration) -> Option<DoctorFinding> {
        let (first_url, _) = self.open.first()?;
        let host = host_of(first_url)?;
        let on_host: Vec<&(String, u32)> = self
            .open
            .iter()
            .filter(|(u, _)| host_of(u).as_deref() == Some(host.as_str()))
            .collect();
        let mut modules: Vec<String> = on_host.iter().filter_map(|(u, _)| module_of(u)).collect();
        modules.dedup();
        let secs = timeout.as_secs_f64();
        let mut params = BTreeMap::new();
        params.insert("host".to_string(), host.clone());
        params.insert("url".to_string(), first_url.clone());
        params.insert("seconds".to_string(), format!("{secs:.0}"));
        Some(DoctorFinding {
            code: DoctorCode::NetTimeout,
            severity: Severity::Error,
            host: Some(host.clone()),
            modules,
            lines: on_host.iter().map(|(_, l)| *l).collect(),
            message: format!(
                "go was still waiting for {host} after {secs:.0} s: the transfer stalled (go has no overall timeout and would hang)"
            ),
            params,
            fix: Fix::Manual {
                hint: format!(
                    "{host} accepts connections but does not answer: use a mirror that answers (with `|` failover), or check the network path to {host}"
                ),
            },
        })
    }
}

/// `host[:port]` of an http(s) URL, as printed (credentials dropped).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// `path@version` of a module proxy or checksum database URL (`.../m/@v/v1.0.0.mod`,
/// `.../lookup/m@v1.0.0`), case-decoded; the module path starts at the first element with a dot.
pub fn module_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let path = rest.split_once('/')?.1;
    let (module, version) = if let Some((m, file)) = path.split_once("/@v/") {
        let version = file.rsplit_once('.').map(|(v, _)| v)?;
        if file == "list" {
            return Some(decode(trim_to_module(m)?));
        }
        (m, version)
    } else if let Some((_, lookup)) = path.split_once("lookup/") {
        lookup.rsplit_once('@')?
    } else {
        return None;
    };
    Some(format!(
        "{}@{}",
        decode(trim_to_module(module)?),
        decode(version)
    ))
}

fn trim_to_module(path: &str) -> Option<&str> {
    let start = path
        .split('/')
        .scan(0usize, |offset, elem| {
            let at = *offset;
            *offset += elem.len() + 1;
            Some((at, elem))
        })
        .find(|(_, elem)| elem.contains('.'))?
        .0;
    Some(&path[start..])
}

/// Undoes go's case encoding (`!x` → `X`) and `%21`.
fn decode(s: &str) -> String {
    let s = s.replace("%21", "!");
    let mut out = String::with_capacity(s.len());
    let mut bang = false;
    for c in s.chars() {
        match (bang, c) {
            (false, '!') => bang = true,
            (true, c) => {
                out.extend(c.to_uppercase());
                bang = false;
            }
            (false, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_without_an_answer_is_the_stall() {
        let mut p = PendingTransfers::default();
        for line in [
            "# get https://goproxy.cn/github.com/!burnt!sushi/toml/@v/v1.3.2.mod",
            "# get https://goproxy.cn/github.com/!burnt!sushi/toml/@v/v1.3.2.mod: 200 OK (0.010s)",
            "# get http://127.0.0.1:8080/p/golang.org/x/text/@v/v0.14.0.zip",
            "# get https://goproxy.cn/golang.org/x/net/@v/v0.20.0.mod: Get \"x\": dial tcp: refused",
        ] {
            p.observe(line);
        }
        assert_eq!(
            p.open_urls(),
            ["http://127.0.0.1:8080/p/golang.org/x/text/@v/v0.14.0.zip"]
        );
        let f = p
            .stall_finding(b"", Duration::from_secs(60))
            .expect("stall");
        assert_eq!(f.code, DoctorCode::NetTimeout);
        assert_eq!(f.host.as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(f.modules, ["golang.org/x/text@v0.14.0"]);
        assert_eq!(f.lines, [3]);
    }

    #[test]
    fn module_paths_from_urls() {
        assert_eq!(
            module_of("https://p.example/github.com/!burnt!sushi/toml/@v/v1.3.2.info").as_deref(),
            Some("github.com/BurntSushi/toml@v1.3.2")
        );
        assert_eq!(
            module_of("https://sum.golang.org/lookup/golang.org/x/text@v0.14.0").as_deref(),
            Some("golang.org/x/text@v0.14.0")
        );
        assert_eq!(module_of("https://p.example/sumdb/x/supported"), None);
        assert_eq!(
            host_of("https://u:p@h.example:8443/x").as_deref(),
            Some("h.example:8443")
        );
    }

    #[test]
    fn nothing_open_is_no_stall() {
        assert!(PendingTransfers::default()
            .stall_finding(b"", Duration::from_secs(1))
            .is_none());
    }
}
