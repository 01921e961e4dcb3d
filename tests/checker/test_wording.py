"""Rules N430+ (wording of the narrative): fixtures, the scanners behind them, both packs and imported views."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from checker.fixtures import fixture
from checker.mutate import edit_paragraphs, example, map_table, replace_text, set_cell
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue
from yusuan.check.rules import _wording as wd

WORDING = ("N430", "N431", "N432", "N433", "N434", "N435")


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def imported(ctx: CheckContext) -> CheckContext:
    """The view of a published disclosure: no line items, key figures or template pack."""
    return dataclasses.replace(ctx, budget=None, summary=None, pack=None, origin="imported")


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_clean_examples_raise_nothing(name: str) -> None:
    for ctx in (example(name), imported(example(name))):
        report = run_checks(ctx, Selection(only=WORDING))
        assert report.codes() == [], [str(i) for i in report.issues]


# ── N430 doubled words ─────────────────────────────────────────────────────────────────────────


@fixture("N430", passing=example, count=1)
def doubled_word_in_text() -> CheckContext:
    return replace_text(example(), "人员经费用于工资福利支出", "人员经费用于用于工资福利支出")


def test_doubled_word_points_to_the_sentence() -> None:
    [issue] = issues(doubled_word_in_text(), "N430")
    assert (issue.expected, issue.actual) == ("用于", "用于用于")
    assert issue.location.sentence is not None and issue.location.sentence.startswith("人员经费用于用于")


def test_doubled_word_in_a_target_cell() -> None:
    def double(table):  # type: ignore[no-untyped-def]
        row = next(r for r in table.rows if any(isinstance(c.value, str) and "金融" in c.value and len(c.value) > 20
                                                for c in r.cells))
        cell = next(c for c in row.cells if isinstance(c.value, str) and len(c.value) > 20)
        return set_cell(table, row.key, cell.column, str(cell.value).replace("金融", "金融金融", 1))

    [issue] = issues(map_table(example(), "department_targets", double), "N430")
    assert issue.location.table_id == "department_targets" and issue.actual == "金融金融"


@pytest.mark.parametrize(("text", "found"), [
    ("做好扫黑除恶专项斗争斗争工作", ["斗争斗争"]),
    ("这是的的问题", ["的的"]),
    ("常常、人人、年年、谢谢、紧紧围绕、层层落实", []),
    ("的的确确，达到目的的手段，采购标的的金额", []),
    ("一步一步推进，一点一点落实", []),
    ("研究研究再定", []),
    ("2024年年初预算 20242024 1.11.1", []),
    ("项目项目支出", ["项目项目"]),
])
def test_doubled_words(text: str, found: list[str]) -> None:
    assert [w for w, _pos in wd.doubled_words(text)] == found


# ── N431 a year without 年 ─────────────────────────────────────────────────────────────────────


@fixture("N431", passing=example, count=3)
def year_without_nian() -> CheckContext:
    return replace_text(example(), "与2023年持平", "与2023持平")


def test_year_without_nian_suggests_the_fix() -> None:
    found = issues(year_without_nian(), "N431")
    assert {(i.expected, i.actual) for i in found} == {("与2023年持平", "与2023持平")}


@pytest.mark.parametrize(("text", "found"), [
    ("因公出国（境）费0万元，与2019持平。", ["与2019持平"]),
    ("比2023增加1.20万元", ["比2023增加"]),
    ("较2023下降5%", ["较2023下降"]),
    ("与2023年持平，与2023年度相比", []),
    ("财预〔2017〕98号，2020/1/1，项目代码20190001增加", []),
    ("与20231持平", []),
])
def test_bare_years(text: str, found: list[str]) -> None:
    assert [b.text for b in wd.bare_years(text)] == found


# ── N432 links and paths ───────────────────────────────────────────────────────────────────────

URL = "http://www.haedu.gov.cn/UserFiles/File/201803/20180309144718540.doc"


@fixture("N432", passing=example, count=1)
def link_in_text() -> CheckContext:
    return replace_text(example(), "我局2024年没有专项转移支付项目。", f"我局2024年没有专项转移支付项目。{URL}")


def test_link_is_reported_as_printed() -> None:
    [issue] = issues(link_in_text(), "N432")
    assert issue.actual == URL and issue.severity.value == "warning"


@pytest.mark.parametrize(("text", "found"), [
    (URL, [URL]),
    ("详见www.czj.gov.cn/ysgk。", ["www.czj.gov.cn/ysgk"]),
    (r"见D:\预算\2024\说明.docx", [r"D:\预算\2024\说明.docx"]),
    ("附件1.xls 已删除", ["附件1.xls"]),
    ("财预〔2017〕98号，504.11万元，3.5%，2020/1/1，e.g. 示例", []),
])
def test_links(text: str, found: list[str]) -> None:
    assert [link for link, _pos in wd.links(text)] == found


# ── N433 a paragraph without sentence punctuation at its end ──────────────────────────────────


@fixture("N433", passing=example, count=1)
def paragraph_without_period() -> CheckContext:
    return replace_text(example(), "用于保障机构正常运转和日常履职。", "用于保障机构正常运转和日常履职")


def test_paragraph_without_period_shows_its_end() -> None:
    [issue] = issues(paragraph_without_period(), "N433")
    assert issue.actual == "…障机构正常运转和日常履职" and issue.expected == "。"


@pytest.mark.parametrize(("text", "unfinished"), [
    ("济源市人民政府金融服务办公室 2020 年政府性基金预算支出 0 万元", True),
    ("四、事业单位经营收入：是指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入", True),
    ("本部门预算包括局机关本级预算（含下属事业单位）", True),
    ("本部门预算包括局机关本级预算。", False),
    ("具体支出情况如下：", False),
    ("他说：“本部门预算包括局机关本级预算。”", False),
    ("（注：本部门没有政府性基金预算支出，本表无数据）", False),
    ("2020 年 6 月 19 日", False),
    ("附件：部门预算表", False),
    ("（1）公务用车运行维护费和公务用车购置费", False),
    ("8.控告申诉检察处（挂“省人民检察院举报中心”、“刑事赔偿工作办公室”牌子）", False),
    ("合计 15 15 15 0.5 3.5 8.5 2.5 504.11", False),
    (URL, False),
])
def test_unfinished(text: str, unfinished: bool) -> None:
    assert wd.unfinished(text) is unfinished


def test_notes_and_statements_are_not_checked() -> None:
    ctx = edit_paragraphs(example(), lambda p: dataclasses.replace(p, text=p.text.rstrip("。"), style="note")
                          if p.text.startswith("我局2024年没有专项") else p)
    assert issues(ctx, "N433") == []


# ── N434 amounts printed with fewer decimals than the tables ──────────────────────────────────


@fixture("N434", passing=example, count=1)
def loose_amounts() -> CheckContext:
    ctx = replace_text(example(), "公用经费43.60万元", "公用经费43.6万元")
    return replace_text(ctx, "项目支出37.00万元", "项目支出37万元")


def test_loose_amounts_are_listed_once() -> None:
    [issue] = issues(loose_amounts(), "N434")
    assert issue.actual == "37、43.6" and issue.expected == "2"
    assert "有 3 处" in issue.message  # 37 twice (§三 and §五), 43.6 once
    assert issue.location.sentence is not None and "37万元" in issue.location.sentence


@pytest.mark.parametrize(("text", "found"), [
    ("项目支出37万元，公用经费43.6万元，合计504.11万元", ["37", "43.6"]),
    ("比上年增加61.4万元", ["61.4"]),
    ("政府性基金收入0万元；单价50万元以上通用设备0套", []),
    ("资产总额6.42万元，增长39.96%，补助3000元", []),
])
def test_loose_amount_scanner(text: str, found: list[str]) -> None:
    assert [f for f, _pos in wd.loose_amounts(text, "万元", 2)] == found


def test_glossary_amounts_are_not_checked() -> None:
    ctx = edit_paragraphs(example(), lambda p: dataclasses.replace(p, text=p.text + "例如5万元。")
                          if p.section == "glossary" else p)
    assert issues(ctx, "N434") == []


# ── N435 a budget section that states no figure ───────────────────────────────────────────────


def _econ_figures_removed() -> CheckContext:
    return edit_paragraphs(jiyuan(), lambda p: None if p.text.startswith("按部门预算支出经济分类的类级科目分") else p)


@fixture("N435", passing=jiyuan, count=1)
def econ_section_without_figures() -> CheckContext:
    return _econ_figures_removed()


def test_section_without_figures_names_the_heading() -> None:
    [issue] = issues(econ_section_without_figures(), "N435")
    assert issue.actual == "六、支出预算经济分类情况说明"
    assert issue.location.section == issue.actual


def test_no_figure_needed_for_duties_or_a_statement_of_none() -> None:
    # 主要职责 states no figure, §八 says 无政府性基金预算支出: neither is reported
    ctx = replace_text(example(), "我局2024年没有专项转移支付项目。", "我局高度重视专项转移支付工作。")
    assert issues(ctx, "N435") == []
    assert wd.states_figure("本部门2024年无政府性基金预算支出。")
    assert not wd.states_figure("我单位按两套经济分类科目反映全部预算支出，财预〔2017〕98号。")


# ── the seeds ──────────────────────────────────────────────────────────────────────────────────

SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not (SEEDS / "004_bdbde623cfc6534b.txt").exists(), reason="seeds not available")
def test_seed_004_wording() -> None:
    from yusuan.importer.audit import audit
    from yusuan.importer.text_reader import read_text

    report = audit(read_text(SEEDS / "004_bdbde623cfc6534b.txt"), Selection(only=WORDING))
    found = sorted((i.code, i.actual or "") for i in report.issues)
    assert found == [("N431", "与2019持平"), ("N432", URL), ("N432", URL), ("N433", "…政府性基金预算支出0万元"),
                     ("N434", "15、0.5"), ("N435", "六、支出预算经济分类情况说明")]
