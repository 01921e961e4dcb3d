"""Template pack schema: what a disclosure's annex looks like, as data.

A pack (``packs/data/<id>/pack.yaml``) declares every table: number, title, unit,
columns with multi-row merged headers, rows, the statement printed when the table
is empty, and which line items each cell sums.  The engine in :mod:`yusuan.compute`
is generic; a new province's layout is a new YAML file.

Filters select line items; all given conditions must hold (AND), each list is OR.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Filter(_Model):
    """Which line items a cell sums (all conditions must hold; an empty filter takes all)."""

    kind: Literal["basic", "project"] | None = None
    basic_category: Literal["personnel", "operating"] | None = None
    project_kind: list[str] | None = None
    econ_class: list[str] | None = None
    econ: list[str] | None = None
    functional_class: list[str] | None = None
    functional: list[str] | None = None
    source: list[str] | None = None
    source_group: list[str] | None = None
    carryover: bool | None = None
    unit_type: list[str] | None = None
    procurement_kind: list[str] | None = None
    measure: Literal["amount", "procurement"] = "amount"
    none: bool = False
    """Matches nothing: a column the layout prints but this model never fills."""
    any_of: list[Filter] | None = None
    """At least one of these must match too (OR of sub-filters)."""
    exclude: Filter | None = None
    """Items matching this are left out."""


class LabelColumn(_Model):
    """A column of row labels (codes or names)."""

    key: str
    header: list[str]
    field: str
    """Row field shown: name, unit_code, functional_class, functional_section, functional_item,
    functional_code, econ_class, econ_section, econ_code, econ_name, gov_class, gov_section,
    gov_code, gov_name, project_kind, project_name, project_code, project_unit."""
    width: float | None = None


class MoneyColumn(_Model):
    key: str
    header: list[str]
    sum: Filter = Filter()
    width: float | None = None


class FixedRow(_Model):
    key: str
    label: str
    sum: Filter = Filter()
    indent: int = 0


class RowLevel(_Model):
    """One level of a matrix table's row structure.

    ``total`` (one row), a grouping (``department``, ``unit``, ``functional_class``,
    ``functional_section``, ``functional_item``, ``econ_class``, ``econ_section``,
    ``project``) or ``fixed`` (a declared list of rows, each with its own filter).
    Grouping levels nest: each subdivides the level above it.
    """

    level: Literal[
        "total",
        "department",
        "unit",
        "functional_class",
        "functional_section",
        "functional_item",
        "econ_class",
        "econ_section",
        "project",
        "fixed",
    ]
    label: str = ""
    """Label of a ``total`` row."""
    labels: dict[str, str] = Field(default_factory=dict)
    """Overrides of row fields, as templates over the group (``{code}``, ``{name}``)."""
    skip_if_single: bool = False
    """Omit this level's rows when there is only one group (e.g. a one-unit department)."""
    rows: list[FixedRow] = Field(default_factory=list)


class MatrixTable(_Model):
    """Rows × money columns; cell = Σ items matching scope ∧ row ∧ column."""

    kind: Literal["matrix"] = "matrix"
    label_columns: list[LabelColumn] = Field(default_factory=list)
    columns: list[MoneyColumn]
    rows: list[RowLevel]


class BalanceSide(_Model):
    label_header: list[str]
    columns: list[MoneyColumn]
    rows: list[FixedRow]


class BalanceTotal(_Model):
    income: FixedRow | None = None
    expenditure: FixedRow | None = None


class BalanceTable(_Model):
    """Two-sided 收支 table: income rows left, expenditure rows right, totals at the bottom."""

    kind: Literal["balance"] = "balance"
    income: BalanceSide
    expenditure: BalanceSide
    totals: list[BalanceTotal] = Field(default_factory=list)


class TargetsTable(_Model):
    """Text tables of 绩效目标, laid out by dedicated code."""

    kind: Literal["department_targets", "project_targets_summary", "project_target_sheets"]
    level1_columns: list[str] = Field(default_factory=list)
    """For the summary: the 一级指标 shown side by side (成本指标, 产出指标 …)."""


Layout = Annotated[MatrixTable | BalanceTable | TargetsTable, Field(discriminator="kind")]


class TableSpec(_Model):
    id: str
    """Stable identifier of the table's role, shared across packs (e.g. ``expenditure_summary``)."""
    number: int | None = None
    title: str
    """Title template: ``{year}`` is the budget year, ``{department}`` the department name."""
    scope: Filter = Filter()
    unit: Literal["万元", "元"] | None = None
    org_label: str = "部门名称：{department}"
    empty_statement: str = "本表无数据。"
    notes: list[str] = Field(default_factory=list)
    orientation: Literal["landscape", "portrait"] = "landscape"
    layout: Layout


SECTION_KINDS: tuple[str, ...] = (
    "duties", "organization", "units",
    "overview", "income", "expenditure", "fiscal", "general_public", "econ", "basic", "three_public",
    "government_fund", "operating_funds", "procurement", "performance", "assets", "transfer_payments",
    "text", "group",
)
"""What a narrative section can be: each kind is written by its own generator (see docs/packs.md)."""


class NarrativeSection(_Model):
    """One numbered section of the narrative (一、… or, as a child, （一）…)."""

    id: str
    """Unique within the narrative; also the default ``kind``."""
    kind: str
    """One of :data:`SECTION_KINDS`; defaults to ``id``."""
    title: str
    """Heading text without its number (placeholders as in table titles)."""
    text_key: str | None = None
    """The entered text (``Budget.texts`` key) the section prints or appends; required for ``text``."""
    metric: Literal["organ_operating", "unit_operating"] | None = None
    """For ``operating_funds``: 机关运行经费 of 行政/参公 units, or 公用经费 of every unit."""
    term: str | None = None
    """For ``operating_funds``: the name used in sentences (default by ``metric``)."""
    optional: bool = False
    """Omit the section (and its number) when its entered text is missing."""
    templates: dict[str, str] = Field(default_factory=dict)
    """Template overrides for this section only."""
    children: list[NarrativeSection] = Field(default_factory=list)
    """Sub-sections, numbered （一）（二）… under this one (one level only)."""

    @model_validator(mode="before")
    @classmethod
    def _kind_defaults_to_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and "kind" not in data and "id" in data:
            return {**data, "kind": data["id"]}
        return data


class GlossaryTerm(_Model):
    """A 名词解释 entry."""

    term: str
    definition: str


class NarrativePart(_Model):
    """A part of the document: numbered 第一部分… (``sections``, ``glossary``) or the annex."""

    id: str
    kind: Literal["sections", "glossary", "annex"] = "sections"
    title: str
    """Title without the part number, e.g. ``"{department}概况"``."""
    sections: list[NarrativeSection] = Field(default_factory=list)


class Narrative(_Model):
    """The document around the tables: parts, sections, glossary, sentence templates."""

    parts: list[NarrativePart]
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    templates: dict[str, str] = Field(default_factory=dict)
    """Pack-wide overrides of the default sentence templates (``narrative/templates.yaml``)."""


class Pack(_Model):
    id: str
    name: str
    description: str = ""
    money_unit: Literal["万元", "元"] = "万元"
    decimals: int = 2
    number_format: str = "预算{n:02d}表"
    zero_display: Literal["blank", "zero"] = "blank"
    tables: list[TableSpec]
    narrative: Narrative | None = None
    """The narrative (情况说明) and document structure; packs without it use the default narrative."""

    def table(self, table_id: str) -> TableSpec:
        for spec in self.tables:
            if spec.id == table_id:
                return spec
        raise KeyError(table_id)
