"""Closed vocabularies of the budget domain, each with its Chinese label.

Inputs may name a member by its English key or by any of its Chinese labels;
``parse`` accepts both.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese label and aliases."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @classmethod
    def parse(cls, text: str) -> Self:
        key = str(text).strip().replace(" ", "").replace("\u3000", "")
        for member in cls:
            if key == member.value or key in _LABELS[cls.__name__][member.value]:
                return member
        choices = "、".join(_LABELS[cls.__name__][m.value][0] for m in cls)
        raise ValueError(f"「{text}」不是有效的{_TITLES[cls.__name__]}，可选：{choices}")

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]


class UnitType(_Labelled):
    """预算单位类型: decides the economic crosswalk and 机关运行经费."""

    ADMINISTRATIVE = "administrative"
    CIVIL_SERVICE_MANAGED = "civil_service_managed"
    PUBLIC_INSTITUTION = "public_institution"
    OTHER = "other"

    @property
    def is_organ(self) -> bool:
        """机关: 行政单位 and 参照公务员法管理的事业单位."""
        return self in (UnitType.ADMINISTRATIVE, UnitType.CIVIL_SERVICE_MANAGED)


class ExpenditureKind(_Labelled):
    BASIC = "basic"
    PROJECT = "project"


class BasicCategory(_Labelled):
    """基本支出 split, derived from the economic class (301+303 人员经费, rest 公用经费)."""

    PERSONNEL = "personnel"
    OPERATING = "operating"


class ProjectKind(_Labelled):
    OPERATIONS = "operations"
    SPECIFIC_PURPOSE = "specific_purpose"
    GENERAL = "general"
    SPECIAL_FUNDS = "special_funds"


class SourceGroup(_Labelled):
    """资金来源大类, the columns most tables aggregate by."""

    GENERAL_PUBLIC = "general_public"
    GOVERNMENT_FUND = "government_fund"
    STATE_CAPITAL = "state_capital"
    SPECIAL_ACCOUNT = "special_account"
    UNIT_FUNDS = "unit_funds"

    @property
    def is_fiscal(self) -> bool:
        """财政拨款 in the broad sense: the three government budgets."""
        return self in (SourceGroup.GENERAL_PUBLIC, SourceGroup.GOVERNMENT_FUND, SourceGroup.STATE_CAPITAL)


class FundingSource(_Labelled):
    """资金来源 of a line item (whether it is 上年结转结余 is a separate flag)."""

    GPB_APPROPRIATION = "gpb_appropriation"
    GPB_ADMIN_FEES = "gpb_admin_fees"
    GPB_SPECIAL_REVENUE = "gpb_special_revenue"
    GPB_STATE_RESOURCE = "gpb_state_resource"
    GPB_STATE_CAPITAL_INCOME = "gpb_state_capital_income"
    GPB_HOUSING_FUND = "gpb_housing_fund"
    GPB_DEBT = "gpb_debt"
    GPB_OTHER = "gpb_other"
    GPB_HIGHER_ADVANCE = "gpb_higher_advance"
    GPB_STABILIZATION = "gpb_stabilization"
    GOVERNMENT_FUND = "government_fund"
    STATE_CAPITAL = "state_capital"
    SPECIAL_ACCOUNT = "special_account"
    BUSINESS_INCOME = "business_income"
    OPERATING_INCOME = "operating_income"
    HIGHER_SUBSIDY = "higher_subsidy"
    SUBORDINATE_REMITTANCE = "subordinate_remittance"
    OTHER_INCOME = "other_income"
    BUSINESS_FUND = "business_fund"

    @property
    def group(self) -> SourceGroup:
        return _SOURCE_GROUP[self]


class ProcurementKind(_Labelled):
    GOODS = "goods"
    WORKS = "works"
    SERVICES = "services"


_SOURCE_GROUP: dict[FundingSource, SourceGroup] = {
    **{s: SourceGroup.GENERAL_PUBLIC for s in FundingSource if s.value.startswith("gpb_")},
    FundingSource.GOVERNMENT_FUND: SourceGroup.GOVERNMENT_FUND,
    FundingSource.STATE_CAPITAL: SourceGroup.STATE_CAPITAL,
    FundingSource.SPECIAL_ACCOUNT: SourceGroup.SPECIAL_ACCOUNT,
    FundingSource.BUSINESS_INCOME: SourceGroup.UNIT_FUNDS,
    FundingSource.OPERATING_INCOME: SourceGroup.UNIT_FUNDS,
    FundingSource.HIGHER_SUBSIDY: SourceGroup.UNIT_FUNDS,
    FundingSource.SUBORDINATE_REMITTANCE: SourceGroup.UNIT_FUNDS,
    FundingSource.OTHER_INCOME: SourceGroup.UNIT_FUNDS,
    FundingSource.BUSINESS_FUND: SourceGroup.UNIT_FUNDS,
}

_TITLES = {
    "UnitType": "单位类型",
    "ExpenditureKind": "支出类型",
    "BasicCategory": "基本支出类别",
    "ProjectKind": "项目类型",
    "SourceGroup": "资金来源大类",
    "FundingSource": "资金来源",
    "ProcurementKind": "政府采购品目",
}

# First label is the canonical Chinese name; the rest are accepted aliases.
_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "UnitType": {
        "administrative": ("行政单位", "行政", "机关"),
        "civil_service_managed": ("参照公务员法管理事业单位", "参公", "参公单位", "参公事业单位"),
        "public_institution": ("事业单位", "事业", "公益一类", "公益二类"),
        "other": ("其他单位", "其他", "企业"),
    },
    "ExpenditureKind": {
        "basic": ("基本支出", "基本"),
        "project": ("项目支出", "项目"),
    },
    "BasicCategory": {
        "personnel": ("人员经费",),
        "operating": ("公用经费", "日常公用经费"),
    },
    "ProjectKind": {
        "operations": ("其他运转类", "其他运转类项目", "运转类"),
        "specific_purpose": ("特定目标类", "特定目标类项目", "特定目标"),
        "general": ("一般性项目", "一般项目"),
        "special_funds": ("专项资金", "专项"),
    },
    "SourceGroup": {
        "general_public": ("一般公共预算",),
        "government_fund": ("政府性基金预算", "政府性基金"),
        "state_capital": ("国有资本经营预算",),
        "special_account": ("财政专户管理资金",),
        "unit_funds": ("单位资金",),
    },
    "FundingSource": {
        "gpb_appropriation": ("财政拨款", "一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"),
        "gpb_admin_fees": ("纳入预算管理的行政事业性收费", "行政事业性收费"),
        "gpb_special_revenue": ("专项收入",),
        "gpb_state_resource": ("国有资源（资产）有偿使用收入", "国有资源(资产)有偿使用收入"),
        "gpb_state_capital_income": ("国有资本经营收入",),
        "gpb_housing_fund": ("政府住房基金收入",),
        "gpb_debt": ("债务收入", "一般债务收入"),
        "gpb_other": ("其他一般公共预算收入",),
        "gpb_higher_advance": ("上级预拨",),
        "gpb_stabilization": ("动用预算稳定调节基金",),
        "government_fund": ("政府性基金预算", "政府性基金", "政府性基金预算拨款"),
        "state_capital": ("国有资本经营预算", "国有资本经营预算拨款"),
        "special_account": ("财政专户管理资金", "财政专户管理资金收入", "专户管理的教育收费"),
        "business_income": ("事业收入",),
        "operating_income": ("事业单位经营收入", "经营收入"),
        "higher_subsidy": ("上级补助收入",),
        "subordinate_remittance": ("附属单位上缴收入",),
        "other_income": ("其他收入",),
        "business_fund": ("用事业基金弥补收支差额", "事业基金"),
    },
    "ProcurementKind": {
        "goods": ("货物",),
        "works": ("工程",),
        "services": ("服务",),
    },
}
