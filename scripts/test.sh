#!/usr/bin/env bash
# Runs every check: lint (ruff), types (mypy), tests (pytest).
# Creates .venv first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv/bin/pytest ]]; then
  bash scripts/setup.sh --deps-only
fi
echo "==> ruff"
.venv/bin/ruff check src tests benchmarks
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/pytest "$@"
