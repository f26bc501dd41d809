//! Private modules: the pattern settings, hosts with tokens in the OS keychain, GOAUTH and the
//! access test. Keychain calls run on the blocking pool and time out in the core (a locked or
//! absent keychain is an error the page shows, never a frozen window). A token only ever travels
//! from the UI to the keychain: no command returns one.

use goproxy_core::auth::serve::this_program;
use goproxy_core::change::ChangePreview;
use goproxy_core::goenv_store::Plan;
use goproxy_core::history::{Applied, History};
use goproxy_core::hosts::normalize_host;
use goproxy_core::netrc::{self, NetrcStatus};
use goproxy_core::patterns::{PathExplanation, PatternKey};
use goproxy_core::private::access::{self, AccessReport};
use goproxy_core::private::{self, credentials, setup, PrivateOverview};
use goproxy_core::private::{TokenOutcome, TokenRequest};
use goproxy_core::secrets::{Keychain, Secret};
use goproxy_core::Result;

/// Patterns with their sources, hosts with token status, GOAUTH and the .netrc.
#[tauri::command]
pub async fn private_overview() -> Result<PrivateOverview> {
    super::in_context(|ctx| private::overview(ctx, &Keychain::native())).await
}

/// Which pattern settings apply to `module`, through which pattern, and the fetch route.
#[tauri::command]
pub async fn explain_module_path(module: String) -> Result<PathExplanation> {
    super::in_context(move |ctx| private::explain(ctx, &module)).await
}

/// The plan for adding and removing patterns of `key`; apply `plan.ops` with `apply_env_change`.
#[tauri::command]
pub async fn plan_pattern_change(
    key: PatternKey,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Plan> {
    super::in_context(move |ctx| Ok(private::change_patterns(ctx, key, &add, &remove, true)?.plan))
        .await
}

/// The plan for letting Go 1.24+ ask this app for tokens (GOAUTH); apply `plan.ops` as above.
#[tauri::command]
pub async fn plan_goauth() -> Result<Plan> {
    super::in_context(|ctx| setup::plan_goauth(ctx, &this_program()?)).await
}

/// Stores or replaces the token for `request.host` in the keychain (the host and, on opt-in, the
/// .netrc are an undoable history entry). The token is never sent back.
#[tauri::command]
pub async fn set_token(request: TokenRequest, token: String) -> Result<TokenOutcome> {
    let token = Secret::new(token);
    super::in_context(move |ctx| {
        let history = History::open(ctx.env())?;
        credentials::set_token(ctx, &Keychain::native(), &history, &request, &token)
    })
    .await
}

/// Deletes the host's token from the keychain and its records from our files and the .netrc.
#[tauri::command]
pub async fn delete_token(host: String) -> Result<TokenOutcome> {
    super::in_context(move |ctx| {
        let history = History::open(ctx.env())?;
        credentials::delete_token(ctx.env(), &Keychain::native(), &history, &host)
    })
    .await
}

/// Fetches `module` through the configured route; the report names the step that failed.
#[tauri::command]
pub async fn test_access(module: String) -> Result<AccessReport> {
    super::in_context(move |ctx| access::test_access(ctx, &Keychain::native(), &module)).await
}

/// The git config line that lets git ask this app for `host`'s token (direct fetches of private
/// modules run git, which GOAUTH does not reach), as the plan dialog shows it; writes nothing.
#[tauri::command]
pub async fn plan_git_helper(host: String) -> Result<ChangePreview> {
    super::in_context(move |ctx| {
        let base = format!("https://{}", normalize_host(&host)?);
        Ok(setup::git_helper_change(ctx.env(), &this_program()?, &base)?.preview())
    })
    .await
}

/// Writes that line to the global git config (undoable in History).
#[tauri::command]
pub async fn apply_git_helper(host: String) -> Result<Applied> {
    super::in_context(move |ctx| {
        let env = ctx.env();
        let base = format!("https://{}", normalize_host(&host)?);
        setup::configure_git_helper(env, &History::open(env)?, &this_program()?, &base)
    })
    .await
}

/// Makes the .netrc readable by its owner only (0600).
#[tauri::command]
pub async fn fix_netrc_mode() -> Result<NetrcStatus> {
    super::in_context(|ctx| netrc::fix_mode(ctx.env())).await
}
