#!/usr/bin/env bash
# Runs every check: lint (ruff), types (mypy), tests (pytest).
# Creates .venv first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# (re)install when the venv is missing or the lock file changed since it was set up
if [[ ! -x .venv/bin/pytest ]] || [[ "$(cat .venv/.yusuan-lock 2>/dev/null)" != "$(sha256sum requirements.lock | cut -d' ' -f1)" ]]; then
  bash scripts/setup.sh --deps-only
fi
echo "==> ruff"
.venv/bin/ruff check src tests benchmarks
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/pytest "$@"
