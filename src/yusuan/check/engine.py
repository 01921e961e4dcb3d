"""Run the selected rules over a disclosure and collect one report.

Every selected rule runs; a rule that raises becomes an issue (Z001) and the others
still run.  Rules whose needs the input cannot meet (e.g. line items of an imported
PDF) are listed as not applicable, not as passed.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from yusuan.check.context import CheckContext
from yusuan.check.issue import Issue, Location, Severity, Tier
from yusuan.check.registry import Finding, Rule, all_rules

CRASH_CODE = "Z001"


@dataclass(frozen=True)
class Selection:
    """Which rules to run: ``only`` and ``skip`` match codes, slugs or tags; ``tiers`` limits by tier."""

    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    tiers: tuple[Tier, ...] = (Tier.BASIC, Tier.STRICT, Tier.ADVISORY)

    def matches(self, rule: Rule, names: tuple[str, ...]) -> bool:
        wanted = {n.strip().lower() for n in names}
        return bool({rule.code.lower(), rule.slug, *(t.lower() for t in rule.tags)} & wanted)

    def select(self, rules: Iterable[Rule]) -> list[Rule]:
        chosen = []
        for r in rules:
            if r.tier not in self.tiers:
                continue
            if self.only and not self.matches(r, self.only):
                continue
            if self.skip and self.matches(r, self.skip):
                continue
            chosen.append(r)
        return chosen


@dataclass(frozen=True)
class Report:
    subject: str
    year: int
    origin: str
    issues: tuple[Issue, ...]
    rules_run: tuple[str, ...]
    not_applicable: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    meta: Mapping[str, str] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for i in self.issues if i.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def notices(self) -> int:
        return self.count(Severity.NOTICE)

    @property
    def clean(self) -> bool:
        """No errors (warnings and notices do not block publishing)."""
        return self.errors == 0

    def codes(self) -> list[str]:
        return sorted({i.code for i in self.issues})


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _issue(rule: Rule, finding: Finding) -> Issue:
    values = _Values(finding.values)
    values.setdefault("expected", finding.expected if finding.expected is not None else "")
    values.setdefault("actual", finding.actual if finding.actual is not None else "")
    values.setdefault("difference", finding.difference if finding.difference is not None else "")
    return Issue(
        code=rule.code, slug=rule.slug, severity=rule.severity, tier=rule.tier, title=rule.title,
        message=rule.message.format_map(values), location=finding.where, expected=finding.expected,
        actual=finding.actual, difference=finding.difference, hint=rule.hint, tags=rule.tags,
    )


def _applicable(rule: Rule, ctx: CheckContext) -> bool:
    have = {
        "budget": ctx.budget is not None,
        "summary": ctx.summary is not None,
        "catalog": ctx.catalog is not None,
        "pack": ctx.pack is not None,
        "tables": bool(ctx.tables),
        "narrative": bool(ctx.document.paragraphs()),
    }
    return all(have[n] for n in rule.needs)


def run_checks(ctx: CheckContext, selection: Selection | None = None, rules: Iterable[Rule] | None = None) -> Report:
    """Run the selected rules (default: all registered) over ``ctx``."""
    start = time.perf_counter()
    chosen = (selection or Selection()).select(rules if rules is not None else all_rules())
    issues: list[Issue] = []
    run: list[str] = []
    skipped: list[str] = []
    for r in chosen:
        if not _applicable(r, ctx):
            skipped.append(r.code)
            continue
        run.append(r.code)
        try:
            issues.extend(_issue(r, f) for f in r.fn(ctx))
        except Exception as exc:  # a broken rule must not stop the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            issues.append(Issue(
                code=CRASH_CODE, slug="rule-crashed", severity=Severity.WARNING, tier=Tier.BASIC,
                title="检查规则运行出错",
                message=f"规则 {r.code}（{r.title}）运行出错，未能完成这项检查：{type(exc).__name__}: {exc}"
                        f"（{where.filename.rsplit('/', 1)[-1]}:{where.lineno}）",
                location=Location(), hint="这是 yusuan 的缺陷，请报告；其余规则照常运行。",
            ))
    issues.sort(key=lambda i: (i.severity.rank, i.code))
    return Report(subject=ctx.department, year=ctx.year, origin=ctx.origin, issues=tuple(issues),
                  rules_run=tuple(run), not_applicable=tuple(skipped),
                  elapsed_ms=(time.perf_counter() - start) * 1000)
