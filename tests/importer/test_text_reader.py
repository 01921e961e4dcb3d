"""The plain-text reader: the two seeds (tab-separated tables in 000, tables flattened to lines in 004).

Expected values below are transcribed from the seed texts in ``../shared/seeds`` by hand; the tests
check table titles and order, units, header paths, every numeric cell of the main tables, the
headings and joined paragraphs of the narrative, and the Chinese errors for unreadable files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.importer.model import DisclosureReadError, RawDocument, RawTable
from yusuan.importer.text_reader import normalize, read_text, read_text_string

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_000 = SEEDS / "000_62d2f9c512e236c2.txt"
SEED_004 = SEEDS / "004_bdbde623cfc6534b.txt"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")


@pytest.fixture(scope="module")
def xinxiang() -> RawDocument:
    return read_text(SEED_000)


@pytest.fixture(scope="module")
def jiyuan() -> RawDocument:
    return read_text(SEED_004)


def table(doc: RawDocument, title: str, nth: int = 0) -> RawTable:
    found = [t for t in doc.tables() if title in t.title]
    assert len(found) > nth, f"no table {title!r}: {[t.title for t in doc.tables()]}"
    return found[nth]


def row(*cells: str, width: int) -> tuple[str, ...]:
    return (*cells, *([""] * (width - len(cells))))


def paths(t: RawTable) -> list[str]:
    return ["/".join(p) for p in t.columns]


def headings(doc: RawDocument) -> list[str]:
    return [p.text for p in doc.paragraphs() if p.heading]


# ── seed 000: 新乡 2024, tab-separated tables ────────────────────────────────────────────────


def test_000_tables_in_order(xinxiang: RawDocument) -> None:
    assert [t.title for t in xinxiang.tables()] == [
        "2024年部门收支总体情况表",
        "2024年部门收入总体情况表",
        "2024年部门支出总体情况表",
        "2024年财政拨款收支总体情况表",
        "2024年一般公共预算支出情况表",
        "2024年一般公共预算支出情况表",  # printed twice: both kept
        "2024年支出经济分类汇总表",
        "2024年一般公共预算“三公”经费支出情况表",
        "2024年政府性基金预算支出情况表",
        "2024年项目支出表",
        "部门（单位）整体绩效目标表（2024年度）",
        "2024年部门预算项目绩效目标汇总表",
    ]
    assert xinxiang.kind == "text"
    assert xinxiang.source == SEED_000.name
    assert xinxiang.pages == 0  # no form feeds: pages unknown
    assert xinxiang.warnings == ()


def test_000_numbers_units_and_org(xinxiang: RawDocument) -> None:
    tables = xinxiang.tables()
    assert [t.number for t in tables] == ["预算01表"] + [None] * 8 + ["预算10表", None, None]
    assert [t.unit for t in tables] == ["万元"] * 10 + [None, None]
    assert table(xinxiang, "支出经济分类汇总表").unit == "万元"  # printed as "单位：  " / "万元"
    assert table(xinxiang, "“三公”").unit == "万元"  # printed in a tab row with the org
    assert {t.org for t in tables[:10]} == {"部门名称：本级"}
    assert tables[10].org == "部门名称：新乡市金融工作局"
    assert all(t.pages == () and t.row_pages == () for t in tables)


def test_000_header_paths(xinxiang: RawDocument) -> None:
    assert paths(table(xinxiang, "部门收支总体情况表")) == ["收入/项目", "收入/金额", "支出/项目", "支出/金额"]
    assert paths(table(xinxiang, "部门收入总体情况表")) == [
        "部门（单位）代码", "部门（单位）名称", "总计", "本年收入/合计", "本年收入/一般公共预算/小计",
        "本年收入/一般公共预算/其中：财政拨款", "本年收入/政府性基金", "本年收入/国有资本经营预算",
        "本年收入/财政专户管理资金收入", "本年收入/事业收入", "本年收入/事业单位经营收入", "本年收入/上级补助收入",
        "本年收入/附属单位上缴收入", "本年收入/其他收入", "上年结转结余/合计", "上年结转结余/一般公共预算",
        "上年结转结余/政府性基金", "上年结转结余/国有资本经营预算", "上年结转结余/财政专户管理资金",
        "上年结转结余/单位资金"]
    expenditure = [
        "科目编码/类", "科目编码/款", "科目编码/项", "单位代码", "单位（科目名称）", "合计", "基本支出/小计",
        "基本支出/人员经费/工资福利支出", "基本支出/人员经费/对个人和家庭的补助", "基本支出/公用经费/商品和服务支出",
        "基本支出/公用经费/资本性支出", "项目支出/小计", "项目支出/其他运转类", "项目支出/特定目标类"]
    assert paths(table(xinxiang, "部门支出总体情况表")) == expenditure
    assert paths(table(xinxiang, "一般公共预算支出情况表", 1)) == expenditure
    # printed with 项目支出 one tab to the left: the group spans are realigned on the children
    assert paths(table(xinxiang, "政府性基金预算支出情况表")) == expenditure
    assert paths(table(xinxiang, "财政拨款收支总体情况表")) == [
        "收入/项目", "收入/金额", "支出/项目", "支出/合计", "支出/一般公共预算/小计",
        "支出/一般公共预算/其中：财政拨款", "支出/政府性基金", "支出/国有资本经营预算"]
    assert paths(table(xinxiang, "“三公”")) == [
        "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费", "公务接待费"]
    assert paths(table(xinxiang, "项目支出表"))[3:8] == [
        "合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "本年拨款/国有资本经营预算",
        "财政拨款结转结余/一般公共预算"]


def test_000_header_cells_have_spans(xinxiang: RawDocument) -> None:
    expected = [
        [("科目编码", 3, 2), ("单位代码", 1, 3), ("单位（科目名称）", 1, 3), ("合计", 1, 3), ("基本支出", 5, 1),
         ("项目支出", 3, 1)],
        [("小计", 1, 2), ("人员经费", 2, 1), ("公用经费", 2, 1), ("小计", 1, 2), ("其他运转类", 1, 2),
         ("特定目标类", 1, 2)],
        [("类", 1, 1), ("款", 1, 1), ("项", 1, 1), ("工资福利支出", 1, 1), ("对个人和家庭的补助", 1, 1),
         ("商品和服务支出", 1, 1), ("资本性支出", 1, 1)],
    ]
    for title in ("部门支出总体情况表", "政府性基金预算支出情况表"):
        header = table(xinxiang, title).header
        assert [[(c.text, c.colspan, c.rowspan) for c in cells] for cells in header] == expected
    # every header row covers all 14 leaf columns once the row spans are counted
    covered = [0, 0, 0]
    for r, cells in enumerate(expected):
        for _, colspan, rowspan in cells:
            for k in range(rowspan):
                covered[r + k] += colspan
    assert covered == [14, 14, 14]


def test_000_income_expenditure_summary_every_number(xinxiang: RawDocument) -> None:
    t = table(xinxiang, "部门收支总体情况表")
    with_numbers = [r for r in t.rows if r[1] or r[3]]
    assert with_numbers == [
        ("一、一般公共预算", "504.11", "一、一般公共服务", "428.90"),
        ("其中：财政拨款", "504.11", "二、外交", ""),
        ("七、上级补助收入", "", "八、社会保障和就业", "41.97"),
        ("九、其他收入", "", "十、卫生健康", "33.24"),
        ("本年收入合计", "504.11", "本年支出合计", "504.11"),
        ("收入总计", "504.11", "支出总计", "504.11"),
    ]
    assert len(t.rows) == 33
    assert t.rows[10] == ("", "", "十一、节能环保", "")
    assert t.rows[-2] == ("上年结转结余", "", "年终结转结余", "")


def test_000_expenditure_summary_every_number(xinxiang: RawDocument) -> None:
    w = 14
    expected = [
        row("", "", "", "", "合计", "504.11", "467.11", "423.51", "", "43.60", "", "37.00", "", "37.00", width=w),
        row("", "", "", "154", "新乡市金融工作局", "504.11", "467.11", "423.51", "", "43.60", "", "37.00", "", "37.00",
            width=w),
        row("201", "03", "01", "", "行政运行", "391.90", "391.90", "348.30", "", "43.60", width=w),
        row("201", "03", "05", "", "专项业务及机关事务管理", "37.00", "", "", "", "", "", "37.00", "", "37.00",
            width=w),
        row("208", "05", "05", "", "机关事业单位基本养老保险缴费支出", "41.45", "41.45", "41.45", width=w),
        row("208", "99", "99", "", "其他社会保障和就业支出", "0.52", "0.52", "0.52", width=w),
        row("210", "11", "01", "", "行政单位医疗", "17.00", "17.00", "17.00", width=w),
        row("210", "11", "03", "", "公务员医疗补助", "16.24", "16.24", "16.24", width=w),
    ]
    assert list(table(xinxiang, "部门支出总体情况表").rows) == expected
    assert list(table(xinxiang, "一般公共预算支出情况表", 0).rows) == expected
    assert list(table(xinxiang, "一般公共预算支出情况表", 1).rows) == expected
    assert table(xinxiang, "一般公共预算支出情况表").notes == ("备注：本表仅含当年财政拨款安排的支出",)


def test_000_econ_summary_every_number(xinxiang: RawDocument) -> None:
    t = table(xinxiang, "支出经济分类汇总表")
    assert paths(t)[:9] == [
        "部门预算经济分类/类", "部门预算经济分类/款", "部门预算经济分类/科目名称", "政府预算经济分类/类",
        "政府预算经济分类/款", "政府预算经济分类/科目名称", "总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款"]
    assert len(t.columns) == 18
    printed = [
        ("", "", "合计", "", "", "", "504.11"),
        ("154", "", "新乡市金融工作局", "", "", "", "504.11"),
        ("301", "02", "津贴补贴", "501", "01", "工资奖金津补贴", "77.40"),
        ("301", "01", "基本工资", "501", "01", "工资奖金津补贴", "101.63"),
        ("301", "03", "奖金", "501", "01", "工资奖金津补贴", "131.89"),
        ("301", "13", "住房公积金", "501", "03", "住房公积金", "37.38"),
        ("302", "28", "工会经费", "502", "01", "办公经费", "6.23"),
        ("302", "29", "福利费", "502", "01", "办公经费", "7.79"),
        ("302", "39", "其他交通费用", "502", "01", "办公经费", "21.48"),
        ("302", "01", "办公费", "502", "01", "办公经费", "25.00"),
        ("302", "31", "公务用车运行维护费", "502", "08", "公务用车运行维护费", "3.10"),
        ("302", "99", "其他商品和服务支出", "502", "99", "其他商品和服务支出", "7.00"),
        ("302", "17", "公务接待费", "502", "06", "公务接待费", "1.00"),
        ("310", "02", "办公设备购置", "503", "06", "设备购置", "3.00"),
        ("302", "13", "维修(护)费", "502", "09", "维修(护)费", "1.00"),
        ("302", "15", "会议费", "502", "02", "会议费", "3.00"),
        ("302", "27", "委托业务费", "502", "05", "委托业务费", "2.00"),
        ("301", "08", "机关事业单位基本养老保险缴费", "501", "02", "社会保障缴费", "41.45"),
        ("301", "12", "其他社会保障缴费", "501", "02", "社会保障缴费", "0.52"),
        ("301", "10", "职工基本医疗保险缴费", "501", "02", "社会保障缴费", "17.00"),
        ("301", "11", "公务员医疗补助缴费", "501", "02", "社会保障缴费", "16.24"),
    ]
    # every row prints its amount three times: 总计, 一般公共预算 小计 and 其中：财政拨款; nothing else
    assert list(t.rows) == [row(*labels, amount, amount, amount, width=18) for *labels, amount in printed]


def test_000_three_public_every_number(xinxiang: RawDocument) -> None:
    t = table(xinxiang, "“三公”")
    assert t.rows == (("4.10", "", "3.10", "", "3.10", "1.00"),)
    assert t.notes[0].startswith("注：按照党中央、国务院有关规定")


def test_000_empty_table_and_its_statement(xinxiang: RawDocument) -> None:
    t = table(xinxiang, "政府性基金预算支出情况表")
    assert t.rows == (row("", "", "", "", "合计", width=14),)
    assert t.notes == ("注：我局2024年无政府性基金预算支出。",)


def test_000_forms_are_kept_row_by_row(xinxiang: RawDocument) -> None:
    t = table(xinxiang, "整体绩效目标表")
    assert t.header == ()
    assert ("预算情况", "部门预算总额（万元）", "504.11", "", "") in t.rows
    assert ("", "2、资金结构：", "(1)基本支出", "467.11", "") in t.rows
    summary = table(xinxiang, "项目绩效目标汇总表")
    assert paths(summary)[:4] == ["单位编码（项目编码）", "项目单位（项目名称）", "项目金额（万元）/资金总额",
                                  "项目金额（万元）/政府预算资金"]
    assert summary.rows[2][:4] == ("410700220000000029927", "金融及处非工作经费", "37.00", "37.00")


def test_000_headings_in_order(xinxiang: RawDocument) -> None:
    found = headings(xinxiang)
    body = found[found.index("第一部分"):]
    assert body == [
        "第一部分", "新乡市金融工作局概况", "一、新乡市金融工作局主要职责", "主要职责是：",
        "二、新乡市金融工作局预算单位构成情况",
        "第二部分", "新乡市金融工作局 2024 年度部门预算情况说明",
        "一、收入支出预算总体情况说明", "二、收入预算总体情况说明", "三、支出预算总体情况说明",
        "四、财政拨款收入支出预算总体情况说明", "五、一般公共预算支出预算情况说明", "六、一般公共预算基本支出情况说明",
        "七、一般公共预算“三公”经费支出预算情况说明", "八、政府性基金预算支出情况说明", "九、其他重要事项情况说明",
        "十一、政府性基金预算项目支出情况", "十二、政府性基金预算管理项目情况",
        "（一）行政（事业）单位机构运转经费", "（二）政府采购支出情况", "（三）绩效目标设置情况",
        "（四）国有资产占用情况", "（五）专项转移支付项目情况",
        "第三部分", "名词解释",
        "附件：新乡市金融工作局 2024 年度部门预算表",
    ]
    assert found[:4] == ["目 录", "第一部分 新乡市金融工作局概况", "第二部分 新乡市金融工作局 2024 年部门预算情况说明",
                         "第三部分 名词解释"]


def test_000_paragraphs_joined_across_breaks(xinxiang: RawDocument) -> None:
    texts = [p.text for p in xinxiang.paragraphs() if not p.heading]
    assert ("新乡市金融工作局 2024 年一般公共预算支出年初预算为504.11 万元。其中：基本支出 467.11 万元，占 92.66%；"
            "项目支出 37 万元，占 7.34%。") in texts
    assert ("（四）会同有关部门推动地方金融体系建设，指导全市农村商业银行、农村信用社等地方金融机构的改革、"
            "发展和重组。") in texts
    assert ("七、基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支，"
            "其内容包括人员经费和日常公用经费两部分。") in texts  # broken over a page (a run of blank lines)
    # a duty ending in 。 is a paragraph, not a heading
    assert "（六）负责组织开展全市互联网金融风险防范化解处置工作。" in texts
    assert "一、部门收支总体情况表" in texts  # the contents list (markdown "- " items)
    assert all(p.page is None for p in xinxiang.paragraphs())


# ── seed 004: 济源 2020, tables flattened to lines ───────────────────────────────────────────


def test_004_tables_in_order(jiyuan: RawDocument) -> None:
    assert [t.title for t in jiyuan.tables()] == [
        "2019年部门收支总体情况表",
        "2019年部门收入总体情况表",
        "2019年部门支出总体情况表",
        "2019年财政拨款收支总体情况表",  # printed over two pages, title and header repeated: one table
        "2019年一般公共预算支出情况表",
        "2019年支出经济分类汇总表",
        "2019年一般公共预算基本支出情况表",
        "2019年一般公共预算“三公”经费支出情况表",
        "2019年政府性基金预算支出情况表",
        "济源市人民政府金融服务办公室整体绩效目标表（2020年度）",
        "济源市政府金融办公室支出项目绩效目标表（2020年）",
        "济源市政府金融办公室支出项目绩效目标表（2020年）",  # one sheet per project
    ]
    tables = jiyuan.tables()
    assert [t.number for t in tables] == ["预算01表"] + [None] * 6 + ["预算08表", "预算09表", None, None, None]
    assert [t.unit for t in tables] == ["万元"] * 9 + [None] * 3
    assert tables[0].org == "单位：济源市政府金融办公室"
    assert tables[7].org == "单位:济源市政府金融办公室"  # printed with an ASCII colon


def test_004_expenditure_summary_rows(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "部门支出总体情况表")
    assert paths(t) == [
        "科目编码/类", "科目编码/款", "科目编码/项", "单位代码", "单位（科目名称）", "总计", "基本支出/小计",
        "基本支出/工资福利支出", "基本支出/公用经费", "基本支出/对个人和家庭的补助", "项目支出/小计",
        "项目支出/一般性项目", "项目支出/专项资金"]
    # "合计 15 15 15": 总计, 项目支出 小计, 一般性项目 (the 收支总体情况表 prints 项目支出 / 一般性项目 only)
    expected = [
        row("", "", "", "", "合计", "15", "", "", "", "", "15", "15", width=13),
        row("", "", "", "", "济源市政府金融办公室", "15", "", "", "", "", "15", "15", width=13),
        row("201", "03", "99", "124", "其他政府办公厅（室）及相关机构事务支出", "15.0", "", "", "", "", "15.0", "15.0",
            width=13),
    ]
    assert list(t.rows) == expected
    assert list(table(jiyuan, "一般公共预算支出情况表").rows) == expected
    assert table(jiyuan, "政府性基金预算支出情况表").rows == ()


def test_004_alignment_choices_are_reported(jiyuan: RawDocument) -> None:
    assert len(jiyuan.warnings) == 2
    for warning, title in zip(jiyuan.warnings, ("部门支出总体情况表", "一般公共预算支出情况表"), strict=True):
        assert title in warning
        assert "合计" in warning and "5 种放法" in warning
        assert "收支总体情况表" in warning and "总计、项目支出/小计、项目支出/一般性项目" in warning


def test_004_econ_summary_rows(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "支出经济分类汇总表")
    assert paths(t)[6:9] == ["总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款"]
    assert len(t.columns) == 18
    printed = [
        ("", "", "合计", "", "", "", "15"),
        ("302", "", "商品和服务支出", "", "", "", "15"),
        ("302", "30201", "办公费", "505", "50502", "商品和服务支出", "3.5"),
        ("302", "30202", "印刷费", "505", "50502", "商品和服务支出", "8.5"),
        ("302", "30211", "差旅费", "505", "50502", "商品和服务支出", "2.5"),
        ("302", "30217", "公务接待费", "505", "50502", "商品和服务支出", "0.5"),
    ]
    assert list(t.rows) == [row(*labels, amount, amount, amount, width=18) for *labels, amount in printed]


def test_004_income_summary_joins_a_wrapped_name(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "部门收入总体情况表")
    assert len(t.columns) == 17
    assert [r[:5] for r in t.rows] == [
        ("", "", "", "", "合计"), ("", "", "", "", "济源市政府金融办公室"),
        ("201", "03", "99", "124", "其他政府办公厅（室）及相关机构事务支出")]
    assert all(not any(r[5:]) for r in t.rows)  # the seed prints no figure in this table


def test_004_three_public(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "“三公”")
    assert paths(t) == ["项目", "2019年“三公”经费预算数"]
    assert t.rows == (("共计", "0.5"), ("1、因公出国（境）费用", ""), ("2、公务接待费", "0.5"), ("3、公务用车费", ""),
                      ("其中：（1）公务用车运行维护费", ""), ("（2）公务用车购置", ""))
    assert len(t.notes) == 1
    assert t.notes[0].endswith("（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。")


def test_004_fiscal_summary_over_two_pages(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "财政拨款收支总体情况表")
    assert paths(t) == ["收入/项目", "收入/金额", "支出/项目", "支出/合计", "支出/一般公共预算/小计",
                        "支出/一般公共预算/其中：财政拨款", "支出/政府性基金", "支出/国有资本经营预算"]
    w = 8
    assert t.rows[:3] == (
        row("一般公共预算", width=w),  # the group label printed down the income side
        row("小计", "15.0", "一、一般公共服务", "15.0", "15.0", "15.0", width=w),
        row("财政拨款", "15.0", "二、外交", width=w),
    )
    assert row("上年结余（结转）", "", "十七、金融支出", width=w) in t.rows  # from the second page
    assert row("", "", "二十、自然资源海洋气象等支出", width=w) in t.rows
    assert t.rows[-1] == row("收入合计", "15.0", "支出合计", "15.0", "15.0", "15.0", width=w)
    assert [r[0] for r in t.rows].count("政府性基金") == 1  # printed again on the second page
    assert len(t.rows) == 32
    with_numbers = [r for r in t.rows if any(r[1:2]) or any(r[3:])]
    assert len(with_numbers) == 3


def test_004_income_expenditure_summary_interleaved(jiyuan: RawDocument) -> None:
    t = table(jiyuan, "部门收支总体情况表")
    assert paths(t)[:7] == ["收入/项目", "收入/金额", "支出/项目", "支出/合计", "支出/用事业单位基金弥补收支差额",
                            "支出/部门结转", "支出/本年支出/小计"]
    assert len(t.columns) == 17
    by_expenditure = {r[2]: r for r in t.rows if r[2]}
    for label in ("二、项目支出", "一般性项目", "1、商品和服务类专项支出"):
        r = by_expenditure[label]
        filled = [paths(t)[k] for k in range(3, 17) if r[k]]
        assert filled == ["支出/合计", "支出/本年支出/小计", "支出/本年支出/一般公共预算/小计",
                          "支出/本年支出/一般公共预算/其中：财政拨款"]
        assert {r[k] for k in range(3, 17) if r[k]} == {"15.0"}
    assert by_expenditure["二、项目支出"][0] == "国有资本经营收入"  # both sides of one printed line
    # "上级预拨" and "    2、对个人和家庭的补助类专" / "项支出" are one printed row
    assert by_expenditure["2、对个人和家庭的补助类专项支出"][0] == "上级预拨"
    assert t.rows[0][0] == "一般公共预算" and t.rows[-1][:3] == ("收入合计", "", "支出合计")
    assert not any(r[1] for r in t.rows)  # the seed prints no income amount at all


def test_004_forms(jiyuan: RawDocument) -> None:
    whole = table(jiyuan, "整体绩效目标表")
    assert whole.rows[1][0] == "年度履职目标"  # printed down a narrow cell: 年度 / 履职 / 目标
    assert [r[:2] for r in whole.rows if r[0] == "部门预算总额（万元）"] == [("部门预算总额（万元）", "15.0")]
    sheets = [t for t in jiyuan.tables() if "支出项目绩效目标表" in t.title]
    assert [s.rows[0][:2] for s in sheets] == [("项目名称", "金融服务工作经费-金融服务和金融监管经费"),
                                               ("项目名称", "金融服务工作经费-打击处置非集资专项经费")]
    assert ("项目总金额", "10.00", "项目本年度金额", "10.00") in sheets[0].rows


def test_004_headings_in_order(jiyuan: RawDocument) -> None:
    assert headings(jiyuan) == [
        "第一部分", "济源市人民政府金融服务办公室部门概况", "一、济源市人民政府金融服务办公室部门主要职能",
        "（一）机构设置情况", "（二）部门职责", "二、济源市人民政府金融服务办公室部门预算单位构成",
        "第二部分", "济源市人民政府金融服务办公室部门 2020 年度部门预算情况说明",
        "一、收入支出预算总体情况说明", "二、收入预算总体情况说明", "三、支出预算总体情况说明",
        "四、财政拨款收入支出预算总体情况说明", "五、一般公共预算支出预算情况说明", "六、支出预算经济分类情况说明",
        "七、“三公”经费支出预算情况说明", "八、政府性基金预算支出预算情况说明", "九、其他重要事项的情况说明",
        "（一）机关运行经费支出情况", "（二）政府采购支出情况", "（三）绩效目标设置情况", "（四）国有资产占用情况。",
        "（五）转移支付项目情况",
        "第三部分", "名词解释",
        "附件：济源市人民政府金融服务办公室部门 2020 年部门预算表",
    ]


def test_004_paragraphs_joined_across_line_breaks(jiyuan: RawDocument) -> None:
    texts = [p.text for p in jiyuan.paragraphs() if not p.heading]
    assert ("济源市人民政府金融服务办公室 2020 年收入总计 15万元，支出总计 15 万元，与 2019 年相比，"
            "收、支总计均无变化。") in texts
    assert ("济源市人民政府金融服务办公室 2020 年一般公共预算收支预算为 15 万元。与 2019 年相比，"
            "一般公共预算收支预算无变化。") in texts  # continued on the next page after a stray leading space
    assert ("本预算为汇总预算，包括济源市人民政府金融服务办公室本级预算和0个所属单位预算，"
            "具体是：济源市人民政府金融服务本级。") in texts
    assert "今年的重点工作为：" in texts  # a short line ending in ： ends its paragraph
    assert any(t.startswith("一是开展绩效跟踪") and t.endswith("服务好全市经济社会发展大局。") for t in texts)
    assert "（一）因公出国（境）费 0 万元，与2019持平。" in texts
    # page furniture kept as paragraphs of their own: the date and the two stray URL lines
    url = "http://www.haedu.gov.cn/UserFiles/File/201803/20180309144718540.doc"
    assert texts[-3:] == ["2020 年 6 月 19 日", url, url]


# ── unreadable files ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("content", "fragment"), [
    (b"", "文件是空的"),
    (b" \n\n\t\n", "文件是空的"),
    (bytes(range(256)) * 8, "二进制"),
    ("部门收支总体情况表\n单位：万元\n".encode("gbk"), "不是 UTF-8 编码"),
    (b"caf\xe9 au lait", "不是 UTF-8 编码"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF 文件"),
    (b"budget report 2024\n", "没有中文"),
])
def test_unreadable_files_give_a_chinese_error(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DisclosureReadError) as caught:
        read_text(path)
    assert fragment in caught.value.message
    assert caught.value.file == "bad.txt"


def test_gbk_text_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一部分\n部门概况\n".encode("gbk"))
    with pytest.raises(DisclosureReadError, match="GBK"):
        read_text(path)


def test_missing_or_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(DisclosureReadError, match="无法读取文件"):
        read_text(tmp_path)  # a directory
    with pytest.raises(DisclosureReadError, match="无法读取文件"):
        read_text(tmp_path / "missing.txt")


def test_utf16_with_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("第一部分\r\n部门概况\r\n一、主要职责\r\n负责全市金融工作。\r\n".encode("utf-16"))
    doc = read_text(path)
    assert [(p.text, p.heading) for p in doc.paragraphs()] == [
        ("第一部分", True), ("部门概况", True), ("一、主要职责", True), ("负责全市金融工作。", False)]


# ── small texts ──────────────────────────────────────────────────────────────────────────────


def test_compatibility_characters_are_normalised() -> None:
    assert normalize("⾏政运⾏") == "行政运行"  # Kangxi radicals U+2F8F
    assert normalize("２０２４年（一）：单位\u3000万元") == "2024年（一）：单位 万元"
    doc = read_text_string("一、⾏政运⾏情况\n２０２４年机关运⾏经费１２.５万元。\n", "k.txt")
    assert [p.text for p in doc.paragraphs()] == ["一、行政运行情况", "2024年机关运行经费12.5万元。"]


_TSV_PAGE = (
    "2024 年部门收支总体情况表\n单位：万元\n"
    "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
    "一、一般公共预算\t5.00\t一、一般公共服务\t5.00\n"
)


def test_form_feeds_give_pages() -> None:
    text = ("第一部分\n部门概况\n\f一、主要职责\n负责全市金融\n\f工作。\n\f" + _TSV_PAGE
            + "\f2024 年部门收支总体情况表\n单位：万元\n收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
            + "收入总计\t5.00\t支出总计\t5.00\n")
    doc = read_text_string(text, "ff.txt")
    assert doc.pages == 5
    assert [(p.text, p.page) for p in doc.paragraphs()] == [
        ("第一部分", 1), ("部门概况", 1), ("一、主要职责", 2), ("负责全市金融工作。", 2)]
    [t] = doc.tables()  # the same title on the next page, header repeated, no 合计 first: one table
    assert t.pages == (4, 5)
    assert t.row_pages == (4, 5)
    assert t.rows == (("一、一般公共预算", "5.00", "一、一般公共服务", "5.00"),
                      ("收入总计", "5.00", "支出总计", "5.00"))


def test_printed_page_numbers_give_pages() -> None:
    text = "一、主要职责\n负责金融工作。\n- 1 -\n二、机构设置\n内设两个科室。\n- 2 -\n三、其他\n无。\n"
    doc = read_text_string(text, "p.txt")
    assert doc.pages == 3
    assert [(p.text, p.page) for p in doc.paragraphs()] == [
        ("一、主要职责", 1), ("负责金融工作。", 1), ("二、机构设置", 2), ("内设两个科室。", 2), ("三、其他", 3),
        ("无。", 3)]


def test_continued_title_and_header_repeated_without_title() -> None:
    header = "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
    text = (_TSV_PAGE + "\n\n\n" + header + "二、事业收入\t1.00\t二、外交\t1.00\n"  # header again, no title
            + "\f2024 年部门收支总体情况表（续）\n单位：万元\n" + header + "收入总计\t6.00\t支出总计\t6.00\n")
    [t] = read_text_string(text, "cont.txt").tables()
    assert t.title == "2024年部门收支总体情况表"
    assert [r[0] for r in t.rows] == ["一、一般公共预算", "二、事业收入", "收入总计"]
    assert t.pages == (1, 2)


def test_same_title_starting_with_its_total_is_a_new_table() -> None:
    body = ("科目编码\t\t\t单位（科目名称）\t合计\n类\t款\t项\t\t\n"
            "\t\t\t合计\t5.00\n201\t03\t01\t行政运行\t5.00\n")
    once = f"2024 年一般公共预算支出情况表\n单位：万元\n{body}"
    doc = read_text_string(f"{once}\n{once}", "twice.txt")
    assert len(doc.tables()) == 2
    assert paths(doc.tables()[0]) == ["科目编码/类", "科目编码/款", "科目编码/项", "单位（科目名称）", "合计"]


_FLAT = """2019年部门支出总体情况表
单位：某局 单位：万元
科目编码
单位代码 单位（科目名称） 总计
基本支出 项目支出
类 款 项 小计 工资福利支出 公用经费
对个人和家庭的补助
小计 一般性项目 专项资金
** ** ** ** ** 1 2 3 4 5 6 7 8
{rows}
"""


def test_flattened_ambiguity_without_a_summary_table_is_left_aligned_and_reported() -> None:
    doc = read_text_string(_FLAT.format(rows="合计 9 9 9\n201 03 01 行政运行 9 9 9"), "flat.txt")
    [t] = doc.tables()
    assert t.rows[0][5:] == ("9", "9", "9", "", "", "", "", "")  # 总计, 基本支出 小计, 工资福利支出
    assert t.rows[1][:5] == ("201", "03", "01", "", "行政运行")
    assert len(doc.warnings) == 1 and "按靠左的列放置" in doc.warnings[0]


def test_flattened_rows_are_placed_by_arithmetic() -> None:
    rows = "合计 10 6 4 2 0 4 4 0\n201 03 01 行政运行 6 6 4 2\n201 03 05 专项业务 4 4 3 1\n201 03 06 其他 4 4 4"
    doc = read_text_string(_FLAT.format(rows=rows), "flat.txt")
    [t] = doc.tables()
    assert t.rows[0][5:] == ("10", "6", "4", "2", "0", "4", "4", "0")
    # 6 = 4 + 2 could be 基本支出 or 项目支出 by the arithmetic alone; 项目支出 is only 4 in 合计
    assert t.rows[1][5:] == ("6", "6", "4", "2", "", "", "", "")
    # 4 = 3 + 1 fits 基本支出 (工资福利 3, 公用经费 1) only: 专项资金 is 0 in 合计
    assert t.rows[2][5:] == ("4", "4", "3", "1", "", "", "", "")
    # 4 4 4 fits 基本支出/工资福利 and 项目支出/一般性项目 alike: placed left, and said so
    assert t.rows[3][5:] == ("4", "4", "4", "", "", "", "", "")
    assert len(doc.warnings) == 1 and "文件第 13 行（201 03 06 其他）" in doc.warnings[0]
    assert "2 种放法" in doc.warnings[0] and "按靠左的列放置" in doc.warnings[0]


def test_flattened_numbers_breaking_the_arithmetic_are_reported() -> None:
    doc = read_text_string(_FLAT.format(rows="合计 10 3 3"), "flat.txt")
    assert len(doc.warnings) == 1 and "不符合表内勾稽关系" in doc.warnings[0]


def test_unknown_flattened_layout_keeps_its_column_numbers() -> None:
    text = "2019年某某情况表\n单位：万元\n甲 乙 丙\n** 1 2 3\n合计 1 2 3\n"
    [t] = read_text_string(text, "u.txt").tables()
    assert paths(t) == ["栏目", "1", "2", "3"]
    assert t.rows == (("合计", "1", "2", "3"),)
