"""The audit of each seed finds every real mistake in it and raises no false error.

Each seed (``shared/seeds/*.txt``) is read with the text reader, recognised and checked.  The issues
are pinned exactly: every issue the audit raises is listed below with the mistake of the original it
points to (see each example's README), and every listed issue must be raised.  A new error — or a
warning or notice nobody reviewed — fails the test.  Mistakes of the originals that no rule of the
checker can see are listed in ``NOT_DETECTED`` (they are what new rules should cover).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from yusuan.check import Issue, Severity
from yusuan.importer.audit import audit, document_from_raw

SEEDS = Path("/work/shared/seeds")
SEED_000 = SEEDS / "000_62d2f9c512e236c2.txt"
SEED_004 = SEEDS / "004_bdbde623cfc6534b.txt"

text_reader = pytest.importorskip("yusuan.importer.text_reader")
pytestmark = pytest.mark.skipif(not SEED_000.exists() or not SEED_004.exists(), reason="seeds not available")

Signature = tuple[str, str, str, str]
"""(code, where: table id or heading, row key or the sentence's start, what is printed)."""


def signature(issue: Issue) -> Signature:
    where = issue.location
    place = where.table_id or (where.section or "")[:12]
    detail = where.row_key or (where.sentence or "")[:12]
    return issue.code, place, detail, issue.actual or ""


# 新乡市金融工作局 2024 (examples/xinxiang-2024/README.md "原件的错误和不规范之处")
SEED_000_ISSUES: dict[Signature, tuple[Severity, str]] = {
    # 1. 目录有“一般公共预算基本支出表”，附件没有这张表，却把一般公共预算支出情况表印了两次
    ("M501", "general_public_basic", "", "无"): (Severity.ERROR, "基本支出表缺失"),
    ("M502", "general_public_expenditure", "", "2024年一般公共预算支出情况表"): (Severity.ERROR, "支出情况表印了两次"),
    # 2. 只有预算01表、预算10表印了表号
    ("M503", "project_expenditure", "", "10"): (Severity.WARNING, "表号 01 之后直接是 10"),
    # 4. §四 增减额与幅度对调（13.87 万元 / 61.4%，§一为 61.4 万元、13.87%），模板占位“增加（减少）”“增长（下降）”未删
    ("N406", "四、财政拨款收入支出预算", "与2023年相比，增加（", "13.87 万元、61.4%"):
        (Severity.ERROR, "增减额与幅度对调"),
    ("N407", "四、财政拨款收入支出预算", "与2023年相比，增加（", "增加（减少）"):
        (Severity.ERROR, "占位“增加（减少）”"),
    ("N407", "四、财政拨款收入支出预算", "与2023年相比，增加（", "增长（下降）"):
        (Severity.ERROR, "占位“增长（下降）”"),
    # 5. §七 “增减 1.2 万元”、“增加 0 万元”两处、“。。”；“三公”合计减少 1.2 万元只在（三）说明了原因
    ("N407", "七、一般公共预算“三公”", "公务用车购置费及运行费预", "增减"): (Severity.ERROR, "“增减”未选定方向"),
    ("N412", "七、一般公共预算“三公”", "预算数与2023年相比增", "增加0万元"):
        (Severity.WARNING, "因公出国（境）费“增加0万元”"),
    ("N412", "七、一般公共预算“三公”", "预算数比2023年相比增", "增加0万元"):
        (Severity.WARNING, "公务接待费“增加0万元”"),
    ("N411", "七、一般公共预算“三公”", "预算数与2023年相比增", "。。"): (Severity.NOTICE, "句号重复"),
    #    “三公”合计减少 1.2 万元的原因写在（三）公务用车项下：合计随各项增减，各项的原因即合计的原因（不报 M507）
    # 9. §九 编号：九 之后是 十一、十二（缺 十），九 本身下面没有内容
    ("N410", "十一、政府性基金预算项目", "", "十一、"): (Severity.ERROR, "缺“十、”"),
    ("N415", "九、其他重要事项情况说明", "", "九、其他重要事项情况说明"): (Severity.WARNING, "九 下没有内容"),
    # 12. 政府采购未按货物/工程/服务分列
    ("M509", "（二）政府采购支出情况", "", ""): (Severity.WARNING, "政府采购未分类"),
    # 6. 整体绩效目标表（2024 年度）年度履职目标写“力争 2023 年……”
    ("N408", "department_targets", "annual_goal", "2023"): (Severity.WARNING, "年度履职目标中的 2023 年"),
    ("P613", "department_targets", "annual_goal", "2023年"): (Severity.WARNING, "年度履职目标中的 2023 年"),
    # 7. 指标值与说明不符：≥1 场 / 举办两场；2 次 / 2 次以上；≥10 起 / 20 起；履职目标实现四项都写“常态化对接”
    ("P604", "department_targets", "indicator:20", "≥1场"): (Severity.WARNING, "大型政金企对接会"),
    ("P604", "department_targets", "indicator:21", "2次"): (Severity.WARNING, "年审、专项检查"),
    ("P604", "department_targets", "indicator:22", "≥10起"): (Severity.WARNING, "非法集资案件销号"),
    ("P611", "department_targets", "indicator:24", ""): (Severity.NOTICE, "四个指标值都是“常态化对接”"),
    # 3. 预算07表各行未按科目编码排序（30102 在 30101 前……，11 行位置不对）；没有类级小计行只是版式，不报
    ("M530", "econ_summary", "econ:30101/50101", "30101 排在 30102 之后"): (Severity.WARNING, "预算07表行序"),
    # 8. 收支总表的类级名称：（九）印 210 类旧名“医疗卫生与计划生育”，（七）语序错，城乡社区事务、农林水事务、
    #    资源勘探信息等为旧名（预算01表、财政拨款收支总体情况表各一次）
    ("C330", "fiscal_summary", "expenditure:207", "文化体育旅游与传媒支出"): (Severity.WARNING, "（七）名称语序错"),
    ("C330", "fiscal_summary", "expenditure:209", "医疗卫生与计划生育支出"):
        (Severity.WARNING, "（九）印 210 类旧名，应为社会保险基金支出"),
    ("C330", "fiscal_summary", "expenditure:212", "城乡社区事务支出"): (Severity.WARNING, "212 类旧名"),
    ("C330", "fiscal_summary", "expenditure:213", "农林水事务支出"): (Severity.WARNING, "213 类旧名"),
    ("C330", "fiscal_summary", "expenditure:215", "资源勘探信息等支出"): (Severity.WARNING, "215 类旧名"),
    ("C330", "income_expenditure_summary", "expenditure:212", "城乡社区事务"): (Severity.WARNING, "212 类旧名"),
    ("C330", "income_expenditure_summary", "expenditure:213", "农林水事务"): (Severity.WARNING, "213 类旧名"),
    ("C330", "income_expenditure_summary", "expenditure:215", "资源勘探信息等"): (Severity.WARNING, "215 类旧名"),
    # 6. 年度履职目标“扫黑除恶专项斗争斗争工作”
    ("N430", "department_targets", "annual_goal", "斗争斗争"): (Severity.NOTICE, "“斗争”重复"),
    # 11. 说明中 61.4、37、43.6、1.2、1、3.1、3 未像表格那样保留两位小数（11 处，报一次）
    ("N434", "一、收入支出预算总体情况", "新乡市金融工作局2024", "61.4、37、43.6、1.2、1、3.1、3"):
        (Severity.NOTICE, "金额未保留两位小数"),
    # 名词解释“四、事业单位经营收入：……取得的收入”缺句号（其余各条都有）
    ("N433", "第三部分 名词解释", "四、事业单位经营收入：是", "…立核算经营活动取得的收入"):
        (Severity.NOTICE, "名词解释缺句号"),
}
# 10. 各表“部门名称：本级”，未写部门名称（11 张表）
SEED_000_NAMES = ("income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
                  "general_public_expenditure", "general_public_expenditure", "econ_summary", "three_public",
                  "government_fund_expenditure", "project_expenditure", "project_targets_summary")

# 济源市人民政府金融服务办公室 2020 (examples/jiyuan-2020/README.md)
HAEDU_LINK: Signature = ("N432", "附件：济源市人民政府金融", "http://www.h",
                         "http://www.haedu.gov.cn/UserFiles/File/201803/20180309144718540.doc")
SEED_004_ISSUES: dict[Signature, tuple[Severity, str]] = {
    # 2. 收入数缺失：预算01表收入栏、“收入合计”“支出合计”空白，预算02表全表空白 —— 与说明、各表对不上
    ("A106", "income_expenditure_summary", "expenditure:total", "0.00"):
        (Severity.ERROR, "支出合计空白（每个金额列一处）"),
    ("N401", "一、收入支出预算总体情况", "济源市人民政府金融服务办", "15"):
        (Severity.ERROR, "说明 15，预算01表收入/支出总计空白"),
    ("N401", "二、收入预算总体情况说明", "济源市人民政府金融服务办", "15"):
        (Severity.ERROR, "说明 15，预算01表收入合计、一般公共预算空白"),
    ("N401", "三、支出预算总体情况说明", "济源市人民政府金融服务办", "15"):
        (Severity.ERROR, "说明 15，预算01表支出合计空白"),
    ("X202", "expenditure_summary", "total", "15.00"): (Severity.ERROR, "预算03表 15，预算01表支出合计空白"),
    ("X213", "fiscal_summary", "income:general_public", "15.00"):
        (Severity.ERROR, "预算04表 15，预算01表一般公共预算空白"),
    ("X213", "fiscal_summary", "income:gpb_appropriation", "15.00"):
        (Severity.ERROR, "预算04表 15，预算01表财政拨款空白"),
    ("X213", "fiscal_summary", "income:total", "15.00"): (Severity.ERROR, "预算04表收入合计 15，预算01表空白"),
    ("X214", "department_targets", "budget_total", "15.00"):
        (Severity.ERROR, "绩效表预算总额 15，预算01表收入合计空白"),
    ("X221", "income_summary", "department:济源市政府金融办公室", "0.00"): (Severity.ERROR, "预算02表部门行空白"),
    ("X221", "income_summary", "functional:2010399", "0.00"): (Severity.ERROR, "预算02表 2010399 行空白"),
    ("M504", "income_summary", "", ""): (Severity.WARNING, "预算02表没有任何数字，也没有说明"),
    # 1. 2020 年预算的全部附表标题都写“2019年”，“三公”表栏目“2019年“三公”经费预算数”
    ("N409", "three_public", "", "2019"): (Severity.ERROR, "预算08表标题"),
    # 3. 预算07表、预算09表只印表头，没有空表说明
    ("M504", "general_public_basic", "", ""): (Severity.WARNING, "预算07表空表无说明"),
    ("M504", "government_fund_expenditure", "", ""): (Severity.WARNING, "预算09表空表无说明"),
    # 4. 只有预算01、08、09表印了表号
    ("M503", "three_public", "", "08"): (Severity.WARNING, "表号 01 之后直接是 08"),
    # 8. “无国有资本经营预算收入 0 万元”；“项目效益、、满意度”
    ("N407", "二、收入预算总体情况说明", "济源市人民政府金融服务办", "无国有资本经营预算收入0万元"):
        (Severity.ERROR, "“无”却写 0 万元"),
    ("N411", "（三）绩效目标设置情况", "我单位2020年预算项目", "、、"): (Severity.NOTICE, "顿号重复"),
    # 11. 整体绩效目标表“政府采购执行率 ≤100%”；“预算编制完整性”的指标值“完整性”
    ("P605", "department_targets", "indicator:9", "≤100%"): (Severity.WARNING, "政府采购执行率 ≤100%"),
    ("P610", "department_targets", "indicator:3", ""): (Severity.NOTICE, "指标值“完整性”"),
    # 12. 项目绩效目标表：“及时性”“健全性”照抄指标名；两个项目都没有成本指标
    ("P610", "project_target_sheets:2", "indicator:13", ""): (Severity.NOTICE, "宣传活动开展及时性：“及时性”"),
    ("P610", "project_target_sheets:2", "indicator:17", ""): (Severity.NOTICE, "监督检查制度健全性：“健全性”"),
    ("P602", "project_target_sheets:1", "name", ""): (Severity.NOTICE, "项目一无成本指标"),
    ("P602", "project_target_sheets:2", "name", ""): (Severity.NOTICE, "项目二无成本指标"),
    # 8. “与2019持平”缺“年”；“政府性基金预算支出 0 万元”缺句号；§六 经济分类说明没有数字
    ("N431", "七、“三公”经费支出预算", "（一）因公出国（境）费0", "与2019持平"): (Severity.NOTICE, "年份缺“年”"),
    ("N433", "八、政府性基金预算支出预", "济源市人民政府金融服务办", "…政府性基金预算支出0万元"):
        (Severity.NOTICE, "缺句号"),
    ("N435", "六、支出预算经济分类情况", "", "六、支出预算经济分类情况说明"): (Severity.NOTICE, "§六 没有数字"),
    # 9. 说明末尾两行河南省教育厅网址（模板残留，两次，见 SEED_004_COUNTS）
    HAEDU_LINK: (Severity.WARNING, "模板残留网址"),
    # 5. 说明中的金额也只保留一位或不保留小数（15、0.5，11 处，报一次）
    ("N434", "一、收入支出预算总体情况", "济源市人民政府金融服务办", "15、0.5"):
        (Severity.NOTICE, "金额未保留两位小数"),
}
SEED_004_COUNTS = {("A106", "income_expenditure_summary", "expenditure:total", "0.00"): 4,
                   ("N401", "一、收入支出预算总体情况", "济源市人民政府金融服务办", "15"): 2,
                   ("N401", "二、收入预算总体情况说明", "济源市人民政府金融服务办", "15"): 2,
                   HAEDU_LINK: 2}
SEED_004_TITLES = ("income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
                   "general_public_expenditure", "econ_summary", "general_public_basic", "three_public",
                   "government_fund_expenditure")
"""Tables titled “2019年……” (N409), besides the 三公 table's column header."""
SEED_004_SHORT_NAMES = SEED_004_TITLES
"""Tables whose 单位 line names the office “济源市政府金融办公室” (N416)."""

NOT_DETECTED = {
    "000": ["“三公”表栏目“公务用车运行费”",
            "国有资产未披露车辆、设备数量",
            "“缓解中小企业融资难问题”的说明抄自开发区"],
    "004": ["机构编制 16 名与 8 名矛盾",
            "“其他用车主要 0 辆”",
            "金额只保留一位或不保留小数",
            "“群众对非法集资知晓度”放在满意度下",
            "项目名“打击处置非集资”漏“法”"],
}
"""Real mistakes of the seeds no registered rule can see (see the report for the rules that would)."""


def expected_000() -> Counter[Signature]:
    expected: Counter[Signature] = Counter(SEED_000_ISSUES.keys())
    for table_id in SEED_000_NAMES:
        expected[("N416", table_id, "", "本级")] += 1
    return expected


def expected_004() -> Counter[Signature]:
    expected: Counter[Signature] = Counter(SEED_004_ISSUES.keys())
    for key, count in SEED_004_COUNTS.items():
        expected[key] = count
    for table_id in SEED_004_TITLES:
        expected[("N409", table_id, "", "2019")] += 1 if table_id != "three_public" else 0
        expected[("N416", table_id, "", "济源市政府金融办公室")] += 1
    expected[("N409", "three_public", "", "2019")] = 2  # title and the column 2019年“三公”经费预算数
    return expected


@pytest.fixture(scope="module")
def report_000():  # type: ignore[no-untyped-def]
    return audit(text_reader.read_text(SEED_000))


@pytest.fixture(scope="module")
def report_004():  # type: ignore[no-untyped-def]
    return audit(text_reader.read_text(SEED_004))


@pytest.mark.parametrize("seed", ["000", "004"])
def test_audit_raises_exactly_the_reviewed_issues(seed: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(f"report_{seed}")
    expected = expected_000() if seed == "000" else expected_004()
    found = Counter(signature(i) for i in report.issues)
    missing = expected - found
    unexpected = found - expected
    assert not missing, f"mistakes not found: {sorted(missing)}"
    assert not unexpected, f"issues nobody reviewed: {sorted(unexpected)}"
    assert "Z001" not in report.codes()


@pytest.mark.parametrize("seed", ["000", "004"])
def test_every_error_is_a_real_mistake(seed: str, request: pytest.FixtureRequest) -> None:
    """No false error: each error's signature is on the reviewed list with severity error."""
    report = request.getfixturevalue(f"report_{seed}")
    reviewed = SEED_000_ISSUES if seed == "000" else SEED_004_ISSUES
    for issue in report.issues:
        if issue.severity is not Severity.ERROR:
            continue
        key = signature(issue)
        if issue.code == "N409":
            assert key[1] in SEED_004_TITLES and seed == "004"
            continue
        assert key in reviewed and reviewed[key][0] is Severity.ERROR, str(issue)


def test_seed_000_key_findings_point_to_the_sentence(report_000) -> None:  # type: ignore[no-untyped-def]
    [swap] = [i for i in report_000.issues if i.code == "N406"]
    assert (swap.expected, swap.actual) == ("61.4", "13.87 万元、61.4%") and "13.87%" in swap.message
    assert swap.location.sentence is not None and "13.87万元" in swap.location.sentence
    [numbering] = [i for i in report_000.issues if i.code == "N410"]
    assert (numbering.expected, numbering.actual) == ("十、", "十一、")
    [missing] = [i for i in report_000.issues if i.code == "M501"]
    assert "一般公共预算基本支出表" in missing.message


def test_seed_004_title_years(report_004) -> None:  # type: ignore[no-untyped-def]
    titles = [i for i in report_004.issues if i.code == "N409"]
    assert {i.expected for i in titles} == {"2020"} and {i.actual for i in titles} == {"2019"}
    assert any(i.location.column_key == "amount" for i in titles)  # the 三公 table's column header


@pytest.mark.parametrize(("path", "department", "year", "tables"), [
    (SEED_000, "新乡市金融工作局", 2024, 12),
    (SEED_004, "济源市人民政府金融服务办公室", 2020, 12),
])
def test_metadata_and_tables(path: Path, department: str, year: int, tables: int) -> None:
    document, notes = document_from_raw(text_reader.read_text(path))
    assert (document.department, document.year, document.money_unit) == (department, year, "万元")
    assert len(document.tables()) == tables
    assert notes.unrecognised_tables == 0
    assert all(t.kind != "raw" for t in document.tables())


def test_not_detected_is_documented() -> None:
    assert all(NOT_DETECTED.values())
