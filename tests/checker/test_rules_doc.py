"""docs/rules.md is generated from the rule registry and must match it.

Regenerate with ``.venv/bin/python scripts/gen_rules_doc.py`` or
``YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/checker/test_rules_doc.py``.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from types import ModuleType

from yusuan.check import all_rules
from yusuan.check.catalogue import applicability, catalogue_markdown, families
from yusuan.check.registry import FAMILIES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def generated() -> str:
    text = generator().generate()
    assert isinstance(text, str)
    return text


def test_rules_doc_matches_the_registry() -> None:
    text = generated()
    if os.environ.get("YUSUAN_UPDATE_GOLDEN"):
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, (
        "docs/rules.md is stale: run .venv/bin/python scripts/gen_rules_doc.py "
        "(or YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/checker/test_rules_doc.py)")


def test_every_rule_has_its_section() -> None:
    text = generated()
    rules = all_rules()
    assert f"共 {len(rules)} 条规则" in text
    for r in rules:
        section = text.split(f"\n### {r.code} {r.title}\n", 1)
        assert len(section) == 2, f"no section for {r.code}"
        body = section[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        assert f"`{r.slug}`" in body and r.severity.label in body and r.tier.label in body
        assert applicability(r) in body


def test_families_are_grouped_with_counts() -> None:
    text = generated()
    for letter, name, rules in families(all_rules()):
        assert f"\n## {letter} {name}（{len(rules)} 条）\n" in text
        assert name == FAMILIES[letter]
        positions = [text.index(f"\n### {r.code} ") for r in rules]
        assert positions == sorted(positions)


def test_catalogue_without_examples() -> None:
    text = catalogue_markdown(all_rules())
    assert text.startswith("# 检查规则目录") and "- 示例：" not in text
    budget_rules = [r for r in all_rules() if "budget" in r.needs]
    for r in budget_rules:
        assert "仅适用于由预算数据编制的文件" in applicability(r)
