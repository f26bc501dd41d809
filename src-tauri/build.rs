//! Build-time half of the Tauri shell.
//!
//! - `AppManifest::commands` generates `allow-<command>`/`deny-<command>` permissions and makes
//!   our commands deny-by-default: a window may call one only when a capability grants it
//!   (without a manifest every command is open to every window).
//! - `codegen` embeds `ui/dist` here rather than in `generate_context!`, so cargo re-embeds the
//!   frontend whenever the UI build changes instead of serving a stale copy.
//!
//! The commands come from `commands.json`, the one list of IPC commands;
//! `ui/src/lib/ipc/commands.test.ts` proves that the handler list in `src/lib.rs`, the
//! capability, its README, the typed UI adapter and the preview's fake IPC all agree with it.

const COMMANDS_FILE: &str = "commands.json";

/// The command names of `commands.json` (a JSON array of snake_case names).
fn read_commands() -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(COMMANDS_FILE)
        .map_err(|e| format!("cannot read {COMMANDS_FILE}: {e}"))?;
    let names: Vec<String> = serde_json::from_str(&text)
        .map_err(|e| format!("{COMMANDS_FILE} is not a JSON array of names: {e}"))?;
    for name in &names {
        let snake = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !snake {
            return Err(format!(
                "{COMMANDS_FILE}: {name:?} is not a snake_case command name"
            ));
        }
    }
    Ok(names)
}

fn main() {
    println!("cargo:rerun-if-changed={COMMANDS_FILE}");
    let commands = match read_commands() {
        Ok(names) => names,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    // tauri-build keeps the list for the whole build; a build script ends right after.
    let commands: &'static [&'static str] = Vec::leak(
        commands
            .into_iter()
            .map(|name| &*String::leak(name))
            .collect(),
    );
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands))
        .codegen(tauri_build::CodegenContext::new());
    if let Err(err) = tauri_build::try_build(attributes) {
        // Cargo shows a build script's stderr only when it fails, which this is.
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
