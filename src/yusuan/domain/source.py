"""Where a value came from, so that every figure can be traced to its input cell."""

from __future__ import annotations

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Location of a value in an input file: a sheet cell or a YAML/JSON path."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    path: str | None = None

    def describe(self) -> str:
        """Chinese description, e.g. ``工作表「支出明细」第 5 行 C 列``."""
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"工作表「{self.sheet}」")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"{column_letter(self.column)} 列")
        if self.path:
            parts.append(f"位置 {self.path}")
        text = " ".join(parts)
        if self.file:
            text = f"{self.file}：{text}" if text else self.file
        return text or "（位置未知）"

    def __str__(self) -> str:
        return self.describe()

    def at(self, *, column: int | None = None, path: str | None = None) -> SourceRef:
        return SourceRef(self.file, self.sheet, self.row, column if column is not None else self.column,
                         path if path is not None else self.path)
