#!/usr/bin/env bash
# Prints the environment that points tests at the Go toolchains under test (sourced by make).
cd "$(dirname "$0")/.."
go127=$(compgen -G "$PWD/.venv/lib/python3*/site-packages/go/bin/go" | head -n1)
go_old=/usr/lib/go-1.19/bin/go
[ -x "$go_old" ] || go_old=$(compgen -G "/usr/lib/go-1.*/bin/go" | sort -V | head -n1)
echo "export GOPROXY_ASSISTANT_GO127='$go127' GOPROXY_ASSISTANT_GO119='$go_old' GOPROXY_ASSISTANT_REQUIRE_GO=1"
