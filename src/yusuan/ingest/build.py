"""Turn an input of the :class:`BudgetIn` shape into the domain :class:`Budget`.

Every problem is collected with its location before anything is reported: the user
fixes the whole file in one pass.  Codes the loaded catalogue lacks are warnings;
names are filled in from the catalogue when the input gives only codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import ValidationError

from yusuan.catalog.loader import Catalog
from yusuan.domain.budget import (
    PRIOR_METRICS,
    PROJECT_DETAIL_KEYS,
    TEXT_KEYS,
    AssetFacts,
    Budget,
    Department,
    LineItem,
    PriorYear,
    Project,
    StaffFacts,
    Unit,
)
from yusuan.domain.codes import economic_level, functional_level, functional_parents, normalize_code
from yusuan.domain.enums import (
    ExpenditureKind,
    FundingSource,
    ProcurementKind,
    ProjectKind,
    UnitType,
    _Labelled,
)
from yusuan.domain.performance import DepartmentTargets, Indicator, IndicatorTree, TargetValue, Task
from yusuan.domain.source import SourceRef
from yusuan.ingest.errors import InputError, InputProblem
from yusuan.ingest.schema import BudgetIn, IndicatorIn
from yusuan.money import Fen, MoneyError, MoneyUnit, parse_money

Loc = tuple[str | int, ...]
Locator = Callable[[Loc], SourceRef]
E = TypeVar("E", bound=_Labelled)

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段（请检查拼写）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 是/否（true/false）",
    "bool_parsing": "应为 是/否（true/false）",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
    "list_type": "应为列表",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
}
_FIELD_NAMES = {
    "year": "预算年度", "department": "部门", "units": "预算单位", "items": "支出明细", "projects": "项目",
    "code": "编码", "name": "名称", "amount": "金额", "unit": "单位编码", "functional": "功能分类编码",
    "econ": "经济分类编码", "kind": "类型", "source": "资金来源", "targets": "绩效目标",
    "prior_year": "上年数", "texts": "文字说明",
}


def path_text(loc: Loc) -> str:
    """``("items", 3, "amount")`` → ``items[3].amount``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def default_locator(file: str | None) -> Locator:
    return lambda loc: SourceRef(file=file, path=path_text(loc) or None)


def validate_shape(raw: Any, locate: Locator) -> tuple[BudgetIn | None, list[tuple[InputProblem, Loc]]]:
    """Check the structure with pydantic; translate every error to Chinese with its location."""
    if not isinstance(raw, Mapping):
        return None, [(InputProblem("文件内容应为一个键值表（预算年度、部门、预算单位、支出明细…）", locate(()),
                                    code="bad-shape"), ())]
    try:
        return BudgetIn.model_validate(raw), []
    except ValidationError as exc:
        problems: list[tuple[InputProblem, Loc]] = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            # pydantic reports union branches separately; keep the first per location
            loc = tuple(p for p in loc if p not in ("decimal", "int", "float", "str", "bool"))
            msg = _PYDANTIC_MESSAGES.get(err["type"], err["msg"])
            field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
            label = _FIELD_NAMES.get(field, field)
            text = f"{label}：{msg}" if label else msg
            if any(p.where == locate(loc) for p, _ in problems):
                continue  # one message per location (union branches report once each)
            problems.append((InputProblem(text, locate(loc), code=err["type"]), loc))
        return None, problems


class _Builder:
    def __init__(self, data: BudgetIn, catalog: Catalog, locate: Locator) -> None:
        self.data = data
        self.catalog = catalog
        self.locate = locate
        self.problems: list[InputProblem] = []
        self.unit = MoneyUnit.WAN
        self._warned_codes: set[str] = set()

    def error(self, message: str, loc: Loc, code: str = "input") -> None:
        self.problems.append(InputProblem(message, self.locate(loc), "error", code))

    def warn(self, message: str, loc: Loc, code: str = "input") -> None:
        self.problems.append(InputProblem(message, self.locate(loc), "warning", code))

    def enum(self, cls: type[E], value: str, loc: Loc) -> E | None:
        try:
            return cls.parse(value)
        except ValueError as exc:
            self.error(str(exc), loc, "bad-value")
            return None

    def money(self, value: object, loc: Loc, what: str = "金额") -> Fen | None:
        try:
            amount = parse_money(value, self.unit, what)
        except MoneyError as exc:
            self.error(str(exc), loc, "bad-amount")
            return None
        return amount

    # -- sections -------------------------------------------------------------------------

    def build(self) -> Budget | None:
        d = self.data
        try:
            self.unit = MoneyUnit.parse(d.money_unit)
        except ValueError as exc:
            self.error(str(exc), ("money_unit",), "bad-value")
        if not 2000 <= d.year <= 2100:
            self.error(f"预算年度 {d.year} 不在 2000–2100 之间", ("year",), "bad-value")
        department = self.department()
        units = self.units()
        unit_types = {u.code: u.type for u in units}
        projects = self.projects(unit_types)
        items, names, econ_names = self.items(unit_types, {p.code: p for p in projects})
        prior = self.prior()
        if any(p.severity == "error" for p in self.problems):
            return None
        return Budget(
            year=d.year,
            department=department,
            units=tuple(units),
            items=tuple(items),
            projects=tuple(projects),
            prior=prior,
            staff=StaffFacts(MappingProxyType(dict(d.staff.authorized)), MappingProxyType(dict(d.staff.actual))),
            assets=self.assets(),
            texts=self.texts(),
            targets=self.department_targets(),
            names=MappingProxyType(names),
            econ_names=MappingProxyType(econ_names),
            pack=d.pack,
        )

    def department(self) -> Department:
        dep = self.data.department
        code = normalize_code(dep.code)
        if not code.isdigit():
            self.error(f"部门编码「{dep.code}」应为数字", ("department", "code"), "bad-code")
        if not dep.name.strip():
            self.error("部门名称不能为空", ("department", "name"), "missing")
        return Department(code=code, name=dep.name.strip(), region=dep.region.strip(),
                          short_name=dep.short_name.strip())

    def units(self) -> list[Unit]:
        out: list[Unit] = []
        seen: set[str] = set()
        if not self.data.units:
            self.error("至少需要一个预算单位", ("units",), "missing")
        for n, u in enumerate(self.data.units):
            code = normalize_code(u.code)
            if not code.isdigit():
                self.error(f"单位编码「{u.code}」应为数字", ("units", n, "code"), "bad-code")
            if code in seen:
                self.error(f"单位编码 {code} 重复", ("units", n, "code"), "duplicate")
            seen.add(code)
            utype = self.enum(UnitType, u.type, ("units", n, "type")) or UnitType.ADMINISTRATIVE
            out.append(Unit(code=code, name=u.name.strip(), type=utype, source=self.locate(("units", n))))
        return out

    def indicators(self, raw: list[IndicatorIn], base: Loc) -> IndicatorTree:
        out = []
        for n, ind in enumerate(raw):
            if not ind.name.strip():
                self.error("三级指标名称不能为空", (*base, n, "name"), "missing")
            if not ind.value.strip():
                self.warn(f"指标「{ind.name}」没有指标值", (*base, n, "value"), "missing")
            out.append(Indicator(ind.level1.strip(), ind.level2.strip(), ind.name.strip(),
                                 TargetValue.parse(ind.value), ind.description.strip(), self.locate((*base, n))))
        return IndicatorTree(tuple(out))

    def projects(self, unit_types: Mapping[str, UnitType]) -> list[Project]:
        out: list[Project] = []
        seen: set[str] = set()
        for n, p in enumerate(self.data.projects):
            loc: Loc = ("projects", n)
            code = p.code.strip()
            if not code:
                self.error("项目编码不能为空", (*loc, "code"), "missing")
            if code in seen:
                self.error(f"项目编码 {code} 重复", (*loc, "code"), "duplicate")
            seen.add(code)
            unit = normalize_code(p.unit)
            if unit not in unit_types:
                self.error(f"项目的单位编码 {unit} 不在预算单位中", (*loc, "unit"), "unknown-unit")
            kind = self.enum(ProjectKind, p.kind, (*loc, "kind")) or ProjectKind.SPECIFIC_PURPOSE
            for key in p.details:
                if key not in PROJECT_DETAIL_KEYS and key not in PROJECT_DETAIL_KEYS.values():
                    self.warn(f"不认识的项目信息「{key}」，已保留", (*loc, "details", key), "unknown-key")
            by_label = {v: k for k, v in PROJECT_DETAIL_KEYS.items()}
            details = {by_label.get(k, k): v for k, v in p.details.items()}
            total = self.money(p.total_amount, (*loc, "total_amount"), "项目总金额") if p.total_amount is not None \
                else None
            prior = self.money(p.prior_amount, (*loc, "prior_amount"), "上年金额") if p.prior_amount is not None \
                else None
            prior_total = self.money(p.prior_total_amount, (*loc, "prior_total_amount"), "上年度项目总金额") \
                if p.prior_total_amount is not None else None
            out.append(Project(code=code, name=p.name.strip(), unit_code=unit, kind=kind,
                               details=MappingProxyType(details), total_amount=total, prior_amount=prior,
                               prior_total_amount=prior_total,
                               targets=self.indicators(p.targets, (*loc, "targets")),
                               annual_goal=p.annual_goal.strip(), overall_goal=p.overall_goal.strip(),
                               source=self.locate(loc)))
        return out

    def _name(self, kind: str, code: str, given: Mapping[str, str], loc: Loc) -> str:
        table = {"f": self.catalog.functional, "d": self.catalog.econ, "g": self.catalog.gov_econ}[kind]
        what = {"f": "支出功能分类科目", "d": "部门预算支出经济分类科目", "g": "政府预算支出经济分类科目"}[kind]
        if code in given:
            return given[code]
        name = table.get(code)
        if name is None:
            tag = f"{kind}:{code}"
            if tag not in self._warned_codes:
                self._warned_codes.add(tag)
                self.warn(f"{what} {code} 不在已加载的 {self.data.year} 年科目目录中，且未填写名称；"
                          "请核对编码或加载官方目录（yusuan catalog load）", loc, "unknown-code")
            return ""
        return name

    def items(
        self, unit_types: Mapping[str, UnitType], projects: Mapping[str, Project]
    ) -> tuple[list[LineItem], dict[str, str], dict[str, str]]:
        given = self.data.names
        fnames = {normalize_code(k): v for k, v in given.functional.items()}
        enames = {normalize_code(k): v for k, v in given.econ.items()}
        gnames = {normalize_code(k): v for k, v in given.gov_econ.items()}
        names: dict[str, str] = {}
        econ_names: dict[str, str] = {}
        out: list[LineItem] = []
        if not self.data.items:
            self.error("支出明细为空：至少需要一行预算数据", ("items",), "missing")
        for n, it in enumerate(self.data.items):
            loc: Loc = ("items", n)
            ok = True
            unit = normalize_code(it.unit)
            if unit not in unit_types:
                self.error(f"单位编码 {unit} 不在预算单位中", (*loc, "unit"), "unknown-unit")
                ok = False
            fcode = normalize_code(it.functional)
            if functional_level(fcode) is None or len(fcode) != 7:
                self.error(f"功能分类编码「{it.functional}」应为 7 位数字的项级科目（如 2010301）",
                           (*loc, "functional"), "bad-code")
                ok = False
            ecode = normalize_code(it.econ)
            if economic_level(ecode) is None or len(ecode) != 5:
                self.error(f"部门经济分类编码「{it.econ}」应为 5 位数字的款级科目（如 30101）", (*loc, "econ"),
                           "bad-code")
                ok = False
            kind = self.enum(ExpenditureKind, it.kind, (*loc, "kind"))
            source = self.enum(FundingSource, it.source, (*loc, "source"))
            amount = self.money(it.amount, (*loc, "amount"))
            if amount is not None and amount < 0:
                self.warn("金额为负数，请确认是否为冲减", (*loc, "amount"), "negative")
            project_code = it.project.strip() if it.project else None
            project = projects.get(project_code) if project_code else None
            if kind is ExpenditureKind.PROJECT and not project_code:
                self.error("项目支出必须填写项目编码", (*loc, "project"), "missing")
                ok = False
            elif project_code and project is None:
                self.error(f"项目编码 {project_code} 不在项目表中", (*loc, "project"), "unknown-project")
                ok = False
            elif kind is ExpenditureKind.BASIC and project_code:
                self.error("基本支出不应填写项目编码", (*loc, "project"), "bad-value")
                ok = False
            if project is not None and project.unit_code != unit:
                self.warn(f"项目 {project.code} 属于单位 {project.unit_code}，本行单位为 {unit}", (*loc, "unit"),
                          "unit-mismatch")
            proc_amount: Fen = 0
            proc_kind: ProcurementKind | None = None
            if it.procurement is not None:
                proc_amount = self.money(it.procurement.amount, (*loc, "procurement", "amount"), "政府采购金额") or 0
                proc_kind = self.enum(ProcurementKind, it.procurement.kind, (*loc, "procurement", "kind"))
                if amount is not None and proc_amount > amount:
                    self.error("政府采购金额大于本行支出金额", (*loc, "procurement", "amount"), "bad-amount")
            gov = ""
            overridden = False
            if it.gov_econ:
                gov = normalize_code(it.gov_econ)
                overridden = True
                if economic_level(gov) is None or len(gov) != 5:
                    self.error(f"政府经济分类编码「{it.gov_econ}」应为 5 位数字", (*loc, "gov_econ"), "bad-code")
                    ok = False
            elif ok and unit in unit_types:
                mapped = self.catalog.gov_code_for(ecode, unit_types[unit])
                if mapped is None:
                    self.warn(f"部门经济分类 {ecode} 在对应关系中找不到政府预算经济分类，请在 gov_econ 中填写",
                              (*loc, "econ"), "unmapped")
                    gov = ""
                else:
                    gov = mapped
            if not ok or kind is None or source is None or amount is None:
                continue
            for code in (*functional_parents(fcode), fcode):
                if f"f:{code}" not in names:
                    names[f"f:{code}"] = self._name("f", code, fnames, (*loc, "functional"))
            for code in (ecode[:3], ecode):
                if f"d:{code}" not in econ_names:
                    econ_names[f"d:{code}"] = self._name("d", code, enames, (*loc, "econ"))
            if gov:
                for code in (gov[:3], gov):
                    if f"g:{code}" not in econ_names:
                        econ_names[f"g:{code}"] = self._name("g", code, gnames, (*loc, "gov_econ"))
            out.append(LineItem(
                unit_code=unit, functional_code=fcode, econ_code=ecode, gov_econ_code=gov, kind=kind,
                source=source, amount=amount, carryover=it.carryover, project_code=project_code,
                project_kind=project.kind if project else None, procurement_amount=proc_amount,
                procurement_kind=proc_kind, gov_econ_overridden=overridden, source_ref=self.locate(loc),
            ))
        used_projects = {i.project_code for i in out if i.project_code}
        for n, p in enumerate(self.data.projects):
            if p.code.strip() not in used_projects and not any(pr.severity == "error" for pr in self.problems):
                self.warn(f"项目 {p.code}「{p.name}」没有任何支出明细", ("projects", n), "unused-project")
        return out, names, econ_names

    def prior(self) -> PriorYear | None:
        py = self.data.prior_year
        if py is None:
            return None
        if py.year != self.data.year - 1:
            self.warn(f"上年数的年度为 {py.year}，预算年度为 {self.data.year}，通常应为 {self.data.year - 1}",
                      ("prior_year", "year"), "bad-year")
        by_label = {v: k for k, v in PRIOR_METRICS.items()}
        amounts: dict[str, Fen] = {}
        for key, value in py.amounts.items():
            metric = key if key in PRIOR_METRICS else by_label.get(key)
            if metric is None:
                self.error(f"不认识的上年数项目「{key}」，可选：{'、'.join(PRIOR_METRICS.values())}",
                           ("prior_year", "amounts", key), "unknown-key")
                continue
            fen = self.money(value, ("prior_year", "amounts", key), PRIOR_METRICS[metric])
            if fen is not None:
                amounts[metric] = fen
        return PriorYear(py.year, MappingProxyType(amounts))

    def assets(self) -> AssetFacts:
        a = self.data.assets
        amounts: dict[str, Fen] = {}
        for key, value in a.amounts.items():
            fen = self.money(value, ("assets", "amounts", key), key)
            if fen is not None:
                amounts[key] = fen
        return AssetFacts(a.as_of, MappingProxyType(amounts), MappingProxyType(dict(a.counts)))

    def texts(self) -> Mapping[str, str]:
        by_label = {v: k for k, v in TEXT_KEYS.items()}
        out: dict[str, str] = {}
        for key, value in self.data.texts.items():
            canonical = key if key in TEXT_KEYS else by_label.get(key)
            if canonical is None:
                self.warn(f"不认识的文字说明项「{key}」，已保留", ("texts", key), "unknown-key")
                canonical = key
            out[canonical] = value.strip()
        return MappingProxyType(out)

    def department_targets(self) -> DepartmentTargets:
        t = self.data.targets
        return DepartmentTargets(
            annual_goal=t.annual_goal.strip(),
            tasks=tuple(Task(x.name.strip(), x.content.strip()) for x in t.tasks),
            indicators=self.indicators(t.indicators, ("targets", "indicators")),
        )


def _order(problems: list[InputProblem]) -> list[InputProblem]:
    """Problems in file order (sheet, row, column); the ones without a row keep their place at the end."""
    big = 1 << 30
    return sorted(problems, key=lambda p: (p.where.file or "", p.where.sheet or "",
                                           p.where.row if p.where.row is not None else big,
                                           p.where.column or 0))


_LISTS = ("units", "items", "projects")


def _salvage(raw: Mapping[str, Any], errors: list[Loc]) -> tuple[Any, Callable[[Loc], Loc]] | None:
    """Drop the list elements (and unknown top-level keys) that failed the shape check, so that the
    meaning of everything else can still be checked.  Returns the cleaned data and an index-mapping
    locator, or ``None`` when the damage is outside the lists."""
    bad: dict[str, set[int]] = {name: set() for name in _LISTS}
    drop_keys: set[str] = set()
    for loc in errors:
        if len(loc) >= 2 and loc[0] in _LISTS and isinstance(loc[1], int):
            bad[str(loc[0])].add(loc[1])
        elif len(loc) == 1 and isinstance(loc[0], str) and loc[0] not in BudgetIn.model_fields:
            drop_keys.add(loc[0])
        else:
            return None
    cleaned = {k: v for k, v in raw.items() if k not in drop_keys}
    maps: dict[str, list[int]] = {}
    for name in _LISTS:
        value = raw.get(name)
        if isinstance(value, list) and bad[name]:
            keep = [n for n in range(len(value)) if n not in bad[name]]
            cleaned[name] = [value[n] for n in keep]
            maps[name] = keep

    def remap(loc: Loc) -> Loc:
        if len(loc) >= 2 and loc[0] in maps and isinstance(loc[1], int):
            return (loc[0], maps[str(loc[0])][loc[1]], *loc[2:])
        return loc

    return cleaned, remap


def _remapped(locate: Locator, remap: Callable[[Loc], Loc]) -> Locator:
    return lambda loc: locate(remap(loc))


def build_budget(
    raw: Any, catalog: Catalog, locate: Locator | None = None, *, file: str | None = None,
    problems: list[InputProblem] | None = None,
) -> tuple[Budget, list[InputProblem]]:
    """Validate ``raw`` (the :class:`BudgetIn` shape) and build the budget.

    Returns the budget and the warnings; raises :class:`InputError` listing every
    problem (errors and warnings, in file order) when any error is found.  ``problems``
    are earlier findings (e.g. from the Excel reader) reported together with these.
    A shape error in one line item does not hide the rest: the broken elements are set
    aside and everything else is still checked.
    """
    locate = locate or default_locator(file)
    found = list(problems or [])
    data, shape_problems = validate_shape(raw, locate)
    # a cell the reader already reported needs no second message from the shape check
    already = {p.where for p in found}
    found.extend(p for p, _ in shape_problems if p.where not in already)
    inner_locate = locate
    if data is None and isinstance(raw, Mapping):
        salvaged = _salvage(raw, [loc for _, loc in shape_problems])
        if salvaged is not None:
            cleaned, remap = salvaged
            data, _ = validate_shape(cleaned, locate)
            inner_locate = _remapped(locate, remap)
    if data is None:
        raise InputError(_order(found), file)
    builder = _Builder(data, catalog, inner_locate)
    budget = builder.build()
    found.extend(builder.problems)
    if budget is None or shape_problems or any(p.severity == "error" for p in found):
        raise InputError(_order(found), file)
    return budget, _order(found)
