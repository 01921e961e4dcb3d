"""The narrative and the whole document for the two seed examples.

``Document.text()`` of each example is pinned in ``tests/golden/<example>.narrative.txt``; regenerate
after an intended change with ``YUSUAN_UPDATE_GOLDEN=1 pytest tests/test_narrative.py`` and review the
diff against the seeds.  Where seed 000 is wrong (§四 swaps the change amount and percent; “三公”
says 增减 and 增加 0), the sentences below pin the correct wording explicitly.
"""

from __future__ import annotations

import functools
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from narrative_support import assert_numbering, check_claims
from yusuan.api import Compiled, compile_budget
from yusuan.catalog import load_catalog
from yusuan.document.model import Claim, Document, Heading, Paragraph, TableBlock, TitleBlock, TocBlock
from yusuan.ingest.load import load_budget
from yusuan.narrative import compose_document, default_narrative
from yusuan.narrative.templates import default_templates
from yusuan.packs.loader import PackError, load_pack, parse_pack
from yusuan.packs.model import SECTION_KINDS, Pack

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = {"xinxiang-2024": 2024, "jiyuan-2020": 2020}


@functools.cache
def compiled(example: str) -> Compiled:
    catalog = load_catalog(EXAMPLES[example], use_user_dir=False)
    budget = load_budget(ROOT / "examples" / example / "budget.yaml", catalog=catalog).budget
    return compile_budget(budget)


def compose(c: Compiled, pack: Pack | None = None) -> Document:
    return compose_document(c.budget, pack or c.pack, c.tables, c.summary)


@functools.cache
def document(example: str) -> Document:
    return compose(compiled(example))


def section_paragraphs(doc: Document, section: str) -> list[Paragraph]:
    return [p for p in doc.paragraphs() if p.section == section]


def section_text(doc: Document, section: str) -> str:
    return "".join(p.text for p in section_paragraphs(doc, section))


def claims(doc: Document, section: str) -> list[Claim]:
    return [c for p in section_paragraphs(doc, section) for c in p.claims]


def claim(doc: Document, section: str, metric: str, kind: str) -> Claim:
    found = [c for c in claims(doc, section) if c.metric == metric and c.kind == kind]
    assert len(found) == 1, (section, metric, kind, found)
    return found[0]


# ── golden text ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("example", EXAMPLES)
def test_narrative_text_matches_the_golden_file(example: str) -> None:
    path = GOLDEN / f"{example}.narrative.txt"
    text = document(example).text() + "\n"
    if os.environ.get("YUSUAN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with YUSUAN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_placeholder_or_template_residue(example: str) -> None:
    text = document(example).text()
    for residue in ("{", "}", "增加（减少）", "增长（下降）", "None", "。。", "，，"):
        assert residue not in text, residue
    assert not re.search(r"(增减|增加|减少|增长|下降)0(\.0+)?(万元|%)", text)
    assert not re.search(r"增减\d", text)
    # every amount and percent is printed with two decimals (entered asset names such as 单价50万元以上… aside)
    assets = compiled(example).budget.assets
    for name in (*assets.amounts, *assets.counts):
        text = text.replace(name, "")
    for number in re.findall(r"(\d+(?:\.\d+)?)(?:万元|%)", text):
        assert re.fullmatch(r"\d+\.\d\d", number), number


# ── seed 000's mistakes, corrected ───────────────────────────────────────────────────────────


def test_xinxiang_fiscal_change_states_amount_and_percent_the_right_way_round() -> None:
    doc = document("xinxiang-2024")
    text = section_text(doc, "fiscal")
    assert "财政拨款收支总计比2023年增加61.40万元，增长13.87%。" in text
    assert claim(doc, "fiscal", "fiscal", "change_amount").value == Decimal("61.40")
    assert claim(doc, "fiscal", "fiscal", "change_percent").value == Decimal("13.87")
    assert claim(doc, "fiscal", "fiscal", "direction").value == "增加"
    assert "13.87万元" not in text and "61.40%" not in text


def test_xinxiang_overview_change() -> None:
    doc = document("xinxiang-2024")
    assert "收支总计均比2023年增加61.40万元，增长13.87%。" in section_text(doc, "overview")
    assert claim(doc, "overview", "income_total", "change_amount").value == Decimal("61.40")
    assert claim(doc, "overview", "expenditure_total", "change_percent").value == Decimal("13.87")


def test_xinxiang_three_public_items_say_decrease_and_flat() -> None:
    doc = document("xinxiang-2024")
    paragraphs = [p.text for p in section_paragraphs(doc, "three_public")]
    assert paragraphs[0].startswith("新乡市金融工作局2024年一般公共预算安排“三公”经费4.10万元，"
                                    "比2023年减少1.20万元，下降22.64%。")
    assert paragraphs[1].startswith("（一）因公出国（境）费：本年未安排，与2023年持平。")
    assert paragraphs[2].startswith("（二）公务接待费1.00万元，与2023年持平。")
    assert paragraphs[3].startswith("（三）公务用车购置及运行费3.10万元，比2023年减少1.20万元，下降27.91%。"
                                    "其中，公务用车购置费未安排，与2023年持平；"
                                    "公务用车运行维护费3.10万元，比2023年减少1.20万元，下降27.91%。")
    assert claim(doc, "three_public", "vehicles", "change_amount").value == Decimal("-1.20")
    assert claim(doc, "three_public", "vehicles", "direction").value == "减少"
    assert claim(doc, "three_public", "official_reception", "direction").value == "持平"
    assert claim(doc, "three_public", "overseas_travel", "direction").value == "持平"
    assert claim(doc, "three_public", "three_public", "change_percent").value == Decimal("-22.64")


def test_xinxiang_government_fund_none_and_procurement_by_kind() -> None:
    doc = document("xinxiang-2024")
    assert section_text(doc, "government_fund") == "新乡市金融工作局2024年无政府性基金预算支出。"
    assert "其中：货物类3.00万元；工程类、服务类未安排。" in section_text(doc, "procurement")
    assert claim(doc, "procurement", "procurement_goods", "amount").value == Decimal("3.00")


def test_xinxiang_amounts_always_have_two_decimals() -> None:
    doc = document("xinxiang-2024")
    assert "项目支出37.00万元，占7.34%" in section_text(doc, "expenditure")
    assert "公用经费43.60万元，占9.33%" in section_text(doc, "basic")
    assert "机构运转经费预算43.60万元" in section_text(doc, "operating_funds")


def test_jiyuan_flat_year_and_econ_section() -> None:
    doc = document("jiyuan-2020")
    assert "收支总计均与2019年持平。" in section_text(doc, "overview")
    assert "增减变化的主要原因" not in section_text(doc, "overview")  # nothing changed: no reason printed
    econ = section_text(doc, "econ")
    assert "两套科目" in econ
    assert "按部门预算支出经济分类的类级科目分，商品和服务支出15.00万元，占100.00%。" in econ
    assert "按政府预算支出经济分类的类级科目分，对事业单位经常性补助15.00万元，占100.00%。" in econ
    assert section_text(doc, "operating_funds") == "济源市人民政府金融服务办公室2020年未安排机关运行经费。"
    assert "（三）公务用车购置及运行费：本年未安排，与2019年持平。" in section_text(doc, "three_public")


# ── claims ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_claim_equals_the_summary_or_table_figure(example: str) -> None:
    c = compiled(example)
    assert check_claims(c, document(example).paragraphs()) > 30


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_stated_figure_has_a_claim(example: str) -> None:
    """Each number in a generated paragraph (amounts, percents, counts) is claimed — except in entered text."""
    doc = document(example)
    c = compiled(example)
    texts = c.budget.texts.values()
    for p in doc.paragraphs():
        if p.section in ("duties", "organization", "transfer_payments", "other") or not p.section:
            continue
        if any(p.text in t or t.strip() in p.text for t in texts if t.strip()):
            continue
        text = p.text
        for name in (*c.budget.assets.amounts, *c.budget.assets.counts):  # entered names such as 单价50万元以上…
            text = text.replace(name, "")
        numbers = re.findall(r"\d+(?:\.\d+)?(?=万元|%|个|项|辆|台)", text)
        claimed = {c.text for c in p.claims}
        missing = [n for n in numbers if n not in claimed]
        assert not missing, (p.text, missing)


# ── document structure ───────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("example", EXAMPLES)
def test_document_frame_and_annex(example: str) -> None:
    c = compiled(example)
    doc = document(example)
    first = doc.sections[0].blocks
    assert isinstance(first[0], TitleBlock) and first[0].title == f"{c.budget.department.name}{c.budget.year}年部门预算"
    assert isinstance(first[1], TocBlock)
    parts = [h.text for h in doc.headings() if h.level == 1]
    name, old = c.budget.department.name, example == "jiyuan-2020"
    assert parts[:3] == [
        f"第一部分 {name}{'部门' if old else ''}概况",
        f"第二部分 {name}{c.budget.year}年{'度' if old else ''}部门预算情况说明",
        "第三部分 名词解释",
    ]
    assert parts[3] == f"附件：{c.budget.department.name}{c.budget.year}年部门预算表"
    # every table in its own section, with its orientation, in order; the annex heading opens the first
    table_sections = [s for s in doc.sections if any(isinstance(b, TableBlock) for b in s.blocks)]
    assert [b.table for s in table_sections for b in s.blocks if isinstance(b, TableBlock)] == list(c.tables)
    for section in table_sections:
        tables = [b for b in section.blocks if isinstance(b, TableBlock)]
        assert len(tables) == 1 and section.orientation == tables[0].table.orientation
    assert isinstance(table_sections[0].blocks[0], Heading) and table_sections[0].blocks[0].text == parts[3]
    assert doc.money_unit == "万元" and doc.year == c.budget.year and doc.meta["pack"] == c.pack.id
    empty = [t for t in doc.tables() if t.is_empty]
    assert empty and all(t.empty_statement for t in empty)


@pytest.mark.parametrize("example", EXAMPLES)
def test_numbering_is_generated_without_gaps(example: str) -> None:
    assert_numbering(document(example))


def test_henan_2024_groups_other_matters_as_children() -> None:
    headings = [(h.level, h.text) for h in document("xinxiang-2024").headings()]
    start = headings.index((2, "九、其他重要事项情况说明"))
    assert headings[start + 1: start + 7] == [
        (3, "（一）行政（事业）单位机构运转经费"), (3, "（二）政府采购支出情况"), (3, "（三）绩效目标设置情况"),
        (3, "（四）国有资产占用情况"), (3, "（五）专项转移支付项目情况"), (3, "（六）其他需要说明的事项"),
    ]


def test_units_come_from_the_data() -> None:
    doc = document("xinxiang-2024")
    assert section_paragraphs(doc, "units")[0].text == "本部门预算只包括新乡市金融工作局本级预算，没有所属单位预算。"
    c = compiled("xinxiang-2024")
    from dataclasses import replace

    from yusuan.domain.budget import Unit

    units = (*c.budget.units, Unit("154003", "新乡市某中心"), Unit("154002", "新乡市某所"))
    other = replace(c.budget, units=units)
    doc2 = compose_document(other, c.pack, c.tables, c.summary)
    text = section_text(doc2, "units")
    assert text.startswith("本部门预算由新乡市金融工作局本级和2个所属单位的预算汇总而成。"
                           "所属单位为：新乡市某所、新乡市某中心。")
    assert claim(doc2, "units", "units.subordinate", "count").value == 2


def test_glossary_is_the_packs_and_numbered() -> None:
    doc = document("xinxiang-2024")
    glossary = section_paragraphs(doc, "glossary")
    terms = [e.term for e in compiled("xinxiang-2024").pack.narrative.glossary]  # type: ignore[union-attr]
    assert len(glossary) == len(terms) == 10
    assert glossary[0].text.startswith("一、财政拨款收入：")
    assert glossary[9].text.startswith("十、行政（事业）单位机构运转经费：")


def test_pack_without_narrative_uses_the_default() -> None:
    c = compiled("xinxiang-2024")
    plain = c.pack.model_copy(update={"narrative": None})
    doc = compose(c, plain)
    ids = {p.section for p in doc.paragraphs()}
    for spec in default_narrative().parts[1].sections:
        if not spec.optional:
            assert spec.id in ids
    assert_numbering(doc)
    check_claims(c, doc.paragraphs())


# ── template overrides ───────────────────────────────────────────────────────────────────────


def _with_narrative(pack: Pack, **changes: Any) -> Pack:
    assert pack.narrative is not None
    return pack.model_copy(update={"narrative": pack.narrative.model_copy(update=changes)})


def _diff(a: Document, b: Document) -> list[tuple[str, str]]:
    la, lb = a.text().splitlines(), b.text().splitlines()
    assert len(la) == len(lb)
    return [(x, y) for x, y in zip(la, lb, strict=True) if x != y]


def test_overriding_one_template_changes_exactly_that_sentence() -> None:
    c = compiled("xinxiang-2024")
    pack = _with_narrative(c.pack, templates={"government_fund.none": "本部门{year}年不涉及政府性基金预算支出。"})
    assert _diff(document("xinxiang-2024"), compose(c, pack)) == [
        ("新乡市金融工作局2024年无政府性基金预算支出。", "本部门2024年不涉及政府性基金预算支出。")]


def test_a_section_override_applies_to_that_section_only() -> None:
    c = compiled("xinxiang-2024")
    assert c.pack.narrative is not None
    parts = [part.model_copy(update={"sections": [
        s.model_copy(update={"templates": {"change.flat": "与上年相同"}}) if s.id == "three_public" else s
        for s in part.sections]}) for part in c.pack.narrative.parts]
    changed = _diff(document("xinxiang-2024"), compose(c, _with_narrative(c.pack, parts=parts)))
    assert [new for _old, new in changed] == [
        "（一）因公出国（境）费：本年未安排，与上年相同。本年度没有安排因公出国（境）任务。",
        "（二）公务接待费1.00万元，与上年相同。用于按规定列支的各类公务接待（含外宾接待）；预计本年度接待任务与上年大体相当。",
        "（三）公务用车购置及运行费3.10万元，比2023年减少1.20万元，下降27.91%。其中，公务用车购置费未安排，与上年相同；"
        "公务用车运行维护费3.10万元，比2023年减少1.20万元，下降27.91%。用于保障公务用车正常使用所需的燃料、维修、过路过桥、"
        "保险和安全奖励等费用；本年度不安排公务用车购置。",
    ]


def test_an_empty_override_drops_the_sentence() -> None:
    c = compiled("xinxiang-2024")
    doc = compose(c, _with_narrative(c.pack, templates={"basic.explain": ""}))
    assert section_text(doc, "basic").endswith("公用经费43.60万元，占9.33%。")


# ── pack checks ──────────────────────────────────────────────────────────────────────────────


def _pack_data(**narrative: Any) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "src/yusuan/packs/data/henan-2024/pack.yaml").read_text(encoding="utf-8"))
    data["narrative"].update(narrative)
    return data


def _problems(data: dict[str, Any]) -> str:
    with pytest.raises(PackError) as info:
        parse_pack(data, "test")
    return str(info.value)


def test_builtin_packs_declare_a_valid_narrative() -> None:
    for name in ("henan-2024", "henan-2020"):
        narrative = load_pack(name).narrative
        assert narrative is not None and narrative.glossary


def test_pack_without_narrative_still_loads() -> None:
    data = _pack_data()
    del data["narrative"]
    assert parse_pack(data, "test").narrative is None


def test_unknown_section_kind_is_reported_in_chinese() -> None:
    data = _pack_data()
    data["narrative"]["parts"][1]["sections"].append({"id": "weather", "title": "天气"})
    message = _problems(data)
    assert "情况说明段落 weather：kind 的取值「weather」无效" in message


def test_unknown_template_key_and_placeholder_are_reported() -> None:
    message = _problems(_pack_data(templates={
        "overview.totl": "x", "overview.total": "{department}{amount}", "fiscal.change": "{change"}))
    assert "不认识的模板「overview.totl」" in message
    assert "含未知占位符 'amount'" in message
    assert "格式错误" in message


def test_section_templates_must_belong_to_the_section() -> None:
    data = _pack_data()
    data["narrative"]["parts"][1]["sections"][0]["templates"] = {"fiscal.change": "{change}"}
    assert "模板「fiscal.change」不用于 overview 段落" in _problems(data)


def test_structure_problems_are_reported() -> None:
    data = _pack_data()
    sections = data["narrative"]["parts"][1]["sections"]
    sections.append({"id": "note", "kind": "text", "title": "说明"})
    sections.append({"id": "overview", "title": "重复{dept}"})
    sections[-3]["children"][0]["children"] = [{"id": "deep", "kind": "text", "text_key": "other", "title": "深"}]
    sections.append({"id": "x", "kind": "text", "text_key": "weather", "title": "x", "metric": "organ_operating"})
    data["narrative"]["parts"].pop()  # the annex
    message = _problems(data)
    for expected in ("text 段落须填写 text_key", "段落标识重复", "未知占位符 'dept'", "段落最多两级",
                     "text_key「weather」无效", "metric 和 term 只用于 operating_funds 段落", "须有且只有一个附件部分"):
        assert expected in message, expected


def test_every_section_kind_has_a_writer_and_templates_cover_the_kinds() -> None:
    from yusuan.narrative.compose import WRITERS

    assert set(WRITERS) == set(SECTION_KINDS)
    groups = {key.split(".", 1)[0] for key in default_templates()}
    no_templates = {"duties", "organization", "text", "group"}
    assert set(SECTION_KINDS) - no_templates <= groups


def test_default_templates_only_use_their_declared_placeholders() -> None:
    from yusuan.narrative.templates import template_problem

    for key, spec in default_templates().items():
        assert template_problem(key, spec.text) is None, key


def test_an_optional_section_without_text_takes_no_number() -> None:
    c = compiled("xinxiang-2024")
    from dataclasses import replace

    texts = {k: v for k, v in c.budget.texts.items() if k not in ("organization", "other")}
    doc = compose_document(replace(c.budget, texts=texts), c.pack, c.tables, c.summary)
    profile = [h.text for h in doc.headings() if h.anchor.startswith("profile-")]
    assert profile == ["一、新乡市金融工作局主要职责", "二、新乡市金融工作局预算单位构成情况"]
    assert "（六）其他需要说明的事项" not in [h.text for h in doc.headings()]
    assert_numbering(doc)


def test_a_required_text_that_is_missing_is_flagged_in_the_text() -> None:
    c = compiled("xinxiang-2024")
    from dataclasses import replace

    texts = {k: v for k, v in c.budget.texts.items() if k != "main_duties"}
    doc = compose_document(replace(c.budget, texts=texts), c.pack, c.tables, c.summary)
    assert section_text(doc, "duties") == "（主要职责尚未填写。）"


def test_chinese_numerals() -> None:
    from yusuan.narrative.numbering import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1001)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千零一"]
    with pytest.raises(ValueError):
        chinese_numeral(0)
