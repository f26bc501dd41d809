//! Fixes outside go env, worded so the user knows exactly what to change where: checksum
//! mismatches (a security finding, never bypassed), a company or self-signed CA, and a value the
//! OS environment sets (a shell profile's `export`).

use crate::context::Context;
use crate::doctor::DoctorFinding;
use crate::findings::shell_profiles;
use crate::goenv::EnvOp;

use super::Proposal;

pub(super) fn checksum_mismatch(f: &mut DoctorFinding) -> Proposal {
    let module = f
        .modules
        .first()
        .cloned()
        .unwrap_or_else(|| "the module".into());
    f.params.insert("security".into(), "true".into());
    Proposal::Manual(format!(
        "Security: do not bypass or delete the checksum. Compare the go.sum line for {module} with a second source (another mirror, or `GOPROXY=direct go mod download {module}`) and ask the module's author whether the version was re-tagged. Only after that, and if go.sum is the one that is wrong, run `go clean -modcache` and download again. Stop using a mirror that served different bytes."
    ))
}

pub(super) fn unknown_authority(f: &mut DoctorFinding) -> Proposal {
    let host = f.host.clone().unwrap_or_else(|| "the server".into());
    Proposal::Manual(format!(
        "The certificate of {host} is signed by a CA this machine does not trust: usually a company TLS proxy, or a self-signed mirror. Get that CA certificate from your IT department or the mirror's operator and add it to the OS trust store, or point SSL_CERT_FILE at a bundle that includes it. Never turn verification off."
    ))
}

/// Advice when the OS environment sets `op`'s key: a GOENV change would be shadowed. `params`
/// get `env_key`, `env_value`, `files` (the profiles that set it) and `env_set` (the value to
/// set; absent when the line should go), so the app words the advice in the user's language.
pub(super) fn shadowed_by_environment(
    ctx: &Context,
    f: &mut DoctorFinding,
    op: &EnvOp,
    env_value: &str,
) -> String {
    let key = op.key();
    let files = shell_profiles::files_setting(ctx.env(), key);
    f.params.insert("env_key".into(), key.to_string());
    f.params.insert("env_value".into(), env_value.to_string());
    if !files.is_empty() {
        f.params.insert("files".into(), files.join(", "));
    }
    if let EnvOp::Set { value, .. } = op {
        f.params.insert("env_set".into(), value.clone());
    }
    let change = match op {
        EnvOp::Set { value, .. } => format!("set it to {value}"),
        EnvOp::Unset { .. } => "remove that line".to_string(),
    };
    let place = if files.is_empty() {
        "your environment (shell profile, IDE or CI settings)".to_string()
    } else {
        files.join(", ")
    };
    format!(
        "{key}={env_value} comes from the OS environment, which overrides the go env file: in {place}, {change}; then open a new terminal."
    )
}
