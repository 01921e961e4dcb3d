"""Department, budget year and money unit, read from what the document prints.

* **Department**: the part title ``第一部分 新乡市金融工作局概况``, else a ``预算主管部门：``/``部门名称：``
  line (or a line starting ``部门：``), else the 整体绩效目标表's 部门（单位）名称, else the tables' 部门名称
  lines (``本级`` is not a name), else a cover or part title (``江苏省人大常委会办公厅2018年度部门预算公开``,
  ``2018年度江苏省高级人民法院预算公开``, ``第三部分 江苏省高级人民法院2018年度预算情况说明``), else a
  cover line that is itself a department's name (``江苏省人民检察院``).
* **Year**: the year of the document's own title lines (``…2024年度部门预算情况说明``), else the most
  frequent year of the narrative's ``NNNN年(度)部门预算``, else of the table titles, else of any date.
  Table titles come late on purpose: a disclosure may print every table with last year's title.
* **Unit**: the unit the narrative states its figures in (万元 unless it mostly writes 元).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from yusuan.importer.cells import clean, norm
from yusuan.importer.model import RawTable
from yusuan.importer.outline import Item
from yusuan.money import MoneyUnit

_ORG = re.compile(r"(局|办公室|委员会|委|厅|办|中心|院|所|站|队|部|馆|社|处|会|署|府|团|校|街道办事处|法院|检察院)$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*(.+?)(?:部门)?概况$")
_PROFILE = re.compile(r"^(.+?)(?:部门)?概况$")
_LABELLED = re.compile(r"(?:预算主管部门|部门名称|部门\(单位\)名称|单位名称|编制部门|编制单位)\s*[:：]?\s*(.+)$"
                       r"|^部门[:：]\s*(.+)$")
_TITLE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|附件[:：]?)?\s*(.+?)\s*\d{4}\s*年度?(?:区级|市级|省级|县级)?(?:部门|预算)")
_YEAR_FIRST = re.compile(r"^\d{4}\s*年度?(.+?)(?:部门)?预算")
_DOC_YEAR = re.compile(r"(\d{4})\s*年\s*度?\s*(?:区级|市级|省级|县级)?\s*部门\s*预算")
_ANY_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*年")
_WAN = re.compile(r"\d\s*万元")
_YUAN = re.compile(r"\d\s*(?<!万)元")
_NOT_NAMES = frozenset({"本级", "部门本级", "单位本级", "本部门", "部门"})


@dataclass(frozen=True, slots=True)
class Metadata:
    department: str
    year: int
    unit: MoneyUnit
    title: str


def _valid(name: str) -> bool:
    n = norm(name)
    return len(n) >= 4 and n not in _NOT_NAMES and bool(_ORG.search(n))


def _org_name(text: str) -> str | None:
    m = _LABELLED.search(norm(text))
    if m is None:
        return None
    name = re.split(r"单位[:：]|金额单位", m.group(1) or m.group(2))[0].strip()
    return name if _valid(name) else None


def department_of(items: list[Item], tables: Iterable[RawTable], cover: list[str]) -> str:
    headings = [norm(i.text) for i in items if i.kind == "heading"]
    for text in headings:
        m = _PART.match(text) or (_PROFILE.match(text) if len(text) <= 40 else None)
        if m and _valid(m.group(1).removesuffix("部门")):
            return m.group(1).removesuffix("部门")
    for text in [*cover, *(i.text for i in items if i.kind == "paragraph")]:
        name = _org_name(text)
        if name:
            return name
    tables = list(tables)
    for raw in tables:
        if "整体绩效目标" in norm(raw.title):
            for row in raw.rows[:3]:
                for cell in row:
                    name = _org_name(cell) or (norm(row[1]) if len(row) > 1 and "名称" in norm(row[0])
                                               and _valid(row[1]) else None)
                    if name:
                        return name
            if raw.org and _org_name(raw.org):
                return _org_name(raw.org) or ""
    counts = Counter(name for raw in tables if raw.org and (name := _org_name(raw.org)))
    if counts:
        return counts.most_common(1)[0][0]
    for text in [*cover, *headings]:
        m = _TITLE.match(norm(text)) or _YEAR_FIRST.match(norm(text))
        if m and _valid(m.group(1)):
            return m.group(1)
    return next((norm(text) for text in cover if _valid(text) and len(norm(text)) <= 30), "")


def year_of(items: list[Item], tables: Iterable[RawTable], cover: list[str]) -> int:
    titles = [*cover, *(i.text for i in items if i.kind == "heading")]
    found = [int(m.group(1)) for t in titles for m in _DOC_YEAR.finditer(norm(t))]
    if found:
        return Counter(found).most_common(1)[0][0]
    found = [int(m.group(1)) for i in items if i.kind == "paragraph" for m in _DOC_YEAR.finditer(norm(i.text))]
    if found:
        return Counter(found).most_common(1)[0][0]
    found = [int(m.group(1)) for raw in tables for m in _ANY_YEAR.finditer(norm(raw.title))]
    if found:
        return Counter(found).most_common(1)[0][0]
    found = [int(m.group(1)) for i in items for m in _ANY_YEAR.finditer(norm(i.text))]
    return Counter(found).most_common(1)[0][0] if found else 0


def unit_of(items: list[Item]) -> MoneyUnit:
    text = "\n".join(i.text for i in items if i.kind == "paragraph")
    wan, yuan = len(_WAN.findall(text)), len(_YUAN.findall(text))
    return MoneyUnit.YUAN if yuan > wan else MoneyUnit.WAN


def read_metadata(items: list[Item], tables: list[RawTable], cover: list[str]) -> Metadata:
    department = department_of(items, tables, cover)
    year = year_of(items, tables, cover)
    unit = unit_of(items)
    printed = clean("".join(cover)) if cover else ""
    if printed and len(printed) <= 60 and re.search(r"[\u4e00-\u9fff]", printed):
        title = printed
    else:
        title = f"{department}{year}年部门预算" if department else printed
    return Metadata(department, year, unit, title)
