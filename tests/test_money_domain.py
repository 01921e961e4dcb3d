"""Exact money, closed vocabularies, codes, source locations and target values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.domain.codes import (
    CodeLevel,
    economic_level,
    functional_level,
    functional_parents,
    normalize_code,
    split_functional,
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
from yusuan.domain.performance import Operator, TargetValue
from yusuan.domain.source import SourceRef, column_letter
from yusuan.money import MoneyError, MoneyUnit, format_money, parse_money, percent, to_unit

WAN, YUAN = MoneyUnit.WAN, MoneyUnit.YUAN


@pytest.fixture(autouse=True)
def _user_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(tmp_path / "catalogs"))


# -- parse_money ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "unit", "fen"), [
    ("504.11", WAN, 504_110_000),
    (504.11, WAN, 504_110_000),
    (Decimal("504.11"), WAN, 504_110_000),
    (101, WAN, 101_000_000),
    ("0.000001", WAN, 1),
    ("1,234.56", YUAN, 123_456),
    ("1,234,567.89", YUAN, 123_456_789),
    ("1，234.56", YUAN, 123_456),  # full-width comma
    (" 1 234.5 ", YUAN, 123_450),
    ("\u00a012.30\u3000", YUAN, 1_230),
    ("-3.5", WAN, -3_500_000),
    ("1e2", YUAN, 10_000),
    ("-", WAN, 0),
    ("—", WAN, 0),
    ("", WAN, 0),
    (0, YUAN, 0),
    (0.1, YUAN, 10),
])
def test_parse_money(value: object, unit: MoneyUnit, fen: int) -> None:
    assert parse_money(value, unit) == fen


def test_parse_money_default_unit_is_wan() -> None:
    assert parse_money("1") == 1_000_000


@pytest.mark.parametrize(("value", "message"), [
    (True, "金额「True」不是数字"),
    (False, "金额「False」不是数字"),
    (None, "金额为空"),
    ("十万", "金额「十万」不是数字"),
    ("1.2.3", "金额「1.2.3」不是数字"),
    ([1], "金额「[1]」不是数字"),
    ("inf", "金额「inf」不是有限数字"),
    ("-Infinity", "金额「-Infinity」不是有限数字"),
    (float("inf"), "金额「inf」不是有限数字"),
    (float("nan"), "金额「nan」不是有限数字"),
    ("NaN", "金额「NaN」不是有限数字"),
    (Decimal("Infinity"), "金额「Infinity」不是有限数字"),
])
def test_parse_money_rejects(value: object, message: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_money(value, WAN)
    assert str(info.value) == message


@pytest.mark.parametrize(("value", "unit"), [("0.0000001", WAN), ("1.234", YUAN), (0.001, YUAN),
                                             (0.1 + 0.2, WAN)])
def test_parse_money_rejects_below_fen(value: object, unit: MoneyUnit) -> None:
    with pytest.raises(MoneyError) as info:
        parse_money(value, unit)
    assert str(info.value).endswith(f"{unit.value}精确到分以下，无法精确表示")


def test_money_error_is_a_value_error() -> None:
    assert issubclass(MoneyError, ValueError)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_format_round_trip_yuan(fen: int) -> None:
    assert parse_money(format_money(fen, YUAN), YUAN) == fen


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_format_round_trip_wan_at_six_decimals(fen: int) -> None:
    assert parse_money(format_money(fen, WAN, decimals=6), WAN) == fen


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_decimal_yuan_is_exact(amount: Decimal) -> None:
    assert parse_money(amount, YUAN) == int(amount * 100)
    assert parse_money(f"{amount:,f}", YUAN) == int(amount * 100)


# -- to_unit / format_money / percent -------------------------------------------------------------------------


@pytest.mark.parametrize(("fen", "unit", "decimals", "text"), [
    (504_110_000, WAN, 2, "504.11"),
    (0, WAN, 2, "0.00"),
    (5_000, WAN, 2, "0.01"),      # 0.005 万元 rounds half up
    (4_999, WAN, 2, "0.00"),
    (15_000, WAN, 2, "0.02"),     # 0.015: half-up, not banker's (would be 0.02 too) …
    (25_000, WAN, 2, "0.03"),     # … 0.025: half-up gives 0.03, banker's rounding would give 0.02
    (-25_000, WAN, 2, "-0.03"),   # half away from zero
    (123_456, YUAN, 2, "1234.56"),
    (123_456, YUAN, 0, "1235"),
    (250, YUAN, 0, "3"),
    (123, WAN, 6, "0.000123"),
    (1_000_000_000_000, WAN, 2, "1000000.00"),
])
def test_format_money(fen: int, unit: MoneyUnit, decimals: int, text: str) -> None:
    assert format_money(fen, unit, decimals) == text
    assert to_unit(fen, unit, decimals) == Decimal(text)


def test_to_unit_returns_quantized_decimal() -> None:
    value = to_unit(504_110_000)
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(("part", "whole", "decimals", "expected"), [
    (467_110_000, 504_110_000, 2, Decimal("92.66")),
    (37_000_000, 504_110_000, 2, Decimal("7.34")),
    (1, 3, 2, Decimal("33.33")),
    (2, 3, 2, Decimal("66.67")),
    (1, 8, 2, Decimal("12.50")),
    (1, 8, 1, Decimal("12.5")),
    (1, 200, 0, Decimal("1")),     # 0.5 → 1 (half-up)
    (5, 200, 0, Decimal("3")),     # 2.5 → 3 (banker's would give 2)
    (-5, 200, 0, Decimal("-3")),
    (3, 2, 2, Decimal("150.00")),
    (0, 7, 2, Decimal("0.00")),
])
def test_percent(part: int, whole: int, decimals: int, expected: Decimal) -> None:
    assert percent(part, whole, decimals) == expected


def test_percent_of_zero_is_none() -> None:
    assert percent(5, 0) is None
    assert percent(0, 0) is None


# -- MoneyUnit -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit"), [
    ("元", YUAN), ("万元", WAN), (" 万 元 ", WAN), ("yuan", YUAN), ("YUAN", YUAN), ("wan", WAN), ("WanYuan", WAN),
    ("10k", WAN),
])
def test_money_unit_parse(text: str, unit: MoneyUnit) -> None:
    assert MoneyUnit.parse(text) is unit


@pytest.mark.parametrize("text", ["千元", "", "亿元", "RMB"])
def test_money_unit_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=f"^未知的金额单位「{text}」，应为「元」或「万元」$"):
        MoneyUnit.parse(text)


def test_money_unit_fen() -> None:
    assert YUAN.fen == 100
    assert WAN.fen == 1_000_000
    assert MoneyUnit("万元") is WAN


# -- enums ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "text", "member"), [
    (UnitType, "行政单位", UnitType.ADMINISTRATIVE),
    (UnitType, "机关", UnitType.ADMINISTRATIVE),
    (UnitType, "参公", UnitType.CIVIL_SERVICE_MANAGED),
    (UnitType, "参照公务员法管理事业单位", UnitType.CIVIL_SERVICE_MANAGED),
    (UnitType, "公益一类", UnitType.PUBLIC_INSTITUTION),
    (UnitType, "事业", UnitType.PUBLIC_INSTITUTION),
    (UnitType, "public_institution", UnitType.PUBLIC_INSTITUTION),
    (ExpenditureKind, "基本支出", ExpenditureKind.BASIC),
    (ExpenditureKind, " 项目 支出 ", ExpenditureKind.PROJECT),
    (ExpenditureKind, "项目\u3000支出", ExpenditureKind.PROJECT),
    (ExpenditureKind, "项目", ExpenditureKind.PROJECT),
    (ProjectKind, "运转类", ProjectKind.OPERATIONS),
    (ProjectKind, "特定目标类项目", ProjectKind.SPECIFIC_PURPOSE),
    (ProjectKind, "一般项目", ProjectKind.GENERAL),
    (ProjectKind, "专项", ProjectKind.SPECIAL_FUNDS),
    (FundingSource, "一般公共预算", FundingSource.GPB_APPROPRIATION),
    (FundingSource, "财政拨款", FundingSource.GPB_APPROPRIATION),
    (FundingSource, "政府性基金", FundingSource.GOVERNMENT_FUND),
    (FundingSource, "国有资源(资产)有偿使用收入", FundingSource.GPB_STATE_RESOURCE),
    (FundingSource, "专户管理的教育收费", FundingSource.SPECIAL_ACCOUNT),
    (FundingSource, "经营收入", FundingSource.OPERATING_INCOME),
    (FundingSource, "事业基金", FundingSource.BUSINESS_FUND),
    (ProcurementKind, "服务", ProcurementKind.SERVICES),
    (BasicCategory, "日常公用经费", BasicCategory.OPERATING),
    (SourceGroup, "单位资金", SourceGroup.UNIT_FUNDS),
])
def test_enum_parse_aliases(cls: type, text: str, member: object) -> None:
    assert cls.parse(text) is member


@pytest.mark.parametrize(("cls", "message"), [
    (ExpenditureKind, "「杂项」不是有效的支出类型，可选：基本支出、项目支出"),
    (UnitType, "「杂项」不是有效的单位类型，可选：行政单位、参照公务员法管理事业单位、事业单位、其他单位"),
    (ProjectKind, "「杂项」不是有效的项目类型，可选：其他运转类、特定目标类、一般性项目、专项资金"),
    (ProcurementKind, "「杂项」不是有效的政府采购品目，可选：货物、工程、服务"),
    (BasicCategory, "「杂项」不是有效的基本支出类别，可选：人员经费、公用经费"),
    (SourceGroup, "「杂项」不是有效的资金来源大类，可选："
                  "一般公共预算、政府性基金预算、国有资本经营预算、财政专户管理资金、单位资金"),
])
def test_enum_parse_rejects_with_choices(cls: type, message: str) -> None:
    with pytest.raises(ValueError) as info:
        cls.parse("杂项")
    assert str(info.value) == message


def test_funding_source_rejection_lists_every_label() -> None:
    with pytest.raises(ValueError) as info:
        FundingSource.parse("私房钱")
    message = str(info.value)
    assert message.startswith("「私房钱」不是有效的资金来源，可选：")
    assert message.split("可选：")[1].split("、") == FundingSource.labels()
    assert len(FundingSource.labels()) == len(FundingSource) == 19


def test_enum_labels() -> None:
    assert UnitType.CIVIL_SERVICE_MANAGED.label == "参照公务员法管理事业单位"
    assert FundingSource.GPB_APPROPRIATION.label == "财政拨款"
    assert ExpenditureKind.labels() == ["基本支出", "项目支出"]


def test_every_funding_source_has_a_group() -> None:
    groups = {s: s.group for s in FundingSource}
    assert groups[FundingSource.GPB_APPROPRIATION] is SourceGroup.GENERAL_PUBLIC
    assert groups[FundingSource.GPB_DEBT] is SourceGroup.GENERAL_PUBLIC
    assert groups[FundingSource.GOVERNMENT_FUND] is SourceGroup.GOVERNMENT_FUND
    assert groups[FundingSource.STATE_CAPITAL] is SourceGroup.STATE_CAPITAL
    assert groups[FundingSource.SPECIAL_ACCOUNT] is SourceGroup.SPECIAL_ACCOUNT
    assert groups[FundingSource.BUSINESS_INCOME] is SourceGroup.UNIT_FUNDS
    fiscal = {s for s, g in groups.items() if g.is_fiscal}
    assert FundingSource.SPECIAL_ACCOUNT not in fiscal
    assert FundingSource.GOVERNMENT_FUND in fiscal


def test_unit_type_is_organ() -> None:
    assert [t for t in UnitType if t.is_organ] == [UnitType.ADMINISTRATIVE, UnitType.CIVIL_SERVICE_MANAGED]


def test_every_alias_parses_back_to_its_member() -> None:
    from yusuan.domain import enums

    for cls in (UnitType, ExpenditureKind, BasicCategory, ProjectKind, FundingSource, ProcurementKind):
        for member in cls:
            for alias in enums._LABELS[cls.__name__][member.value]:
                assert cls.parse(alias) is member, (cls.__name__, alias)


# -- codes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "code"), [
    ("2010301", "2010301"),
    ("201 03 01", "2010301"),
    ("201\u300003\u300001", "2010301"),
    ("201-03-01", "2010301"),
    (" 30101 ", "30101"),
    (2010301, "2010301"),
    (2010301.0, "2010301"),
    (201, "201"),
    ("0201", "0201"),  # leading zeros are kept: codes are never cast to int
    (True, ""),
])
def test_normalize_code(raw: object, code: str) -> None:
    assert normalize_code(raw) == code


def test_normalize_code_full_width_digits() -> None:
    assert normalize_code("２０１０３０１") == "2010301"


@pytest.mark.parametrize(("code", "functional", "economic"), [
    ("201", CodeLevel.CLASS, CodeLevel.CLASS),
    ("20103", CodeLevel.SECTION, CodeLevel.SECTION),
    ("2010301", CodeLevel.ITEM, None),
    ("2010", None, None),
    ("201030100", None, None),
    ("2010A01", None, None),
    ("", None, None),
])
def test_code_levels(code: str, functional: CodeLevel | None, economic: CodeLevel | None) -> None:
    assert functional_level(code) == functional
    assert economic_level(code) == economic


def test_split_functional_and_parents() -> None:
    assert split_functional("2010301") == ("201", "03", "01")
    assert split_functional("20103") == ("201", "03", "")
    assert functional_parents("2010301") == ("201", "20103")
    assert functional_parents("20103") == ("201",)
    assert functional_parents("201") == ()


# -- SourceRef -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ref", "text"), [
    (SourceRef(), "（位置未知）"),
    (SourceRef(file="budget.yaml"), "budget.yaml"),
    (SourceRef(file="budget.yaml", row=38, path="items[3].amount"), "budget.yaml：第 38 行 位置 items[3].amount"),
    (SourceRef(file="budget.json", path="items[3].amount"), "budget.json：位置 items[3].amount"),
    (SourceRef(sheet="支出明细", row=5, column=3), "工作表「支出明细」 第 5 行 C 列"),
    (SourceRef(file="填报.xlsx", sheet="支出明细", row=5, column=27), "填报.xlsx：工作表「支出明细」 第 5 行 AA 列"),
    (SourceRef(row=1), "第 1 行"),
])
def test_source_ref_describe(ref: SourceRef, text: str) -> None:
    assert ref.describe() == text
    assert str(ref) == text


def test_source_ref_at() -> None:
    ref = SourceRef(file="a.xlsx", sheet="支出明细", row=7)
    assert ref.at(column=2) == SourceRef("a.xlsx", "支出明细", 7, 2, None)
    assert ref.at(column=2).at(path="x") == SourceRef("a.xlsx", "支出明细", 7, 2, "x")


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (3, "C"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"),
                                                (702, "ZZ"), (703, "AAA")])
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


# -- TargetValue ---------------------------------------------------------------------------------------------------

GE, LE, EQ, GT = Operator.GE, Operator.LE, Operator.EQ, Operator.GT


@pytest.mark.parametrize(("raw", "operator", "number", "unit"), [
    # values printed in the seeds (新乡 2024, 济源 2020)
    ("≥90%", GE, "90", "%"),
    ("≤37 万元", LE, "37", "万元"),
    ("≤37万元", LE, "37", "万元"),
    ("≥1 场", GE, "1", "场"),
    ("≥5家", GE, "5", "家"),
    ("2 次", None, "2", "次"),
    ("2次", None, "2", "次"),
    ("=100%", EQ, "100", "%"),
    ("≥1家上市公司", GE, "1", "家上市公司"),
    ("≤7 工作日", LE, "7", "工作日"),
    ("≤2工作日", LE, "2", "工作日"),
    ("≥10起", GE, "10", "起"),
    ("≤15%", LE, "15", "%"),
    ("95%", None, "95", "%"),
    ("100%", None, "100", "%"),
    ("100%以上", GE, "100", "%"),
    ("90%以上", GE, "90", "%"),
    ("85%以内", LE, "85", "%"),
    # spellings seen in other disclosures
    ("≥90％", GE, "90", "%"),
    (">=95%", GE, "95", "%"),
    ("不低于95%", GE, "95", "%"),
    ("不超过 5 次", LE, "5", "次"),
    ("＞0", GT, "0", None),
    ("≥3.5天", GE, "3.5", "天"),
    ("1,000万元", None, "1000", "万元"),
])
def test_target_value_quantitative(raw: str, operator: Operator | None, number: str, unit: str | None) -> None:
    value = TargetValue.parse(raw)
    assert value.is_quantitative
    assert value.operator == operator
    assert value.number == Decimal(number)
    assert value.unit == unit
    assert value.qualitative is None
    assert value.raw == raw
    assert str(value) == raw


@pytest.mark.parametrize("raw", ["相关", "科学", "合理", "完整", "全面覆盖", "位居全省前列", "明显提升", "不断完善",
                                 "全力满足企业融资需求", "维护群众合法权益", "前10名"])
def test_target_value_qualitative(raw: str) -> None:
    value = TargetValue.parse(raw)
    assert not value.is_quantitative
    assert value.qualitative == raw
    assert value.operator is None and value.number is None and value.unit is None


@pytest.mark.parametrize("raw", ["", "   "])
def test_target_value_empty(raw: str) -> None:
    value = TargetValue.parse(raw)
    assert value == TargetValue(raw=raw)
    assert not value.is_quantitative
    assert value.qualitative is None


def test_every_target_value_of_the_examples_parses() -> None:
    from yusuan.ingest import load_budget

    root = Path(__file__).resolve().parents[1] / "examples"
    seen: dict[str, TargetValue] = {}
    for name in ("xinxiang-2024", "jiyuan-2020"):
        budget = load_budget(root / name / "budget.yaml").budget
        indicators = list(budget.targets.indicators.indicators)
        for project in budget.projects:
            indicators.extend(project.targets.indicators)
        for ind in indicators:
            seen[ind.value.raw] = ind.value
    assert seen["≥90%"].number == Decimal(90)
    assert seen["≤37万元"].unit == "万元"
    assert seen["相关"].qualitative == "相关"
    for raw, value in seen.items():
        if raw[0] in "≥≤=" or raw[0].isdigit():
            assert value.is_quantitative, raw
        else:
            assert value.qualitative == raw, raw
