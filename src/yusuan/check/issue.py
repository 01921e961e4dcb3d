"""What the checker reports: one Issue shape for every rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from yusuan.domain.source import SourceRef


class Severity(StrEnum):
    """错误 blocks publishing; 警告 and 提示 do not."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "notice": 2}[self.value]


class Tier(StrEnum):
    """basic: what every disclosure must satisfy; strict: what a careful reviewer checks; advisory: good practice."""

    BASIC = "basic"
    STRICT = "strict"
    ADVISORY = "advisory"

    @property
    def label(self) -> str:
        return {"basic": "基本", "strict": "严格", "advisory": "建议"}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """Where an issue is: a table cell, a sentence of the narrative, or an input cell."""

    table_id: str | None = None
    table_code: str | None = None
    table_title: str | None = None
    row_key: str | None = None
    row_label: str | None = None
    column_key: str | None = None
    column_header: str | None = None
    page: int | None = None
    section: str | None = None
    """Heading of the narrative section (e.g. 七、一般公共预算“三公”经费支出预算情况说明)."""
    paragraph: int | None = None
    """1-based index of the paragraph in the document (the HTML report's ``p<N>`` anchor)."""
    sentence: str | None = None
    source: SourceRef | None = None
    """The input cell or YAML path the value came from, when known."""

    def describe(self) -> str:
        """Chinese description, e.g. ``预算03表「2024年部门支出总体情况表」「行政运行」行「基本支出/小计」列``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.table_code or self.table_title:
            name = f"「{self.table_title}」" if self.table_title else ""
            parts.append(f"{self.table_code or ''}{name}")
        if self.row_label:
            parts.append(f"「{self.row_label}」行")
        if self.column_header:
            parts.append(f"「{self.column_header}」列")
        if self.section:
            parts.append(f"「{self.section}」")
        if self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        if self.sentence:
            text = self.sentence if len(self.sentence) <= 60 else self.sentence[:58] + "…"
            parts.append(f"：“{text}”")
        if self.source is not None:
            parts.append(f"（输入：{self.source.describe()}）")
        return " ".join(parts).replace(" ：", "：") or "（整个文件）"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    slug: str
    severity: Severity
    tier: Tier
    title: str
    message: str
    location: Location = field(default_factory=Location)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    hint: str = ""
    tags: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"[{self.severity.label}] {self.code} {self.location.describe()}：{self.message}"
