//! GoProxy Assistant desktop shell: opens the window and exposes the core as IPC commands.
//!
//! No domain logic lives here: every command in [`commands`] delegates to `goproxy-core`, which
//! the CLI shares, so the GUI and the CLI cannot drift apart.

mod commands;
#[cfg(target_os = "linux")]
mod window_gl;

/// `--version` / `-V`: prints the name and the workspace version and returns `true`, before any
/// window code runs (so it works without a display, as in a package test).
pub fn print_version(args: &[String]) -> bool {
    match args {
        [flag] if flag == "--version" || flag == "-V" => {
            println!("goproxy-assistant-app {}", env!("CARGO_PKG_VERSION"));
            true
        }
        _ => false,
    }
}

/// Answers `goauth [URL]` and `git-credential ACTION` when the go command or git runs this
/// binary as their credential helper (GOAUTH set up from the app points here); `false` for any
/// other arguments, which start the window.
pub fn serve_helper(args: &[String]) -> bool {
    use goproxy_core::auth::serve;
    let env = goproxy_core::sysenv::SysEnv::current();
    match args {
        [cmd] if cmd == "goauth" => serve::goauth(&env, None),
        [cmd, url] if cmd == "goauth" => serve::goauth(&env, Some(url)),
        [cmd, action] if cmd == "git-credential" => serve::git_credential(&env, action),
        _ => return false,
    }
    true
}

/// Builds and runs the app until its last window closes (the process then exits).
pub fn run() {
    #[cfg(target_os = "linux")]
    window_gl::keep_out_of_window_process();
    let context = context();
    let mut single_instance = tauri_plugin_single_instance::Builder::new()
        .callback(|app, _args, _cwd| commands::bundle_link::focus_main(app));
    // One instance per data directory (see `app_dirs::instance_id`); without a data directory
    // the app cannot keep history anyway, and the plugin falls back to the identifier.
    let env = goproxy_core::sysenv::SysEnv::current();
    if let Ok(id) = goproxy_core::app_dirs::instance_id(&context.config().identifier, &env) {
        single_instance = single_instance.dbus_id(id);
    }
    let app = tauri::Builder::default()
        // First: a second launch (the OS opening a link) hands its arguments to this process
        // and exits; the deep-link feature turns them into an open-url event here.
        .plugin(single_instance.build())
        .plugin(tauri_plugin_deep_link::init())
        .manage(commands::bundle_link::PendingLink::default())
        .setup(|app| {
            commands::bundle_link::listen(app.handle());
            Ok(())
        })
        .manage(commands::mirrors::BenchRuns::default())
        .manage(commands::doctor::DoctorRuns::default())
        .manage(commands::docker_build::TestBuilds::default())
        .manage(commands::team::VerifyRuns::default())
        // Exactly the commands of `commands.json` (ui/src/lib/ipc/commands.test.ts checks).
        .invoke_handler(tauri::generate_handler![
            commands::environment::detect_environment,
            commands::environment::cjk_font,
            commands::goenv::plan_env_change,
            commands::goenv::apply_env_change,
            commands::history::list_history,
            commands::history::undo_change,
            commands::mirrors::list_mirrors,
            commands::mirrors::add_mirror,
            commands::mirrors::remove_mirror,
            commands::mirrors::run_benchmark,
            commands::mirrors::cancel_benchmark,
            commands::mirrors::last_benchmark,
            commands::mirrors::plan_use_mirrors,
            commands::private::private_overview,
            commands::private::explain_module_path,
            commands::private::plan_pattern_change,
            commands::private::plan_goauth,
            commands::private::set_token,
            commands::private::delete_token,
            commands::private::test_access,
            commands::private::fix_netrc_mode,
            commands::private::plan_git_helper,
            commands::private::apply_git_helper,
            commands::doctor::check_endpoints,
            commands::doctor::explain_log,
            commands::doctor::run_doctor_project,
            commands::doctor::cancel_doctor_run,
            commands::docker::inspect_docker_project,
            commands::docker::generate_dockerfile,
            commands::docker::plan_dockerfile_save,
            commands::docker::apply_dockerfile_save,
            commands::docker_build::docker_engine,
            commands::docker_build::run_test_build,
            commands::docker_build::cancel_test_build,
            commands::team::preview_bundle,
            commands::team::apply_bundle,
            commands::team::export_bundle,
            commands::team::save_bundle_export,
            commands::team::verify_bundle,
            commands::team::cancel_bundle_verify,
            commands::team::check_team_key,
            commands::bundle_link::take_bundle_link,
        ])
        .run(context);
    if let Err(err) = app {
        // No window could be opened, so stderr is the only place left to say why.
        eprintln!("GoProxy Assistant could not start: {err}");
        std::process::exit(1);
    }
}

/// Config, embedded UI and resolved capabilities, generated by `build.rs`. The generated code is
/// tauri-codegen's, not ours, so our lints do not apply to it.
#[allow(clippy::unwrap_used)]
fn context() -> tauri::Context {
    tauri::tauri_build_context!()
}
