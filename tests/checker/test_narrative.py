"""Family N fixtures and tests: the narrative against the data, and its wording; the text scanners."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from checker.fixtures import fixture
from checker.mutate import (
    edit_headings,
    edit_paragraphs,
    example,
    map_table,
    replace_text,
    retitle,
    with_raw,
)
from yusuan.check import CheckContext, Selection, run_checks
from yusuan.check.issue import Issue, Severity
from yusuan.check.rules import _text as tx
from yusuan.compute.model import Column
from yusuan.document.model import Heading, Paragraph

NARRATIVE = Selection(only=("说明与数据",))
"""Every rule of family N (selected by the family's tag)."""

THREE_PUBLIC_TOTAL = "比2023年减少1.20万元，下降22.64%"
"""The 三公 total's comparison in 新乡 2024 (the vehicles sentence says 下降27.91%)."""


def issues(ctx: CheckContext, code: str) -> list[Issue]:
    return [i for i in run_checks(ctx, Selection(only=(code,))).issues if i.code == code]


def imported(ctx: CheckContext) -> CheckContext:
    """The view of a published disclosure: text, claims and tables, no line items or key figures."""
    return dataclasses.replace(ctx, budget=None, summary=None, origin="imported")


def restate(ctx: CheckContext, metric: str, kind: str, value: str, old: str, new: str) -> CheckContext:
    """The paragraphs that state ``metric`` (as ``kind``) now state ``value``: claim and text (``old`` → ``new``).

    This is what an imported disclosure with a wrong figure looks like: the importer reads the
    printed figure into the claim.
    """
    hit = False

    def change(p: Paragraph) -> Paragraph:
        nonlocal hit
        if not any(c.metric == metric and c.kind == kind for c in p.claims):
            return p
        assert old in p.text, (old, p.text)
        hit = True
        claims = tuple(dataclasses.replace(c, value=Decimal(value), text=value.lstrip("-"))
                       if c.metric == metric and c.kind == kind else c for c in p.claims)
        return dataclasses.replace(p, text=p.text.replace(old, new, 1), claims=claims)

    out = edit_paragraphs(ctx, change)
    assert hit, f"no claim {metric}/{kind}"
    return out


def texts(**changes: str | None) -> Any:
    """A ``with_raw`` change setting (or, with None, deleting) entered texts."""
    def change(raw: dict[str, Any]) -> None:
        for key, text in changes.items():
            if text is None:
                raw["texts"].pop(key, None)
            else:
                raw["texts"][key] = text

    return change


def jiyuan() -> CheckContext:
    return example("jiyuan-2020")


# ── N401–N406, N413: figures against the data ─────────────────────────────────────────────────


@fixture("N401", passing=example, count=1)
def n401_three_public_amount_restated() -> CheckContext:
    return restate(example(), "three_public", "amount", "4.50", "“三公”经费4.10万元", "“三公”经费4.50万元")


def test_n401_entered_text_contradicts_data() -> None:
    ctx = with_raw(texts(official_reception="本年度公务接待费预算1.50万元，与上年持平。"))
    [issue] = issues(ctx, "N401")
    assert issue.expected == "1.00" and issue.actual == "1.50" and "公务接待费" in issue.message
    assert issue.location.sentence is not None and "1.50" in issue.location.sentence


def test_n401_imported_compares_with_tables_of_both_layouts() -> None:
    wrong = restate(jiyuan(), "official_reception", "amount", "0.80", "公务接待费0.50万元", "公务接待费0.80万元")
    [issue] = issues(imported(wrong), "N401")
    assert (issue.expected, issue.actual, issue.difference) == ("0.50", "0.80", "0.30")
    wrong = restate(example(), "general_public.class:208", "amount", "41.00", "社会保障和就业支出41.97万元",
                    "社会保障和就业支出41.00万元")
    assert [i.expected for i in issues(imported(wrong), "N401")] == ["41.97"]
    assert issues(imported(example()), "N401") == [] and issues(imported(jiyuan()), "N401") == []


def test_n401_rounding_within_tolerance() -> None:
    ctx = restate(example(), "basic", "amount", "467.12", "基本支出467.11万元", "基本支出467.12万元")
    assert issues(ctx, "N401") == []
    ctx = restate(example(), "basic", "amount", "467.13", "基本支出467.11万元", "基本支出467.13万元")
    assert len(issues(ctx, "N401")) == 1


@fixture("N402", passing=example, count=1)
def n402_basic_share_restated() -> CheckContext:
    return restate(example(), "basic", "share", "93.66", "基本支出467.11万元，占92.66%", "基本支出467.11万元，占93.66%")


def test_n402_printed_precision_is_respected() -> None:
    one_decimal = restate(example(), "basic", "share", "92.7", "占92.66%", "占92.7%")
    assert issues(one_decimal, "N402") == []
    wrong = restate(imported(example()), "general_public.class:201", "share", "80.08", "占85.08%", "占80.08%")
    [issue] = issues(wrong, "N402")
    assert issue.expected == "85.08%" and issue.actual == "80.08%"
    econ = restate(imported(jiyuan()), "econ.class:302", "share", "90.00", "商品和服务支出15.00万元，占100.00%",
                   "商品和服务支出15.00万元，占90.00%")
    [issue] = issues(econ, "N402")
    assert issue.expected == "100.00%" and "支出合计" in issue.message


@fixture("N403", passing=example, count=1)
def n403_three_public_change_restated() -> CheckContext:
    return restate(example(), "three_public", "change_amount", "-1.30", THREE_PUBLIC_TOTAL,
                   "比2023年减少1.30万元，下降22.64%")


@fixture("N404", passing=example, count=1)
def n404_three_public_percent_restated() -> CheckContext:
    return restate(example(), "three_public", "change_percent", "-21.64", THREE_PUBLIC_TOTAL,
                   "比2023年减少1.20万元，下降21.64%")


def test_n404_without_prior_figures_uses_the_stated_change() -> None:
    """An imported disclosure has no prior-year figures: the percent must agree with amount and total."""
    [issue] = issues(imported(n404_three_public_percent_restated()), "N404")
    assert issue.expected == "22.64%" and "推算" in issue.message
    assert issues(imported(example()), "N404") == []


@fixture("N405", passing=example, count=1)
def n405_increase_worded_for_decrease() -> CheckContext:
    return replace_text(example(), THREE_PUBLIC_TOTAL, "比2023年增加1.20万元，下降22.64%")


def test_n405_claim_direction_against_data_and_against_itself() -> None:
    flat_said = replace_text(example(), "（三）公务用车购置及运行费3.10万元，比2023年减少1.20万元，下降27.91%",
                             "（三）公务用车购置及运行费3.10万元，与2023年持平")
    [issue] = issues(flat_said, "N405")
    assert issue.actual == "持平" and issue.expected == "减少"
    # imported, no prior figures: 增加 … 下降 in one sentence contradicts itself
    [issue] = issues(imported(n405_increase_worded_for_decrease()), "N405")
    assert "矛盾" in issue.message


@fixture("N406", passing=example, count=1)
def n406_amount_and_percent_swapped() -> CheckContext:
    """Seed 000 §四: 增加（减少）13.87 万元，增长（下降）61.4% — the two figures swapped."""
    return replace_text(example(), "财政拨款收支总计比2023年增加61.40万元，增长13.87%",
                        "财政拨款收支总计比2023年增加13.87万元，增长61.40%")


def test_n406_seed_wording_without_prior_figures() -> None:
    ctx = replace_text(imported(example()), "财政拨款收支总计比2023年增加61.40万元，增长13.87%。",
                       "财政拨款收支总计504.11万元。与2023年相比，增加（减少）13.87万元，增长（下降）61.4%。")
    [issue] = issues(ctx, "N406")
    assert "61.4" in issue.message and "13.87%" in issue.message
    report = run_checks(ctx, Selection(only=("N403", "N404", "N405")))
    assert report.codes() == []  # the swap is reported once, under its own code


@fixture("N413", passing=example, count=1)
def n413_three_public_items_do_not_add_up() -> CheckContext:
    return restate(example(), "official_reception", "amount", "1.50", "公务接待费1.00万元", "公务接待费1.50万元")


def test_n413_2020_layout() -> None:
    ctx = restate(jiyuan(), "three_public", "amount", "0.60", "“三公”经费0.50万元", "“三公”经费0.60万元")
    [issue] = issues(ctx, "N413")
    assert issue.expected == "0.50" and issue.actual == "0.60"


# ── N407–N412, N415: wording ──────────────────────────────────────────────────────────────────


@fixture("N407", passing=example, count=2)
def n407_direction_placeholders() -> CheckContext:
    return replace_text(example(), THREE_PUBLIC_TOTAL, "比2023年增加（减少）1.20万元，增长（下降）22.64%")


def test_n407_other_placeholders() -> None:
    ctx = with_raw(texts(procurement="政府采购预算XX万元，【填写采购品目】，待填写。",
                         overseas_travel="本年度无因公出国（境）费0万元。"))
    found = sorted(i.actual or "" for i in issues(ctx, "N407"))
    assert found == ["XX", "【填写采购品目】", "待填写", "无因公出国（境）费0万元"]


@fixture("N408", passing=example, count=1)
def n408_stale_year_in_reason() -> CheckContext:
    return with_raw(texts(three_public_change_reason="力争2023年公务用车运行维护费压减20%。"))


def test_n408_targets_table_and_allowed_years() -> None:
    def goal(raw: dict[str, Any]) -> None:
        raw["targets"]["annual_goal"] = "加大政金企对接力度，力争2023年企业上市（挂牌）工作取得新突破。"

    [issue] = issues(with_raw(goal), "N408")
    assert issue.location.table_id == "department_targets" and issue.actual == "2023"
    allowed = with_raw(texts(other="依据新办文〔2019〕64号和《关于2021年预算改革的通知》，自2018年起实施；"
                                   "截至2023年末资产6.42万元；到2025年完成“十四五”规划（2021—2025年）。"))
    assert issues(allowed, "N408") == []
    assert [i.actual for i in issues(with_raw(texts(other="2022年资产总额6.42万元。")), "N408")] == ["2022"]


@fixture("N409", passing=jiyuan, count=1)
def n409_table_titled_with_prior_year() -> CheckContext:
    """Seed 004 titles its 2020 tables “2019年…”."""
    return retitle(jiyuan(), "income_expenditure_summary", "2019年部门收支总体情况表")


def test_n409_document_title_and_parts() -> None:
    ctx = edit_headings(jiyuan(), lambda h: dataclasses.replace(h, text=h.text.replace("2020年度", "2019年度")))
    [issue] = issues(ctx, "N409")
    assert issue.location.section is not None and "2019年度部门预算情况说明" in issue.location.section


def test_n409_column_header_year() -> None:
    def header(t: Any) -> Any:
        columns = tuple(dataclasses.replace(c, header=("2019年“三公”经费预算数",)) if c.key == "amount" else c
                        for c in t.columns)
        return dataclasses.replace(t, columns=columns)

    [issue] = issues(map_table(jiyuan(), "three_public", header), "N409")
    assert issue.location.column_key == "amount" and issue.actual == "2019"

    def both_years(t: Any) -> Any:  # a prior-year column next to the budget year's is fine
        extra = Column("prior", ("2019年预算数",), "money")
        return dataclasses.replace(t, columns=(*t.columns, extra))

    assert issues(map_table(jiyuan(), "three_public", both_years), "N409") == []


def _renumber(old: str, new: str) -> Any:
    def change(h: Heading) -> Heading:
        return dataclasses.replace(h, text=h.text.replace(old, new, 1)) if h.text.startswith(old) else h

    return change


@fixture("N410", passing=example, count=1)
def n410_section_number_skipped() -> CheckContext:
    """Seed 000: 九、 is followed by 十一、."""
    return edit_headings(example(), _renumber("九、", "十、"))


def test_n410_repeats_subsections_and_paragraphs() -> None:
    repeated = edit_headings(example(), _renumber("（三）绩效", "（二）绩效"))
    assert [i.actual for i in issues(repeated, "N410")] == ["（二）"]
    skipped = replace_text(example(), "3. 培育全市资本市场主体", "4. 培育全市资本市场主体")
    assert [(i.expected, i.actual) for i in issues(skipped, "N410")] == [("3.", "4.")]
    assert issues(jiyuan(), "N410") == []


@fixture("N411", passing=example, count=1)
def n411_doubled_full_stop() -> CheckContext:
    return replace_text(example(), "没有安排因公出国（境）任务。", "没有安排因公出国（境）任务。。")


@fixture("N412", passing=example, count=1)
def n412_zero_change_as_increase() -> CheckContext:
    return replace_text(example(), "本年未安排，与2023年持平。本年度没有安排因公出国",
                        "本年未安排，比2023年增加0万元。本年度没有安排因公出国")


def test_seed_000_three_public_wording() -> None:
    """Seed 000 §七 as printed (PDF spacing kept), in place of the generated item paragraphs."""
    seed = ["（一）因公出国（境）费 0 万元。预算数与 2023 年相比增加 0 万元，主要原因：无因公出国（境）事项。。",
            "（二）公务接待费 1 万元，主要用于按规定开支的各类公务接待（含外宾接待）支出。"
            "预算数比 2023 年相比增加 0 万元。",
            "（三）公务用车购置及运行费 3.1 万元，其中，公务用车购置费 0 万元；公务用车运行维护费 3.1 万元。"
            "公务用车购置费及运行费预算数与 2023 年相比增减 1.2 万元，主要原因：预计 2024 年使用公车事项减少。"]
    texts_by_number = dict(zip(("（一）", "（二）", "（三）"), seed, strict=True))

    def replace(p: Paragraph) -> Paragraph:
        prefix = p.text[:3]
        if p.section == "three_public" and prefix in texts_by_number:
            return Paragraph(texts_by_number[prefix], section="three_public")
        return p

    expected = ["N407", "N411", "N412", "N412", "N434"]  # N434: 1 / 3.1 / 1.2 万元 printed without two decimals
    report = run_checks(edit_paragraphs(imported(example()), replace), NARRATIVE)
    assert sorted(i.code for i in report.issues) == expected
    assert [i.actual for i in report.issues if i.code == "N407"] == ["增减"]
    # with the prior year known, the seed's figures agree with the data: the same wording issues only
    assert sorted(i.code for i in run_checks(edit_paragraphs(example(), replace), NARRATIVE).issues) == expected


@fixture("N415", passing=jiyuan, count=1)
def n415_heading_without_text() -> CheckContext:
    return edit_paragraphs(jiyuan(), lambda p: None if p.section == "government_fund" else p)


def test_n415_heading_with_subsections_is_not_empty() -> None:
    # 济源: 一、主要职能 has only （一）（二） under it; 九、其他重要事项 only sub-sections
    assert issues(jiyuan(), "N415") == [] and issues(example(), "N415") == []


# ── N414, N416: the department's name ─────────────────────────────────────────────────────────


def _org_label(label: str) -> Any:
    return lambda t: dataclasses.replace(t, org_label=label)


@fixture("N414", passing=example, count=1)
def n414_other_department_in_table() -> CheckContext:
    return map_table(example(), "income_summary", _org_label("部门名称：新乡市财政局"))


def test_n414_titles() -> None:
    ctx = retitle(jiyuan(), "department_targets", "济源市财政局整体绩效目标表（2020年度）")
    [issue] = issues(ctx, "N414")
    assert issue.actual == "济源市财政局" and issue.location.table_id == "department_targets"
    parts = edit_headings(example(), lambda h: dataclasses.replace(h, text=h.text.replace("金融工作局", "财政局")))
    assert {i.location.section for i in issues(parts, "N414")} >= {"第一部分 新乡市财政局概况"}


def test_n414_other_department_in_text() -> None:
    ctx = replace_text(example(), "新乡市金融工作局2024年政府采购预算", "新乡市发展和改革委员会2024年政府采购预算")
    [issue] = issues(ctx, "N414")
    assert issue.actual == "新乡市发展和改革委员会" and issue.location.paragraph is not None


@fixture("N416", passing=jiyuan, count=1)
def n416_abbreviated_name_in_table() -> CheckContext:
    """Seed 004 labels its tables 单位：济源市政府金融办公室."""
    return map_table(jiyuan(), "three_public", _org_label("单位：济源市政府金融办公室"))


def test_n416_benji_label() -> None:
    """Seed 000 labels its tables 部门名称：本级."""
    [issue] = issues(map_table(example(), "fiscal_summary", _org_label("部门名称：本级")), "N416")
    assert issue.actual == "本级"
    assert issues(map_table(example(), "fiscal_summary", _org_label("部门名称：本级")), "N414") == []


# ── the examples ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("view", ["compiled", "imported"])
@pytest.mark.parametrize("name", ["xinxiang-2024", "jiyuan-2020"])
def test_examples_raise_nothing(name: str, view: str) -> None:
    ctx = example(name) if view == "compiled" else imported(example(name))
    found = [str(i) for i in run_checks(ctx, NARRATIVE).issues]
    assert found == []


def test_severities() -> None:
    report = run_checks(n406_amount_and_percent_swapped(), Selection(only=("N406",)))
    assert report.issues[0].severity is Severity.ERROR


# ── the text scanners ─────────────────────────────────────────────────────────────────────────


def test_compact_and_sentences() -> None:
    text = tx.compact("新乡市金融工作局 2024 年收入预算总计 504.11 万元。与 2023 年相比，增长 13.87％！")
    assert text == "新乡市金融工作局2024年收入预算总计504.11万元。与2023年相比，增长13.87%！"
    assert [s for _n, s in tx.sentences(text)] == ["新乡市金融工作局2024年收入预算总计504.11万元。",
                                                   "与2023年相比，增长13.87%！"]
    assert tx.sentence_at(text, 30) == "与2023年相比，增长13.87%！"


def test_chinese_numerals_and_numbering() -> None:
    numerals = ("一", "十", "十二", "二十", "二十一", "一百零五", "两")
    assert [tx.chinese_to_int(t) for t in numerals] == [1, 10, 12, 20, 21, 105, 2]
    assert tx.chinese_to_int("部分") is None
    assert tx.numbering("十一、政府性基金") == ("chinese", 11)
    assert tx.numbering("（三）绩效目标") == ("paren_chinese", 3)
    assert tx.numbering("(3)绩效") == ("paren_arabic", 3)
    assert tx.numbering("第二部分 情况说明") == ("part", 2)
    assert tx.numbering("1. 落实") == ("arabic", 1)
    assert tx.numbering("1.5万元") is None and tx.numbering("主要职责是：") is None


def test_years() -> None:
    text = ("依据新办文〔2019〕64号、济政办【2014】18号；自2018年起实施；“十四五”（2021—2025年）；"
            "到2025年；力争2023年上市；比2023年增加")
    kinds = [(m.year, m.kind, m.forward) for m in tx.find_years(text)]
    assert kinds == [(2019, "document", False), (2014, "document", False), (2018, "since", False),
                     (2021, "range", False), (2025, "range", False), (2025, "horizon", False),
                     (2023, "free", True), (2023, "free", False)]
    assert [m.year for m in tx.misplaced_years(text, 2024)] == [2023]
    assert [m.year for m in tx.misplaced_years("截至2022年末，资产总额", 2024)] == [2022]
    assert tx.find_years("开始时间2020/1/1，编码410700220000000029927") == []
    assert tx.years_in_title("部门（单位）整体绩效目标表（2024年度）") == [2024]


def test_figures() -> None:
    text = "收入预算总计504.11万元，比2023年增加61.40万元，增长13.87%；基本支出467.11万元，占92.66%，与上年持平"
    found = [(f.kind, f.text, f.sign) for f in tx.find_figures(text)]
    assert found == [("amount", "504.11", None), ("change_amount", "61.40", 1), ("change_percent", "13.87", 1),
                     ("amount", "467.11", None), ("share", "92.66", None), ("direction", "持平", 0)]
    text = "减少1.2万元，下降22.64%；增加（减少）13.87万元；增减0万元"
    found = [(f.kind, f.text, f.sign) for f in tx.find_figures(text)]
    assert found == [("change_amount", "1.2", -1), ("change_percent", "22.64", -1), ("change_amount", "13.87", None),
                     ("change_amount", "0", 0)]
    assert tx.to_fen(Decimal("504.11"), "万元") == 504_110_000 and tx.to_fen(Decimal("12.5"), "元") == 1250
    assert tx.direction_of("下降") == -1 and tx.direction_of("新增") == 1 and tx.direction_of("增减") is None


def test_placeholders_and_wording() -> None:
    found = [(what, text) for what, text, _pos in tx.placeholders(
        "增加（减少）13.87万元，增长/下降5%，增减1.2万元，XX万元，××，待填写，【单位名称】，{year}年，"
        "无国有资本经营预算收入0万元")]
    assert [t for _w, t in found] == ["增加（减少）", "增长/下降", "增减", "XX", "××", "待填写", "【单位名称】",
                                      "{year}", "无国有资本经营预算收入0万元"]
    clean = "增减变化的主要原因是：人员增加。济政办【2014】18号。无形资产0.00万元。×100%。政府性基金收入0万元"
    assert tx.placeholders(clean) == []
    assert list(tx.doubled_punctuation("事项。。满意、、度，。好")) == [("。。", 2), ("、、", 6), ("，。", 9)]
    assert [p for p, _ in tx.zero_changes("增加0万元，减少0.00万元，增长0%，增加0.5万元，增加10万元")] == [
        "增加0万元", "减少0.00万元", "增长0%"]


def test_names_and_topics() -> None:
    terms = {"基本支出": "basic", "一般公共预算支出": "gp", "支出合计": "total"}
    assert tx.last_term("一般公共预算支出合计", terms) == "gp"
    assert tx.last_term("其中：基本支出", terms) == "basic" and tx.last_term("其中", terms) is None
    assert tx.is_abbreviation("济源市政府金融办公室", "济源市人民政府金融服务办公室")
    assert not tx.is_abbreviation("新乡市财政局", "新乡市金融工作局")
    headings = ("一、收入支出预算总体情况说明", "二、收入预算总体情况说明", "三、支出预算总体情况说明",
                "四、财政拨款收入支出预算总体情况说明", "五、一般公共预算支出预算情况说明",
                "六、一般公共预算基本支出情况说明", "七、一般公共预算“三公”经费支出预算情况说明",
                "（一）机关运行经费支出情况", "（二）政府采购支出情况", "（四）国有资产占用情况")
    assert [tx.topic_of(h) for h in headings] == ["overview", "income", "expenditure", "fiscal", "general_public",
                                                  "basic", "three_public", "operating_funds", "procurement",
                                                  "assets"]
