//! A minimal W3C WebDriver client for tauri-driver: only the endpoints the tests use.
//!
//! Synchronous HTTP (ureq) to 127.0.0.1. Every HTTP call and every wait is bounded, so a hung
//! WebKitWebDriver fails the test with the page source instead of hanging CI.

use serde_json::{json, Value};
use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The W3C key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// WebDriver key codes (W3C WebDriver, "Keyboard actions").
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const SHIFT: &str = "\u{E008}";
pub const SPACE: &str = "\u{E00D}";
pub const ESCAPE: &str = "\u{E00C}";
/// One HTTP call; creating a session starts the app and loads the page, so this is generous.
const HTTP_TIMEOUT: Duration = Duration::from_secs(60);
/// Default bound for waiting on the UI.
pub const WAIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// A WebDriver error (`{"error": "no such element", "message": ...}`) or a transport failure
/// (`error` is then `"transport"`).
#[derive(Debug, Clone)]
pub struct WdError {
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

/// An element reference in the current page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

/// A running tauri-driver with the WebKitWebDriver it started, in a process group of their own
/// (the app and WebKit's helpers join it), so dropping the driver ends all of them.
pub struct Driver {
    child: Child,
    base: String,
    log: PathBuf,
    agent: ureq::Agent,
}

impl Driver {
    /// Starts `tauri_driver` on free ports with exactly `envs` (nothing else is inherited: the
    /// driver hands its environment to WebKitWebDriver, which hands it to the app) and waits
    /// until it answers. Its output, and the app's, goes to `log`.
    pub fn start(tauri_driver: &Path, envs: &[(String, String)], log: &Path) -> Driver {
        let (port, native_port) = free_ports();
        let out = File::create(log).unwrap_or_else(|e| panic!("create {}: {e}", log.display()));
        let err = out.try_clone().expect("clone log handle");
        let child = Command::new(tauri_driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env_clear()
            .envs(envs.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", tauri_driver.display()));
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(HTTP_TIMEOUT))
            .http_status_as_error(false)
            .proxy(None)
            .build()
            .into();
        let mut driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log: log.to_path_buf(),
            agent,
        };
        driver.wait_ready();
        driver
    }

    /// The tauri-driver process id (the app is among its descendants).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last lines tauri-driver, WebKitWebDriver and the app wrote.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("tauri-driver exited early ({status}):\n{}", self.log_tail());
            }
            // tauri-driver answers /status once WebKitWebDriver behind it does.
            if let Ok(v) = self.call("GET", "/status", None) {
                if v["ready"].as_bool() != Some(false) {
                    return;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "tauri-driver not ready after {WAIT:?}:\n{}",
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Creates a session, which starts `app` and loads its page.
    pub fn new_session(&self, app: &Path) -> Session<'_> {
        // No browserName: tauri-driver maps `tauri:options` onto WebKitWebDriver's own options.
        let caps =
            json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": app}}}});
        let value = self
            .call("POST", "/session", Some(caps))
            .unwrap_or_else(|e| panic!("cannot create a session: {e}\n{}", self.log_tail()));
        let id = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in {value}"))
            .to_string();
        Session { driver: self, id }
    }

    /// One WebDriver call; returns the response's `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        let url = format!("{}{path}", self.base);
        let transport = |e: ureq::Error| WdError {
            error: "transport".into(),
            message: e.to_string(),
        };
        let mut response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .send_json(body.unwrap_or_else(|| json!({}))),
        }
        .map_err(transport)?;
        let ok = response.status().is_success();
        let mut json: Value = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_json()
            .map_err(transport)?;
        let value = json["value"].take();
        if ok {
            return Ok(value);
        }
        let text = |k: &str| value[k].as_str().unwrap_or_default().to_string();
        Err(WdError {
            error: text("error"),
            message: text("message"),
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver; the group kill catches the app too.
        crate::procs::signal_group(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(POLL);
        }
        crate::procs::signal_group(self.child.id(), "KILL");
        let _ = self.child.wait();
    }
}

/// Two distinct free TCP ports on 127.0.0.1 (tauri-driver's and WebKitWebDriver's).
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let b = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = |l: &TcpListener| l.local_addr().expect("local addr").port();
    (port(&a), port(&b))
}

/// A WebDriver session: one running app. Dropping it closes the app.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Session<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        self.driver
            .call(method, &format!("/session/{}{path}", self.id), body)
    }

    /// Like `call`, but a failure ends the test with the page source.
    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, path, body)
            .unwrap_or_else(|e| self.fail(&format!("{method} {path}: {e}")))
    }

    pub fn driver(&self) -> &Driver {
        self.driver
    }

    /// The first element matching `css`, if any.
    pub fn find(&self, css: &str) -> Option<Element> {
        let body = json!({"using": "css selector", "value": css});
        match self.call("POST", "/element", Some(body)) {
            Ok(v) => Some(element(&v)),
            Err(e) if e.error == "no such element" => None,
            Err(e) => self.fail(&format!("find {css}: {e}")),
        }
    }

    /// All elements matching `css`, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let body = json!({"using": "css selector", "value": css});
        let v = self.must("POST", "/elements", Some(body));
        v.as_array()
            .map(|a| a.iter().map(element).collect())
            .unwrap_or_default()
    }

    /// Waits (up to [`WAIT`]) for an element matching `css`.
    pub fn wait_for(&self, css: &str) -> Element {
        self.wait_until(&format!("`{css}` to appear"), || self.find(css))
    }

    /// Polls `probe` until it returns `Some`, or fails the test after [`WAIT`] saying `what`.
    pub fn wait_until<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = probe() {
                return v;
            }
            if Instant::now() > deadline {
                self.fail(&format!("timed out after {WAIT:?} waiting for {what}"));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Clicks the element matching `css`, waiting for it and retrying while the UI re-renders
    /// (stale references) or a transition still covers it.
    pub fn click(&self, css: &str) {
        self.wait_until(&format!("a clickable `{css}`"), || {
            let el = self.find(css)?;
            match self.call("POST", &format!("/element/{}/click", el.0), Some(json!({}))) {
                Ok(_) => Some(()),
                Err(e) if retryable(&e) => None,
                Err(e) => self.fail(&format!("click {css}: {e}")),
            }
        });
    }

    /// Replaces the text of the input matching `css` with `text`, typed as key strokes so the
    /// page sees real `input` events.
    pub fn type_into(&self, css: &str, text: &str) {
        self.wait_until(&format!("an editable `{css}`"), || {
            let el = self.find(css)?;
            let clear = self.call("POST", &format!("/element/{}/clear", el.0), Some(json!({})));
            let typed = clear.and_then(|_| {
                let body = json!({ "text": text });
                self.call("POST", &format!("/element/{}/value", el.0), Some(body))
            });
            match typed {
                Ok(_) => Some(()),
                Err(e) if retryable(&e) => None,
                // Never echo `text` here: tests type tokens.
                Err(e) => self.fail(&format!("typing into {css}: {e}")),
            }
        });
    }

    /// Resizes the window (the outer size, as the window manager sees it).
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.must(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Chooses `value` in the `<select>` matching `css` by clicking its option.
    pub fn select_option(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"));
    }

    /// The rendered text of `el`, or `None` if it went stale.
    pub fn text(&self, el: &Element) -> Option<String> {
        match self.call("GET", &format!("/element/{}/text", el.0), None) {
            Ok(v) => Some(v.as_str().unwrap_or_default().to_string()),
            Err(e) if retryable(&e) => None,
            Err(e) => self.fail(&format!("text of {el:?}: {e}")),
        }
    }

    /// The trimmed text of the first element matching `css`, if present.
    pub fn text_of(&self, css: &str) -> Option<String> {
        self.find(css)
            .and_then(|el| self.text(&el))
            .map(|t| t.trim().to_string())
    }

    /// An attribute of the first element matching `css`, if both exist.
    pub fn attr_of(&self, css: &str, name: &str) -> Option<String> {
        let el = self.find(css)?;
        match self.call("GET", &format!("/element/{}/attribute/{name}", el.0), None) {
            Ok(v) => v.as_str().map(str::to_string),
            Err(e) if retryable(&e) => None,
            Err(e) => self.fail(&format!("attribute {name} of {css}: {e}")),
        }
    }

    /// A DOM property (such as an input's current `value`) of the first element matching `css`.
    pub fn property_of(&self, css: &str, name: &str) -> Option<String> {
        let el = self.find(css)?;
        match self.call("GET", &format!("/element/{}/property/{name}", el.0), None) {
            Ok(v) => Some(v.as_str().map_or_else(|| v.to_string(), str::to_string)),
            Err(e) if retryable(&e) => None,
            Err(e) => self.fail(&format!("property {name} of {css}: {e}")),
        }
    }

    pub fn source(&self) -> Result<String, WdError> {
        self.call("GET", "/source", None)
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    /// A PNG of the window's contents.
    pub fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let v = self.must("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .unwrap_or_else(|e| self.fail(&format!("screenshot is not base64: {e}")))
    }

    /// Returns once the page has painted its current DOM (two animation frames), so a
    /// screenshot or a timing taken next shows what was just rendered.
    pub fn wait_for_paint(&self) {
        let script = "const done = arguments[0]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.execute_async(script, Vec::new());
    }

    /// Runs `script` as a synchronous WebDriver script and returns what it returns.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.must(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Presses and releases `key` (a character or a WebDriver key code such as [`TAB`]) as a
    /// real key stroke, with `modifier` (such as [`SHIFT`]) held if given.
    pub fn press_key(&self, key: &str, modifier: Option<&str>) {
        let mut strokes = Vec::new();
        if let Some(m) = modifier {
            strokes.push(json!({"type": "keyDown", "value": m}));
        }
        strokes.push(json!({"type": "keyDown", "value": key}));
        strokes.push(json!({"type": "keyUp", "value": key}));
        if let Some(m) = modifier {
            strokes.push(json!({"type": "keyUp", "value": m}));
        }
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": strokes}]});
        self.must("POST", "/actions", Some(body));
        self.must("DELETE", "/actions", None);
    }

    /// Types `text` into whatever has the focus, one real key stroke per character.
    pub fn type_keys(&self, text: &str) {
        let strokes: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": strokes}]});
        self.must("POST", "/actions", Some(body));
        self.must("DELETE", "/actions", None);
    }

    /// Runs `script` as an async WebDriver script (it ends by calling its last argument).
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.must(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Ends the test with `msg`, the page source and the driver log, leaving a screenshot in
    /// `tests/e2e/screenshots/failure-<test>.png`.
    pub fn fail(&self, msg: &str) -> ! {
        let shot = self.save_failure_screenshot();
        let source = match self.source() {
            Ok(s) => truncate(s, 30_000),
            Err(e) => format!("(page source unavailable: {e})"),
        };
        panic!(
            "{msg}\n{shot}\n--- page source ---\n{source}\n--- driver log (tail) ---\n{}",
            self.driver.log_tail()
        );
    }

    fn save_failure_screenshot(&self) -> String {
        use base64::Engine as _;
        let name = std::thread::current()
            .name()
            .unwrap_or("test")
            .replace("::", "-");
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("screenshots/failure-{name}.png"));
        let png = self.call("GET", "/screenshot", None).ok().and_then(|v| {
            base64::engine::general_purpose::STANDARD
                .decode(v.as_str()?)
                .ok()
        });
        let saved = png.and_then(|png| {
            std::fs::create_dir_all(path.parent()?).ok()?;
            std::fs::write(&path, png).ok()
        });
        match saved {
            Some(()) => format!("screenshot: {}", path.display()),
            None => "screenshot: unavailable".to_string(),
        }
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self
            .driver
            .call("DELETE", &format!("/session/{}", self.id), None);
    }
}

/// `s` cut to at most `max` bytes (on a char boundary), saying how long it was.
fn truncate(s: String, max: usize) -> String {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes in all)", &s[..end], s.len())
}

fn element(v: &Value) -> Element {
    Element(
        v[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("not an element: {v}"))
            .to_string(),
    )
}

/// Errors that go away by themselves while the UI re-renders or animates.
fn retryable(e: &WdError) -> bool {
    matches!(
        e.error.as_str(),
        "stale element reference"
            | "element not interactable"
            | "element click intercepted"
            | "no such element"
    )
}
