"""Domain model: immutable, no I/O."""

from yusuan.domain.budget import (
    AssetFacts,
    Budget,
    Department,
    LineItem,
    PriorYear,
    Project,
    StaffFacts,
    Unit,
)
from yusuan.domain.enums import (
    BasicCategory,
    ExpenditureKind,
    FundingSource,
    ProcurementKind,
    ProjectKind,
    SourceGroup,
    UnitType,
)
from yusuan.domain.performance import DepartmentTargets, Indicator, IndicatorTree, TargetValue, Task
from yusuan.domain.source import SourceRef

__all__ = [
    "AssetFacts",
    "BasicCategory",
    "Budget",
    "Department",
    "DepartmentTargets",
    "ExpenditureKind",
    "FundingSource",
    "Indicator",
    "IndicatorTree",
    "LineItem",
    "PriorYear",
    "ProcurementKind",
    "Project",
    "ProjectKind",
    "SourceGroup",
    "SourceRef",
    "StaffFacts",
    "TargetValue",
    "Task",
    "Unit",
    "UnitType",
]
