//! A private session bus on which the Secret Service (gnome-keyring, started by D-Bus activation)
//! is locked: nobody unlocks it and there is no display for its prompt. For tests that check the
//! app's answer to a locked keychain without touching the unlocked one the other tests use.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `dbus-run-session` holding a bus open until dropped (it and its children are one group).
pub struct LockedKeyringBus {
    child: Child,
    address: String,
}

impl LockedKeyringBus {
    /// Starts the bus with `dir` as the keyring daemon's home; `None` when dbus-run-session is
    /// missing (the caller decides whether that skips or fails).
    pub fn start(dir: &Path) -> Option<LockedKeyringBus> {
        use std::os::unix::process::CommandExt;
        let runtime = dir.join("runtime");
        std::fs::create_dir_all(&runtime).ok()?;
        std::fs::set_permissions(
            &runtime,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .ok()?;
        let addr_file = dir.join("bus-address");
        let child = Command::new("dbus-run-session")
            .args(["--", "sh", "-c"])
            .arg(r#"printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$0"; exec sleep 600"#)
            .arg(&addr_file)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", dir)
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .ok()?;
        let mut bus = LockedKeyringBus {
            child,
            address: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match std::fs::read_to_string(&addr_file) {
                Ok(a) if !a.is_empty() => {
                    bus.address = a;
                    return Some(bus);
                }
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        None
    }

    /// The bus address, for DBUS_SESSION_BUS_ADDRESS.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for LockedKeyringBus {
    fn drop(&mut self) {
        crate::procs::signal_group(self.child.id(), "TERM");
        let _ = self.child.wait();
    }
}
