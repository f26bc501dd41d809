//! Planning a bundle against this machine: the go env ops, the mirrors and hosts to add, and the
//! ONE composed [`Change`] (GOENV file, `config.toml` with CA files, `hosts.toml`, keychain items
//! for tokens entered with the bundle). Planning reads only; preview shows the plan, apply plans
//! again under the history lock and hands the change to `History::apply`.

use super::model::{Bundle, HostAuth};
use super::preview::{
    BundleFinding, BundleFindingCode, EnvKeyChange, HostAddition, MirrorAddition,
};
use super::validate::GOAUTH_KEYCHAIN;
use crate::change::{
    Change, ChangeLine, FileWrite, KeychainAction, KeychainChange, KeychainItem, LineKind, Summary,
};
use crate::context::Context;
use crate::goenv::file::EnvFile;
use crate::goenv::goauth::goauth_entries;
use crate::goenv::keys::is_known_key;
use crate::goenv::EnvOp;
use crate::goenv_store::Store;
use crate::hosts::{self, AuthScheme, HostEntry};
use crate::mirrors::catalogue::well_known;
use crate::mirrors::config::{self as mirror_config, CustomMirror};
use crate::net::HttpUrl;
use crate::private::credentials::DEFAULT_USER;
use crate::secrets::{Keychain, Secret};
use crate::settings::SettingSource;
use crate::{app_dirs, atomic_file, Error, Result};
use std::path::Path;

/// Everything a bundle would do here.
pub struct BundlePlan {
    pub env: Vec<EnvKeyChange>,
    pub mirrors: Vec<MirrorAddition>,
    pub hosts: Vec<HostAddition>,
    pub findings: Vec<BundleFinding>,
    /// The one change (parts that change nothing are dropped by `History::apply`).
    pub change: Change,
    /// Every file already holds what the change would write, and no keychain item is set.
    pub nothing_to_do: bool,
}

/// What the caller gives besides the bundle.
pub struct PlanInputs<'a> {
    /// This app's program, which the symbolic GOAUTH `keychain` runs (`<exe> goauth`).
    pub helper: &'a Path,
    /// Asked whether a host's token is stored; `None` = do not ask.
    pub keychain: Option<&'a Keychain>,
    /// Tokens entered with the bundle (GUI): stored in the same history entry.
    pub tokens: &'a [(String, Secret)],
}

pub fn plan(ctx: &Context, bundle: &Bundle, inputs: &PlanInputs<'_>) -> Result<BundlePlan> {
    let env = ctx.env();
    let mut findings = Vec::new();
    let mut parts = Vec::new();

    // go env
    let store = Store::open(ctx)?;
    let version = store.version();
    let file = atomic_file::read_optional(store.path())?
        .map(|b| EnvFile::parse(&b))
        .unwrap_or_default();
    let mut ops = Vec::new();
    let mut env_changes = Vec::new();
    if let Some(min) = &bundle.min_go {
        if !ctx.installations().is_empty() {
            let active = version;
            let want = crate::goversion::GoVersion::parse(&format!("go{min}"));
            if want.is_some_and(|w| active < w) {
                findings.push(BundleFinding {
                    code: BundleFindingCode::GoOlderThanMin,
                    key: None,
                    message: format!(
                        "the active go is {active}, older than the bundle's min_go {min}"
                    ),
                });
            }
        }
    }
    for (key, value) in &bundle.go_env {
        if !is_known_key(key, version) {
            findings.push(BundleFinding {
                code: BundleFindingCode::KeyUnknownToGo,
                key: Some(key.clone()),
                message: format!("{version} does not know {key}; it is skipped"),
            });
            continue;
        }
        let new = if key == "GOAUTH" {
            goauth_value(value, inputs.helper)?
        } else {
            value.clone()
        };
        let setting = ctx.detection().settings.iter().find(|s| s.key == *key);
        let (old, old_source) = match setting {
            Some(s) => (Some(s.value.clone()), Some(s.source)),
            None => match env.get(key) {
                Some(v) => (Some(v.to_string()), Some(SettingSource::Environment)),
                None => (
                    file.get(key),
                    file.get(key).map(|_| SettingSource::GoenvFile),
                ),
            },
        };
        if let Some(os) = env.non_empty(key).filter(|v| *v != new) {
            findings.push(BundleFinding {
                code: BundleFindingCode::EnvOverridesFile,
                key: Some(key.clone()),
                message: format!(
                    "{key} is also set in the environment ({}), which keeps overriding the GOENV file",
                    crate::redact::url_userinfo(os)
                ),
            });
        }
        env_changes.push(EnvKeyChange {
            key: key.clone(),
            unchanged: file.get(key).as_deref() == Some(new.as_str()),
            old,
            old_source,
            new: new.clone(),
            bundle_value: value.clone(),
        });
        ops.push(EnvOp::set(key.clone(), new));
    }
    if !ops.is_empty() {
        parts.push(store.preview_change(&ops)?);
    }

    // mirrors
    let (mirrors, mirror_part) = plan_mirrors(ctx, bundle)?;
    parts.extend(mirror_part);

    // hosts and tokens
    let (hosts, host_parts) = plan_hosts(ctx, bundle, inputs, &mut findings)?;
    parts.extend(host_parts);

    let summaries = parts
        .iter()
        .map(|p| p.summary.clone())
        .filter(|s| !s.text().is_empty())
        .collect();
    let change = Change::compose(
        Summary::BundleApply {
            name: bundle.name.clone(),
            parts: summaries,
        },
        parts,
    )?;
    let mut nothing_to_do = change.keychain.is_empty();
    for w in &change.writes {
        if atomic_file::read_optional(&w.path)? != w.bytes {
            nothing_to_do = false;
        }
    }
    Ok(BundlePlan {
        env: env_changes,
        mirrors,
        hosts,
        findings,
        change,
        nothing_to_do,
    })
}

/// The bundle's GOAUTH with `keychain` turned into this app's helper command.
pub fn goauth_value(value: &str, helper: &Path) -> Result<String> {
    let entries = goauth_entries(value);
    if !entries.iter().any(|e| e.text == GOAUTH_KEYCHAIN) {
        return Ok(value.to_string());
    }
    let command = crate::auth::goauth::command_for(helper)?;
    Ok(entries
        .iter()
        .map(|e| {
            if e.text == GOAUTH_KEYCHAIN {
                command.as_str()
            } else {
                e.text
            }
        })
        .collect::<Vec<_>>()
        .join(";"))
}

fn plan_mirrors(ctx: &Context, bundle: &Bundle) -> Result<(Vec<MirrorAddition>, Option<Change>)> {
    let env = ctx.env();
    let mut config = mirror_config::load(env)?;
    let mut additions = Vec::new();
    let mut writes = Vec::new();
    let mut lines = Vec::new();
    let ca_dir = app_dirs::config_dir(env)?.join("mirror-ca");
    for (i, m) in bundle.mirrors.iter().enumerate() {
        let url = HttpUrl::parse(&m.url, "url")?.to_string();
        let field = format!("mirrors[{i}].name");
        if well_known()
            .iter()
            .any(|w| w.name.eq_ignore_ascii_case(&m.name))
        {
            return Err(Error::invalid(
                field,
                format!(
                    "{:?} is the name of a built-in mirror; the bundle must use another name",
                    m.name
                ),
            ));
        }
        let same_name = config
            .mirrors
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(&m.name));
        let same_url = config
            .mirrors
            .iter()
            .any(|c| HttpUrl::parse(&c.url, "url").is_ok_and(|u| u.to_string() == url));
        let unchanged = match same_name {
            Some(c) if HttpUrl::parse(&c.url, "url").is_ok_and(|u| u.to_string() == url) => true,
            Some(c) => {
                return Err(Error::invalid(
                    field,
                    format!(
                        "you already have a mirror named {:?} with another URL ({}); remove or rename it first",
                        c.name,
                        crate::redact::url_userinfo(&c.url)
                    ),
                ))
            }
            None => same_url,
        };
        additions.push(MirrorAddition {
            name: m.name.clone(),
            url: url.clone(),
            has_ca: m.ca_pem.is_some(),
            unchanged,
        });
        if unchanged {
            continue;
        }
        let ca_file = m.ca_pem.as_ref().map(|pem| {
            let path = ca_dir.join(format!("{}.pem", m.name.to_ascii_lowercase()));
            writes.push(FileWrite::config(path.clone(), pem.clone().into_bytes()));
            path.display().to_string()
        });
        lines.push(ChangeLine::new(LineKind::Mirror, m.name.clone()).new_value(Some(url.clone())));
        config.mirrors.push(CustomMirror {
            name: m.name.clone(),
            url,
            ca_file,
        });
    }
    if lines.is_empty() {
        return Ok((additions, None));
    }
    let names: Vec<String> = lines.iter().map(|l| l.key.clone()).collect();
    let mut change = Change::new(Summary::Composite {
        parts: names
            .iter()
            .zip(&lines)
            .map(|(name, l)| Summary::MirrorAdd {
                name: name.clone(),
                url: l.new.clone().unwrap_or_default(),
            })
            .collect(),
    })
    .with_lines(lines)
    .with_write(FileWrite::config(
        mirror_config::config_path(env)?,
        mirror_config::encode(&config)?,
    ));
    for w in writes {
        change = change.with_write(w);
    }
    Ok((additions, Some(change)))
}

fn plan_hosts(
    ctx: &Context,
    bundle: &Bundle,
    inputs: &PlanInputs<'_>,
    findings: &mut Vec<BundleFinding>,
) -> Result<(Vec<HostAddition>, Vec<Change>)> {
    let env = ctx.env();
    let mut list = hosts::load(env)?;
    let mut additions = Vec::new();
    let mut lines = Vec::new();
    let mut keychain_parts = Vec::new();
    let mut list_changed = false;
    for h in &bundle.hosts {
        let prefix = hosts::normalize_host(&h.host)?;
        let login = h.login.clone().unwrap_or_else(|| DEFAULT_USER.to_string());
        let scheme = match h.auth {
            HostAuth::Basic => AuthScheme::Basic,
            HostAuth::Bearer => AuthScheme::Bearer,
        };
        let token = inputs
            .tokens
            .iter()
            .find(|(host, _)| hosts::normalize_host(host).ok().as_deref() == Some(&prefix))
            .map(|(_, t)| t.clone());
        let existing = list.iter().position(|e| e.prefix == prefix);
        let user = match existing {
            Some(i) => {
                let e = &list[i];
                if e.user != login || e.scheme != scheme {
                    findings.push(BundleFinding {
                        code: BundleFindingCode::HostKeptAsIs,
                        key: Some(prefix.clone()),
                        message: format!(
                            "{prefix} is already set up with login {} ({:?}); it is kept as it is",
                            e.user, e.scheme
                        ),
                    });
                }
                e.user.clone()
            }
            None => login.clone(),
        };
        let token_stored = inputs.keychain.and_then(|k| k.exists(&prefix, &user).ok());
        if existing.is_none() {
            list.push(HostEntry {
                prefix: prefix.clone(),
                user: user.clone(),
                scheme,
                netrc: false,
                token_set_ms: if token.is_some() {
                    ctx.clock().now_ms()
                } else {
                    0
                },
            });
            list_changed = true;
            lines.push(
                ChangeLine::new(LineKind::Host, prefix.clone()).new_value(Some(user.clone())),
            );
        }
        if let (Some(token), Some(keychain)) = (token, inputs.keychain) {
            crate::secrets::validate_token(&token)?;
            let service = Keychain::service(&prefix);
            lines.push(
                ChangeLine::new(LineKind::Keychain, format!("{service} ({user})"))
                    .old(token_stored.unwrap_or(false).then(String::new))
                    .new_value(Some(String::new())),
            );
            keychain_parts.push(KeychainChange {
                keychain: keychain.clone(),
                item: KeychainItem {
                    prefix: prefix.clone(),
                    user: user.clone(),
                },
                action: KeychainAction::Set(token),
            });
        }
        additions.push(HostAddition {
            host: prefix,
            login: user,
            auth: h.auth,
            token_help: h.token_help.clone(),
            token_url: h.token_url.clone(),
            token_stored,
            unchanged: existing.is_some(),
        });
    }
    if !list_changed && keychain_parts.is_empty() {
        return Ok((additions, Vec::new()));
    }
    let mut change = Change::new(Summary::Composite {
        // Hosts without a token are lines only; a token entered with the bundle is a token store.
        parts: keychain_parts
            .iter()
            .map(|k| Summary::TokenStore {
                host: k.item.prefix.clone(),
                user: k.item.user.clone(),
                netrc: false,
            })
            .collect(),
    })
    .with_lines(lines);
    if list_changed {
        change = change.with_write(hosts::write_for(env, &list)?);
    }
    for k in keychain_parts {
        change = change.with_keychain(k);
    }
    Ok((additions, vec![change]))
}
