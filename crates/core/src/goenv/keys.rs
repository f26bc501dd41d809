//! Which keys `go env -w` accepts and which values it (and we, more strictly) accept.
//!
//! Sources: `envcmd.checkEnvWrite`/`runEnvW`/`checkBuildConfig` and `cfg.KnownEnv`/`CanGetenv` of
//! go1.19.8 and go1.27.3 (read and verified against the binaries). Versions in between use the
//! release that introduced each change where known; where unsure we lean strict (refuse what that
//! release might not accept), because our store writes the file directly and a value Go cannot
//! use (GOFLAGS, GOEXPERIMENT, GOOS/GOARCH) breaks every later go command.

use crate::goenv::file::EnvFile;
use crate::goenv::EnvOp;
use crate::goversion::GoVersion;
use crate::{Error, ErrorCode, Result};
use std::collections::HashSet;

pub use crate::goenv::remote::{parse_goproxy, ProxyEntry, ProxyFallback, ProxyKind};
pub use crate::goenv::values::validate_value;

/// `cfg.KnownEnv` of go1.19 (every key here exists in go1.27 too).
const KNOWN_1_19: &str = "AR CC CGO_CFLAGS CGO_CFLAGS_ALLOW CGO_CFLAGS_DISALLOW CGO_CPPFLAGS \
    CGO_CPPFLAGS_ALLOW CGO_CPPFLAGS_DISALLOW CGO_CXXFLAGS CGO_CXXFLAGS_ALLOW \
    CGO_CXXFLAGS_DISALLOW CGO_ENABLED CGO_FFLAGS CGO_FFLAGS_ALLOW CGO_FFLAGS_DISALLOW \
    CGO_LDFLAGS CGO_LDFLAGS_ALLOW CGO_LDFLAGS_DISALLOW CXX FC GCCGO GO111MODULE GO386 \
    GOAMD64 GOARCH GOARM GOBIN GOCACHE GOENV GOEXE GOEXPERIMENT GOFLAGS GOGCCFLAGS \
    GOHOSTARCH GOHOSTOS GOINSECURE GOMIPS GOMIPS64 GOMODCACHE GONOPROXY GONOSUMDB GOOS \
    GOPATH GOPPC64 GOPRIVATE GOPROXY GOROOT GOSUMDB GOTMPDIR GOTOOLDIR GOVCS GOWASM GOWORK \
    GO_EXTLINK_ENABLED PKG_CONFIG";

/// Keys of `KNOWN_1_19` that older releases did not know, and keys added after 1.19 (all of
/// them are in go1.27's KnownEnv): (minor version that introduced it, key).
const ADDED: &[(u32, &str)] = &[
    (14, "GOINSECURE"),
    (15, "GOMODCACHE"),
    (16, "GOVCS"),
    (18, "GOAMD64"),
    (18, "GOWORK"),
    (21, "GOTOOLCHAIN"),
    (23, "GOARM64"),
    (23, "GORISCV64"),
    (24, "GOAUTH"),
    (24, "GOCACHEPROG"),
    (24, "GOFIPS140"),
];

/// Whether `key` is in `cfg.KnownEnv` of Go `version`.
pub fn is_known_key(key: &str, version: GoVersion) -> bool {
    if let Some((minor, _)) = ADDED.iter().find(|(_, k)| *k == key) {
        return version.at_least(1, *minor);
    }
    KNOWN_1_19.split(' ').any(|k| k == key)
}

/// Every key Go `version` knows, sorted.
pub fn known_keys(version: GoVersion) -> Vec<&'static str> {
    let mut keys: Vec<&str> = KNOWN_1_19
        .split(' ')
        .chain(ADDED.iter().map(|(_, k)| *k))
        .collect();
    keys.retain(|k| is_known_key(k, version));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Go's own refusal (`checkEnvWrite`'s first switch), with Go's wording.
fn go_read_only(key: &str, version: GoVersion) -> Option<String> {
    let fixed = match key {
        "GOEXE" | "GOGCCFLAGS" | "GOHOSTARCH" | "GOHOSTOS" | "GOMOD" | "GOTOOLDIR"
        | "GOVERSION" | "GOWORK" => true,
        // Verified: accepted by go1.19 (and then breaks every go command), refused by go1.27.
        "GOROOT" => version.at_least(1, 27),
        // Absent from go1.23's list, present in go1.27's; 1.25 is the nearest guess.
        "GOTELEMETRY" | "GOTELEMETRYDIR" => version.at_least(1, 25),
        _ => false,
    };
    if fixed {
        return Some(format!("{key} cannot be modified"));
    }
    // go1.23 added GODEBUG to `go env` and refused it in -w; go1.19 calls it unknown.
    let os_only = key == "GOENV" || (key == "GODEBUG" && version.at_least(1, 23));
    os_only.then(|| format!("{key} can only be set using the OS environment"))
}

/// Keys Go would write but we refuse: writing them breaks the go command or does nothing.
fn our_read_only(key: &str) -> Option<&'static str> {
    Some(match key {
        "GOROOT" => "GOROOT cannot be modified with go env -w: a wrong value breaks every go command, even `go env -u` (Go 1.27 refuses it too); set it in the OS environment if you must",
        "GOTELEMETRY" | "GOTELEMETRYDIR" => "telemetry settings cannot be modified with go env -w; use `go telemetry off|local|on`",
        "GODEBUG" => "GODEBUG can only be set using the OS environment (the go command does not read it from the GOENV file)",
        _ => return None,
    })
}

/// Checks one key for `go env -w`/`-u` of Go `version`, given the current GOENV file.
pub fn validate_key(key: &str, version: GoVersion, file: &EnvFile) -> Result<()> {
    if key.is_empty() {
        return Err(Error::invalid(
            key,
            "the setting name is empty; write KEY=VALUE",
        ));
    }
    if let Some(c) = key
        .chars()
        .find(|c| *c == '=' || *c == '#' || c.is_whitespace() || c.is_control())
    {
        return Err(Error::invalid(
            key,
            format!("the setting name {key:?} contains {c:?}; names are like GOPROXY (letters, digits, `_`)"),
        ));
    }
    if let Some(msg) = go_read_only(key, version) {
        let hint = if msg.ends_with("environment") {
            "; set it in your shell profile instead"
        } else {
            "; Go computes it"
        };
        return Err(Error::new(ErrorCode::ReadOnlyKey, format!("{msg}{hint}")).with_field(key));
    }
    // Since go1.21 (go.env) `CanGetenv` also accepts keys already in the file; go1.19 does not.
    let in_file = version.has_goroot_go_env() && file.contains_key(key);
    if !is_known_key(key, version) && !in_file {
        let upper = key.to_ascii_uppercase();
        let hint = if upper != key && is_known_key(&upper, version) {
            format!("; names are case-sensitive: did you mean {upper}?")
        } else if is_known_key(key, GoVersion::NEWEST_KNOWN) {
            format!("; it needs a newer Go than {version}")
        } else {
            "; check the spelling (see `go help environment`)".to_string()
        };
        return Err(Error::new(
            ErrorCode::UnknownKey,
            format!("unknown go command variable {key}{hint}"),
        )
        .with_field(key));
    }
    if let Some(msg) = our_read_only(key) {
        return Err(Error::new(ErrorCode::ReadOnlyKey, msg).with_field(key));
    }
    Ok(())
}

/// Checks a whole `go env -w`/`-u` invocation: every key, every value, one op per key, and
/// the GOOS/GOARCH pair Go checks after all arguments (`checkBuildConfig`).
pub fn validate_ops(ops: &[EnvOp], version: GoVersion, file: &EnvFile) -> Result<()> {
    if ops.is_empty() {
        return Err(Error::invalid("ops", "no KEY=VALUE arguments given"));
    }
    let mut seen = HashSet::new();
    for op in ops {
        let key = op.key();
        validate_key(key, version, file)?;
        if !seen.insert(key) {
            return Err(Error::invalid(
                key,
                format!("multiple values for key: {key}; give each setting once"),
            ));
        }
        if let EnvOp::Set { value, .. } = op {
            validate_value(key, value, version)?;
        }
    }
    let set = |k: &str| {
        ops.iter().find_map(|op| match op {
            EnvOp::Set { key, value } if key == k => Some(value.as_str()),
            _ => None,
        })
    };
    if set("GOOS").is_some() || set("GOARCH").is_some() {
        let goos = set("GOOS")
            .map(str::to_string)
            .or_else(|| file.get("GOOS"))
            .unwrap_or_else(|| host_goos().into());
        let goarch = set("GOARCH")
            .map(str::to_string)
            .or_else(|| file.get("GOARCH"))
            .unwrap_or_else(|| host_goarch().into());
        if !platform_supported(&goos, &goarch, version) {
            let field = if set("GOOS").is_some() {
                "GOOS"
            } else {
                "GOARCH"
            };
            return Err(Error::invalid(
                field,
                format!("unsupported GOOS/GOARCH pair {goos}/{goarch}; see `go tool dist list`"),
            ));
        }
    }
    Ok(())
}

fn host_goos() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        os => os,
    }
}

fn host_goarch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64",
        "loongarch64" => "loong64",
        arch => arch,
    }
}

/// `go tool dist list` (incl. broken ports) of every release from go1.19 to go1.27.
const PLATFORMS: &str = "aix/ppc64 android/386 android/amd64 android/arm android/arm64 \
    darwin/amd64 darwin/arm64 dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm \
    freebsd/arm64 illumos/amd64 ios/amd64 ios/arm64 js/wasm linux/386 linux/amd64 linux/arm \
    linux/arm64 linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle \
    linux/ppc64 linux/ppc64le linux/riscv64 linux/s390x linux/sparc64 netbsd/386 \
    netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64 \
    plan9/386 plan9/amd64 plan9/arm solaris/amd64 windows/386 windows/amd64 windows/arm64";

/// Ports that only some releases have: (pair, first minor with it, first minor without it or 0).
/// Removed ports count only up to the verified go1.19 (strict: their removal release is unsure).
const PLATFORMS_GATED: &[(&str, u32, u32)] = &[
    ("freebsd/riscv64", 20, 0),
    ("openbsd/mips64", 0, 20),
    ("openbsd/ppc64", 22, 0),
    ("openbsd/riscv64", 23, 0),
    ("wasip1/wasm", 21, 0),
    ("windows/arm", 0, 20),
];

fn platforms(version: GoVersion) -> impl Iterator<Item = (&'static str, &'static str)> {
    let gated = PLATFORMS_GATED
        .iter()
        .filter(move |(_, from, until)| {
            version.at_least(1, *from) && (*until == 0 || !version.at_least(1, *until))
        })
        .map(|(p, _, _)| *p);
    PLATFORMS
        .split(' ')
        .chain(gated)
        .filter_map(|p| p.split_once('/'))
}

/// Whether any release knows `goos` (GOOS) or, with `arch`, `goos` as GOARCH.
pub(crate) fn platform_part_known(part: &str, arch: bool) -> bool {
    platforms(GoVersion::NEWEST_KNOWN)
        .chain(platforms(GoVersion::new(1, 19, 0)))
        .any(|(os, a)| if arch { a == part } else { os == part })
}

fn platform_supported(goos: &str, goarch: &str, version: GoVersion) -> bool {
    platforms(version).any(|(os, arch)| os == goos && arch == goarch)
}

/// `internal/goexperiment.Flags` field names (lower case) of go1.19 and go1.27, plus `regabi`.
const EXPERIMENTS_1_19: &str = "fieldtrack preemptibleloops staticlockranking boringcrypto \
    unified regabiwrappers regabiargs heapminimum512kib regabi";
const EXPERIMENTS_1_27: &str = "fieldtrack preemptibleloops staticlockranking boringcrypto \
    regabiwrappers regabiargs heapminimum512kib arenas cgocheck2 loopvar newinliner dwarf5 \
    jsonv2 greenteagc randomizedheapbase64 runtimefreegc sizespecializedmalloc simd \
    runtimesecret mapsplitgroup regabi";

/// `buildcfg.ParseGOEXPERIMENT` names; releases between 1.19 and 1.27 get only the names both
/// verified releases know (an unknown experiment stops every go command but `go env`).
pub(crate) fn check_goexperiment(value: &str, version: GoVersion) -> Result<(), String> {
    for name in value.split(',').filter(|n| !n.is_empty() && *n != "none") {
        let base = name.strip_prefix("no").unwrap_or(name);
        let known = match (version.at_least(1, 20), version.at_least(1, 27)) {
            (false, _) => EXPERIMENTS_1_19.split(' ').any(|n| n == base),
            (true, true) => EXPERIMENTS_1_27.split(' ').any(|n| n == base),
            (true, false) => {
                EXPERIMENTS_1_19.split(' ').any(|n| n == base)
                    && EXPERIMENTS_1_27.split(' ').any(|n| n == base)
            }
        };
        if !known {
            return Err(format!("unknown GOEXPERIMENT {base}"));
        }
    }
    Ok(())
}

/// Flags of every go subcommand in go1.19 (each also in go1.27), as `hasFlag` finds them.
const FLAGS_1_19: &str = "a asan asmflags bench benchmem benchtime blockprofile \
    blockprofilerate buildmode buildvcs c cache compat compiled compiler count cover \
    covermode coverpkg coverprofile cpu cpuprofile d debug-actiongraph debug-trace deps \
    dropexclude dropreplace droprequire dropretract dropuse e exclude exec export f failfast \
    find fix fmt fuzz fuzzcache fuzzminimizetime fuzztime gccgoflags gcflags go i insecure \
    installsuffix json ldflags linkshared list m memprofile memprofilerate mod modcache \
    modcacherw modfile module msan mutexprofile mutexprofilefraction n o outputdir overlay p \
    parallel pkgdir print r race replace require retract retracted reuse run short shuffle t \
    tags test testcache timeout toolexec trace trimpath u use v vendor versions vet vettool \
    w work x";
/// Flags added after 1.19 (all verified in go1.27) with the minor release that added them.
const FLAGS_ADDED: &[(u32, &str)] = &[
    (20, "pgo"),
    (20, "skip"),
    (21, "fullpath"),
    (21, "toolchain"),
    (23, "debug-runtime-trace"),
    (23, "changed"),
    (23, "diff"),
    (23, "godebug"),
    (23, "dropgodebug"),
    (24, "tool"),
    (24, "droptool"),
    (25, "artifacts"),
    (25, "ignore"),
    (25, "dropignore"),
];
/// `go test` flags also accepted as `-test.<name>` (`passFlagToTest`).
const TEST_FLAGS: &str = "artifacts bench benchmem benchtime blockprofile blockprofilerate \
    count coverprofile cpu cpuprofile failfast fullpath fuzz fuzzminimizetime fuzztime list \
    memprofile memprofilerate mutexprofile mutexprofilefraction outputdir parallel run short \
    shuffle skip timeout trace v";
/// Flags that take a value, so `-flag` alone fails (`flag needs an argument`).
const VALUE_FLAGS: &str = "asmflags bench benchtime buildmode compiler count covermode coverpkg \
    cpu exec gccgoflags gcflags installsuffix ldflags mod modfile o outputdir overlay p \
    parallel pgo pkgdir run skip tags timeout toolexec vettool";

fn flag_known(name: &str, version: GoVersion) -> bool {
    let added = |n: &str| {
        FLAGS_ADDED
            .iter()
            .find(|(_, f)| *f == n)
            .map(|(m, _)| version.at_least(1, *m))
    };
    let known = |n: &str| FLAGS_1_19.split(' ').any(|f| f == n) || added(n) == Some(true);
    match name.strip_prefix("test.") {
        Some(t) => TEST_FLAGS.split(' ').any(|f| f == t) && known(t),
        None => known(name),
    }
}

/// GOFLAGS (`base.InitGOFLAGS`): since go1.21 split like a quoted command line, before that on
/// whitespace (quotes were literal text); each field `-flag` or `-flag=value` naming a flag of
/// some go subcommand. Stricter: value flags need `=value`, and `-insecure` (removed) is refused.
pub(crate) fn check_goflags(value: &str, version: GoVersion) -> Result<(), String> {
    let fields = if version.at_least(1, 21) {
        crate::goenv::values::quoted_split(value).map_err(|e| format!("parsing $GOFLAGS: {e}"))?
    } else {
        if value.contains(['\'', '"']) {
            return Err(format!(
                "GOFLAGS quoting needs Go 1.21 or newer ({version} keeps quotes as text)"
            ));
        }
        value.split_whitespace().map(str::to_string).collect()
    };
    for f in &fields {
        let bad = !f.starts_with('-')
            || f == "-"
            || f == "--"
            || f.starts_with("---")
            || f.starts_with("-=")
            || f.starts_with("--=");
        if bad {
            return Err(format!(
                "parsing $GOFLAGS: non-flag {f:?}; each entry must look like -flag or -flag=value"
            ));
        }
        let name = f.trim_start_matches('-');
        let (name, has_value) = match name.split_once('=') {
            Some((n, _)) => (n, true),
            None => (name, false),
        };
        if !flag_known(name, version) {
            return Err(format!("parsing $GOFLAGS: unknown flag -{name}"));
        }
        if name == "insecure" {
            return Err("GOFLAGS: -insecure was removed in Go 1.17; use GOINSECURE instead".into());
        }
        if !has_value
            && VALUE_FLAGS
                .split(' ')
                .any(|v| v == name.trim_start_matches("test."))
        {
            return Err(format!(
                "GOFLAGS: flag -{name} needs a value: write -{name}=VALUE"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
