"""Score the importer against the hand-checked expected data: cells right / cells expected, per document.

Usage:  .venv/bin/python scripts/score_import.py [NAME …] [--json] [--all] [--docs DIR …]

NAME is the stem of a file in tests/importer/expected/ (default: all of them).  The documents are looked
up in --docs (default: ../shared/realdocs and ../shared/seeds next to the repository, or the folders in
the environment variable YUSUAN_DOCS, separated by the path separator).  Prints every mismatch (at most
20 per document unless --all); --json prints the scores as JSON instead.  Exit code 0 when every
document scores 100%, 1 otherwise, 2 when a document cannot be found or read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "importer" / "expected"


def default_docs() -> list[Path]:
    env = os.environ.get("YUSUAN_DOCS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    shared = ROOT.parent / "shared"
    return [shared / "realdocs", shared / "seeds"]


def main(argv: list[str] | None = None) -> int:
    from yusuan import api
    from yusuan.importer.expected import expected_files, load_expected
    from yusuan.importer.model import DisclosureReadError
    from yusuan.importer.score import format_score, locate, overall, score, score_data

    parser = argparse.ArgumentParser(description="导入准确率：与人工核对的预期数据比较")
    parser.add_argument("names", nargs="*", help="预期数据文件名（不含 .json），默认全部")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--all", action="store_true", help="列出全部不符之处")
    parser.add_argument("--docs", type=Path, action="append", help="查找公开文件的目录（可重复）")
    parser.add_argument("--expected", type=Path, default=EXPECTED, help="预期数据目录")
    args = parser.parse_args(argv)

    files = expected_files(args.expected)
    if args.names:
        wanted = set(args.names)
        files = [f for f in files if f.stem in wanted]
        missing = wanted - {f.stem for f in files}
        if missing:
            print(f"没有这些预期数据文件：{'、'.join(sorted(missing))}", file=sys.stderr)
            return 2
    docs = args.docs or default_docs()
    scores = []
    failed = False
    rows = []
    for file in files:
        expected = load_expected(file)
        path = locate(expected.file, docs)
        if path is None:
            where = "、".join(str(d) for d in docs)
            print(f"{file.stem}：找不到 {expected.file}（查找目录：{where}）", file=sys.stderr)
            failed = True
            continue
        start = time.perf_counter()
        try:
            raw = api.read_disclosure(path)
        except DisclosureReadError as exc:
            print(f"{file.stem}：无法读取 {path}：{exc.message}", file=sys.stderr)
            failed = True
            continue
        result = score(raw, expected)
        seconds = time.perf_counter() - start
        scores.append(result)
        rows.append((result, seconds))
    right, total, pct = overall(scores)
    if args.json:
        data = {"documents": [score_data(s) | {"seconds": round(t, 3)} for s, t in rows],
                "overall": {"cells_expected": total, "cells_right": right, "percent": str(pct)}}
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for s, _ in rows:
            print("\n".join(format_score(s, limit=None if args.all else 20)))
        print()
        width = max((len(s.name) for s in scores), default=8)
        print(f"{'document':<{width}}  {'cells':>7}  {'right':>7}  {'%':>7}  {'tables':>7}  figures")
        for s, _ in rows:
            figures = f"{s.figures_right}/{s.figures_expected}" if s.figures_scored else "—"
            print(f"{s.name:<{width}}  {s.cells_expected:>7}  {s.cells_right:>7}  {s.percent:>7}  "
                  f"{s.tables_found:>3}/{len(s.tables):<3}  {figures}")
        print(f"{'overall':<{width}}  {total:>7}  {right:>7}  {pct:>7}")
    if failed:
        return 2
    return 0 if all(s.perfect for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
