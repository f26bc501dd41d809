//! Whether this machine can show Simplified Chinese: without a CJK font every Chinese glyph of
//! the zh-CN UI is an empty box, so the UI says how to install one (in both languages).
//!
//! Linux asks fontconfig (`fc-list :lang=zh`, the fonts that cover Chinese; see fc-list(1));
//! without fontconfig it looks for the usual CJK font files in the font directories. macOS and
//! Windows ship CJK fonts with the OS.

use crate::sysenv::SysEnv;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use ts_rs::TS;

/// fc-list answers in milliseconds; a hung one must not hold the UI's answer.
const FC_LIST_TIMEOUT: Duration = Duration::from_secs(5);

/// Parts of font file names of the common CJK fonts (Noto/Source Han, WenQuanYi, Droid
/// fallback, AR PL, the macOS and Windows Chinese fonts), lower case.
const CJK_FONT_NAMES: &[&str] = &[
    "notosanscjk",
    "notoserifcjk",
    "notosanssc",
    "notoserifsc",
    "sourcehansans",
    "sourcehanserif",
    "wqy",
    "droidsansfallback",
    "uming",
    "ukai",
    "pingfang",
    "msyh",
    "simsun",
    "simhei",
];

/// What the UI needs to know about Chinese glyphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum CjkFont {
    /// A font covers Chinese.
    Present,
    /// No font covers Chinese: Chinese text shows as boxes.
    Missing {
        /// The command that installs one with this system's package manager, when we know it
        /// (`sudo apt install fonts-noto-cjk`). A value, shown as is in both languages.
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        install: Option<String>,
    },
}

/// Where to look: the fontconfig program (if any), the font directories and `/etc/os-release`.
#[derive(Debug, Clone)]
pub struct FontProbe {
    pub fc_list: Option<PathBuf>,
    pub font_dirs: Vec<PathBuf>,
    pub os_release: PathBuf,
}

impl FontProbe {
    /// This machine, as `env` describes it (HOME and XDG_DATA_HOME for the user's fonts, PATH
    /// for fc-list).
    pub fn system(env: &SysEnv) -> FontProbe {
        let mut font_dirs = vec![
            PathBuf::from("/usr/share/fonts"),
            PathBuf::from("/usr/local/share/fonts"),
        ];
        if let Some(data) = env.non_empty("XDG_DATA_HOME") {
            font_dirs.push(Path::new(data).join("fonts"));
        }
        if let Some(home) = env.home() {
            font_dirs.push(home.join(".local/share/fonts"));
            font_dirs.push(home.join(".fonts"));
        }
        let fc_list = env.non_empty("PATH").and_then(|path| {
            std::env::split_paths(path)
                .map(|dir| dir.join("fc-list"))
                .find(|p| crate::install::is_executable(p))
        });
        FontProbe {
            fc_list,
            font_dirs,
            os_release: PathBuf::from("/etc/os-release"),
        }
    }
}

/// Whether a font covers Chinese on this machine.
pub fn cjk_font(env: &SysEnv) -> CjkFont {
    if cfg!(any(target_os = "macos", windows)) {
        return CjkFont::Present;
    }
    cjk_font_with(&FontProbe::system(env))
}

/// [`cjk_font`] with explicit places to look (tests).
pub fn cjk_font_with(probe: &FontProbe) -> CjkFont {
    let found = match probe.fc_list.as_deref().and_then(fc_list_covers_chinese) {
        Some(found) => found,
        None => probe.font_dirs.iter().any(|dir| has_cjk_font_file(dir, 4)),
    };
    if found {
        return CjkFont::Present;
    }
    let os_release = std::fs::read_to_string(&probe.os_release).unwrap_or_default();
    CjkFont::Missing {
        install: install_command(&os_release),
    }
}

/// `Some(true)` when fontconfig lists a font for Chinese, `None` when fc-list could not say.
fn fc_list_covers_chinese(fc_list: &Path) -> Option<bool> {
    let mut child = Command::new(fc_list)
        .args([":lang=zh", "family"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    // Read on a thread so a full pipe cannot stall the wait below.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < FC_LIST_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let text = reader.join().ok()?.ok()?;
    status
        .success()
        .then(|| text.lines().any(|l| !l.trim().is_empty()))
}

/// A CJK font file in `dir` or below it (`depth` levels at most).
fn has_cjk_font_file(dir: &Path, depth: u32) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            return depth > 0 && has_cjk_font_file(&path, depth - 1);
        }
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let is_font = [".ttf", ".ttc", ".otf", ".otc"]
            .iter()
            .any(|ext| name.ends_with(ext));
        let compact: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
        is_font && CJK_FONT_NAMES.iter().any(|n| compact.contains(n))
    })
}

/// The install command for a Noto CJK font on the distribution `/etc/os-release` names
/// (`ID`, then `ID_LIKE`; os-release(5)).
fn install_command(os_release: &str) -> Option<String> {
    let field = |key: &str| {
        os_release
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_lowercase())
            .unwrap_or_default()
    };
    let ids = format!("{} {}", field("ID"), field("ID_LIKE"));
    let command = ids.split_whitespace().find_map(|id| match id {
        "debian" | "ubuntu" => Some("sudo apt install fonts-noto-cjk"),
        "fedora" | "rhel" | "centos" => Some("sudo dnf install google-noto-sans-cjk-fonts"),
        "arch" => Some("sudo pacman -S noto-fonts-cjk"),
        "opensuse" | "suse" => Some("sudo zypper install noto-sans-cjk-fonts"),
        "alpine" => Some("sudo apk add font-noto-cjk"),
        _ => None,
    })?;
    Some(command.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(fc_list: Option<PathBuf>, dir: &Path, os_release: &str) -> FontProbe {
        let release = dir.join("os-release");
        std::fs::write(&release, os_release).expect("write test files");
        FontProbe {
            fc_list,
            font_dirs: vec![dir.join("fonts")],
            os_release: release,
        }
    }

    #[test]
    fn without_fontconfig_a_cjk_font_file_counts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fonts = dir.path().join("fonts/opentype/noto");
        std::fs::create_dir_all(&fonts).expect("write test files");
        std::fs::write(fonts.join("DejaVuSans.ttf"), b"").expect("write test files");
        let p = probe(None, dir.path(), "ID=debian\n");
        assert_eq!(
            cjk_font_with(&p),
            CjkFont::Missing {
                install: Some("sudo apt install fonts-noto-cjk".into())
            }
        );
        std::fs::write(fonts.join("NotoSansCJK-Regular.ttc"), b"").expect("write test files");
        assert_eq!(cjk_font_with(&p), CjkFont::Present);
    }

    #[test]
    fn the_install_command_follows_os_release() {
        assert_eq!(
            install_command("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n").as_deref(),
            Some("sudo apt install fonts-noto-cjk")
        );
        assert_eq!(
            install_command("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n").as_deref(),
            Some("sudo dnf install google-noto-sans-cjk-fonts")
        );
        assert_eq!(install_command("ID=plan9\n"), None);
        assert_eq!(install_command(""), None);
    }

    /// The real fc-list, pointed at a fontconfig file whose only font directory is empty.
    #[cfg(target_os = "linux")]
    #[test]
    fn real_fontconfig_with_no_fonts_reports_missing() {
        let Some(fc_list) = FontProbe::system(&SysEnv::current()).fc_list else {
            eprintln!("skipping: no fc-list on PATH");
            return;
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let empty = dir.path().join("fonts");
        std::fs::create_dir_all(&empty).expect("write test files");
        let conf = dir.path().join("fonts.conf");
        std::fs::write(
            &conf,
            format!(
                "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
                empty.display(),
                dir.path().join("cache").display()
            ),
        )
        .expect("write test files");
        // fc-list reads FONTCONFIG_FILE; a wrapper sets it for this probe only.
        let wrapper = dir.path().join("fc-list");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nFONTCONFIG_FILE='{}' exec '{}' \"$@\"\n",
                conf.display(),
                fc_list.display()
            ),
        )
        .expect("write test files");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
            .expect("write test files");
        let p = probe(Some(wrapper), dir.path(), "ID=debian\n");
        assert_eq!(
            fc_list_covers_chinese(p.fc_list.as_deref().expect("fc-list")),
            Some(false)
        );
        assert!(matches!(cjk_font_with(&p), CjkFont::Missing { .. }));
    }
}
