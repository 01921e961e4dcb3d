"""Family C: classification codes (支出功能分类, 部门/政府预算支出经济分类), as printed and as entered.

Codes are read from the tables as printed (so the rules work on imported disclosures too)
and, for a compiled budget, from its line items (located at the input cell).  The shipped
catalogue is partial: a code it lacks is a warning, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from yusuan.check.context import CheckContext
from yusuan.check.registry import Finding, rule
from yusuan.check.rules._codes import (
    ECON_LEVEL_LENGTH,
    ECON_PREFIX,
    FUNCTIONAL_LEVEL_LENGTH,
    ITEM_FIELDS,
    KIND_LABELS,
    CodeKind,
    Printed,
    at_printed,
    cell_text,
    econ_rows,
    functional_rows,
    is_code,
    item_codes,
    item_location,
    normalize_name,
    part_matches,
    printed_codes,
    printed_parts,
    spaced,
)
from yusuan.check.rules._tables import money
from yusuan.compute.model import Row, Table
from yusuan.domain.enums import ExpenditureKind

VALID_LENGTHS: Mapping[str, tuple[int, ...]] = {"f": (3, 5, 7), "d": (3, 5), "g": (3, 5)}

PROJECT_ONLY_CLASSES = frozenset({"309", "311", "312", "313"})
"""资本性支出（基本建设）, 对企业补助（基本建设）, 对企业补助, 对社会保障基金补助: project spending by nature."""
PROJECT_ONLY_CODES = frozenset({"31001", "31005"})
"""房屋建筑物购建, 基础设施建设 of 资本性支出."""

PERSONNEL_CLASS = "301"


def _known(ctx: CheckContext, kind: CodeKind) -> Mapping[str, str]:
    assert ctx.catalog is not None
    return {"f": ctx.catalog.functional, "d": ctx.catalog.econ, "g": ctx.catalog.gov_econ}[kind]


def _entered_name(ctx: CheckContext, kind: CodeKind, code: str) -> str:
    budget = ctx.budget
    if budget is None:
        return ""
    return {"f": budget.functional_name, "d": budget.econ_name, "g": budget.gov_econ_name}[kind](code)


def _quoted(name: str | None) -> str:
    return f"「{name}」" if name else ""


def _not_in_catalog(ctx: CheckContext, kind: CodeKind) -> Iterator[Finding]:
    """One finding per distinct code the catalogue lacks: at its first input row, else its first printed row."""
    known = _known(ctx, kind)
    seen: set[str] = set()
    if ctx.budget is not None:
        for n, item in enumerate(ctx.budget.items):
            code = item_codes(item).get(kind)
            if code is None or code in seen:
                continue
            seen.add(code)
            if code not in known:
                yield Finding(item_location(item, n, ITEM_FIELDS[kind]),
                              values={"code": code, "name": _quoted(_entered_name(ctx, kind, code)),
                                      "year": ctx.year})
    for printed in printed_codes(ctx):
        if printed.kind != kind or printed.code in seen:
            continue
        seen.add(printed.code)
        if is_code(printed.code, VALID_LENGTHS[kind]) and printed.code not in known:
            yield Finding(at_printed(ctx, printed),
                          values={"code": printed.code, "name": _quoted(printed.name), "year": ctx.year})


def _name_mismatch(ctx: CheckContext, kinds: tuple[CodeKind, ...]) -> Iterator[Finding]:
    """Printed names that differ from the catalogue's (once per code and printed name)."""
    seen: set[tuple[str, str, str]] = set()
    for printed in printed_codes(ctx):
        if printed.kind not in kinds or not printed.name:
            continue
        official = _known(ctx, printed.kind).get(printed.code)
        if official is None:
            continue
        actual = normalize_name(printed.name)
        if actual == normalize_name(official):
            continue
        key = (printed.kind, printed.code, actual)
        if key in seen:
            continue
        seen.add(key)
        yield Finding(at_printed(ctx, printed, printed.name_column),
                      values={"code": printed.code, "what": KIND_LABELS[printed.kind], "year": ctx.year},
                      expected=official, actual=printed.name)


@rule(
    code="C301", slug="functional-code-not-in-catalog", severity="warning", tier="strict",
    title="功能分类科目不在科目目录中",
    message="支出功能分类科目 {code}{name} 不在已加载的 {year} 年科目目录中",
    hint="核对编码是否录错；随附目录并不完整，如编码无误，请用 yusuan catalog load 加载当年的官方科目目录。",
    tags=("科目目录",), needs=("catalog",),
)
def functional_code_not_in_catalog(ctx: CheckContext) -> Iterator[Finding]:
    yield from _not_in_catalog(ctx, "f")


@rule(
    code="C302", slug="functional-name-mismatch", severity="warning", tier="strict",
    title="功能分类科目名称与科目目录不符",
    message="科目 {code} 印为“{actual}”，{year} 年科目目录中的名称为“{expected}”",
    hint="按当年《政府收支分类科目》更正科目名称；名称随年度调整的，使用预算年度的名称。",
    tags=("科目目录", "科目名称"), needs=("catalog", "tables"),
)
def functional_name_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    yield from _name_mismatch(ctx, ("f",))


def _malformed(ctx: CheckContext,
               rows: Iterable[tuple[Table, Row, str, tuple[str, str, str, str] | None]]) -> Iterator[Finding]:
    """A finding at the offending cell of every (table, row, code, problem) whose problem is not ``None``."""
    for table, row, code, problem in rows:
        if problem is not None:
            text, expected, actual, column = problem
            yield Finding(ctx.at_cell(table, row, column), values={"problem": text, "code": code},
                          expected=expected, actual=actual)


def _functional_problem(row: Row, code: str) -> tuple[str, str, str, str] | None:
    """(problem, expected, actual, column) of a functional row whose code is malformed or printed inconsistently."""
    if not is_code(code, (3, 5, 7)):
        return "格式不对", "3 位（类）、5 位（款）或 7 位（项）数字", code or "（空）", "name"
    want = FUNCTIONAL_LEVEL_LENGTH.get(row.level)
    if want is not None and len(code) != want:
        level = {3: "类", 5: "款", 7: "项"}[want]
        return f"与本行级次（{level}）不符", f"{want} 位数字", f"{code}（{len(code)} 位）", "name"
    for column, start, end in (("f_class", 0, 3), ("f_section", 3, 5), ("f_item", 5, 7)):
        if not part_matches(cell_text(row, column), code, start, end):
            printed = printed_parts(row, ("f_class", "f_section", "f_item"))
            return "的类/款/项与本行科目不一致", spaced(code, (3, 5, 7)), printed, column
    return None


@rule(
    code="C303", slug="functional-code-malformed", severity="error", tier="basic",
    title="功能分类科目编码格式或类款项不一致",
    message="支出功能分类科目编码{problem}：应为 {expected}，实为 {actual}",
    hint="功能分类编码为 3 位（类）、5 位（款）或 7 位（项）数字，类、款、项三栏应与科目一致。",
    tags=("科目编码",), needs=("tables",),
)
def functional_code_malformed(ctx: CheckContext) -> Iterator[Finding]:
    yield from _malformed(ctx, ((table, row, code, _functional_problem(row, code))
                                for table, row, code in functional_rows(ctx)))


@rule(
    code="C304", slug="econ-code-not-in-catalog", severity="warning", tier="strict",
    title="部门经济分类科目不在科目目录中",
    message="部门预算支出经济分类科目 {code}{name} 不在已加载的 {year} 年科目目录中",
    hint="核对编码是否录错；随附目录并不完整，如编码无误，请加载当年的部门预算支出经济分类科目目录。",
    tags=("科目目录", "经济分类"), needs=("catalog",),
)
def econ_code_not_in_catalog(ctx: CheckContext) -> Iterator[Finding]:
    yield from _not_in_catalog(ctx, "d")


@rule(
    code="C305", slug="econ-name-mismatch", severity="warning", tier="strict",
    title="经济分类科目名称与科目目录不符",
    message="{what} {code} 印为“{actual}”，{year} 年科目目录中的名称为“{expected}”",
    hint="按当年的部门预算支出经济分类和政府预算支出经济分类科目更正名称。",
    tags=("科目目录", "科目名称", "经济分类"), needs=("catalog", "tables"),
)
def econ_name_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    yield from _name_mismatch(ctx, ("d", "g"))


@rule(
    code="C306", slug="gov-econ-not-crosswalk", severity="error", tier="basic",
    title="政府经济分类与对应关系不符",
    message="部门经济分类 {econ} 按{unit_type}的对应关系应列政府经济分类 {expected}，实列 {actual}",
    hint="政府预算支出经济分类由部门预算经济分类按单位类型（行政/参公单位、事业单位）的对应关系确定；"
         "核对单位类型或对应关系。",
    tags=("经济分类", "对应关系"), needs=("catalog",),
)
def gov_econ_not_crosswalk(ctx: CheckContext) -> Iterator[Finding]:
    catalog = ctx.catalog
    assert catalog is not None
    seen: set[tuple[str, ...]] = set()
    if ctx.budget is not None:
        units = {u.code: u for u in ctx.budget.units}
        for n, item in enumerate(ctx.budget.items):
            unit = units.get(item.unit_code)
            if item.gov_econ_overridden or not item.gov_econ_code or unit is None:
                continue
            mapped = catalog.gov_code_for(item.econ_code, unit.type)
            key = (item.unit_code, item.econ_code, item.gov_econ_code)
            if mapped is None or mapped == item.gov_econ_code or key in seen:
                continue
            seen.add(key)
            yield Finding(item_location(item, n, "gov_econ"), values={"econ": item.econ_code,
                                                                      "unit_type": unit.type.label},
                          expected=mapped, actual=item.gov_econ_code)
        return
    for table, row, dept, gov in econ_rows(ctx):
        if gov is None or not is_code(dept, (5,)) or not is_code(gov, (5,)) or (dept, gov) in seen:
            continue
        accepted = {c for c in (catalog.crosswalk_organ.get(dept),
                                catalog.crosswalk_institution.get(dept) or catalog.crosswalk_institution.get(dept[:3]))
                    if c}
        if not accepted or gov in accepted:
            continue
        seen.add((dept, gov))
        yield Finding(ctx.at_cell(table, row, "g_section"), values={"econ": dept, "unit_type": "机关或事业单位"},
                      expected="或".join(sorted(accepted)), actual=gov)


@rule(
    code="C307", slug="gov-econ-code-not-in-catalog", severity="warning", tier="strict",
    title="政府经济分类科目不在科目目录中",
    message="政府预算支出经济分类科目 {code}{name} 不在已加载的 {year} 年科目目录中",
    hint="核对编码是否录错；随附目录并不完整，如编码无误，请加载当年的政府预算支出经济分类科目目录。",
    tags=("科目目录", "经济分类"), needs=("catalog",),
)
def gov_econ_code_not_in_catalog(ctx: CheckContext) -> Iterator[Finding]:
    yield from _not_in_catalog(ctx, "g")


def _project_only(code: str) -> bool:
    return code[:3] in PROJECT_ONLY_CLASSES or code in PROJECT_ONLY_CODES


def _first_money(table: Table, row: Row) -> tuple[str, int]:
    for column in table.money_columns():
        value = money(row, column.key)
        if value is not None:
            return column.key, value
    return "", 0


@rule(
    code="C308", slug="basic-on-project-codes", severity="warning", tier="strict",
    title="基本支出列支了项目类经济分类",
    message="基本支出列支了通常只用于项目支出的经济分类 {econ}{name}，金额 {actual}",
    hint="基本建设、对企业补助、对社会保障基金补助、房屋建筑物购建和基础设施建设等支出一般应作为项目支出安排。",
    tags=("经济分类", "基本支出"), needs=(),
)
def basic_on_project_codes(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.budget is not None:
        for n, item in enumerate(ctx.budget.items):
            if item.kind is ExpenditureKind.BASIC and _project_only(item.econ_code):
                yield Finding(item_location(item, n, "econ"),
                              values={"econ": item.econ_code, "name": _quoted(ctx.budget.econ_name(item.econ_code))},
                              actual=ctx.fmt(item.amount))
        return
    table = ctx.table("general_public_basic")
    if table is None:
        return
    rows = [(row, row.key[len(ECON_PREFIX):].partition("/")[0]) for row in table.rows
            if row.key.startswith(ECON_PREFIX)]
    sections = {dept[:3] for _, dept in rows if len(dept) == 5}
    for row, dept in rows:
        if not _project_only(dept) or (len(dept) == 3 and dept in sections):
            continue
        column, amount = _first_money(table, row)
        if amount:
            yield Finding(ctx.at_cell(table, row, column or None),
                          values={"econ": dept, "name": _quoted(cell_text(row, "d_name") or row.label)},
                          actual=ctx.fmt(amount, table))


@rule(
    code="C309", slug="personnel-in-project", severity="notice", tier="advisory",
    title="项目支出列支工资福利支出",
    message="项目「{project}」列支了工资福利支出 {econ}{name}，金额 {actual}",
    hint="人员工资福利一般在基本支出中安排；确需在项目中列支（如聘用人员劳务）的，请在项目说明中写明依据。",
    tags=("经济分类", "项目支出"), needs=("budget",),
)
def personnel_in_project(ctx: CheckContext) -> Iterator[Finding]:
    budget = ctx.budget
    assert budget is not None
    names = {p.code: p.name for p in budget.projects}
    for n, item in enumerate(budget.items):
        if item.kind is ExpenditureKind.PROJECT and item.econ_class == PERSONNEL_CLASS:
            project = item.project_code or ""
            yield Finding(item_location(item, n, "econ"),
                          values={"project": names.get(project) or project, "econ": item.econ_code,
                                  "name": _quoted(budget.econ_name(item.econ_code))},
                          actual=ctx.fmt(item.amount))


def _where(first: Printed, here: Printed) -> str:
    if first.table is here.table:
        return f"本表「{first.row.label or first.code}」行"
    return f"{first.table.code}「{first.table.title}」".strip()


@rule(
    code="C310", slug="code-printed-with-two-names", severity="warning", tier="basic",
    title="同一科目印有不同名称",
    message="{what} {code} 此处印为“{actual}”，{first}印为“{expected}”",
    hint="同一科目在各表中的名称应一致；按当年科目目录统一名称。",
    tags=("科目名称",), needs=("tables",),
)
def code_printed_with_two_names(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[tuple[str, str], tuple[str, Printed]] = {}
    reported: set[tuple[str, str, str]] = set()
    for printed in printed_codes(ctx):
        if not printed.name:
            continue
        norm = normalize_name(printed.name)
        key = (printed.kind, printed.code)
        if key not in first:
            first[key] = (norm, printed)
            continue
        first_norm, first_printed = first[key]
        if norm == first_norm or (*key, norm) in reported:
            continue
        reported.add((*key, norm))
        yield Finding(at_printed(ctx, printed, printed.name_column),
                      values={"what": KIND_LABELS[printed.kind], "code": printed.code,
                              "first": _where(first_printed, printed)},
                      expected=first_printed.name, actual=printed.name)


def _econ_problem(row: Row, dept: str, gov: str | None) -> tuple[str, str, str, str] | None:
    """(problem, expected, actual, column) of an economic row whose codes are malformed or printed inconsistently."""
    for side, code, prefix in (("部门", dept, "d"), ("政府", gov, "g")):
        if code is None:
            continue
        if not is_code(code, (3, 5)):
            return f"（{side}）格式不对", "3 位（类）或 5 位（款）数字", code or "（空）", f"{prefix}_name"
        want = ECON_LEVEL_LENGTH.get(row.level)
        if side == "部门" and want is not None and len(code) != want:
            level = {3: "类", 5: "款"}[want]
            return f"（部门）与本行级次（{level}）不符", f"{want} 位数字", f"{code}（{len(code)} 位）", "d_name"
        for column, start, end in ((f"{prefix}_class", 0, 3), (f"{prefix}_section", 3, 5)):
            if not part_matches(cell_text(row, column), code, start, end):
                printed = printed_parts(row, (f"{prefix}_class", f"{prefix}_section"))
                return f"（{side}）的类/款与本行科目不一致", spaced(code, (3, 5)), printed, column
    return None


@rule(
    code="C311", slug="econ-code-malformed", severity="error", tier="basic",
    title="经济分类科目编码格式或类款不一致",
    message="经济分类科目编码{problem}：应为 {expected}，实为 {actual}",
    hint="经济分类编码为 3 位（类）或 5 位（款）数字，类、款两栏应与本行科目一致。",
    tags=("科目编码", "经济分类"), needs=("tables",),
)
def econ_code_malformed(ctx: CheckContext) -> Iterator[Finding]:
    yield from _malformed(ctx, ((table, row, dept, _econ_problem(row, dept, gov))
                                for table, row, dept, gov in econ_rows(ctx)))


@rule(
    code="C312", slug="gov-econ-override", severity="warning", tier="strict",
    title="手工指定的政府经济分类与对应关系不符",
    message="部门经济分类 {econ} 的政府经济分类被指定为 {actual}，按{unit_type}的对应关系应为 {expected}",
    hint="确认手工指定（gov_econ）的理由；如无特殊规定，删除指定，由对应关系推得。",
    tags=("经济分类", "对应关系"), needs=("budget", "catalog"),
)
def gov_econ_override(ctx: CheckContext) -> Iterator[Finding]:
    catalog, budget = ctx.catalog, ctx.budget
    assert catalog is not None and budget is not None
    units = {u.code: u for u in budget.units}
    seen: set[tuple[str, str, str]] = set()
    for n, item in enumerate(budget.items):
        unit = units.get(item.unit_code)
        if not item.gov_econ_overridden or unit is None:
            continue
        mapped = catalog.gov_code_for(item.econ_code, unit.type)
        key = (item.unit_code, item.econ_code, item.gov_econ_code)
        if mapped is None or mapped == item.gov_econ_code or key in seen:
            continue
        seen.add(key)
        yield Finding(item_location(item, n, "gov_econ"),
                      values={"econ": item.econ_code, "unit_type": unit.type.label},
                      expected=mapped, actual=item.gov_econ_code)
