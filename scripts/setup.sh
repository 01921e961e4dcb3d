#!/usr/bin/env bash
# yusuan set-up: creates .venv in the repository root, installs the locked Python
# dependencies and the package, installs CJK fonts when missing (Debian), and
# builds the bundled example.  Usage: scripts/setup.sh [--deps-only]
set -euo pipefail
cd "$(dirname "$0")/.."
DEPS_ONLY=0
[[ "${1:-}" == "--deps-only" ]] && DEPS_ONLY=1

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY="$cand"; break
    fi
  done
fi
if [[ -z "$PY" ]]; then
  echo "错误：需要 Python 3.11 或更高版本（未找到）。Debian: apt-get install python3 python3-venv" >&2
  exit 2
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "==> 创建虚拟环境 .venv（$("$PY" --version)）"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
echo "==> 安装锁定的依赖（requirements.lock）"
pip_quiet() { .venv/bin/python -m pip "$@" 2> >(grep -v "is ignored: it is neither" >&2); }
pip_quiet install -q --require-hashes -r requirements.lock
pip_quiet install -q --no-deps -e .
.venv/bin/python -c "import yusuan" || { echo "错误：yusuan 安装失败" >&2; exit 2; }
sha256sum requirements.lock | cut -d' ' -f1 > .venv/.yusuan-lock

# CJK fonts for the PDF/DOCX/HTML documents (the tests render PDFs too). Only on Debian/Ubuntu,
# only when no CJK font is present, only with the rights to install.
if ! (command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .); then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    echo "==> 安装中文字体 fonts-noto-cjk"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null) \
      || echo "警告：中文字体安装失败，PDF 中的中文将无法显示；表格数据不受影响。" >&2
  else
    echo "提示：未检测到中文字体；请安装 fonts-noto-cjk（需要 root）。" >&2
  fi
fi

if [[ $DEPS_ONLY -eq 1 ]]; then
  exit 0
fi

echo "==> 编制示例：新乡市金融工作局 2024 年部门预算"
.venv/bin/yusuan build examples/xinxiang-2024/budget.yaml -o build/xinxiang-2024
echo "==> 编制示例：济源市人民政府金融服务办公室 2020 年部门预算"
.venv/bin/yusuan build examples/jiyuan-2020/budget.yaml -o build/jiyuan-2020
echo "完成。输出目录：build/"
