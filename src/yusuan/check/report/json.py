"""The check report as JSON: a stable, documented schema (docs/check-report-json.md).

``format`` is bumped only when a key is removed or changes meaning; new keys may be
added within a format.  Every key is always present (``null`` when empty), so readers
never have to test for a key.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from yusuan import __version__
from yusuan.check.engine import Report
from yusuan.check.issue import Issue, Location

FORMAT = 1
"""Version of the JSON schema."""


def location_data(location: Location) -> dict[str, Any]:
    """Every :class:`Location` field (``source`` as an object or ``null``) and its Chinese ``description``."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(location):
        value = getattr(location, f.name)
        if f.name == "source":
            value = dataclasses.asdict(value) if value is not None else None
        data[f.name] = value
    data["description"] = location.describe()
    return data


def issue_data(issue: Issue) -> dict[str, Any]:
    return {
        "code": issue.code,
        "slug": issue.slug,
        "severity": issue.severity.value,
        "tier": issue.tier.value,
        "title": issue.title,
        "message": issue.message,
        "expected": issue.expected,
        "actual": issue.actual,
        "difference": issue.difference,
        "hint": issue.hint,
        "tags": list(issue.tags),
        "location": location_data(issue.location),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (issues in the report's order: errors first, then by code)."""
    return {
        "yusuan": {"version": __version__, "format": FORMAT},
        "subject": report.subject,
        "year": report.year,
        "origin": report.origin,
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "notices": report.notices,
            "rules_run": len(report.rules_run),
            "not_applicable": len(report.not_applicable),
        },
        "rules": {"run": list(report.rules_run), "not_applicable": list(report.not_applicable)},
        "issues": [issue_data(i) for i in report.issues],
    }


def report_json(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def write_report_json(report: Report, path: Path) -> Path:
    path.write_text(report_json(report), encoding="utf-8")
    return path
