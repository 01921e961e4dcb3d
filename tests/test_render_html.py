"""HTML renderer: parse the page with the standard library and check its structure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from render_samples import sample_tables
from yusuan.compute.model import Tables
from yusuan.render import render_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    @property
    def text(self) -> str:
        """Direct text content (not of descendants)."""
        return "".join(c for c in self.children if isinstance(c, str))

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        found = []
        for child in self.elements:
            if child.tag == tag and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_tables(), title="新乡市金融工作局2024年部门预算", subtitle="附件 <公开>")


@pytest.fixture(scope="module")
def doc(page: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


def section(doc: TreeBuilder, table_id: str) -> Node:
    return doc.root.find("section", data_table=table_id)


def spans(cell: Node) -> tuple[int, int]:
    return int(cell.attrs.get("rowspan", "1")), int(cell.attrs.get("colspan", "1"))


def test_document_shell(doc: TreeBuilder, page: str) -> None:
    assert doc.doctype.lower() == "doctype html"
    html = doc.root.find("html")
    assert html.attrs["lang"] == "zh-CN"
    assert doc.root.find("meta").attrs.get("charset", "").lower() == "utf-8"
    assert doc.root.find("title").text == "新乡市金融工作局2024年部门预算"
    assert doc.root.find("h1").text == "新乡市金融工作局2024年部门预算"
    assert "附件 &lt;公开&gt;" in page
    style = doc.root.find("style").text
    assert '"FangSong","仿宋","SimSun","宋体","Noto Serif CJK SC","Noto Sans CJK SC",serif' in style.replace(
        ", ", ",")
    assert re.search(r"thead\s*\{\s*display:\s*table-header-group", style)
    assert re.search(r"@page wide\s*\{[^}]*landscape", style)
    assert re.search(r"page-break-before:\s*always", style)


def test_no_external_resources(doc: TreeBuilder, page: str) -> None:
    for tag in ("script", "link", "img", "iframe", "object"):
        assert not doc.root.find_all(tag)
    ids = {n.attrs["id"] for n in _walk(doc.root) if "id" in n.attrs}
    for node in _walk(doc.root):
        for name, value in node.attrs.items():
            assert not re.search(r"(?i)(https?:|ftp:|//|url\()", value), (node.tag, name, value)
            if name == "href":
                assert value.startswith("#") and value[1:] in ids
    assert not re.search(r"(?i)(https?://|url\(|@import)", page)


def _walk(node: Node) -> list[Node]:
    out = [node]
    for child in node.elements:
        out.extend(_walk(child))
    return out


def test_toc_links_every_table(doc: TreeBuilder) -> None:
    nav = doc.root.find("nav")
    links = nav.find_all("a")
    assert [a.text for a in links] == [
        "预算01表 2024年部门收支总体情况表", "预算03表 2024年部门支出总体情况表",
        "预算09表 2024年政府性基金预算支出情况表", "部门（单位）整体绩效目标表", "项目/绩效[汇总]:表?",
    ]
    sections = doc.root.find_all("section")
    assert [a.attrs["href"] for a in links] == ["#" + s.attrs["id"] for s in sections]
    assert len(set(a.attrs["href"] for a in links)) == 5


def test_matrix_thead_spans(doc: TreeBuilder) -> None:
    sec = section(doc, "expenditure_summary")
    assert "landscape" in sec.attrs["class"]
    assert sec.find("h2").all_text() == "预算03表2024年部门支出总体情况表"
    assert [s.text for s in sec.find("p").find_all("span")] == ["部门名称：新乡市金融工作局", "单位：万元"]
    rows = sec.find("thead").find_all("tr")
    got = [[(th.text, *spans(th)) for th in tr.find_all("th")] for tr in rows]
    assert got == [
        [("科目编码", 1, 3), ("单位代码", 3, 1), ("单位（科目名称）", 3, 1), ("合计", 3, 1),
         ("基本支出", 1, 4), ("项目支出", 3, 1)],
        [("类", 2, 1), ("款", 2, 1), ("项", 2, 1), ("小计", 2, 1), ("人员经费", 1, 2), ("公用经费", 1, 1)],
        [("工资福利支出", 1, 1), ("对个人和家庭的补助", 1, 1), ("商品和服务支出", 1, 1)],
    ]
    for th in sec.find("thead").find_all("th"):
        assert th.attrs["scope"] == ("colgroup" if spans(th)[1] > 1 else "col")
    assert len(sec.find("colgroup").find_all("col")) == 11


def test_money_cells_are_anchored(doc: TreeBuilder) -> None:
    sec = section(doc, "expenditure_summary")
    total = sec.find("td", data_row="total", data_col="total")
    assert total.text == "504.11" and total.attrs["class"] == "num"
    assert sec.find("td", data_row="functional:2010301", data_col="basic_wages").text == "348.30"
    assert sec.find("td", data_row="total", data_col="basic_family").text == ""  # zero is blank
    assert sec.find("td", data_row="fixed:grant", data_col="total").text == "0.00"
    assert sec.find("td", data_row="functional:2010301", data_col="functional_section").text == "03"
    for td in sec.find("tbody").find_all("td", **{"class": "num"}):
        assert td.attrs.get("data-row") and td.attrs.get("data-col")
    first_row = sec.find("tbody").find("tr")
    assert first_row.attrs.get("class") == "total"
    indented = sec.find("td", data_row="fixed:grant", data_col="name")
    assert "padding-left" in indented.attrs.get("style", "")


def test_balance_uses_cell_row_keys(doc: TreeBuilder) -> None:
    sec = section(doc, "income_expenditure_summary")
    assert "portrait" in sec.attrs["class"]
    assert sec.find("td", data_row="income:general", data_col="income.amount").text == "504.11"
    assert sec.find("td", data_row="expenditure:public", data_col="expenditure.amount").text == "428.90"
    assert sec.find("td", data_row="income:fund", data_col="income.amount").text == ""
    assert sec.find("td", data_row="expenditure:total", data_col="expenditure.amount").text == "504.11"
    heads = [(th.text, *spans(th)) for th in sec.find("thead").find("tr").find_all("th")]
    assert heads == [("收入", 1, 2), ("支出", 1, 2)]


def test_empty_table_statement_and_notes(doc: TreeBuilder) -> None:
    empty = section(doc, "gov_fund_expenditure")
    assert empty.find("p", **{"class": "empty"}).text == "本部门2024年无政府性基金预算支出。"
    assert not section(doc, "expenditure_summary").find_all("p", **{"class": "empty"})
    note = section(doc, "expenditure_summary").find("p", **{"class": "note"})
    assert note.text == "注：本表仅含当年财政拨款安排的支出。"


def test_text_table_spans_and_escaping(doc: TreeBuilder, page: str) -> None:
    sec = doc.root.find_all("section", data_table="department_targets")[0]
    rows = sec.find("tbody").find_all("tr")
    got = [[(td.text, *spans(td)) for td in tr.find_all("td")] for tr in rows]
    assert got == [
        [("产出指标", 3, 1), ("数量指标", 2, 1), ("对接会场次", 1, 1), ("≥1场", 1, 1), ("37.00", 2, 1)],
        [("预算调整率", 1, 1), ("a<b & <script>", 1, 1)],
        [("质量指标：覆盖全部地方金融组织", 1, 3), ("", 1, 1)],
        [("满意度指标", 1, 1), ("群众满意度≥90%", 1, 4)],
    ]
    assert "a&lt;b &amp; &lt;script&gt;" in page
    assert "<script" not in page
    # every body row covers exactly the five columns once rowspans are taken into account
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all("td"):
            while (r, c) in taken:
                c += 1
            rowspan, colspan = spans(td)
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            c += colspan
    assert taken == {(r, c) for r in range(4) for c in range(5)}
    ids = [s.attrs["id"] for s in doc.root.find_all("section")]
    assert len(ids) == len(set(ids))


def test_empty_collection_is_still_a_page() -> None:
    builder = TreeBuilder()
    builder.feed(render_html(Tables(()), title="空"))
    assert builder.stack == [builder.root]
    assert not builder.root.find_all("section")
    assert builder.root.find("h1").text == "空"
