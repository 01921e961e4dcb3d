"""The input form of a budget (YAML/JSON, and what the Excel reader produces).

Pydantic checks the *shape* at the boundary; values stay as entered (text, numbers)
and are turned into the domain model by :mod:`yusuan.ingest.build`, which checks
their *meaning* (codes, enums, money, references) and reports every problem with
its location.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1


def _to_text(value: Any) -> Any:
    """Codes and names may arrive as numbers (YAML ``154``, Excel cells): keep them as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


Text = Annotated[str, BeforeValidator(_to_text)]
def _amount(value: Any) -> Any:
    """Let any scalar through (``parse_money`` judges it, in Chinese); reject lists and tables here."""
    if isinstance(value, list | dict | tuple):
        raise PydanticCustomError("decimal_type", "应为数字")
    return value


Amount = Annotated[Any, BeforeValidator(_amount)]
"""An amount as entered, in the file's ``money_unit``; parsed exactly later (never coerced here)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class DepartmentIn(_Model):
    code: Text
    name: Text
    region: Text = ""
    short_name: Text = ""


class UnitIn(_Model):
    code: Text
    name: Text
    type: Text = "行政单位"


class IndicatorIn(_Model):
    level1: Text
    level2: Text = ""
    name: Text
    value: Text = ""
    description: Text = ""


class ProcurementIn(_Model):
    amount: Amount
    kind: Text


class ItemIn(_Model):
    unit: Text
    functional: Text
    econ: Text
    kind: Text
    source: Text = "一般公共预算"
    amount: Amount
    carryover: bool = False
    project: Text | None = None
    gov_econ: Text | None = None
    """Override of the 政府预算经济分类 code; otherwise derived by the crosswalk."""
    procurement: ProcurementIn | None = None


class ProjectIn(_Model):
    code: Text
    name: Text
    unit: Text
    kind: Text
    details: dict[str, Text] = Field(default_factory=dict)
    total_amount: Amount | None = None
    prior_amount: Amount | None = None
    prior_total_amount: Amount | None = None
    overall_goal: Text = ""
    annual_goal: Text = ""
    targets: list[IndicatorIn] = Field(default_factory=list)


class TaskIn(_Model):
    name: Text
    content: Text = ""


class TargetsIn(_Model):
    annual_goal: Text = ""
    tasks: list[TaskIn] = Field(default_factory=list)
    indicators: list[IndicatorIn] = Field(default_factory=list)


class PriorYearIn(_Model):
    year: int
    amounts: dict[str, Amount] = Field(default_factory=dict)


class StaffIn(_Model):
    authorized: dict[str, int] = Field(default_factory=dict)
    actual: dict[str, int] = Field(default_factory=dict)


class AssetsIn(_Model):
    as_of: Text = ""
    amounts: dict[str, Amount] = Field(default_factory=dict)
    counts: dict[str, int] = Field(default_factory=dict)


class NamesIn(_Model):
    functional: dict[Text, Text] = Field(default_factory=dict)
    econ: dict[Text, Text] = Field(default_factory=dict)
    gov_econ: dict[Text, Text] = Field(default_factory=dict)


class BudgetIn(_Model):
    """Root of a budget input file."""

    yusuan: int = FORMAT_VERSION
    year: int
    pack: Text = "henan-2024"
    money_unit: Text = "万元"
    department: DepartmentIn
    units: list[UnitIn]
    items: list[ItemIn]
    projects: list[ProjectIn] = Field(default_factory=list)
    prior_year: PriorYearIn | None = None
    staff: StaffIn = Field(default_factory=StaffIn)
    assets: AssetsIn = Field(default_factory=AssetsIn)
    texts: dict[str, Text] = Field(default_factory=dict)
    targets: TargetsIn = Field(default_factory=TargetsIn)
    names: NamesIn = Field(default_factory=NamesIn)
