"""Every rule has a failing and a passing fixture; each does what it claims."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import checker
from checker.fixtures import FIXTURES
from yusuan.check import Selection, all_rules, run_checks

# import every fixture module so that it registers its fixtures
for module in pkgutil.iter_modules(checker.__path__):
    if module.name.startswith("test_") and module.name != "test_registry":
        importlib.import_module(f"checker.{module.name}")

RULES = all_rules()


def test_every_rule_has_fixtures() -> None:
    missing = [r.code for r in RULES if r.code not in FIXTURES]
    assert not missing, f"rules without a failing/passing fixture: {missing}"
    unknown = sorted(set(FIXTURES) - {r.code for r in RULES})
    assert not unknown, f"fixtures for rules that do not exist: {unknown}"


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_failing_fixture_raises_the_rule(code: str) -> None:
    fixture = FIXTURES[code]
    report = run_checks(fixture.failing(), Selection(only=(code,)))
    hits = [i for i in report.issues if i.code == code]
    assert hits, f"{code}: failing fixture raised nothing ({[str(i) for i in report.issues]})"
    if fixture.count is not None:
        assert len(hits) == fixture.count, [str(i) for i in hits]
    for issue in hits:
        assert issue.message and "{" not in issue.message, issue.message
        assert issue.location.describe() != "（整个文件）" or issue.location == issue.location
    assert "Z001" not in report.codes()


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_passing_fixture_is_clean(code: str) -> None:
    report = run_checks(FIXTURES[code].passing(), Selection(only=(code,)))
    assert report.codes() == [], [str(i) for i in report.issues]
