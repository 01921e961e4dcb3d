"""The README states figures that must follow the code."""

from __future__ import annotations

import re
from pathlib import Path

from yusuan.check import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"


def test_rule_count_in_readme_matches_the_registry() -> None:
    counts = {int(n) for n in re.findall(r"(\d+) (?:条检查规则|rules)", README.read_text(encoding="utf-8"))}
    assert counts == {len(all_rules())}
