//! The keychain, behind an injected `keyring-core` store (the OS store in the app and CLI, the
//! in-memory mock in unit tests), with every call on a worker thread under a timeout.

use super::secret::{validate_token, Secret};
use crate::{Error, ErrorCode, Result};
use keyring_core::api::CredentialStore;
use serde::Serialize;
use std::sync::{mpsc, Arc};
use std::time::Duration;
use ts_rs::TS;

/// The app's bundle identifier: the namespace of every keychain item it writes.
pub const SERVICE_PREFIX: &str = "dev.goproxy-assistant.desktop";

/// How long a keychain call may take before we report it as not answering (gh uses 3 s).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Whether the keychain can be used right now (for status displays).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeychainState {
    Available,
    /// Present but locked, or access was refused.
    Locked,
    /// No keychain service (no Secret Service on the session bus, no D-Bus session...).
    Unavailable,
    /// Did not answer within the timeout (often: waiting for an unlock prompt).
    NotAnswering,
}

/// The OS keychain (or a test store), each call bounded by a timeout.
#[derive(Clone)]
pub struct Keychain {
    store: Option<Arc<CredentialStore>>,
    state: KeychainState,
    detail: String,
    timeout: Duration,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain")
            .field("state", &self.state)
            .finish()
    }
}

/// A keychain failure with its own code (the UI words it from the code; `detail` is the OS's
/// own text, for the CLI).
fn keychain_error(state: KeychainState, detail: &str) -> Error {
    let (code, message) = match state {
        KeychainState::Available => (ErrorCode::External, format!("the keychain failed: {detail}")),
        KeychainState::Locked => (ErrorCode::KeychainLocked, format!(
            "the keychain is locked or refused access ({detail}); unlock it (log in to the desktop session, or unlock the login keyring) and try again"
        )),
        KeychainState::Unavailable => (ErrorCode::KeychainUnavailable, format!(
            "no keychain is available ({detail}); on Linux a Secret Service (gnome-keyring, KWallet) must run in your session; the token was not stored anywhere else"
        )),
        KeychainState::NotAnswering => (ErrorCode::KeychainTimeout, format!(
            "the keychain did not answer within the time limit ({detail}); it may be waiting for an unlock prompt; unlock it and try again"
        )),
    };
    Error::new(code, message)
}

fn classify(e: &keyring_core::Error) -> KeychainState {
    match e {
        keyring_core::Error::NoStorageAccess(_) => KeychainState::Locked,
        keyring_core::Error::NoDefaultStore | keyring_core::Error::PlatformFailure(_) => {
            KeychainState::Unavailable
        }
        _ => KeychainState::Available,
    }
}

/// A keyring error as text without any secret (BadEncoding/BadDataFormat carry the raw bytes).
fn describe(e: &keyring_core::Error) -> String {
    match e {
        keyring_core::Error::BadEncoding(_) => "the stored item is not UTF-8 text".into(),
        keyring_core::Error::BadDataFormat(_, _) => {
            "the stored item has an unexpected format".into()
        }
        keyring_core::Error::Ambiguous(v) => format!("{} items match", v.len()),
        other => other.to_string(),
    }
}

/// Runs `f` on a worker thread; gives up after `timeout` (the thread is left to finish alone).
fn with_timeout<T: Send + 'static>(
    timeout: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("keychain".into())
        .spawn(move || {
            let _ = tx.send(f());
        });
    spawned.ok()?;
    rx.recv_timeout(timeout).ok()
}

impl Keychain {
    /// The OS keychain. Never fails: an unusable keychain gives a `Keychain` whose calls fail
    /// with a clear error and whose [`Keychain::state`] says why.
    pub fn native() -> Keychain {
        Keychain::native_with_timeout(DEFAULT_TIMEOUT)
    }

    pub fn native_with_timeout(timeout: Duration) -> Keychain {
        match with_timeout(timeout, native_store) {
            None => {
                Keychain::unusable(KeychainState::NotAnswering, "opening it timed out", timeout)
            }
            Some(Err(e)) => {
                Keychain::unusable(classify(&e).max_unavailable(), &describe(&e), timeout)
            }
            Some(Ok(store)) => Keychain::with_store(store, timeout),
        }
    }

    /// A keychain over `store` (tests: `keyring_core::mock::Store::new()`).
    pub fn with_store(store: Arc<CredentialStore>, timeout: Duration) -> Keychain {
        Keychain {
            store: Some(store),
            state: KeychainState::Available,
            detail: String::new(),
            timeout,
        }
    }

    /// An in-memory keychain for unit tests.
    pub fn mock() -> Keychain {
        match keyring_core::mock::Store::new() {
            Ok(store) => Keychain::with_store(store, DEFAULT_TIMEOUT),
            Err(e) => {
                Keychain::unusable(KeychainState::Unavailable, &describe(&e), DEFAULT_TIMEOUT)
            }
        }
    }

    pub(crate) fn unusable(state: KeychainState, detail: &str, timeout: Duration) -> Keychain {
        Keychain {
            store: None,
            state,
            detail: detail.to_string(),
            timeout,
        }
    }

    pub fn state(&self) -> KeychainState {
        self.state
    }

    /// The keychain service name for a credential prefix.
    pub fn service(prefix: &str) -> String {
        format!("{SERVICE_PREFIX}:{prefix}")
    }

    fn call<T: Send + 'static>(
        &self,
        prefix: &str,
        user: &str,
        op: impl FnOnce(keyring_core::Entry) -> keyring_core::Result<T> + Send + 'static,
    ) -> Result<T> {
        let Some(store) = self.store.clone() else {
            return Err(keychain_error(self.state, &self.detail));
        };
        if user.is_empty() {
            return Err(Error::invalid("user", "the login name is empty"));
        }
        let (service, user) = (Keychain::service(prefix), user.to_string());
        let outcome = with_timeout(self.timeout, move || {
            store.build(&service, &user, None).and_then(op)
        });
        match outcome {
            None => Err(keychain_error(
                KeychainState::NotAnswering,
                &format!("{} s", self.timeout.as_secs_f32()),
            )),
            Some(Ok(v)) => Ok(v),
            Some(Err(e)) => Err(keychain_error(classify(&e), &describe(&e))),
        }
    }

    /// Stores (or replaces) the token for `prefix` and `user`.
    pub fn set(&self, prefix: &str, user: &str, token: &Secret) -> Result<()> {
        validate_token(token)?;
        let token = token.clone();
        self.call(prefix, user, move |e| e.set_password(token.expose()))
    }

    /// Whether a token is stored (the item is found, its secret is not read).
    pub fn exists(&self, prefix: &str, user: &str) -> Result<bool> {
        self.call(prefix, user, item_exists)
    }

    /// [`Keychain::exists`] for many `(prefix, user)` pairs, on one worker thread (a thread per
    /// host would cost more than the lookup). The Secret Service answers for all of them with
    /// one search per login name (then one call per item found, not per host asked about);
    /// other stores are asked item by item. No keychain call is awaited longer than the
    /// timeout. After a keychain failure the others would fail alike: they get that error
    /// without being asked.
    pub fn exists_all(&self, items: &[(String, String)]) -> Vec<Result<bool>> {
        let Some(store) = self.store.clone() else {
            let error = keychain_error(self.state, &self.detail);
            return items.iter().map(|_| Err(error.clone())).collect();
        };
        let jobs: Vec<(String, String)> = items
            .iter()
            .map(|(prefix, user)| (Keychain::service(prefix), user.clone()))
            .collect();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                let beat = || tx.send(Reply::Working).is_ok();
                let found = stored_items(&store, &jobs, beat).and_then(|r| r.ok());
                for (service, user) in &jobs {
                    let asked = (!user.is_empty()).then(|| match &found {
                        Some(found) => Ok(found.contains(&(service.clone(), user.clone()))),
                        None => store.build(service, user, None).and_then(item_exists),
                    });
                    if tx.send(Reply::Answer(asked)).is_err() {
                        break; // the caller gave up
                    }
                }
            });
        let mut failed = spawned
            .err()
            .map(|e| keychain_error(KeychainState::Unavailable, &e.to_string()));
        items
            .iter()
            .map(|_| {
                if let Some(error) = &failed {
                    return Err(error.clone());
                }
                let answer = loop {
                    match rx.recv_timeout(self.timeout) {
                        Ok(Reply::Working) => continue,
                        Ok(Reply::Answer(a)) => break Some(a),
                        Err(_) => break None,
                    }
                };
                let error = match answer {
                    Some(None) => return Err(Error::invalid("user", "the login name is empty")),
                    Some(Some(Ok(found))) => return Ok(found),
                    Some(Some(Err(e))) => keychain_error(classify(&e), &describe(&e)),
                    None => keychain_error(
                        KeychainState::NotAnswering,
                        &format!("{} s", self.timeout.as_secs_f32()),
                    ),
                };
                failed = Some(error.clone());
                Err(error)
            })
            .collect()
    }

    /// The token, for the helpers that must hand it to go or git (GOAUTH, git-credential,
    /// the access test, an opted-in .netrc write). Never for display.
    pub fn get(&self, prefix: &str, user: &str) -> Result<Option<Secret>> {
        self.call(prefix, user, |e| match e.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    /// Deletes the token; `false` when there was none.
    pub fn delete(&self, prefix: &str, user: &str) -> Result<bool> {
        self.call(prefix, user, |e| match e.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(e),
        })
    }
}

/// What the worker of [`Keychain::exists_all`] sends: a keychain call finished (so the caller
/// keeps waiting), or the answer for the next item (`None`: empty login).
enum Reply {
    Working,
    Answer(Option<keyring_core::Result<bool>>),
}

/// `(keychain service, user)` pairs.
type Found = std::collections::HashSet<(String, String)>;

/// The `jobs` (`(service, user)`) that have an item, when the store can list them at once (the
/// Secret Service: items are searched by attribute, one search per login name) and that costs
/// fewer calls than asking job by job (no more items found than jobs); `None` otherwise. Calls
/// `beat` after each keychain call; stops (with `None`) when it returns false.
fn stored_items(
    store: &Arc<CredentialStore>,
    jobs: &[(String, String)],
    beat: impl Fn() -> bool,
) -> Option<keyring_core::Result<Found>> {
    if jobs.len() < 2 || !is_secret_service(store) {
        return None;
    }
    let wanted: std::collections::HashSet<(&str, &str)> =
        jobs.iter().map(|(s, u)| (s.as_str(), u.as_str())).collect();
    let mut users: Vec<&str> = wanted.iter().map(|(_, u)| *u).collect();
    users.sort_unstable();
    users.dedup();
    let mut items = Vec::new();
    for user in users {
        let spec = std::collections::HashMap::from([("username", user)]);
        match store.search(&spec) {
            Ok(entries) => items.extend(entries.into_iter().map(|e| (user, e))),
            Err(e) => return Some(Err(e)),
        }
        beat().then_some(())?;
    }
    if items.len() > jobs.len() {
        return None; // other apps' items with these logins: cheaper to ask job by job
    }
    let mut found = Found::new();
    for (user, entry) in items {
        let attributes = match entry.get_attributes() {
            Ok(a) => a,
            Err(e) => return Some(Err(e)),
        };
        beat().then_some(())?;
        if let Some(service) = attributes.get("service") {
            if wanted.contains(&(service.as_str(), user)) {
                found.insert((service.clone(), user.to_string()));
            }
        }
    }
    Some(Ok(found))
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn is_secret_service(store: &Arc<CredentialStore>) -> bool {
    store
        .as_any()
        .is::<zbus_secret_service_keyring_store::Store>()
}

#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
fn is_secret_service(_store: &Arc<CredentialStore>) -> bool {
    false
}

/// Whether the entry's item exists, without reading its secret.
fn item_exists(entry: keyring_core::Entry) -> keyring_core::Result<bool> {
    match entry.get_credential() {
        Ok(_) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(e),
    }
}

impl KeychainState {
    /// The state a keychain error code stands for (`None` for any other error).
    pub fn of_error(code: ErrorCode) -> Option<KeychainState> {
        match code {
            ErrorCode::KeychainLocked => Some(KeychainState::Locked),
            ErrorCode::KeychainUnavailable => Some(KeychainState::Unavailable),
            ErrorCode::KeychainTimeout => Some(KeychainState::NotAnswering),
            _ => None,
        }
    }

    /// Opening a store never reports "available" as an error class.
    fn max_unavailable(self) -> KeychainState {
        match self {
            KeychainState::Available => KeychainState::Unavailable,
            other => other,
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_replace_exists_get_delete_with_the_mock_store() {
        let k = Keychain::mock();
        assert!(!k.exists("h:8443", "alice").expect("exists"));
        k.set("h:8443", "alice", &Secret::new("one")).expect("set");
        k.set("h:8443", "alice", &Secret::new("two"))
            .expect("replace");
        assert_eq!(
            k.get("h:8443", "alice")
                .expect("get")
                .map(|s| s.expose().to_string()),
            Some("two".into())
        );
        assert!(!k.exists("h", "alice").expect("other prefix"));
        assert!(k.delete("h:8443", "alice").expect("delete"));
        assert!(!k.delete("h:8443", "alice").expect("again"));
        assert!(k.set("h", "alice", &Secret::new("a b")).is_err());
        assert!(k.set("h", "", &Secret::new("ab")).is_err());
    }

    #[test]
    fn errors_are_clear_and_carry_no_secret() {
        let k = Keychain::unusable(KeychainState::Locked, "prompt dismissed", DEFAULT_TIMEOUT);
        let err = k
            .set("h", "u", &Secret::new("s3cr3t-value"))
            .expect_err("locked");
        assert_eq!(err.code, ErrorCode::KeychainLocked);
        assert_eq!(err.field, None);
        assert!(err.message.contains("locked"));
        assert!(!err.message.contains("s3cr3t-value"));
    }

    #[test]
    fn each_unusable_state_has_its_own_code() {
        for (state, code) in [
            (KeychainState::Locked, ErrorCode::KeychainLocked),
            (KeychainState::Unavailable, ErrorCode::KeychainUnavailable),
            (KeychainState::NotAnswering, ErrorCode::KeychainTimeout),
        ] {
            let k = Keychain::unusable(state, "detail", DEFAULT_TIMEOUT);
            let err = k.exists("h", "u").expect_err("unusable");
            assert_eq!(err.code, code, "{state:?}");
            assert_eq!(KeychainState::of_error(err.code), Some(state));
        }
        assert_eq!(KeychainState::of_error(ErrorCode::External), None);
    }

    #[test]
    fn exists_all_answers_in_order_and_stops_after_a_failure() {
        let k = Keychain::mock();
        k.set("a", "u", &Secret::new("one")).expect("set");
        k.set("c:8443", "u", &Secret::new("two")).expect("set");
        let items: Vec<(String, String)> = ["a", "b", "c:8443", "c"]
            .iter()
            .map(|p| (p.to_string(), "u".to_string()))
            .collect();
        let got: Vec<bool> = k
            .exists_all(&items)
            .into_iter()
            .map(|r| r.expect("answer"))
            .collect();
        assert_eq!(got, vec![true, false, true, false]);
        let k = Keychain::unusable(KeychainState::Locked, "locked", DEFAULT_TIMEOUT);
        let got = k.exists_all(&items);
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|r| r
            .as_ref()
            .is_err_and(|e| e.code == ErrorCode::KeychainLocked)));
    }

    #[test]
    fn a_hanging_call_times_out() {
        let got = with_timeout(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(2));
            1
        });
        assert_eq!(got, None);
    }
}
