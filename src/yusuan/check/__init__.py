"""The checker: registered rules over one view of a disclosure, one Issue shape, several reports."""

from yusuan.check.context import DEFAULT_TOLERANCE, CheckContext, context_for_compiled
from yusuan.check.engine import Report, Selection, run_checks
from yusuan.check.issue import Issue, Location, Severity, Tier
from yusuan.check.registry import Finding, Rule, all_rules, rule

__all__ = [
    "DEFAULT_TOLERANCE",
    "CheckContext",
    "Finding",
    "Issue",
    "Location",
    "Report",
    "Rule",
    "Selection",
    "Severity",
    "Tier",
    "all_rules",
    "context_for_compiled",
    "rule",
    "run_checks",
]
