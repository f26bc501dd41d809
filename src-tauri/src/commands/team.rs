//! The Team page: a team bundle opened from a file or an https URL (optionally pinned by its
//! SHA-256), previewed, applied as ONE undoable history entry (tokens typed in the wizard go to
//! the keychain in that same entry and never come back), its `verify.module` downloaded with the
//! real go (lines over a `Channel`, cancellable by a run id the caller mints), and the effective
//! setup exported. A team key the user pasted is checked by `check_team_key` and sent with the
//! origin; the bundle must then carry a valid signature by it. Every call loads and parses the bundle again, so what is applied is what Rust
//! read, never text sent back by the page. Benchmarking the bundle's mirrors reuses
//! `run_benchmark` with their URLs.

use goproxy_core::auth::serve::this_program;
use goproxy_core::bundle::plan::PlanInputs;
use goproxy_core::bundle::signature::{TeamKey, TeamKeyInfo};
use goproxy_core::bundle::source::{self, BundleSource, LoadOptions};
use goproxy_core::bundle::{self, Bundle, BundleApplied, BundleExport, BundlePreview, RiskCode};
use goproxy_core::context::Context;
use goproxy_core::doctor::run::{download_module, ModuleDownload, ModuleDownloadReport};
use goproxy_core::hosts::normalize_host;
use goproxy_core::net::Network;
use goproxy_core::secrets::{Keychain, Secret};
use goproxy_core::{atomic_file, Error, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::State;

/// Where the bundle comes from: a file path, an https URL or a goproxy-assistant:// link, and
/// the SHA-256 the user pinned (a link's own pin must agree with it), and the team key (its
/// base64 line) whose signature (`FILE.minisig` or `URL.minisig`) the bundle must carry.
#[derive(Debug, Deserialize)]
pub struct BundleOrigin {
    source: String,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    pubkey: Option<String>,
}

/// Checks a team public key the user pasted (a minisign `.pub` file's text or its base64 line):
/// its short fingerprint and the line to keep. Refused as `public_key_invalid` (field `pubkey`).
#[tauri::command]
pub async fn check_team_key(pubkey: String) -> Result<TeamKeyInfo> {
    TeamKeyInfo::check(&pubkey)
}

/// A token typed in the wizard for one host of the bundle.
#[derive(Deserialize)]
pub struct BundleToken {
    host: String,
    token: String,
}

/// What applying the bundle would change here, with each risky item marked accepted or not.
/// Writes nothing.
#[tauri::command]
pub async fn preview_bundle(
    origin: BundleOrigin,
    accepted: Vec<RiskCode>,
) -> Result<BundlePreview> {
    super::in_context(move |ctx| {
        let (bundle, provenance) = read(ctx, &origin)?;
        let helper = this_program()?;
        let keychain = Keychain::native();
        let inputs = PlanInputs {
            helper: &helper,
            keychain: Some(&keychain),
            tokens: &[],
        };
        let mut preview = bundle::preview(ctx, &bundle, &accepted, &inputs)?;
        preview.provenance = Some(provenance);
        Ok(preview)
    })
    .await
}

/// Applies the bundle as one history entry, with the tokens typed for its hosts stored in the
/// keychain as part of it. Refused (nothing written) while a risky rule is not accepted.
#[tauri::command]
pub async fn apply_bundle(
    origin: BundleOrigin,
    accepted: Vec<RiskCode>,
    tokens: Vec<BundleToken>,
) -> Result<BundleApplied> {
    let tokens: Vec<(String, Secret)> = tokens
        .into_iter()
        .filter(|t| !t.token.is_empty())
        .map(|t| (t.host, Secret::new(t.token)))
        .collect();
    super::in_context(move |ctx| {
        let (bundle, _) = read(ctx, &origin)?;
        // A token for a host the bundle does not name would be silently dropped: say so.
        let named = |host: &str| {
            let wanted = normalize_host(host).ok();
            bundle
                .hosts
                .iter()
                .any(|h| wanted.is_some() && normalize_host(&h.host).ok() == wanted)
        };
        if let Some((host, _)) = tokens.iter().find(|(host, _)| !named(host)) {
            return Err(Error::invalid(
                "tokens",
                format!("{host} is not one of the bundle's hosts"),
            ));
        }
        let helper = this_program()?;
        let keychain = Keychain::native();
        let inputs = PlanInputs {
            helper: &helper,
            keychain: Some(&keychain),
            tokens: &tokens,
        };
        bundle::apply(ctx, &bundle, &accepted, &inputs)
    })
    .await
}

/// The effective setup as a bundle named `name` (no token, path or user name). Writes nothing.
#[tauri::command]
pub async fn export_bundle(name: String) -> Result<BundleExport> {
    super::in_context(move |ctx| bundle::export(ctx, &name)).await
}

/// Exports again and writes the file to `path` (the user picked it; replaced atomically).
#[tauri::command]
pub async fn save_bundle_export(name: String, path: String) -> Result<BundleExport> {
    super::in_context(move |ctx| {
        let path = PathBuf::from(path.trim());
        if !path.is_absolute() {
            return Err(Error::invalid(
                "path",
                "the file must be a full path, for example /home/me/team.toml",
            ));
        }
        let exported = bundle::export(ctx, &name)?;
        atomic_file::write_atomic(&path, exported.toml.as_bytes())?;
        Ok(exported)
    })
    .await
}

/// Cancel flags of the running verify downloads, by the run id the UI minted.
#[derive(Default)]
pub struct VerifyRuns(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl VerifyRuns {
    fn runs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Downloads the bundle's `verify.module` with the real go and the settings now in effect, into
/// a throwaway module cache; `on_line` sees each line go prints.
#[tauri::command]
pub async fn verify_bundle(
    run_id: String,
    origin: BundleOrigin,
    on_line: Channel<String>,
    runs: State<'_, VerifyRuns>,
) -> Result<ModuleDownloadReport> {
    let request = ModuleDownload::new(String::new());
    {
        let mut running = runs.runs();
        if running.contains_key(&run_id) {
            return Err(Error::invalid(
                "run_id",
                format!("run {run_id} is already running"),
            ));
        }
        running.insert(run_id.clone(), request.cancel.clone());
    }
    let report = super::in_context(move |ctx| {
        let (bundle, _) = read(ctx, &origin)?;
        let Some(verify) = bundle.verify else {
            return Err(Error::invalid(
                "verify.module",
                "the bundle names no module to verify with",
            ));
        };
        let request = ModuleDownload {
            module: verify.module,
            ..request
        };
        let progress = |line: &str| drop(on_line.send(line.to_string()));
        download_module(ctx, &request, &progress)
    })
    .await;
    runs.runs().remove(&run_id);
    report
}

/// Stops verify run `run_id` (go and everything it started); `false` when it is not running.
#[tauri::command]
pub async fn cancel_bundle_verify(run_id: String, runs: State<'_, VerifyRuns>) -> Result<bool> {
    let flag = runs.runs().get(&run_id).cloned();
    Ok(flag.map(|f| f.store(true, Ordering::SeqCst)).is_some())
}

/// Loads (checking the pin) and parses the bundle; a refusal names its code, field and rule.
fn read(ctx: &Context, origin: &BundleOrigin) -> Result<(Bundle, source::Provenance)> {
    let (source, link_pin) = BundleSource::parse(origin.source.trim())?;
    let typed_pin = origin
        .sha256
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let sha256 = source::pin_for(link_pin, typed_pin)?;
    let team_key = origin
        .pubkey
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| TeamKey::parse(k, "pubkey"))
        .transpose()?;
    let options = LoadOptions {
        sha256,
        team_key,
        ..LoadOptions::new(Network::from_env(ctx.env()))
    };
    let loaded = source::load(&source, &options)?;
    let bundle = bundle::parse(&loaded.bytes).map_err(Error::from)?;
    Ok((bundle, loaded.provenance))
}
