// Hides the extra console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if goproxy_assistant_app_lib::print_version(&args)
        || goproxy_assistant_app_lib::serve_helper(&args)
    {
        return;
    }
    goproxy_assistant_app_lib::run()
}
