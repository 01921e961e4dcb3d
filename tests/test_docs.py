"""Keep the documentation in sync with the code.

Every identifier a user or pack author can write (filter fields, label fields, row levels,
prior-year and text keys, enumeration labels, metric keys, CLI commands) must be documented,
with its Chinese label where the docs give one; every relative link must resolve; and the
worked examples in the docs must still behave as the docs say.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
import yaml

from yusuan import api
from yusuan.cli import app
from yusuan.compute.summary import METRIC_LABELS, SHARE_LABELS
from yusuan.domain.budget import PRIOR_METRICS, PROJECT_DETAIL_KEYS, TEXT_KEYS
from yusuan.domain.enums import _LABELS, FundingSource
from yusuan.ingest.errors import InputError
from yusuan.ingest.load import load_budget
from yusuan.ingest.schema import (
    AssetsIn,
    BudgetIn,
    DepartmentIn,
    IndicatorIn,
    ItemIn,
    NamesIn,
    PriorYearIn,
    ProjectIn,
    StaffIn,
    TargetsIn,
    UnitIn,
)
from yusuan.narrative.templates import COMMON_FIELDS, default_templates
from yusuan.packs.loader import LABEL_FIELDS, builtin_packs, load_pack, parse_pack
from yusuan.packs.model import (
    SECTION_KINDS,
    BalanceSide,
    BalanceTable,
    Filter,
    FixedRow,
    GlossaryTerm,
    LabelColumn,
    MatrixTable,
    MoneyColumn,
    Narrative,
    NarrativePart,
    NarrativeSection,
    Pack,
    RowLevel,
    TableSpec,
    TargetsTable,
)
from yusuan.render.data import budget_data, table_data

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"


def doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def code(identifier: str) -> str:
    """How an identifier is written in the docs: as inline code."""
    return f"`{identifier}`"


def table_rows(text: str, key: str) -> list[list[str]]:
    """Cells of every Markdown table row whose first cell is ``key`` in backticks."""
    rows = []
    for line in text.splitlines():
        if line.startswith(f"| `{key}` |"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def assert_row(text: str, doc_name: str, key: str, label: str) -> None:
    rows = table_rows(text, key)
    assert rows, f"{doc_name}: no table row for `{key}`"
    assert any(len(r) > 1 and r[1] == label for r in rows), (
        f"{doc_name}: the row of `{key}` should give the label {label!r}, found {[r[1:2] for r in rows]}"
    )


def code_blocks(text: str, lang: str) -> Iterator[str]:
    for match in re.finditer(rf"```{lang}\n(.*?)```", text, flags=re.DOTALL):
        yield match.group(1)


# -- template packs ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(Filter.model_fields))
def test_every_filter_field_is_documented(field: str) -> None:
    assert table_rows(doc("packs.md"), field), f"packs.md has no row for Filter field `{field}`"


@pytest.mark.parametrize("field", sorted(LABEL_FIELDS))
def test_every_label_field_is_documented(field: str) -> None:
    assert code(field) in doc("packs.md"), f"packs.md does not list label field `{field}`"


@pytest.mark.parametrize("level", typing.get_args(RowLevel.model_fields["level"].annotation))
def test_every_row_level_is_documented(level: str) -> None:
    assert table_rows(doc("packs.md"), level), f"packs.md has no row for row level `{level}`"


@pytest.mark.parametrize(
    "model", [Pack, TableSpec, MatrixTable, LabelColumn, MoneyColumn, RowLevel, FixedRow, BalanceTable,
              BalanceSide, TargetsTable, Narrative, NarrativePart, NarrativeSection, GlossaryTerm],
)
def test_every_pack_model_field_is_documented(model: type) -> None:
    text = doc("packs.md")
    missing = [f for f in model.model_fields if code(f) not in text]  # type: ignore[attr-defined]
    assert not missing, f"packs.md does not document {model.__name__} fields {missing}"


def test_layout_kinds_are_documented() -> None:
    text = doc("packs.md")
    kinds = ["matrix", "balance", *typing.get_args(TargetsTable.model_fields["kind"].annotation)]
    missing = [k for k in kinds if code(k) not in text and f"kind: {k}" not in text]
    assert not missing, f"packs.md does not document layout kinds {missing}"


@pytest.mark.parametrize("pack_id", builtin_packs())
def test_builtin_packs_and_their_table_ids_are_documented(pack_id: str) -> None:
    text = doc("packs.md")
    assert code(pack_id) in text
    for spec in load_pack(pack_id).tables:
        assert table_rows(text, spec.id), f"packs.md: table id `{spec.id}` of {pack_id} is not in the id table"
        assert table_rows(doc("architecture.md"), spec.id), f"architecture.md glossary lacks table id `{spec.id}`"


def test_placeholders_are_documented() -> None:
    text = doc("packs.md")
    for name in ("year", "prior_year", "department", "department_code", "self_name"):
        assert table_rows(text, "{" + name + "}"), f"packs.md does not document placeholder {{{name}}}"


@pytest.mark.parametrize("kind", SECTION_KINDS)
def test_every_narrative_section_kind_is_documented(kind: str) -> None:
    assert table_rows(doc("packs.md"), kind), f"packs.md has no row for narrative section kind `{kind}`"


def test_narrative_part_kinds_are_documented() -> None:
    text = doc("packs.md")
    for kind in typing.get_args(NarrativePart.model_fields["kind"].annotation):
        assert code(kind) in text, kind


@pytest.mark.parametrize("key", list(default_templates()))
def test_every_template_key_is_documented_with_its_placeholders_and_default(key: str) -> None:
    """packs.md lists every sentence template with the placeholders it receives and its default text."""
    spec = default_templates()[key]
    rows = table_rows(doc("packs.md"), key)
    assert rows, f"packs.md has no row for template `{key}`"
    placeholders = set(re.findall(r"`\{(\w+)\}`", rows[0][1]))
    assert placeholders == set(spec.fields), f"packs.md: placeholders of `{key}` should be {sorted(spec.fields)}"
    assert rows[0][2].replace("\\|", "|") == (spec.text or "（空）"), f"packs.md: default text of `{key}` is stale"


def test_common_template_placeholders_are_documented() -> None:
    section = doc("packs.md").split("### 句子模板", 1)[1]
    for name in COMMON_FIELDS:
        assert f"`{{{name}}}`" in section, name


def test_narrative_example_in_the_docs_is_valid() -> None:
    block = next(b for b in code_blocks(doc("packs.md"), "yaml") if b.startswith("narrative:"))
    narrative = yaml.safe_load(block)["narrative"]
    data = yaml.safe_load((ROOT / "src/yusuan/packs/data/henan-2024/pack.yaml").read_text(encoding="utf-8"))
    data["narrative"]["templates"] = narrative["templates"]
    section = narrative["parts"][0]["sections"][0]
    explanation = next(p for p in data["narrative"]["parts"] if p["id"] == "explanation")
    explanation["sections"] = [section if s["id"] == section["id"] else s for s in explanation["sections"]]
    assert parse_pack(data, "docs/packs.md").narrative is not None


def _minimal_pack() -> Pack:
    block = next(b for b in code_blocks(doc("packs.md"), "yaml") if b.startswith("# 示例模板包"))
    return parse_pack(yaml.safe_load(block), "docs/packs.md")


def test_minimal_example_pack_is_valid_and_gives_the_documented_figures() -> None:
    pack = _minimal_pack()
    assert [t.id for t in pack.tables] == ["income_expenditure_summary", "expenditure_summary", "three_public"]
    compiled = api.compile_budget(api.load(XINXIANG).budget, pack)
    tables = compiled.tables
    text = doc("packs.md")
    figures = {
        ("income_expenditure_summary", "income:fiscal", "income.amount"): "5041100.00",
        ("income_expenditure_summary", "expenditure:basic", "expenditure.amount"): "4671100.00",
        ("expenditure_summary", "functional:201", "total"): "4289000.00",
        ("expenditure_summary", "functional:2010305", "project"): "370000.00",
        ("three_public", "fixed:official_reception", "amount"): "10000.00",
        ("three_public", "fixed:organ", "amount"): "436000.00",
    }
    for (table_id, row, column), shown in figures.items():
        table = tables.get(table_id)
        assert table_data(table) is not None
        cell = table.cell(row, column)
        assert cell is not None, (table_id, row, column)
        assert table.display(cell) == shown
        assert shown in text


# -- input format -----------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(PRIOR_METRICS))
def test_every_prior_metric_is_documented(key: str) -> None:
    assert_row(doc("input-format.md"), "input-format.md", key, PRIOR_METRICS[key])


@pytest.mark.parametrize("key", list(TEXT_KEYS))
def test_every_text_key_is_documented(key: str) -> None:
    assert_row(doc("input-format.md"), "input-format.md", key, TEXT_KEYS[key])


@pytest.mark.parametrize("key", list(PROJECT_DETAIL_KEYS))
def test_every_project_detail_key_is_documented(key: str) -> None:
    assert_row(doc("input-format.md"), "input-format.md", key, PROJECT_DETAIL_KEYS[key])


@pytest.mark.parametrize("member", list(FundingSource), ids=lambda m: m.value)
def test_every_funding_source_label_is_documented(member: FundingSource) -> None:
    assert_row(doc("input-format.md"), "input-format.md", member.value, member.label)
    assert member.label in doc("architecture.md"), f"architecture.md lacks funding source {member.label}"


@pytest.mark.parametrize(
    ("enum", "key"), [(enum, key) for enum, members in _LABELS.items() for key in members],
    ids=lambda v: str(v),
)
def test_every_enumeration_label_and_alias_is_documented(enum: str, key: str) -> None:
    canonical, *aliases = _LABELS[enum][key]
    rows = [r for r in table_rows(doc("input-format.md"), key) if len(r) > 2 and r[1] == canonical]
    assert rows, f"input-format.md: no row `{key}` | {canonical} for {enum}"
    documented = {a.strip() for r in rows for a in r[2].split("、") if a.strip()}
    missing = [a for a in aliases if a not in documented]
    assert not missing, f"input-format.md: aliases of {enum}.{key} missing: {missing}"


@pytest.mark.parametrize(
    "model", [BudgetIn, DepartmentIn, UnitIn, ItemIn, ProjectIn, PriorYearIn, StaffIn, AssetsIn, TargetsIn,
              IndicatorIn, NamesIn],
)
def test_every_input_field_is_documented(model: type) -> None:
    text = doc("input-format.md")
    missing = [f for f in model.model_fields if code(f) not in text and f".{f}`" not in text]  # type: ignore[attr-defined]
    assert not missing, f"input-format.md does not document {model.__name__} fields {missing}"


def test_worked_validate_example_matches_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The broken.yaml of input-format.md gives exactly the problems and locations shown there."""
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(tmp_path / "catalogs"))
    text = doc("input-format.md")
    section = text[text.index("`broken.yaml`："):]
    source = next(code_blocks(section, "yaml"))
    path = tmp_path / "broken.yaml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_budget(path)
    problems = info.value.problems
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    assert f"共 {len(errors)} 个错误，{len(warnings)} 个警告。" in section
    shown = section[: section.index("共 ")]
    for problem in problems:
        assert problem.where.describe() in shown, problem
        assert problem.message[:12] in shown, problem


# -- JSON output ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(METRIC_LABELS))
def test_every_metric_is_documented(key: str) -> None:
    assert_row(doc("json-format.md"), "json-format.md", key, METRIC_LABELS[key])


@pytest.mark.parametrize("key", list(SHARE_LABELS))
def test_every_share_is_documented(key: str) -> None:
    assert_row(doc("json-format.md"), "json-format.md", key, SHARE_LABELS[key])


def test_every_json_key_is_documented() -> None:
    compiled = api.compile_budget(api.load(XINXIANG).budget)
    data = budget_data(compiled.budget, compiled.tables, compiled.summary, money_unit=compiled.money_unit)
    text = doc("json-format.md")
    keys = set(data) | set(data["yusuan"]) | set(data["budget"])
    keys |= {k for change in data["changes"].values() for k in change}
    table = data["tables"][0]
    keys |= set(table) | set(table["columns"][0]) | set(table["rows"][0])
    missing = sorted(k for k in keys if code(k) not in text and f'"{k}"' not in text)
    assert not missing, f"json-format.md does not document JSON keys {missing}"


# -- CLI --------------------------------------------------------------------------------------


def _cli_commands() -> list[str]:
    root = typer.main.get_command(app)
    names: list[str] = []
    for name, command in getattr(root, "commands", {}).items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names.extend(f"{name} {sub}" for sub in subcommands)
        else:
            names.append(name)
    assert names, "no CLI commands found"
    return names


@pytest.mark.parametrize("command", _cli_commands())
def test_every_cli_command_is_documented(command: str) -> None:
    assert f"yusuan {command}" in doc("architecture.md"), f"architecture.md does not list `yusuan {command}`"


# -- links ------------------------------------------------------------------------------------

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"```.*?```", flags=re.DOTALL)


def _markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        file = target.split("#", 1)[0]
        if not (path.parent / file).exists():
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


def test_the_user_docs_exist_and_are_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("input-format.md", "packs.md", "catalogues.md", "json-format.md", "architecture.md"):
        assert (DOCS / name).is_file()
        assert f"(docs/{name})" in readme
