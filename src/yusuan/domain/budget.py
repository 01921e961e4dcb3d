"""The budget of one department for one fiscal year: immutable, no I/O.

Everything numeric derives from ``Budget.items`` (line items).  Names of codes are
resolved once, at ingest, from the loaded catalogue and the input, and kept in
``Budget.names`` so that compute never needs the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from yusuan.domain.enums import (
    BasicCategory,
    ExpenditureKind,
    FundingSource,
    ProcurementKind,
    ProjectKind,
    SourceGroup,
    UnitType,
)
from yusuan.domain.performance import DepartmentTargets, IndicatorTree
from yusuan.domain.source import SourceRef
from yusuan.money import Fen

PERSONNEL_ECON_CLASSES = frozenset({"301", "303"})
"""Economic classes whose basic expenditure is 人员经费; every other basic class is 公用经费."""

EMPTY_MAPPING: Mapping[str, str] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Unit:
    """预算单位."""

    code: str
    name: str
    type: UnitType = UnitType.ADMINISTRATIVE
    source: SourceRef | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Department:
    """部门: the publisher of the disclosure."""

    code: str
    name: str
    region: str = ""
    short_name: str = ""
    """How the department names itself in running text (e.g. 我局); defaults to ``name``."""

    @property
    def self_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Project:
    """项目 of 项目支出. Its amount derives from the line items that carry its code."""

    code: str
    name: str
    unit_code: str
    kind: ProjectKind
    details: Mapping[str, str] = field(default_factory=_empty)
    """Entered project facts (负责人, 联系人, 立项依据, 项目概况 …), keyed as in ``PROJECT_DETAIL_KEYS``."""
    total_amount: Fen | None = None
    """项目总金额 over all years, when multi-year; ``None`` if not entered."""
    prior_amount: Fen | None = None
    """项目上年度金额, for comparison."""
    prior_total_amount: Fen | None = None
    """上年度项目总金额."""
    targets: IndicatorTree = IndicatorTree()
    annual_goal: str = ""
    overall_goal: str = ""
    source: SourceRef | None = field(default=None, compare=False)


PROJECT_DETAIL_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "purpose": "资金用途",
        "manager": "项目负责人",
        "contact": "联系人",
        "phone": "联系电话",
        "start": "开始时间",
        "end": "结束时间",
        "overview": "项目概况",
        "basis": "立项依据",
        "necessity": "项目设立的必要性",
        "measures": "项目配套制度措施",
        "plan": "项目实施计划",
        "remarks": "备注",
    }
)


@dataclass(frozen=True, slots=True)
class LineItem:
    """One budget line: the single fact table everything else derives from."""

    unit_code: str
    functional_code: str
    """支出功能分类 项 (7 digits)."""
    econ_code: str
    """部门预算支出经济分类 款 (5 digits)."""
    gov_econ_code: str
    """政府预算支出经济分类 款, from the crosswalk for the unit's type unless overridden."""
    kind: ExpenditureKind
    source: FundingSource
    amount: Fen
    carryover: bool = False
    """Funded by 上年结转结余 of ``source`` rather than this year's income."""
    project_code: str | None = None
    project_kind: ProjectKind | None = None
    procurement_amount: Fen = 0
    procurement_kind: ProcurementKind | None = None
    gov_econ_overridden: bool = False
    source_ref: SourceRef | None = field(default=None, compare=False)

    @property
    def econ_class(self) -> str:
        return self.econ_code[:3]

    @property
    def functional_class(self) -> str:
        return self.functional_code[:3]

    @property
    def source_group(self) -> SourceGroup:
        return self.source.group

    @property
    def basic_category(self) -> BasicCategory | None:
        if self.kind is not ExpenditureKind.BASIC:
            return None
        if self.econ_class in PERSONNEL_ECON_CLASSES:
            return BasicCategory.PERSONNEL
        return BasicCategory.OPERATING


# Keys of the prior-year comparatives; compute derives the same metrics for this year.
PRIOR_METRICS: Mapping[str, str] = MappingProxyType(
    {
        "income_total": "收入总计",
        "expenditure_total": "支出总计",
        "basic": "基本支出",
        "personnel": "人员经费",
        "operating": "公用经费",
        "project": "项目支出",
        "fiscal": "财政拨款收支总计",
        "general_public": "一般公共预算支出",
        "government_fund": "政府性基金预算支出",
        "state_capital": "国有资本经营预算支出",
        "three_public": "“三公”经费合计",
        "overseas_travel": "因公出国（境）费",
        "official_reception": "公务接待费",
        "vehicles": "公务用车购置及运行费",
        "vehicle_purchase": "公务用车购置费",
        "vehicle_operation": "公务用车运行维护费",
        "organ_operating": "机关运行经费",
        "procurement": "政府采购预算",
    }
)


@dataclass(frozen=True, slots=True)
class PriorYear:
    """Comparatives for the previous fiscal year, as given totals (in 分)."""

    year: int
    amounts: Mapping[str, Fen] = field(default_factory=_empty)


@dataclass(frozen=True, slots=True)
class StaffFacts:
    """编制与人员."""

    authorized: Mapping[str, int] = field(default_factory=_empty)
    """编制数 by kind, e.g. {"行政编制": 4, "事业编制": 4}."""
    actual: Mapping[str, int] = field(default_factory=_empty)
    """实有人数 by kind, e.g. {"在职": 7, "离退休": 0}."""


@dataclass(frozen=True, slots=True)
class AssetFacts:
    """国有资产占用情况 as entered (amounts in 分, counts as integers)."""

    as_of: str = ""
    amounts: Mapping[str, Fen] = field(default_factory=_empty)
    """e.g. {"资产总额": …, "固定资产": …, "无形资产": …, "上年资产总额": …}."""
    counts: Mapping[str, int] = field(default_factory=_empty)
    """e.g. {"车辆": 0, "一般公务用车": 0, "单价50万元以上通用设备": 0}."""


TEXT_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "main_duties": "主要职责",
        "organization": "机构设置",
        "unit_composition": "预算单位构成",
        "change_reason": "收支增减变化主要原因",
        "fiscal_change_reason": "财政拨款收支增减变化原因",
        "overseas_travel": "因公出国（境）费说明",
        "official_reception": "公务接待费说明",
        "vehicles": "公务用车购置及运行费说明",
        "three_public_change_reason": "“三公”经费增减原因",
        "procurement": "政府采购说明",
        "performance": "绩效目标设置情况",
        "assets": "国有资产占用情况",
        "transfer_payments": "专项转移支付情况",
        "other": "其他需要说明的事项",
    }
)


@dataclass(frozen=True, slots=True)
class Budget:
    """A department's budget for one fiscal year."""

    year: int
    department: Department
    units: tuple[Unit, ...]
    items: tuple[LineItem, ...]
    projects: tuple[Project, ...] = ()
    prior: PriorYear | None = None
    staff: StaffFacts = StaffFacts()
    assets: AssetFacts = AssetFacts()
    texts: Mapping[str, str] = field(default_factory=_empty)
    targets: DepartmentTargets = DepartmentTargets()
    names: Mapping[str, str] = field(default_factory=_empty)
    """Names of every functional code (类/款/项) used, keyed ``f:2010301``."""
    econ_names: Mapping[str, str] = field(default_factory=_empty)
    """Names of every economic code used, keyed ``d:30101`` (部门) and ``g:50101`` (政府)."""
    pack: str = "henan-2024"
    """Template pack the disclosure is laid out by."""

    def unit(self, code: str) -> Unit | None:
        for unit in self.units:
            if unit.code == code:
                return unit
        return None

    def project(self, code: str) -> Project | None:
        for project in self.projects:
            if project.code == code:
                return project
        return None

    def functional_name(self, code: str) -> str:
        return self.names.get(f"f:{code}", "")

    def econ_name(self, code: str) -> str:
        return self.econ_names.get(f"d:{code}", "")

    def gov_econ_name(self, code: str) -> str:
        return self.econ_names.get(f"g:{code}", "")
