"""Recognition of printed tables: roles from titles, column keys from header paths, row keys and exact amounts.

The tables are built by hand from the printed values of the seeds (新乡 2024, 济源 2020) and of the
Jiangsu and Shanghai layouts in ``shared/realdocs``, so these tests do not depend on a reader.
"""

from __future__ import annotations

import pytest

from yusuan.compute.model import Table
from yusuan.importer.audit import audit, document_from_raw
from yusuan.importer.cells import code_of, join_code, parse_amount, strip_numbering
from yusuan.importer.model import RawDocument, RawParagraph, RawTable
from yusuan.importer.recognize import Setting, join_continued, recognize_table
from yusuan.importer.recognize_common import title_key
from yusuan.importer.vocabulary import vocabulary
from yusuan.money import MoneyUnit

SETTING = Setting("新乡市金融工作局", 2024)


def table(raw: RawTable, setting: Setting = SETTING) -> tuple[Table, list[str]]:
    recognized = recognize_table(raw, setting)
    return recognized.table, recognized.notices


def value(t: Table, row: str, column: str) -> int | None:
    cell = t.cell(row, column)
    assert cell is not None, (row, column)
    return cell.value if isinstance(cell.value, int) else None


FUNCTIONAL_HEAD = (("科目编码", "类"), ("科目编码", "款"), ("科目编码", "项"), ("单位代码",), ("单位（科目名称）",))
EXPENDITURE_HEAD = (("合计",), ("基本支出", "小计"), ("基本支出", "人员经费", "工资福利 支出"),
                    ("基本支出", "人员经费", "对个人和 家庭的补 助"), ("基本支出", "公用经费", "商品和服 务支出"),
                    ("基本支出", "公用经费", "资本性支 出"), ("项目支出", "小计"), ("项目支出", "其他运转 类"),
                    ("项目支出", "特定目标 类"))


def expenditure_raw(title: str = "2024 年部门支出总体情况表") -> RawTable:
    return RawTable(
        title=title, unit="万元", org="部门名称：本级", columns=FUNCTIONAL_HEAD + EXPENDITURE_HEAD,
        rows=(
            ("", "", "", "", "合计", "504.11", "467.11", "423.51", "", "43.60", "", "37.00", "", "37.00"),
            ("", "", "", "154", "新乡市金融工作局", "504.11", "467.11", "423.51", "", "43.60", "", "37.00", "",
             "37.00"),
            ("201", "03", "01", "", "行政运行", "391.90", "391.90", "348.30", "", "43.60", "", "", "", ""),
            ("201", "03", "05", "", "专项业务及机关事务管理", "37.00", "", "", "", "", "", "37.00", "", "37.00"),
            ("208", "05", "05", "", "机关事业单位基本养老保险缴费支出", "41.45", "41.45", "41.45", "", "", "", "",
             "", ""),
            ("208", "99", "99", "", "其他社会保障和就业支出", "0.52", "0.52", "0.52", "", "", "", "", "", ""),
            ("210", "11", "01", "", "行政单位医疗", "17.00", "17.00", "17.00", "", "", "", "", "", ""),
            ("210", "11", "03", "", "公务员医疗补助", "16.24", "16.24", "16.24", "", "", "", "", "", ""),
        ),
        pages=(5,),
    )


# ── cells ──────────────────────────────────────────────────────────────────────────────────────


def test_amounts_are_exact_in_the_tables_unit() -> None:
    assert parse_amount("1,234.56", MoneyUnit.WAN) == 12_345_600_00
    assert parse_amount("156,211,123", MoneyUnit.YUAN) == 15_621_112_300
    assert parse_amount(" 15.0 ", MoneyUnit.WAN) == 15_000_000
    assert parse_amount("", MoneyUnit.WAN) is None
    assert parse_amount("-", MoneyUnit.WAN) == 0 and parse_amount("—", MoneyUnit.WAN) == 0
    with pytest.raises(ValueError):
        parse_amount("0.001", MoneyUnit.YUAN)
    with pytest.raises(ValueError):
        parse_amount("无", MoneyUnit.WAN)


def test_codes_as_printed() -> None:
    assert code_of("201 03 01") == "2010301" and code_of("2010301") == "2010301"
    assert join_code(["201", "03", "01"]) == "2010301"
    assert join_code(["302", "30201"]) == "30201"  # 2020 layout prints the 款 as the full code
    assert join_code(["301", "2"]) == "30102"  # a 款 printed without its leading zero
    assert strip_numbering("其中：（1）公务用车运行维护费") == "公务用车运行维护费"
    assert strip_numbering("(十五)资源勘探信息等支出") == "资源勘探信息等支出"


# ── roles ──────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("title", "role"), [
    ("2024 年部门收支总体情况表", "income_expenditure_summary"),
    ("2019年财政拨款收支总体情况表", "fiscal_summary"),
    ("2024 年一般公共预算 “三公” 经费支出情况表", "three_public"),
    ("2019年一般公共预算基本支出情况表", "general_public_basic"),
    ("部门（单位）整体绩效目标表（2024 年度）", "department_targets"),
    ("济源市政府金融办公室支出项目绩效目标表（2020年）", "project_target_sheets"),
    # Jiangsu 2018 公开表
    ("收支预算总表", "income_expenditure_summary"), ("收入预算总表", "income_summary"),
    ("支出预算总表", "expenditure_summary"), ("财政拨款收支预算总表", "fiscal_summary"),
    ("一般公共预算支出预算表（功能科目）", "general_public_expenditure"),
    ("一般公共预算基本支出预算表（经济科目）", "general_public_basic"),
    ("一般公共预算“三公”经费支出预算表", "three_public"), ("“三公”经费、会议费、培训费支出预算表", "three_public"),
    ("政府性基金预算支出表", "government_fund_expenditure"), ("政府采购支出预算表", "procurement"),
    ("一般公共预算机关运行经费支出预算表", "organ_operating"),
    # Shanghai 9 tables
    ("2024年部门财务收支预算总表", "income_expenditure_summary"), ("2024年部门收入预算总表", "income_summary"),
    ("2024年部门支出预算总表", "expenditure_summary"), ("2024年部门财政拨款收支预算总表", "fiscal_summary"),
    ("2024年部门一般公共预算支出功能分类预算表", "general_public_expenditure"),
    ("2024年部门政府性基金预算支出功能分类预算表", "government_fund_expenditure"),
    ("2024年部门国有资本经营预算支出功能分类预算表", "state_capital_expenditure"),
    ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "general_public_basic"),
    ("部门“三公”经费和机关运行经费预算表", "three_public"),
])
def test_roles_from_titles(title: str, role: str) -> None:
    found = vocabulary().role(title_key(title, ""))
    assert found is not None and found.id == role


def test_unknown_table_is_kept_raw_with_a_notice() -> None:
    raw = RawTable(title="2024年人员编制情况表", unit="人", columns=(("项目",), ("编制数",)),
                   rows=(("行政编制", "8"), ("事业编制", "2")), pages=(30,))
    t, notices = table(raw)
    assert t.kind == "raw" and t.id == "raw:1"
    assert [c.key for c in t.columns] == ["c1", "c2"]
    assert [[c.value for c in r.cells] for r in t.rows] == [["行政编制", "8"], ["事业编制", "2"]]
    assert any("未能识别" in n for n in notices)


# ── matrix tables ─────────────────────────────────────────────────────────────────────────────


def test_expenditure_table_columns_rows_and_amounts() -> None:
    t, notices = table(expenditure_raw())
    assert (t.id, t.kind, t.money_unit) == ("expenditure_summary", "matrix", MoneyUnit.WAN)
    assert t.org_label == "部门名称：本级"
    keys = [c.key for c in t.columns]
    assert keys == ["f_class", "f_section", "f_item", "unit_code", "name", "total", "basic", "basic.wages",
                    "basic.households", "basic.goods", "basic.capital", "project", "project.operations",
                    "project.specific"]
    assert [(r.key, r.level) for r in t.rows[:4]] == [
        ("total", "total"), ("department:154", "department"), ("functional:2010301", "functional_item"),
        ("functional:2010305", "functional_item")]
    assert value(t, "total", "total") == 504_110_000
    assert value(t, "functional:2010301", "basic.wages") == 348_300_000
    assert value(t, "functional:2010305", "basic") is None  # printed blank
    assert not t.is_empty and notices == []


def test_default_unit_with_notice_and_yuan_tables() -> None:
    t, notices = table(RawTable(title="2024年部门支出预算总表", columns=(("功能分类科目编码",), ("功能分类科目名称",),
                                                                         ("合计",), ("基本支出",), ("项目支出",)),
                                rows=(("201 03 01", "行政运行", "1,234", "1,234", "0"),)))
    assert t.money_unit is MoneyUnit.WAN and any("未印金额单位" in n for n in notices)
    assert value(t, "functional:2010301", "total") == 1_234 * 1_000_000
    t, notices = table(RawTable(title="2024年部门支出预算总表", unit="元",
                                columns=(("功能分类科目编码", "类"), ("功能分类科目编码", "款"),
                                         ("功能分类科目编码", "项"), ("功能分类科目名称",), ("合计",), ("基本支出",),
                                         ("项目支出",)),
                                rows=(("212", "", "", "城乡社区支出", "119,385,303", "76,609,000", "42,776,303"),
                                      ("212", "01", "", "城乡社区管理事务", "94,450,003", "76,609,000", "17,841,003"),
                                      ("212", "01", "01", "行政运行", "16,603,248", "16,353,248", "250,000"),
                                      ("合计", "", "", "", "156,211,123", "99,706,020", "56,505,103"))))
    assert t.money_unit is MoneyUnit.YUAN and notices == []
    assert [(r.key, r.level) for r in t.rows] == [
        ("functional:212", "functional_class"), ("functional:21201", "functional_section"),
        ("functional:2120101", "functional_item"), ("total", "total")]
    assert value(t, "total", "total") == 15_621_112_300


def test_econ_summary_department_and_two_classifications() -> None:
    raw = RawTable(
        title="2024 年支出经济分类汇总表", unit="万元", org="部门名称：本级",
        columns=(("部门预算经济分类", "类"), ("部门预算经济分类", "款"), ("部门预算经济分类", "科目名称"),
                 ("政府预算经济分类", "类"), ("政府预算经济分类", "款"), ("政府预算经济分类", "科目名称"), ("总计",),
                 ("一般公共预算", "小计"), ("一般公共预算", "其中： 财政拨 款"), ("政府性 基金",), ("上年结 转结余",)),
        rows=(("", "", "合计", "", "", "", "504.11", "504.11", "504.11", "", ""),
              ("154", "", "新乡市金 融工作局", "", "", "", "504.11", "504.11", "504.11", "", ""),
              ("301", "02", "津贴补贴", "501", "01", "工资奖金 津补贴", "77.40", "77.40", "77.40", "", ""),
              ("302", "13", "维修(护)费", "502", "09", "维修(护)费", "1.00", "1.00", "1.00", "", "")))
    t, _ = table(raw)
    assert [c.key for c in t.columns][6:] == ["total", "general_public", "appropriation", "government_fund",
                                              "carryover"]
    assert [r.key for r in t.rows] == ["total", "department:154", "econ:30102/50101", "econ:30213/50209"]
    assert t.row("econ:30102/50101").label == "津贴补贴"  # type: ignore[union-attr]
    assert value(t, "econ:30213/50209", "general_public") == 1_000_000


def test_income_summary_groups_prefix_their_sources() -> None:
    raw = RawTable(title="2024 年部门收入总体情况表", unit="万元",
                   columns=(("部门 （单位）代 码",), ("部门（单位） 名称",), ("总计",), ("本年收入", "合计"),
                            ("本年收入", "一般公共预算", "小计"), ("本年收入", "一般公共预算", "其中： 财政 拨款"),
                            ("本年收入", "政府 性基 金"), ("上年结转结余", "合计"), ("上年结转结余", "单位 资金")),
                   rows=(("", "合计", "504.11", "504.11", "504.11", "504.11", "", "", ""),
                         ("154", "新乡市金融 工作局", "504.11", "504.11", "504.11", "504.11", "", "", ""),
                         ("154001", "新乡市金 融工作局", "504.11", "504.11", "504.11", "504.11", "", "", "")))
    t, _ = table(raw)
    assert [c.key for c in t.columns] == ["unit_code", "name", "total", "current", "current.general_public",
                                          "current.appropriation", "current.government_fund", "carryover",
                                          "carryover.unit_funds"]
    assert [r.key for r in t.rows] == ["total", "department:154", "unit:154001"]
    assert t.rows[2].label == "新乡市金融工作局"


def test_three_public_horizontal_and_vertical() -> None:
    t, _ = table(RawTable(title="2024 年一般公共预算 “三公” 经费支出情况表", unit="万元",
                          columns=(("“三公” 经费合计",), ("因公出国（境）费",), ("公务用车购置及运行费", "小计"),
                                   ("公务用车购置及运行费", "公务用车购置费"),
                                   ("公务用车购置及运行费", "公务用车运行费"), ("公务接待费",)),
                          rows=(("4.10", "", "3.10", "", "3.10", "1.00"),)))
    assert [c.key for c in t.columns] == ["total", "overseas_travel", "vehicles", "vehicle_purchase",
                                          "vehicle_operation", "official_reception"]
    assert t.rows[0].key == "total" and value(t, "total", "vehicle_operation") == 3_100_000
    t, _ = table(RawTable(title="2019年一般公共预算“三公”经费支出情况表", unit="万元",
                          columns=(("项 目",), ("2019年“三公”经费预算数",)),
                          rows=(("共计", "0.5"), ("1、因公出国（境）费用", ""), ("2、公务接待费", "0.5"),
                                ("3、公务用车费", ""), ("其中：（1）公务用车运行维护费", ""),
                                ("（2）公务用车购置", ""))),
                 Setting("济源市人民政府金融服务办公室", 2020))
    assert [c.key for c in t.columns] == ["name", "amount"]
    assert [r.key for r in t.rows] == ["fixed:total", "fixed:overseas_travel", "fixed:official_reception",
                                       "fixed:vehicles", "fixed:vehicle_operation", "fixed:vehicle_purchase"]
    assert t.rows[4].indent == 1 and value(t, "fixed:official_reception", "amount") == 500_000
    # Jiangsu: 合计 includes 会议费 and 培训费, the 三公 total is “三公”经费/小计
    t, _ = table(RawTable(title="“三公”经费、会议费、培训费支出预算表", unit="万元",
                          columns=(("合计",), ("“三公”经费", "小计"), ("“三公”经费", "因公出国 （境）费"),
                                   ("“三公”经费", "公务用车购置及运行维护费", "小计"),
                                   ("“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"),
                                   ("“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费"),
                                   ("“三公”经费", "公务接待费"), ("会议费",), ("培训费",)),
                          rows=(("2542.60", "833.60", "222.50", "183.60", "", "183.60", "427.50", "1305.25",
                                 "403.75"),)))
    assert [c.key for c in t.columns] == ["grand_total", "total", "overseas_travel", "vehicles", "vehicle_purchase",
                                          "vehicle_operation", "official_reception", "meeting", "training"]


def test_project_table_rows() -> None:
    t, _ = table(RawTable(title="2024 年项目支出表", number="预算 10 表", unit="万元",
                          columns=(("类型",), ("项目名称",), ("项目单位",), ("合计",), ("本年拨款", "一般公共 预算"),
                                   ("财政拨款结转结余", "一般公共 预算"), ("单位资金",)),
                          rows=(("", "", "", "37.00", "37.00", "", ""),
                                ("", "154", "新乡市金 融工作局", "37.00", "37.00", "", ""),
                                ("特定目标 类", "金融及处 非工作经 费", "新乡市金 融工作局", "37.00", "37.00", "",
                                 ""))))
    assert (t.code, t.number) == ("预算10表", 10)
    assert [c.key for c in t.columns][3:] == ["total", "current.general_public", "carryover.general_public",
                                              "unit_funds"]
    assert [(r.key, r.level) for r in t.rows] == [("total", "total"), ("department:154", "department"),
                                                   ("project:金融及处非工作经费", "project")]


def test_empty_table_statement_from_its_note() -> None:
    t, _ = table(RawTable(title="2024 年政府性基金预算支出情况表", unit="万元",
                          columns=FUNCTIONAL_HEAD + EXPENDITURE_HEAD, rows=(("", "", "", "", "合计") + ("",) * 9,),
                          notes=("注：我局 2024 年无政府性基金预算支出。",)))
    assert t.is_empty and t.empty_statement == "注：我局2024年无政府性基金预算支出。" and t.notes == ()
    t, _ = table(RawTable(title="2019年一般公共预算基本支出情况表", unit="万元",
                          columns=(("部门预算经济分类", "类"), ("部门预算经济分类", "款"),
                                   ("部门预算经济分类", "科目名称"), ("一般公共预算", "合计"),
                                   ("一般公共预算", "财政拨款")),
                          rows=(("**", "**", "**", "1", "2"),)))
    assert t.is_empty and t.empty_statement == "" and t.rows == ()  # the column-number row is not data


# ── two-sided tables ──────────────────────────────────────────────────────────────────────────


def test_balance_table_semantic_row_keys() -> None:
    raw = RawTable(title="2024 年部门收支总体情况表", number="预算 01 表", unit="万元",
                   columns=(("收入", "项目"), ("收入", "金额"), ("支出", "项目"), ("支出", "金额")),
                   rows=(("一、一般公共预算", "504.11", "一、一般公共服务", "428.90"),
                         ("其中：财政拨款", "504.11", "二、外交", ""),
                         ("二、政府性基金预算拨款收入", "", "八、社会保障和就业", "41.97"),
                         ("", "", "十、卫生健康", "33.24"),
                         ("本 年 收 入 合 计", "504.11", "本 年 支 出 合 计", "504.11"),
                         ("上年结转结余", "", "年终结转结余", ""),
                         ("收 入 总 计", "504.11", "支 出 总 计", "504.11")))
    t, _ = table(raw)
    assert (t.id, t.kind, t.code) == ("income_expenditure_summary", "balance", "预算01表")
    assert [c.key for c in t.columns] == ["income.label", "income.amount", "expenditure.label", "expenditure.amount"]
    assert value(t, "income:general_public", "income.amount") == 504_110_000
    assert value(t, "income:appropriation", "income.amount") == 504_110_000
    assert value(t, "expenditure:210", "expenditure.amount") == 33_240_000
    assert value(t, "income:grand_total", "income.amount") == 504_110_000
    assert [r.level for r in t.rows] == ["line"] * 4 + ["total"] * 3
    assert t.rows[1].indent == 1


def test_fiscal_table_groups_and_old_class_names() -> None:
    raw = RawTable(title="2024 年财政拨款收支总体情况表", unit="万元",
                   columns=(("收入", "项 目"), ("收入", "金 额"), ("支出", "项 目"), ("支出", "合计"),
                            ("支出", "一般公共预算", "小计"), ("支出", "一般公共预算", "其中：财政拨 款"),
                            ("支出", "政府性基金"), ("支出", "国有资本经营 预算")),
                   rows=(("一、本年收入", "504.11", "一、本年支出", "504.11", "504.11", "504.11", "", ""),
                         ("（一）一般公共预算拨款", "504.11", "（一）一般公共服务支出", "428.90", "428.90", "428.90",
                          "", ""),
                         ("其中：财政拨款", "504.11", "（二）外交支出", "", "", "", "", ""),
                         ("二、上年结转", "", "（九）医疗卫生与计划生育支 出", "", "", "", "", ""),
                         ("（一）一般公共预算拨款", "", "（十）卫生健康支出", "33.24", "33.24", "33.24", "", ""),
                         ("", "", "(十二)城乡社区事务支出", "", "", "", "", ""),
                         ("", "", "二、年终结转结余", "", "", "", "", ""),
                         ("收入合计：", "504.11", "支出合计", "504.11", "504.11", "504.11", "", "")))
    t, _ = table(raw)
    assert [c.key for c in t.columns][3:] == ["expenditure.total", "expenditure.general_public",
                                              "expenditure.appropriation", "expenditure.government_fund",
                                              "expenditure.state_capital"]
    assert value(t, "income:current.general_public", "income.amount") == 504_110_000
    assert value(t, "income:current.appropriation", "income.amount") == 504_110_000
    assert t.cell("income:carryover.general_public", "income.amount") is not None
    # （九）printed with 210's old name is 209 by its number; （十）卫生健康 keeps 210
    assert t.cell("expenditure:209", "expenditure.total") is not None
    assert value(t, "expenditure:210", "expenditure.total") == 33_240_000
    assert t.cell("expenditure:212", "expenditure.total") is not None
    assert value(t, "income:total", "income.amount") == 504_110_000


def test_balance_2020_groups_without_subtotal_rows() -> None:
    raw = RawTable(title="2019年部门收支总体情况表", unit="万元",
                   columns=(("收入", "项目"), ("收入", "金额"), ("支出", "项目"), ("支出", "合计"),
                            ("支出", "本年支出", "小计"), ("支出", "本年支出", "一般公共预算", "小计"),
                            ("支出", "本年支出", "一般公共预算", "其中：财政拨款"), ("支出", "本年支出", "事业基金")),
                   rows=(("一般公共预算", "", "", "", "", "", "", ""),
                         ("财政拨款", "", "一、基本支出", "", "", "", "", ""),
                         ("国有资本经营收入", "", "二、项目支出", "15.0", "15.0", "15.0", "15.0", ""),
                         ("上年结余（结转）", "", "一般性项目", "15.0", "15.0", "15.0", "15.0", ""),
                         ("政府性基金", "", "专项资金", "", "", "", "", ""),
                         ("上年结余（结转）", "", "9、其他支出", "", "", "", "", ""),
                         ("收入合计", "", "支出合计", "", "", "", "", "")),
                   )
    t, _ = table(raw, Setting("济源市人民政府金融服务办公室", 2020))
    assert [c.key for c in t.columns][3:] == ["expenditure.total", "expenditure.current",
                                              "expenditure.general_public", "expenditure.appropriation",
                                              "expenditure.business_fund_current"]
    keys = {c.row_key for r in t.rows for c in r.cells if c.row_key}
    assert {"income:general_public", "income:gpb_appropriation", "income:gpb_state_capital_income",
            "income:gpb_carryover", "income:government_fund", "income:gf_carryover", "income:total",
            "expenditure:basic", "expenditure:project", "expenditure:project.general", "expenditure:project.special",
            "expenditure:project.other", "expenditure:total"} <= keys
    assert value(t, "expenditure:project", "expenditure.general_public") == 15_000_000


# ── continued and repeated tables ─────────────────────────────────────────────────────────────


def test_continued_table_is_joined_but_a_repeated_one_is_not() -> None:
    first = RawTable(title="2019年财政拨款收支总体情况表", columns=(("收入", "项目"), ("收入", "金额")),
                     rows=(("小计", "15.0"), ("财政拨款", "15.0"), ("上年结余（结转）", "")), pages=(9,))
    rest = RawTable(title="2019年财政拨款收支总体情况表", columns=first.columns,
                    rows=(("上年结余（结转）", ""), ("国有资本经营预算", ""), ("收入合计", "15.0")), pages=(10,))
    joined = join_continued([first, rest])
    assert len(joined) == 1 and len(joined[0].rows) == 6 and joined[0].pages == (9, 10)
    assert len(join_continued([expenditure_raw(), expenditure_raw()])) == 2


# ── 绩效目标 tables ──────────────────────────────────────────────────────────────────────────


def test_department_targets_on_a_grid() -> None:
    raw = RawTable(title="部门（单位）整体绩效目标表（2024 年度）", org="部门名称：新乡市金融工作局", rows=(
        ("年度履职目标", "力争 2023 年企业上市（挂牌）工作取得新突破。", "", "", ""),
        ("年度主要任务", "任务名称", "主要内容", "", ""),
        ("", "持续推进“登顶太行”计划", "引导企业根据实际情况对标不同层次资本市场。", "", ""),
        ("预算情况", "部门预算总额（万元）", "504.11", "", ""),
        ("", "1、资金来源：（1）政府预算资金", "504.11", "", ""),
        ("", "2、资金结构：", "(1) 基本支出", "467.11", ""),
        ("", "(2) 项目支出", "", "37.00", ""),
        ("一级指标", "二级指标", "三级指标", "指标值", "指标值说明"),
        ("产出指标", "重点工作任务完成", "大型政金企对接会", "≥1 场", "2024 年内举办两场大型政金企对接会。"),
        ("", "", "非法集资案件销号", "≥10 起", "2024 年内达到非法集资案件结案销号 20 起的目标。"),
    ))
    t, _ = table(raw)
    assert t.kind == "department_targets"
    assert [r.key for r in t.rows] == ["annual_goal", "tasks", "task:0", "budget_total", "source.fiscal",
                                       "structure.basic", "structure.project", "indicator_header", "indicator:0",
                                       "indicator:1"]
    assert value(t, "budget_total", "c5") == 504_110_000 and value(t, "structure.project", "c5") == 37_000_000
    cells = {c.column: c.value for c in t.rows[-1].cells}
    assert cells["c3"] == "非法集资案件销号" and cells["c4"] == "≥10起"


def test_department_targets_printed_flat() -> None:
    raw = RawTable(title="济源市人民政府金融服务办公室整体绩效目标表（2020年度）", rows=(
        ("年度履职目标", ""), ("强化防范打击和处置非法集资力度。", ""),
        ("一级指标", "二级指标", "三级指标", "指标值", "指标值说明"),
        ("投入管理指标", ""), ("工作目标管理", ""), ("年度履职目标相关性", "相关"),
        ("1.年度履职目标是否符合国家、省委省政府战略部署和发展规划，与国家、省宏观政策、行业政策一致；2.年", ""),
        ("度履职目标是否与部门职责相关。", ""),
        ("结转结余率≤15%结转结余率=结转结余总额/预算数*100%。", ""),
        ("政府采购执行率", "≤100%", "政府采购执行率=（实际政府采购金额/政府采购预算数）×100%。"),
        ("满意度", ""), ("群众对非法集资知晓度", ""), ("≥90%反映社会公众的满意程度。", ""),
    ))
    t, _ = table(raw, Setting("济源市人民政府金融服务办公室", 2020))
    goal = {c.column: c.value for c in t.row("annual_goal").cells}  # type: ignore[union-attr]
    assert goal["c2"] == "强化防范打击和处置非法集资力度。"
    indicators = [{c.column: c.value for c in r.cells} for r in t.rows if r.level == "indicator"]
    assert [(i.get("c3"), i.get("c4")) for i in indicators] == [
        ("年度履职目标相关性", "相关"), ("结转结余率", "≤15%"), ("政府采购执行率", "≤100%"),
        ("群众对非法集资知晓度", "≥90%")]
    assert indicators[0]["c1"] == "投入管理指标" and indicators[0]["c2"] == "工作目标管理"
    assert str(indicators[0]["c5"]).endswith("是否与部门职责相关。")
    assert indicators[3]["c2"] == "满意度"


def test_project_summary_row_slid_left_is_put_back() -> None:
    head = (("单位编码（项目编码）",), ("项目单位 （项目名称）",), ("项目金额（万元）", "资金 总额"),
            ("项目金额（万元）", "政府 预算 资金"), ("绩效目标", "产出指标", "三级指标"),
            ("绩效目标", "产出指标", "指标 值"),
            ("绩效目标", "满意度指标", "三级指标"), ("绩效目标", "满意度指标", "指标值"))
    raw = RawTable(title="2024 年部门预算项目绩效目标汇总表", columns=head, rows=(
        ("154", "", "37.00", "37.00", "", "", "", ""),
        ("410700220000000029927", "金融及处 非工作经 费", "37.00", "37.00", "2024 年组织大型政企对接会", "≥1 场",
         "群众满意 度", "≥90%"),
        ("", "", "", "2024 年进行地方金融组织年审", "2 次", "地方金融组织满意度", "≥95%", ""),
        ("", "", "", "", "2024 年市金融局为拟上市企", "≤7 工作日", "", ""),
        ("", "", "", "", "业出具金 融合规证 明", "", "", ""),
    ))
    t, _ = table(raw)
    assert [r.key for r in t.rows] == ["department:154", "project:410700220000000029927",
                                       "project:410700220000000029927:1", "project:410700220000000029927:2"]
    second = {c.column: c.value for c in t.rows[2].cells}
    assert (second["l1.0.name"], second["l1.0.value"], second["l1.1.name"]) == (
        "2024年进行地方金融组织年审", "2次", "地方金融组织满意度")
    assert {c.column: c.value for c in t.rows[3].cells}["l1.0.name"] == "2024年市金融局为拟上市企业出具金融合规证明"


# ── documents ─────────────────────────────────────────────────────────────────────────────────


def test_document_from_raw_outline_metadata_and_pages() -> None:
    raw = RawDocument("demo.pdf", (
        RawParagraph("2024", 1),
        RawParagraph("目 录", 2, heading=True),
        RawParagraph("第一部分 新乡市金融工作局概况", 2),
        RawParagraph("一、主要职责", 2),
        RawParagraph("第一部分", 3, heading=True),
        RawParagraph("新乡市金融工作局概况", 3, heading=True),
        RawParagraph("一、新乡市金融工作局主要职责", 3, heading=True),
        RawParagraph("（一）贯彻执行党和国家、省金融工作方针。", 3),
        RawParagraph("第二部分", 4, heading=True),
        RawParagraph("新乡市金融工作局 2024 年度部门预算情况说明", 4, heading=True),
        RawParagraph("三、支出预算总体情况说明", 4, heading=True),
        RawParagraph("新乡市金融工作局 2024 年支出预算合计 504.11 万元，其中：基本支出 467.11 万元，占 92.66%。", 4),
        expenditure_raw(),
    ), pages=5)
    document, notes = document_from_raw(raw)
    assert (document.department, document.year, document.money_unit) == ("新乡市金融工作局", 2024, "万元")
    headings = [(h.level, h.text) for h in document.headings(toc_only=False)]
    assert headings == [(1, "第一部分 新乡市金融工作局概况"), (2, "一、新乡市金融工作局主要职责"),
                        (1, "第二部分 新乡市金融工作局 2024 年度部门预算情况说明"), (2, "三、支出预算总体情况说明")]
    paragraphs = document.paragraphs()
    assert paragraphs[0].section == "duties" and paragraphs[1].section == "expenditure"
    assert [(c.metric, c.kind, str(c.value)) for c in paragraphs[1].claims] == [
        ("expenditure_total", "amount", "504.11"), ("basic", "amount", "467.11"), ("basic", "share", "92.66")]
    assert notes.pages == {"expenditure_summary": 5} and notes.paragraph_pages == {1: 3, 2: 4}
    report = audit(raw)
    located = [i for i in report.issues if i.location.table_id == "expenditure_summary"]
    assert located and all(i.location.page == 5 for i in located)
