"""Tables whose cells were flattened to lines by text extraction (seed 004, 济源 2020).

Such a table has lost its column positions: header cells come out one fragment per line in
no reliable order, and a body row is one line of codes, a name and the row's non-blank
numbers separated by single spaces (``201 03 99 124   其他政府办公厅（室）及相关机构事务支出
15.0 15.0 15.0``).  The reader therefore uses what it knows of the layouts:

* **Known layouts** (:data:`LAYOUTS`, the Henan 2020 预算01–09表): the leaf columns and the
  arithmetic between them (总计 = 基本支出 + 项目支出, 基本支出 = its three parts, …).  A layout
  is used only when the table's title names it and every header word of the layout is printed
  in the table's header lines (and, when a ``** ** 1 2 3`` row is printed, its counts agree).
* **Label cells**: the codes and names of a row fill the label columns group by group (类 款 项
  单位代码 名称; 部门预算经济分类 类 款 名称, 政府预算经济分类 类 款 名称).
* **Numbers**: a row prints only its non-blank numbers, left to right.  Every way to place k
  numbers in the n numeric columns (keeping their order) is tried against the layout's
  arithmetic; the placements with the fewest broken equalities win.  When several remain, the
  table's 合计 row (placed first) is preferred: a column blank in 合计 is blank in every row and
  no row has more in a column than 合计.  Then the document's 收支总体情况表 decides (its 基本支出 /
  项目支出 / 一般性项目 … rows say which parts have money), then the leftmost placement; a reader
  warning records every choice the arithmetic and the 合计 row did not make alone.  (Not used:
  the column sums over the detail rows, which would need the row hierarchy — recognition's job.)
* **Two-sided 收支 tables** print the income and expenditure sides on one line; a line is cut
  into income label, income amount, expenditure label and expenditure amounts by where its
  numbers and the widest space fall, a single label is put on the expenditure side when it is
  indented, numbered (一、 / 十七、 / 1、 while the income labels are not) or names a 支出.
  Income group labels printed vertically (``一般`` / ``公共`` / ``预算``) become a row of their own.
* Anything else (绩效目标表 forms, unknown layouts) is kept line by line, split on spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Literal

from yusuan.importer._text_tables import AMOUNT, Line, header_from_paths, is_total_label
from yusuan.importer.cells import clean, numbering, strip_numbering
from yusuan.importer.model import RawCell

Path_ = tuple[str, ...]

# ── layouts ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Block:
    """Numeric columns whose numbers are placed together, with the arithmetic between them."""

    columns: tuple[int, ...]
    """Table column indices, left to right."""
    sums: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """(total, parts) in block positions: ``column[total] = Σ column[parts]``."""
    within: tuple[tuple[int, int], ...] = ()
    """(part, whole) in block positions: a 其中 column is at most its whole."""


@dataclass(frozen=True, slots=True)
class Layout:
    key: str
    kind: Literal["matrix", "balance", "list"]
    titles: tuple[str, ...]
    """Title words that name the layout (quotes and spaces ignored)."""
    paths: tuple[Path_, ...]
    groups: tuple[tuple[int, ...], ...]
    """Label columns: matrix — groups of code columns then one name column; balance — (income label,),
    (expenditure label,); list — (label,)."""
    blocks: tuple[Block, ...]
    extra_words: tuple[str, ...] = ()
    """Printed header words that are no column of their own."""
    income_groups: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for path in self.paths:
            for word in path:
                if word and "{" not in word:
                    seen[word] = None
        return tuple(seen)


_FUNCTIONAL: tuple[Path_, ...] = (("科目编码", "类"), ("科目编码", "款"), ("科目编码", "项"), ("单位代码",),
                                  ("单位（科目名称）",))
_ECON: tuple[Path_, ...] = (("部门预算经济分类", "类"), ("部门预算经济分类", "款"), ("部门预算经济分类", "科目名称"),
                            ("政府预算经济分类", "类"), ("政府预算经济分类", "款"), ("政府预算经济分类", "科目名称"))
_EXPENDITURE: tuple[Path_, ...] = (
    ("总计",), ("基本支出", "小计"), ("基本支出", "工资福利支出"), ("基本支出", "公用经费"),
    ("基本支出", "对个人和家庭的补助"), ("项目支出", "小计"), ("项目支出", "一般性项目"), ("项目支出", "专项资金"))
_SOURCES: tuple[Path_, ...] = (("总计",), ("一般公共预算", "小计"), ("一般公共预算", "其中：财政拨款"), ("政府性基金",),
                               ("专户管理的教育收费",), ("专户管理的教育收费结余（结转）",), ("国有资本经营预算收入",),
                               ("事业收入",), ("经营收入",), ("事业基金",), ("其他收入",), ("部门结转",))
_GPB_SOURCES = ("合计", "财政拨款", "纳入预算管理的行政事业性收费", "专项收入", "国有资源（资产）有偿使用收入",
                "国有资本经营收入", "政府住房基金收入", "债务收入", "其他一般公共预算收入", "上级预拨",
                "动用预算稳定调节基金", "上年结余（结转）")
_BASIC: tuple[Path_, ...] = tuple(("一般公共预算", w) for w in _GPB_SOURCES)
_BALANCE_SOURCES = ("一般公共预算", "政府性基金", "专户管理的教育收费", "专户管理的教育收费结余（结转）",
                    "国有资本经营预算收入", "事业收入", "经营收入", "事业基金", "其他收入")
_SUMMARY_EXPENDITURE: tuple[Path_, ...] = (
    ("支出", "合计"), ("支出", "用事业单位基金弥补收支差额"), ("支出", "部门结转"), ("支出", "本年支出", "小计"),
    ("支出", "本年支出", "一般公共预算", "小计"), ("支出", "本年支出", "一般公共预算", "其中：财政拨款"),
    *(("支出", "本年支出", w) for w in _BALANCE_SOURCES[1:]))
_INCOME: tuple[Path_, ...] = (("收入", "项目"), ("收入", "金额"), ("支出", "项目"))


def _block(start: int, count: int, sums: Iterable[tuple[int, Iterable[int]]] = (),
           within: Iterable[tuple[int, int]] = ()) -> Block:
    return Block(tuple(range(start, start + count)), tuple((t, tuple(p)) for t, p in sums), tuple(within))


_EXPENDITURE_SUMS = ((0, (1, 5)), (1, (2, 3, 4)), (5, (6, 7)))
_SOURCE_SUMS = ((0, (1, 3, 4, 5, 6, 7, 8, 9, 10, 11)),)

LAYOUTS: tuple[Layout, ...] = (
    Layout("summary-2020", "balance", ("部门收支总体情况表",), (*_INCOME, *_SUMMARY_EXPENDITURE), ((0,), (2,)),
           (_block(1, 1), _block(3, 14, ((0, (1, 2, 3)), (3, (4, 6, 7, 8, 9, 10, 11, 12, 13))), ((5, 4),))),
           income_groups=("一般公共预算", "政府性基金")),
    Layout("fiscal-2020", "balance", ("财政拨款收支总体情况表",),
           (*_INCOME, ("支出", "合计"), ("支出", "一般公共预算", "小计"), ("支出", "一般公共预算", "其中：财政拨款"),
            ("支出", "政府性基金"), ("支出", "国有资本经营预算")), ((0,), (2,)),
           (_block(1, 1), _block(3, 5, ((0, (1, 3, 4)),), ((2, 1),))),
           extra_words=("本年支出小计",), income_groups=("一般公共预算", "政府性基金")),
    Layout("income-2020", "matrix", ("部门收入总体情况表",), (*_FUNCTIONAL, *_SOURCES), ((0, 1, 2, 3, 4),),
           (_block(5, 12, _SOURCE_SUMS, ((2, 1),)),)),
    Layout("expenditure-2020", "matrix", ("部门支出总体情况表", "一般公共预算支出情况表", "政府性基金预算支出情况表"),
           (*_FUNCTIONAL, *_EXPENDITURE), ((0, 1, 2, 3, 4),), (_block(5, 8, _EXPENDITURE_SUMS),)),
    Layout("econ-2020", "matrix", ("支出经济分类汇总表",), (*_ECON, *_SOURCES), ((0, 1, 2), (3, 4, 5)),
           (_block(6, 12, _SOURCE_SUMS, ((2, 1),)),)),
    Layout("basic-2020", "matrix", ("一般公共预算基本支出情况表",), (*_ECON, *_BASIC), ((0, 1, 2), (3, 4, 5)),
           (_block(6, 12, ((0, tuple(range(1, 12))),)),)),
    Layout("three-public", "list", ("三公经费支出情况表",), (("项目",), ("{value}",)), ((0,),), (_block(1, 1),)),
)


# ── tokens ───────────────────────────────────────────────────────────────────────────────────

_MARKS = re.compile(r"^(?:\*{1,2}\s+)+\d+(?:\s+\d+)*$")
_DASH = frozenset({"-", "—", "–", "－", "--", "——"})
_SPLIT_CODES = re.compile(r"^\d{3}(?:\s+\d{2}){1,2}(?:\s+\d{3,})?$")
_PROSE = re.compile(r"^[，。、；：,;:）)]")
_SHORT = 3


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def number(self) -> bool:
        return bool(AMOUNT.match(self.text)) or self.text in _DASH


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _value(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return Decimal(0)


def _squash(text: str) -> str:
    return re.sub(r"[\s“”‘’\"']", "", text)


def _is_marks(text: str) -> bool:
    return bool(_MARKS.match(text.strip()))


def _marks(text: str) -> tuple[int, int]:
    tokens = text.split()
    return sum(1 for t in tokens if t.startswith("*")), sum(1 for t in tokens if t.isdigit())


# ── the table being read ─────────────────────────────────────────────────────────────────────


@dataclass(slots=True)
class FlatRow:
    cells: list[str]
    """Label cells (numeric cells stay blank until the numbers are placed)."""
    numbers: list[list[str]]
    """The printed numbers of each block, left to right."""
    line: Line
    group: bool = False
    """An income group label printed vertically (一般公共预算 / 政府性基金)."""


@dataclass(slots=True)
class FlatTable:
    title: str
    layout: Layout | None
    paths: tuple[Path_, ...]
    header: tuple[tuple[RawCell, ...], ...]
    rows: list[FlatRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> tuple[Block, ...]:
        if self.layout is not None:
            return self.layout.blocks
        return ()


def _fragment_words(layout: Layout) -> tuple[str, ...]:
    return (*layout.words, *layout.extra_words)


def _is_fragment(token: str, words: Sequence[str]) -> bool:
    """A piece of a header word (header cells wrap over lines; two cells may be glued together)."""
    t = _squash(token)
    if not t:
        return True
    if any(t in w for w in words):
        return True
    for p in range(1, len(t)):
        if any(w.endswith(t[:p]) for w in words) and any(_is_fragment(t[p:], [w]) or w.startswith(t[p:])
                                                         for w in words):
            return True
    return False


def _fragment_line(text: str, words: Sequence[str]) -> bool:
    tokens = text.split()
    return bool(tokens) and not any(AMOUNT.match(t) for t in tokens) and all(_is_fragment(t, words) for t in tokens)


def _title_names(layout: Layout, title: str) -> bool:
    t = _squash(title)
    return any(_squash(w) in t for w in layout.titles)


def _verifies(layout: Layout, header: Sequence[Line], marks: tuple[int, int] | None) -> bool:
    joined = _squash("".join(line.text for line in header))
    if not all(_squash(w) in joined for w in layout.words):
        return False
    if marks is not None:
        labels = sum(len(g) for g in layout.groups)
        numeric = sum(len(b.columns) for b in layout.blocks)
        return marks == (labels, numeric)
    return True


def _header_extent(layout: Layout, lines: Sequence[Line], marks_at: int | None) -> int:
    """Number of leading lines that are the header (the ``**`` row included)."""
    if marks_at is not None:
        return marks_at + 1
    if layout.kind == "list":  # one header line: 项目 and the amount column
        return 1 if lines and _squash(lines[0].text).startswith(_squash(layout.paths[0][0])) else 0
    words = _fragment_words(layout)
    k = 0
    while k < len(lines) and _fragment_line(lines[k].text, words):
        k += 1
    return k


def read_flat(title: str, lines: Sequence[Line], form: bool) -> FlatTable:
    """Read the lines of a flattened table (no blank lines, notes already taken off)."""
    marks_at = next((k for k, line in enumerate(lines) if _is_marks(line.text)), None)
    marks = _marks(lines[marks_at].text) if marks_at is not None else None
    if not form:
        named = [lay for lay in LAYOUTS if _title_names(lay, title)]
        others = [lay for lay in LAYOUTS if lay not in named] if marks is not None else []
        for layout in (*named, *others):
            extent = _header_extent(layout, lines, marks_at)
            if extent and _verifies(layout, lines[:extent], marks):
                return _read_layout(title, layout, lines, extent)
        if marks_at is not None and marks is not None:
            return _read_numbered(title, lines, marks_at, marks)
    return _read_form(title, lines)


def _read_layout(title: str, layout: Layout, lines: Sequence[Line], extent: int) -> FlatTable:
    paths = layout.paths
    header_lines = list(lines[:extent])
    body = list(lines[extent:])
    if layout.kind == "list":
        value = clean(" ".join(line.text for line in header_lines))
        value = value.removeprefix(layout.paths[0][0]).strip() or "金额"
        paths = (layout.paths[0], (value,))
    table = FlatTable(title, layout, paths, header_from_paths(paths))
    if layout.kind == "balance":
        # an income group label printed vertically just above the first body line belongs to the body
        run = _short_run_back(header_lines)
        if run and "".join(line.stripped for line in run) in layout.income_groups:
            body = run + body
        _read_balance(table, layout, _drop_repeated_headers(body, layout))
    elif layout.kind == "list":
        for line in body:
            labels, numbers = _split_trailing_numbers(line.text)
            table.rows.append(FlatRow([labels, ""], [numbers], line))
    else:
        _read_matrix(table, layout, _drop_repeated_headers(body, layout))
    return table


def _short_run_back(lines: Sequence[Line]) -> list[Line]:
    run: list[Line] = []
    for line in reversed(lines):
        if len(line.stripped) <= _SHORT and len(line.text.split()) == 1 and not AMOUNT.match(line.stripped):
            run.insert(0, line)
        else:
            break
    return run if len(run) >= 2 else []


def _drop_repeated_headers(body: list[Line], layout: Layout) -> list[Line]:
    """Header lines printed again inside the body (a page break without the title) are dropped."""
    words = _fragment_words(layout)
    out: list[Line] = []
    pending: list[Line] = []
    for line in body:
        if _is_marks(line.text):
            pending.clear()
            continue
        if _fragment_line(line.text, words) and not is_total_label(line.stripped):
            pending.append(line)
            continue
        out.extend(pending)
        pending.clear()
        out.append(line)
    out.extend(pending)
    return out


def _split_trailing_numbers(text: str) -> tuple[str, list[str]]:
    tokens = _tokens(text)
    k = len(tokens)
    while k > 0 and tokens[k - 1].number:
        k -= 1
    label = clean(" ".join(t.text for t in tokens[:k]))
    return label, [t.text for t in tokens[k:]]


# ── matrix tables: codes, names, numbers ─────────────────────────────────────────────────────


def _read_matrix(table: FlatTable, layout: Layout, body: Sequence[Line]) -> None:
    width = len(table.paths)
    for line in body:
        tokens = _tokens(line.text)
        texts = [k for k, t in enumerate(tokens) if not t.number]
        if not texts:
            if _SPLIT_CODES.match(line.stripped):  # codes alone: the name follows on the next lines
                row = FlatRow([""] * width, [[]], line)
                _place_labels(row, layout, [([t.text for t in tokens], "")])
                table.rows.append(row)
            elif table.rows and not table.rows[-1].numbers[0]:
                table.rows[-1].numbers[0] = [t.text for t in tokens]
            else:
                table.rows.append(FlatRow([""] * width, [[t.text for t in tokens]], line))
            continue
        last = texts[-1]
        numbers = [t.text for t in tokens[last + 1:]]
        segments = _segments(tokens[: last + 1])
        prev = table.rows[-1] if table.rows else None
        if (prev is not None and not segments[0][0] and len(segments) == 1 and _coded(prev, layout)
                and (not prev.numbers[0] or len(segments[0][1]) <= 6)):
            name_col = layout.groups[0][-1]
            for group in layout.groups:  # continue the last name printed in the row
                if prev.cells[group[-1]]:
                    name_col = group[-1]
            prev.cells[name_col] = clean(prev.cells[name_col] + segments[0][1])
            if numbers and not prev.numbers[0]:
                prev.numbers[0] = numbers
            continue
        row = FlatRow([""] * width, [numbers], line)
        _place_labels(row, layout, segments)
        table.rows.append(row)


def _segments(tokens: Sequence[_Token]) -> list[tuple[list[str], str]]:
    """(codes, name) pairs of a row's label part: ``302 30201 办公费 505 50502 商品和服务支出``."""
    out: list[tuple[list[str], str]] = []
    codes: list[str] = []
    name: list[str] = []
    for token in tokens:
        if token.text.isdigit():
            if name:
                out.append((codes, clean(" ".join(name))))
                codes, name = [], []
            codes.append(token.text)
        else:
            name.append(token.text)
    out.append((codes, clean(" ".join(name))))
    return out


def _coded(row: FlatRow, layout: Layout) -> bool:
    return any(row.cells[c] for group in layout.groups for c in group[:-1])


def _place_labels(row: FlatRow, layout: Layout, segments: Sequence[tuple[list[str], str]]) -> None:
    groups = layout.groups
    for k, (codes, name) in enumerate(segments):
        group = groups[min(k, len(groups) - 1)]
        code_cols = list(group[:-1])
        name_col = group[-1]
        if k >= len(groups):  # more names than groups: keep them in the last name
            row.cells[name_col] = clean(" ".join(x for x in (row.cells[name_col], *codes, name) if x))
            continue
        unit_col = next((c for c in code_cols if "单位" in "".join(layout.paths[c])), None)
        if unit_col is not None and len(codes) == 1 and not (len(codes[0]) == 3 and name.endswith("支出")):
            row.cells[unit_col] = codes[0]  # 124 济源市…: a unit code, not a 类 code
        else:
            for col, code in zip(code_cols, codes, strict=False):
                row.cells[col] = code
            extra = codes[len(code_cols):]
            if extra:
                name = clean(" ".join([*extra, name]))
        row.cells[name_col] = name


# ── two-sided 收支 tables ────────────────────────────────────────────────────────────────────


def _read_balance(table: FlatTable, layout: Layout, body: Sequence[Line]) -> None:
    width = len(table.paths)
    income_col, exp_col = layout.groups[0][0], layout.groups[1][0]
    income_numbered = False
    k = 0
    while k < len(body):
        line = body[k]
        run = _short_run(body, k)
        if len(run) >= 2:  # 一般 / 公共 / 预算 printed down the income side
            name = "".join(r.stripped for r in run)
            row = FlatRow([""] * width, [[], []], line, group=True)
            row.cells[income_col] = name
            table.rows.append(row)
            k += len(run)
            continue
        k += 1
        prev = table.rows[-1] if table.rows else None
        if run and prev is not None and not prev.group and line.stripped not in {"小计", "合计", "总计", "共计"}:
            col = exp_col if prev.cells[exp_col] else income_col
            if prev.cells[col]:  # a label wrapped onto a line of its own: ``…补助类专`` / ``项支出``
                prev.cells[col] = clean(prev.cells[col] + line.stripped)
                continue
        income, income_numbers, expenditure, exp_numbers = _cut_balance_line(line, income_numbered)
        if income and expenditure and numbering(income):
            income_numbered = True
        row = FlatRow([""] * width, [income_numbers, exp_numbers], line)
        row.cells[income_col] = income
        row.cells[exp_col] = expenditure
        if (prev is not None and not prev.group and not income and not income_numbers
                and prev.cells[income_col] and not prev.cells[exp_col] and not prev.numbers[0]
                and not prev.numbers[1]):
            prev.cells[exp_col] = expenditure  # ``上级预拨`` / ``    2、对个人和家庭的补助类专``: one printed row
            prev.numbers[1] = exp_numbers
            continue
        table.rows.append(row)


def _short_run(body: Sequence[Line], k: int) -> list[Line]:
    run: list[Line] = []
    while k < len(body):
        text = body[k].stripped
        if len(text) > _SHORT or len(text.split()) != 1 or AMOUNT.match(text):
            break
        run.append(body[k])
        k += 1
    return run


def _expenditure_side(label: str, indent: int, income_numbered: bool) -> bool:
    if indent >= 2:
        return True
    if numbering(label) is not None and not income_numbered:
        return True
    return "支出" in label


def _cut_balance_line(line: Line, income_numbered: bool) -> tuple[str, list[str], str, list[str]]:
    """(income label, income amounts, expenditure label, expenditure amounts) of one printed line."""
    runs: list[tuple[bool, list[_Token]]] = []
    for token in _tokens(line.text):
        if runs and runs[-1][0] == token.number:
            runs[-1][1].append(token)
        else:
            runs.append((token.number, [token]))
    texts = [tokens for is_number, tokens in runs if not is_number]
    numbers = [[t.text for t in tokens] for is_number, tokens in runs if is_number]
    if not texts:
        return "", [], "", [n for group in numbers for n in group]
    starts_with_text = not runs[0][0]
    if len(texts) >= 2 and starts_with_text:
        income = _join(texts[0])
        income_numbers = numbers[0] if runs[1][0] else []
        expenditure = _join([t for group in texts[1:] for t in group])
        rest = numbers[1:] if runs[1][0] else numbers
        return income, income_numbers, expenditure, [n for group in rest for n in group]
    label_tokens = texts[0]
    trailing = [n for group in numbers for n in group]
    if len(label_tokens) >= 2 and line.indent < 2:  # an indented line is the expenditure side only
        cut = _widest_gap(label_tokens)
        return _join(label_tokens[:cut]), [], _join(label_tokens[cut:]), trailing
    label = _join(label_tokens)
    if _expenditure_side(label, line.indent, income_numbered) or len(trailing) > 1:
        return "", [], label, trailing
    return label, trailing, "", []


def _widest_gap(tokens: Sequence[_Token]) -> int:
    gaps = [tokens[k + 1].start - tokens[k].end for k in range(len(tokens) - 1)]
    widest = max(gaps)
    return gaps.index(widest) + 1


def _join(tokens: Sequence[_Token]) -> str:
    return clean(" ".join(t.text for t in tokens))


# ── forms and unknown layouts ────────────────────────────────────────────────────────────────


def _read_numbered(title: str, lines: Sequence[Line], marks_at: int, marks: tuple[int, int]) -> FlatTable:
    """An unknown layout with a ``** ** 1 2 3`` row: label columns and numbered columns, no arithmetic."""
    labels, numeric = marks
    paths: tuple[Path_, ...] = (*(("栏目",) for _ in range(labels)), *((str(n + 1),) for n in range(numeric)))
    header_text = clean(" ".join(line.text for line in lines[:marks_at]))
    header = ((RawCell(header_text, len(paths)),),) if header_text else ()
    layout = Layout("unknown", "matrix", (), paths, (tuple(range(labels)),), (_block(labels, numeric),))
    table = FlatTable(title, layout, paths, header)
    table.warnings.append(f"「{title}」的表头没有按已知的版式还原，列按栏次（1–{numeric}）编号；"
                          "一行的数少于栏数时按靠左的栏放置，请核对原表。")
    _read_matrix(table, layout, lines[marks_at + 1:])
    return table


def _read_form(title: str, lines: Sequence[Line]) -> FlatTable:
    """A form (绩效目标表) or a table of unknown layout: one row per line, split on spaces unless prose."""
    rows: list[list[str]] = []
    firsts: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        run = _short_run(lines, k)
        if len(run) >= 2:  # 年度 / 履职 / 目标: a label printed down a narrow cell
            rows.append(["".join(r.stripped for r in run)])
            firsts.append(line)
            k += len(run)
            continue
        k += 1
        prev = rows[-1] if rows else None
        if (run and prev is not None and sum(1 for c in prev if c) == 1 and len(prev[0]) >= 8
                and not _PROSE.match(prev[0][-1]) and not prev[0].endswith(("。", "；"))):
            prev[0] += line.stripped  # ``强化防范非法集资宣`` / ``传``: a cell wrapped onto its own line
            continue
        firsts.append(line)
        tokens = line.stripped.split()
        if len(tokens) > 1 and not any(_PROSE.match(t) for t in tokens[1:]):
            rows.append([clean(t) for t in tokens])
        else:
            rows.append([clean(line.stripped)])
    width = max((len(r) for r in rows), default=0)
    table = FlatTable(title, None, tuple(() for _ in range(width)), ())
    for cells, line in zip(rows, firsts, strict=True):
        table.rows.append(FlatRow(cells + [""] * (width - len(cells)), [], line))
    return table


# ── placing the numbers ──────────────────────────────────────────────────────────────────────

_COMBINATIONS_LIMIT = 50_000


def hint_name(text: str) -> str:
    """The name a 收支 row and a column header share: ``一、基本支出`` and ``基本支出/小计`` → ``基本``."""
    name = strip_numbering(text)
    return name.removesuffix("支出") or name


def _column_name(path: Path_) -> str:
    words = [w for w in path if w]
    while len(words) > 1 and words[-1] in {"小计", "合计"}:
        words.pop()
    return hint_name(words[-1]) if words else ""


def hints_of(table: FlatTable) -> dict[str, bool]:
    """Which expenditure parts have money, as a 收支总体情况表 says (row name → non-zero)."""
    if table.layout is None or table.layout.kind != "balance":
        return {}
    exp_col = table.layout.groups[1][0]
    first = table.layout.blocks[1].columns[0]
    out: dict[str, bool] = {}
    for row in table.rows:
        label = row.cells[exp_col]
        if label and not is_total_label(label):
            out.setdefault(hint_name(label), _value(row.cells[first]) != 0 if row.cells[first] else False)
    return out


@dataclass(frozen=True, slots=True)
class _Fit:
    positions: tuple[int, ...]
    broken: int
    ties: int
    basis: str


def _broken(block: Block, values: list[int], tolerance: int) -> int:
    """How many of the block's equalities the placed values break (values in scaled integers)."""
    broken = 0
    for total, parts in block.sums:
        if abs(values[total] - sum(values[p] for p in parts)) > tolerance * len(parts):
            broken += 1
    for part, whole in block.within:
        if values[part] > values[whole] + tolerance:
            broken += 1
    return broken


def _scaled(numbers: Sequence[str]) -> tuple[list[int], int]:
    """The numbers as integers of their finest printed decimal, and 0.01 in that scale."""
    decimals = max((len(x.split(".")[1]) for x in numbers if "." in x), default=0)
    decimals = max(decimals, 2)
    scale = Decimal(10) ** decimals
    return [int(_value(x) * scale) for x in numbers], int(Decimal("0.01") * scale)


def _fit(numbers: Sequence[str], block: Block, total: dict[int, Decimal] | None, hints: dict[int, bool]) -> _Fit:
    """The placement of a row's numbers; ``total`` is the 合计 row (block position → its non-zero amount)."""
    n, k = len(block.columns), len(numbers)
    if k >= n:
        return _Fit(tuple(range(n)), 0, 1, "")
    values, tolerance = _scaled(numbers)
    scale = Decimal(tolerance * 100)
    bound = {c: int(v * scale) for c, v in total.items()} if total is not None else None
    # placements inside the columns the 合计 row uses come first; the rest only when none of them fits
    pools = [sorted(bound), list(range(n))] if bound is not None and len(bound) >= k else [list(range(n))]
    scored: list[tuple[int, int, int, tuple[int, ...]]] = []
    for pool in pools:
        scored = []
        for count, combo in enumerate(combinations(pool, k)):
            if count >= _COMBINATIONS_LIMIT:
                break
            placed = [0] * n
            for c, v in zip(combo, values, strict=True):
                placed[c] = v
            outside = 0 if bound is None or all(c in bound and placed[c] <= bound[c] + tolerance for c in combo) else 1
            hint = sum((1 if (placed[c] != 0) == money else -1) for c, money in hints.items())
            scored.append((_broken(block, placed, tolerance), outside, -hint, combo))
        scored.sort()
        if scored[0][0] == 0:
            break
    best = scored[0]
    tied = [key for key in scored if key[:2] == best[:2]]
    basis = ""
    if len(tied) > 1:
        basis = "hints" if hints and tied[0][2] < tied[1][2] else "left"
    return _Fit(best[3], best[0], len(tied), basis)


def _columns_text(table: FlatTable, block: Block, positions: Iterable[int]) -> str:
    return "、".join("/".join(w for w in table.paths[block.columns[p]] if w) for p in positions)


def _row_label(table: FlatTable, row: FlatRow) -> str:
    if table.layout is None:
        return ""
    labels = [row.cells[c] for group in table.layout.groups for c in group if row.cells[c]]
    return " ".join(labels)


def place_numbers(table: FlatTable, hints: dict[str, bool]) -> None:
    """Put every row's printed numbers into the numeric columns (warnings recorded on the table)."""
    for b, block in enumerate(table.blocks):
        block_hints = {p: hints[name] for p, c in enumerate(block.columns)
                       if (name := _column_name(table.paths[c])) in hints}
        order = sorted(range(len(table.rows)), key=lambda r: not _is_total_row(table, table.rows[r], b))
        total: dict[int, Decimal] | None = None
        for r in order:
            row = table.rows[r]
            numbers = row.numbers[b] if b < len(row.numbers) else []
            if not numbers:
                continue
            fit = _fit(numbers, block, total, block_hints)
            if len(numbers) > len(block.columns):
                extra = " ".join(numbers[len(block.columns):])
                where = f"「{table.title}」文件第 {row.line.number} 行（{_row_label(table, row)}）"
                table.warnings.append(f"{where}印有 {len(numbers)} 个数，多于 {len(block.columns)} 个数字列，"
                                      f"多出的 {extra} 未读入。")
            for p, text in zip(fit.positions, numbers, strict=False):
                row.cells[block.columns[p]] = text
            if total is None and _is_total_row(table, row, b):  # a part is never more than the 合计 row says
                total = {p: _value(x) for p, x in zip(fit.positions, numbers, strict=False) if _value(x) > 0}
            _warn(table, row, block, fit, len(numbers))


def _warn(table: FlatTable, row: FlatRow, block: Block, fit: _Fit, k: int) -> None:
    where = f"「{table.title}」文件第 {row.line.number} 行（{_row_label(table, row)}）"
    columns = _columns_text(table, block, fit.positions)
    if fit.broken:
        table.warnings.append(f"{where}的 {k} 个数按哪种列组合都不符合表内勾稽关系，"
                              f"已按最接近的组合放在：{columns}。请核对原表。")
    elif fit.ties > 1:
        how = ("按本文件收支总体情况表中各项有无数额选定" if fit.basis == "hints"
               else "无法进一步判断，按靠左的列放置")
        table.warnings.append(f"{where}印有 {k} 个数，按表内勾稽关系有 {fit.ties} 种放法；"
                              f"{how}：{columns}。请核对原表。")


def _is_total_row(table: FlatTable, row: FlatRow, block: int) -> bool:
    layout = table.layout
    if layout is None:
        return False
    if layout.kind == "balance":
        label = row.cells[layout.groups[1 if block else 0][0]]
        return bool(re.search(r"(收入|支出)?(合计|总计)$", label))
    name_cols = [g[-1] for g in layout.groups]
    return any(is_total_label(row.cells[c]) for c in name_cols)


def raw_rows(table: FlatTable) -> list[tuple[str, ...]]:
    return [tuple(row.cells) for row in table.rows]
