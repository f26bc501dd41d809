//! Team bundle round trip on the real keyring: a lead's home with a private mirror, its pattern,
//! GOAUTH and a token exports a bundle with no secret, path or user name in it; a new home applies
//! it, the real go1.27 is refused until the new developer's token is entered, then downloads the
//! private module; undo walks both entries back, every file restored and the keychain item gone.

use crate::gate::{keyring_bus, toolchain};
use crate::mirror::{assert_401, assert_downloaded, download, private_mirror};
use crate::world::World;
use crate::{MODULE, USER};
use goproxy_core::secrets::Keychain;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` with its bytes (the history lock and journal aside: undo adds to it).
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            if path.ends_with("goproxy-assistant/lock")
                || path.ends_with("goproxy-assistant/history")
            {
                continue;
            }
            if e.file_type().expect("type").is_dir() {
                stack.push(path);
            } else {
                all.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    all
}

#[test]
#[ignore = "needs a real Secret Service: make test-keyring"]
fn a_bundle_sets_up_a_new_home_that_downloads_the_private_module_once_its_token_is_entered() {
    let Some(bus) = keyring_bus() else { return };
    let Some(tc) = toolchain("go1.27") else {
        return;
    };
    let mut lead = World::new(&bus, Some(&tc));
    let mirror = private_mirror(&lead.token);
    let host = format!("127.0.0.1:{}", mirror.addr().port());
    lead.cli_ok(&["env", "set", &format!("GOPROXY={}", mirror.url()), "--json"]);
    lead.cli_ok(&["private", "add", MODULE, "--key", "GONOSUMDB", "--json"]);
    lead.cli_ok(&["private", "goauth", "--json"]);
    lead.token_set(&host, &[]);
    assert_downloaded(&download(&mut lead, &tc));

    let file = lead.sb.path().join("team.toml");
    let file = file.to_str().expect("utf8").to_string();
    lead.cli_ok(&[
        "bundle", "export", "--out", &file, "--name", "Corp", "--json",
    ]);
    let exported = std::fs::read_to_string(&file).expect("exported");
    for private in [
        USER,
        lead.sb.home.to_str().expect("utf8"),
        lead.token.as_str(),
    ] {
        assert!(!exported.contains(private), "{private:?} in\n{exported}");
    }
    assert!(exported.contains(&host), "{exported}");
    lead.cli_ok(&["token", "delete", &host, "--json"]);
    lead.assert_no_leak(&[], 4);

    // The new developer: a clean home on the same keyring, with their own (equal) token.
    let mut new = World::new(&bus, Some(&tc));
    new.token = lead.token.clone();
    new.forbid(&lead.token);
    let home = new.sb.home.clone();
    let before = files(&home);
    let applied = new.cli_ok(&["bundle", "apply", &file, "--yes", "--json"]);
    assert_eq!(applied["applied"]["outcome"], "recorded", "{applied}");
    assert_eq!(applied["tokens"][0]["host"], host.as_str(), "{applied}");
    assert_401(&download(&mut new, &tc));

    new.token_set(&host, &[]);
    let t0 = std::time::Instant::now();
    assert_downloaded(&download(&mut new, &tc));
    eprintln!(
        "bundle: private module downloaded in the new home {} ms after its token was entered",
        t0.elapsed().as_millis()
    );
    let again = new.cli_ok(&["bundle", "apply", &file, "--yes", "--json"]);
    assert_eq!(again["applied"]["outcome"], "unchanged", "{again}");

    new.cli_ok(&["undo", "--json"]);
    new.cli_ok(&["undo", "--json"]);
    let stored = Keychain::native()
        .exists(&host, USER)
        .expect("ask the test keyring");
    assert!(!stored, "undo removes the keychain item it created");
    // go's own module cache, build cache and telemetry counters are not ours to restore.
    let ours = |m: BTreeMap<PathBuf, Vec<u8>>| {
        m.into_iter()
            .filter(|(p, _)| {
                !p.starts_with(home.join("go"))
                    && !p.starts_with(home.join(".cache"))
                    && !p.starts_with(home.join(".config/go/telemetry"))
            })
            .collect::<BTreeMap<_, _>>()
    };
    let (before, after) = (ours(before), ours(files(&home)));
    let differ: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "undo left these files changed: {differ:?}"
    );
    new.assert_no_leak(&[], 4);
}
