"""Whole-document HTML: parse the page with the standard library and check it against the Document."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from itertools import pairwise

import pytest

from render_samples import matrix_table, sample_tables, text_table
from test_render_html import Node, TreeBuilder
from yusuan.compute.model import Table, Tables
from yusuan.document.model import (
    Claim,
    Document,
    Heading,
    Paragraph,
    Section,
    TableBlock,
    TitleBlock,
    TocBlock,
)
from yusuan.document.sample import sample_document
from yusuan.render.html import claims_json, render_document_html, render_html

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# where each element may appear (a parent that browsers would silently re-nest is a bug)
PHRASING_ONLY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "title", "th", "td", "li"}
PHRASING = {"a", "span", "#text"}
PARENTS = {
    "li": {"ol", "ul"},
    "tr": {"thead", "tbody"},
    "td": {"tr"},
    "th": {"tr"},
    "thead": {"table"},
    "tbody": {"table"},
    "caption": {"table"},
    "colgroup": {"table"},
    "col": {"colgroup"},
}


def parse(page: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed elements: {[n.tag for n in builder.stack[1:]]}"
    return builder


def walk(node: Node) -> list[Node]:
    out = [node]
    for child in node.elements:
        out.extend(walk(child))
    return out


def classes(node: Node) -> set[str]:
    return set(node.attrs.get("class", "").split())


def check_nesting(root: Node) -> None:
    """Content-model checks the standard-library parser does not make."""
    for node in walk(root):
        for child in node.elements:
            allowed = PARENTS.get(child.tag)
            assert allowed is None or node.tag in allowed, f"<{child.tag}> inside <{node.tag}>"
            if node.tag in PHRASING_ONLY and node.tag not in ("li", "th", "td"):
                assert child.tag in PHRASING, f"<{child.tag}> inside <{node.tag}>"
            if node.tag == "caption":
                assert child.tag != "table"
        if node.tag in HEADINGS:
            assert not any(n.tag in HEADINGS for n in walk(node)[1:]), "heading inside a heading"


def style_text(root: Node) -> str:
    return root.find("style").text


def print_css(style: str) -> str:
    """The body of the (last) ``@media print`` block of the page's own CSS."""
    start = style.rindex("@media print")
    depth, i = 0, style.index("{", start)
    for j in range(i, len(style)):
        depth += {"{": 1, "}": -1}.get(style[j], 0)
        if depth == 0:
            return style[i + 1:j]
    raise AssertionError("unbalanced @media print")


# ---------------------------------------------------------------------------
# a small hand-built document exercising every block kind


CLAIMS = (
    Claim("income_total", "amount", Decimal("504.11"), "504.11"),
    Claim("income_total", "change_percent", Decimal("13.870"), "13.87%"),
    Claim("income_total", "direction", "增加", "增加"),
)


def small_document() -> Document:
    front = (
        TitleBlock("新乡市金融工作局2024年部门预算", subtitle="（公开稿）", date="2024年1月"),
        TocBlock(),
        Heading("第一部分 概况", 1, "part1"),
        Heading("一、主要职责", 2, ""),  # empty anchor: generated
        Paragraph("贯彻执行<script>alert('x')</script>有关方针政策 & 法律法规。", section="duties"),
        Heading("二、单位构成", 2, "part1"),  # duplicate anchor: made unique
        Paragraph("本部门预算包括局机关本级预算。", style="statement"),
        Heading("第二部分 情况说明", 1, "part2"),
        Heading("一、收入支出预算总体情况", 2, "part2-1"),
        Paragraph("收入预算总计504.11万元，比上年增加13.87%。", claims=CLAIMS, section="overview"),
        Heading("（一）机关运行经费", 3, "part2-1-1"),
        Heading("不在目录中的小标题", 3, "hidden", toc=False),
        Paragraph("注：本段为注释。", style="note"),
        Paragraph("居中", style="center"),
        Paragraph("靠右", style="right"),
        Paragraph("新乡市金融工作局", style="signature"),
        Heading("附件：部门预算表", 1, "annex"),
    )
    return Document(
        title="新乡市金融工作局2024年部门预算",
        sections=(
            Section(front, "portrait"),
            Section((TableBlock(matrix_table()),), "landscape"),
            Section((TableBlock(text_table()), TableBlock(text_table(title="第二张")),), "portrait"),
        ),
        department="新乡市金融工作局",
        year=2024,
    )


@pytest.fixture(scope="module")
def small_page() -> str:
    return render_document_html(small_document())


@pytest.fixture(scope="module")
def small(small_page: str) -> TreeBuilder:
    return parse(small_page)


def doc_headings(root: Node) -> list[Node]:
    return [n for n in walk(root) if n.tag in HEADINGS and "heading" in classes(n)]


def test_shell_and_landmarks(small: TreeBuilder) -> None:
    root = small.root
    assert small.doctype.lower() == "doctype html"
    assert root.find("html").attrs["lang"] == "zh-CN"
    metas = root.find_all("meta")
    assert any(m.attrs.get("charset", "").lower() == "utf-8" for m in metas)
    assert any(m.attrs.get("name") == "generator" and m.attrs.get("content") == "yusuan" for m in metas)
    assert root.find("title").text == "新乡市金融工作局2024年部门预算"
    body = root.find("body")
    # landmarks are children of body, in reading order, each once
    assert [n.tag for n in body.elements] == ["a", "header", "nav", "main"]
    skip = body.elements[0]
    main = root.find("main")
    assert skip.attrs["href"] == "#" + main.attrs["id"] and skip.text == "跳到正文"
    header = root.find("header")
    assert header.find("h1").text == "新乡市金融工作局2024年部门预算"
    assert [p.text for p in header.find_all("p")] == ["（公开稿）", "2024年1月"]
    check_nesting(root)


def test_headings_in_order_at_their_level(small: TreeBuilder) -> None:
    doc = small_document()
    got = [(n.tag, n.text, n.attrs["id"]) for n in doc_headings(small.root)]
    expected = [(f"h{h.level}", h.text) for h in doc.headings(toc_only=False)]
    assert [(tag, text) for tag, text, _ in got] == expected
    ids = [i for _, _, i in got]
    assert ids[:3] == ["part1", "h2", "part1-2"]  # generated; duplicate made unique
    assert ids[4:] == ["part2-1", "part2-1-1", "hidden", "annex"]
    for n in doc_headings(small.root):
        assert f"level-{min(int(n.tag[1]), 3)}" in classes(n)


def test_heading_order_never_skips(small: TreeBuilder) -> None:
    levels = [int(n.tag[1]) for n in walk(small.root) if n.tag in HEADINGS]
    assert levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, levels


def test_ids_unique(small: TreeBuilder) -> None:
    ids = [n.attrs["id"] for n in walk(small.root) if "id" in n.attrs]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)


def test_toc_links_every_toc_heading(small: TreeBuilder) -> None:
    nav = small.root.find("nav")
    heading = nav.elements[0]
    assert heading.tag == "h2" and heading.text == "目录"
    assert nav.attrs["aria-labelledby"] == heading.attrs["id"]
    links = nav.find_all("a")
    doc = small_document()
    assert [a.text for a in links] == [h.text for h in doc.headings()]
    assert "不在目录中的小标题" not in [a.text for a in links]
    by_id = {n.attrs["id"]: n for n in walk(small.root) if "id" in n.attrs}
    for a in links:
        target = by_id[a.attrs["href"].removeprefix("#")]
        assert target.tag in HEADINGS and target.text == a.text
    # nested by level: the level-2 entries of 第一部分 are inside its <li>
    top = nav.find("ol").elements
    assert [li.find("a").text for li in top] == ["第一部分 概况", "第二部分 情况说明", "附件：部门预算表"]
    assert [a.text for a in top[0].find("ol").find_all("a")] == ["一、主要职责", "二、单位构成"]
    assert [a.text for a in top[1].find("ol").find_all("a")] == ["一、收入支出预算总体情况", "（一）机关运行经费"]


def test_paragraphs_styles_and_claims(small: TreeBuilder) -> None:
    doc = small_document()
    ps = [n for n in walk(small.root.find("main")) if n.tag == "p" and n.attrs.get("id", "").startswith("p")]
    assert [(p.text, p.attrs["class"]) for p in ps] == [(p.text, f"p-{p.style}") for p in doc.paragraphs()]
    assert [p.attrs["id"] for p in ps] == [f"p{i}" for i in range(1, len(ps) + 1)]
    with_claims = [p for p in ps if "data-claims" in p.attrs]
    assert len(with_claims) == 1
    claims = json.loads(with_claims[0].attrs["data-claims"])
    assert claims == [
        {"metric": "income_total", "kind": "amount", "value": "504.11", "text": "504.11"},
        {"metric": "income_total", "kind": "change_percent", "value": "13.870", "text": "13.87%"},
        {"metric": "income_total", "kind": "direction", "value": "增加", "text": "增加"},
    ]
    assert [Decimal(c["value"]) for c in claims[:2]] == [c.value for c in CLAIMS[:2]]
    assert with_claims[0].attrs["data-section"] == "overview"
    assert ps[0].attrs["data-section"] == "duties"


def test_escaping(small: TreeBuilder, small_page: str) -> None:
    assert "<script" not in small_page
    p = small.root.find("p", id="p1")
    assert p.text == "贯彻执行<script>alert('x')</script>有关方针政策 & 法律法规。"
    assert not small.root.find_all("script")


def test_claims_json_is_exact() -> None:
    text = claims_json([Claim("m", "amount", Decimal("0.10"), "0.1"), Claim("m", "count", Decimal("1E+2"), "100"),
                        Claim("q", "direction", '"引号"<&>', "x")])
    assert json.loads(text) == [
        {"metric": "m", "kind": "amount", "value": "0.10", "text": "0.1"},
        {"metric": "m", "kind": "count", "value": "100", "text": "100"},
        {"metric": "q", "kind": "direction", "value": '"引号"<&>', "text": "x"},
    ]
    page = render_document_html(Document("t", (Section((Paragraph("句子", claims=(
        Claim("q", "direction", '"引号"<&>\'', "x"),)),)),)))
    p = parse(page).root.find("p", id="p1")
    assert json.loads(p.attrs["data-claims"])[0]["value"] == '"引号"<&>\''


def test_sections_orientation_and_tables(small: TreeBuilder) -> None:
    sections = [n for n in small.root.find("main").elements if n.tag == "section"]
    assert [s.attrs["data-orientation"] for s in sections] == ["portrait", "landscape", "portrait"]
    assert "landscape" in classes(sections[1]) and "landscape" not in classes(sections[0])
    assert "tables-only" in classes(sections[2]) and "tables-only" not in classes(sections[0])
    tables = sections[1].find_all("section", data_table="expenditure_summary")
    assert len(tables) == 1
    assert tables[0].find("td", data_row="total", data_col="total").text == "504.11"
    assert len(sections[2].find_all("section", **{"class": "budget-table portrait"})) == 2


def test_table_markup_shared_with_tables_page(small: TreeBuilder) -> None:
    alone = parse(render_html(Tables((matrix_table(),)), title="t")).root.find("table")
    in_doc = small.root.find("section", data_table="expenditure_summary").find("table")

    def shape(node: Node) -> list[object]:
        return [(n.tag, sorted(n.attrs.items()), n.text) for n in walk(node) if n.tag not in HEADINGS]

    assert shape(alone) == shape(in_doc)


def test_table_captions_and_scopes(small: TreeBuilder) -> None:
    for sec in small.root.find_all("section", **{"class": "budget-table landscape"}):
        caption = sec.find("table").elements[0]
        assert caption.tag == "caption"
        title = caption.elements[0]
        assert title.tag == "h2" and title.all_text() == "预算03表2024年部门支出总体情况表"
        assert sec.find("div", role="region").attrs["aria-labelledby"] == title.attrs["id"]
        for th in sec.find("thead").find_all("th"):
            assert th.attrs["scope"] in ("col", "colgroup")


def test_print_css(small: TreeBuilder) -> None:
    style = style_text(small.root)
    fonts = style.replace("\n", " ")
    assert re.search(r'--font-body:\s*"FangSong",\s*"仿宋",[^;]*"Noto Serif CJK SC"', fonts)
    assert re.search(r'--font-heading:\s*"SimHei",\s*"黑体",[^;]*"Noto Sans CJK SC"', fonts)
    assert re.search(r'--font-kai:\s*"KaiTi",\s*"楷体",', fonts)
    assert re.search(r"\.heading\.level-3\s*\{[^}]*var\(--font-kai\)", style)
    assert re.search(r"\.heading\.level-1\s*\{[^}]*var\(--font-heading\)", style)
    assert re.search(r"\.p-body[^{]*\{[^}]*text-indent:\s*2em", style)
    assert re.search(r"@page landscape\s*\{\s*size:\s*A4 landscape", style)
    printing = print_css(style)
    assert re.search(r"\.doc-section\.landscape\s*\{\s*page:\s*landscape;", printing)
    assert re.search(r"\.doc-section\s*\{\s*break-before:\s*page;", printing)
    assert re.search(r"\.heading\.level-1\s*\{[^}]*break-before:\s*page", printing)
    assert re.search(r"\.skip-link\s*\{\s*display:\s*none", printing)
    assert "nav" not in re.findall(r"([^{}]*)\{\s*display:\s*none", printing)[0]
    assert re.search(r"thead\s*\{\s*display:\s*table-header-group", style)


def test_no_external_resources(small: TreeBuilder, small_page: str) -> None:
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert not small.root.find_all(tag)
    ids = {n.attrs["id"] for n in walk(small.root) if "id" in n.attrs}
    for node in walk(small.root):
        for name, value in node.attrs.items():
            assert not re.search(r"(?i)(https?:|ftp:|//|url\()", value), (node.tag, name, value)
            if name == "href":
                assert value.startswith("#") and value[1:] in ids
    assert not re.search(r"(?i)(https?://|url\(|@import|@font-face)", small_page)


# ---------------------------------------------------------------------------
# edge cases


def test_document_without_title_or_toc() -> None:
    doc = Document("只有正文", (Section((
        Heading("（一）小标题", 3, ""),
        Paragraph("正文。"),
        Heading("（二）小标题", 3, ""),
        TableBlock(matrix_table()),
    ), "landscape"),))
    builder = parse(render_document_html(doc))
    root = builder.root
    assert root.find("header").find("h1").text == "只有正文"
    assert not root.find_all("nav")
    heads = doc_headings(root)
    # level 3 directly under the page title is raised to h2 (keeping its level-3 style); the next one may be h3
    assert [(n.tag, n.attrs["data-level"], n.attrs["id"]) for n in heads] == [("h2", "3", "h1"), ("h3", "3", "h2")]
    assert "level-3" in classes(heads[0])
    # a table's title is one level below the heading it follows
    assert root.find("caption").elements[0].tag == "h4"
    check_nesting(root)


def test_toc_and_title_inside_main_are_kept_in_place() -> None:
    doc = Document("文档", (Section((
        Heading("第一部分", 1, "a"),
        TitleBlock("插入的标题"),
        TocBlock("目　录"),
        Heading("第二部分", 1, "b"),
    )),))
    root = parse(render_document_html(doc)).root
    main = root.find("main")
    assert main.find("nav").find("a").attrs["href"] == "#a"
    assert [a.text for a in main.find("nav").find_all("a")] == ["第一部分", "第二部分"]
    assert main.find("h1", **{"class": "doc-title"}).text == "插入的标题"
    assert not root.find_all("header")
    check_nesting(root)


def test_anchor_collisions_with_generated_ids() -> None:
    doc = Document("文档", (Section((
        TocBlock(),
        Heading("甲", 1, "h2"),  # an author anchor equal to a generated one
        Heading("乙", 1, ""),
        Heading("丙", 1, "main"),  # the main landmark's id
        Heading("丁", 1, "t-department_targets"),
        Paragraph("句子", style="body"),
        TableBlock(text_table()),
        Heading("带 空格 #号", 2, "  有 空格#  "),
    )),))
    root = parse(render_document_html(doc)).root
    ids = [n.attrs["id"] for n in walk(root) if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    assert root.find("main").attrs["id"] == "main"
    heads = {n.text: n.attrs["id"] for n in doc_headings(root)}
    assert heads["甲"] == "h2" and heads["乙"] != "h2" and heads["丙"] != "main"
    assert not re.search(r"[\s#]", heads["带 空格 #号"])
    targets = {n.attrs["id"] for n in doc_headings(root)}
    assert [a.attrs["href"].removeprefix("#") for a in root.find("nav").find_all("a")] == [
        heads[h.text] for h in doc.headings()]
    assert targets == set(heads.values())


def test_empty_document_is_still_a_page() -> None:
    root = parse(render_document_html(Document("空", ()))).root
    assert root.find("h1").text == "空"
    assert not root.find("main").elements


# ---------------------------------------------------------------------------
# the sample documents of both examples


@pytest.fixture(scope="module", params=["xinxiang-2024", "jiyuan-2020"])
def sample(request: pytest.FixtureRequest) -> tuple[Document, TreeBuilder, str]:
    doc = sample_document(request.param)
    page = render_document_html(doc)
    return doc, parse(page), page


def test_sample_headings_toc_and_nesting(sample: tuple[Document, TreeBuilder, str]) -> None:
    doc, builder, _ = sample
    root = builder.root
    check_nesting(root)
    assert [(n.tag, n.text) for n in doc_headings(root)] == [
        (f"h{h.level}", h.text) for h in doc.headings(toc_only=False)]
    hrefs = [a.attrs["href"] for a in root.find("nav").find_all("a")]
    assert hrefs == ["#" + h.anchor for h in doc.headings()]
    levels = [int(n.tag[1]) for n in walk(root) if n.tag in HEADINGS]
    assert all(b <= a + 1 for a, b in pairwise(levels))


def test_sample_every_table_and_cell(sample: tuple[Document, TreeBuilder, str]) -> None:
    doc, builder, _ = sample
    main = builder.root.find("main")
    sections = [n for n in main.elements if n.tag == "section"]
    assert [s.attrs["data-orientation"] for s in sections] == [s.orientation for s in doc.sections]
    rendered = [n for n in walk(main) if "data-table" in n.attrs]
    assert [n.attrs["data-table"] for n in rendered] == [t.id for t in doc.tables()]
    for table, node in zip(doc.tables(), rendered, strict=True):
        assert node.find("caption").elements[0].all_text() == table.code + table.title
        assert _cells(table) == Counter(
            (td.attrs["data-row"], td.attrs["data-col"], td.text)
            for td in node.find_all("td") if "data-row" in td.attrs
        ), table.id


def _cells(table: Table) -> Counter[tuple[str, str, str]]:
    return Counter((c.row_key or r.key, c.column, table.display(c)) for r in table.rows for c in r.cells)


def test_sample_claims(sample: tuple[Document, TreeBuilder, str]) -> None:
    doc, builder, _ = sample
    for n, paragraph in enumerate(doc.paragraphs(), start=1):
        node = builder.root.find("p", id=f"p{n}")
        assert node.text == paragraph.text
        if paragraph.claims:
            got = json.loads(node.attrs["data-claims"])
            assert [(c["metric"], c["kind"], c["text"]) for c in got] == [
                (c.metric, c.kind, c.text) for c in paragraph.claims]
            assert [Decimal(c["value"]) for c in got] == [c.value for c in paragraph.claims]
        else:
            assert "data-claims" not in node.attrs
    assert any(p.claims for p in doc.paragraphs())


def test_sample_landscape_sections(sample: tuple[Document, TreeBuilder, str]) -> None:
    doc, builder, _ = sample
    sections = [n for n in builder.root.find("main").elements if n.tag == "section"]
    landscape = [s for s in sections if "landscape" in classes(s)]
    assert len(landscape) == sum(s.orientation == "landscape" for s in doc.sections) > 0


def test_tables_page_has_captions_and_skip_link() -> None:
    root = parse(render_html(sample_tables(), title="表")).root
    for table in root.find_all("table"):
        caption = table.elements[0]
        assert caption.tag == "caption" and caption.find("h2").all_text()
    assert root.find("body").elements[0].attrs["href"] == "#main"
    check_nesting(root)
