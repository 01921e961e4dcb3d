"""Regenerate docs/rules.md from the rule registry, with example messages from the failing fixtures.

Usage:  .venv/bin/python scripts/gen_rules_doc.py [--check]

Every rule's example is the first issue its failing fixture (tests/checker) raises when
only that rule runs.  ``--check`` writes nothing and exits 1 when docs/rules.md is stale.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "rules.md"


def examples() -> dict[str, object]:
    """Rule code → the first issue its failing fixture raises."""
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    import checker
    from checker.fixtures import FIXTURES
    from yusuan.check import Selection, all_rules, run_checks

    for module in pkgutil.iter_modules(checker.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"checker.{module.name}")
    found: dict[str, object] = {}
    for r in all_rules():
        fixture = FIXTURES.get(r.code)
        if fixture is None:
            continue
        report = run_checks(fixture.failing(), Selection(only=(r.code,)))
        hit = next((i for i in report.issues if i.code == r.code), None)
        if hit is not None:
            found[r.code] = hit
    return found


def generate() -> str:
    from yusuan.check import Issue, all_rules
    from yusuan.check.catalogue import catalogue_markdown

    found = {code: issue for code, issue in examples().items() if isinstance(issue, Issue)}
    return catalogue_markdown(all_rules(), found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare with docs/rules.md")
    args = parser.parse_args()
    text = generate()
    if args.check:
        if DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC.relative_to(ROOT)} is stale: run .venv/bin/python scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
