"""Input problems: every one names its location, all are collected before reporting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from yusuan.domain.source import SourceRef

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem found in an input file, in Chinese, with where it is."""

    message: str
    where: SourceRef = field(default_factory=SourceRef)
    severity: Severity = "error"
    code: str = "input"
    """Short machine-readable kind, e.g. ``unknown-code``, ``bad-amount``, ``missing-field``."""

    def __str__(self) -> str:
        tag = "错误" if self.severity == "error" else "警告"
        return f"[{tag}] {self.where.describe()}：{self.message}"


class InputError(Exception):
    """The input cannot be turned into a budget; ``problems`` lists every reason."""

    def __init__(self, problems: list[InputProblem], file: str | None = None) -> None:
        self.problems = problems
        self.file = file
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"输入有 {len(errors)} 处错误" + (f"（{file}）" if file else ""))

    @property
    def errors(self) -> list[InputProblem]:
        return [p for p in self.problems if p.severity == "error"]

    def report(self) -> str:
        lines = [str(self)]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)
