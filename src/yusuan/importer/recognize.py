"""Recognition of tables: printed :class:`RawTable` s → the model's :class:`~yusuan.compute.model.Table` s.

A table's role comes from its title (``vocabulary.yaml`` ``roles``), each leaf column's key from its
header path, each row's level and key from its codes and label, and every amount is parsed exactly
to 分 in the table's unit (:mod:`recognize_matrix`, :mod:`recognize_balance`, :mod:`recognize_targets`).
What cannot be recognised is kept, never dropped: a table of unknown kind becomes a ``raw`` table
(columns ``c1``…, text cells) with an import notice.

A table continued on the next page and printed again with its title (the reader could not tell) is
joined here: same title, and rows that mostly do not repeat the first part's rows.  A table
printed twice with the same rows stays twice (the checker reports the repetition).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from yusuan.importer.cells import clean, norm
from yusuan.importer.model import RawTable
from yusuan.importer.recognize_balance import read_balance
from yusuan.importer.recognize_common import Recognized, Setting, raw_table, role_of
from yusuan.importer.recognize_matrix import read_matrix
from yusuan.importer.recognize_targets import project_name_of, read_targets
from yusuan.importer.vocabulary import vocabulary

__all__ = ["Recognized", "Setting", "TableNumbering", "join_continued", "recognize_table", "recognize_tables"]


def _labels(raw: RawTable) -> set[str]:
    return {norm(c) for row in raw.rows for c in row[:3] if norm(c) and not norm(c).replace(".", "").isdigit()}


def _continues(first: RawTable, second: RawTable) -> bool:
    """Whether ``second`` is the rest of ``first`` printed on the next page with its title repeated."""
    if norm(first.title) != norm(second.title) or (second.number and norm(second.number) != norm(first.number or "")):
        return False
    if not first.rows or not second.rows:
        return True
    labels = _labels(second)
    return len(labels & _labels(first)) * 2 < len(labels)


def join_continued(raws: Sequence[RawTable]) -> list[RawTable]:
    """Tables split by a page break (title and header printed again) joined into one."""
    out: list[RawTable] = []
    for raw in raws:
        if out and _continues(out[-1], raw):
            prev = out[-1]
            out[-1] = replace(prev, rows=prev.rows + raw.rows, pages=tuple(dict.fromkeys(prev.pages + raw.pages)),
                              notes=prev.notes + raw.notes, row_pages=prev.row_pages + raw.row_pages)
            continue
        out.append(raw)
    return out


@dataclass
class TableNumbering:
    """Numbers the tables kept raw (``raw:1``…) and the per-project sheets (``project_target_sheets:1``…)."""

    raw: int = 0
    sheets: int = 0


def recognize_table(raw: RawTable, setting: Setting, counter: TableNumbering | None = None) -> Recognized:
    """One printed table as the model's table (a ``raw`` table when its kind is not known)."""
    counter = counter or TableNumbering()
    vocab = vocabulary()
    page = raw.pages[0] if raw.pages else None
    role = role_of(raw, setting, vocab)
    if role is None:
        counter.raw += 1
        notices = [f"表「{clean(raw.title) or '（无标题）'}」的类型未能识别，按原样保留（不参与核对）"]
        return Recognized(raw_table(raw, setting, f"raw:{counter.raw}", notices), page, notices)
    try:
        if role.kind == "balance":
            table, notices = read_balance(raw, role, setting, vocab)
        elif role.kind == "matrix":
            table, notices = read_matrix(raw, role, setting, vocab)
        else:
            table_id = role.id
            if role.kind == "project_target_sheets":
                counter.sheets += 1
                table_id = f"{role.id}:{counter.sheets}"
            table, notices = read_targets(raw, role, setting, table_id)
            name = project_name_of(raw) if role.kind == "project_target_sheets" else ""
            if name and name not in table.title:
                table = replace(table, title=f"{table.title}（{name}）")
    except (ValueError, IndexError, KeyError) as exc:  # never lose a table to a recognition slip
        counter.raw += 1
        notices = [f"表「{clean(raw.title)}」未能按「{role.id}」识别（{type(exc).__name__}），按原样保留"]
        return Recognized(raw_table(raw, setting, f"raw:{counter.raw}", notices), page, notices)
    return Recognized(table, page, list(dict.fromkeys(notices)))


def recognize_tables(raws: Sequence[RawTable], setting: Setting) -> list[Recognized]:
    counter = TableNumbering()
    return [recognize_table(raw, setting, counter) for raw in join_continued(raws)]
