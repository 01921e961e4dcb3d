"""Find, load and check template packs (YAML data)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from yusuan.domain.budget import TEXT_KEYS
from yusuan.domain.enums import FundingSource, ProcurementKind, ProjectKind, SourceGroup, UnitType
from yusuan.packs.model import SECTION_KINDS, BalanceTable, Filter, MatrixTable, Narrative, NarrativeSection, Pack

LABEL_FIELDS = frozenset({
    "name", "code", "unit_code", "functional_class", "functional_section", "functional_item", "functional_code",
    "econ_class", "econ_section", "econ_code", "econ_name", "gov_class", "gov_section", "gov_code", "gov_name",
    "project_kind", "project_name", "project_code", "project_unit",
})


class PackError(ValueError):
    """A pack that cannot be used; the message says which pack and where, in Chinese."""


def builtin_packs() -> list[str]:
    root = resources.files("yusuan.packs").joinpath("data")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("pack.yaml").is_file())


def _check_filter(flt: Filter, where: str, problems: list[str]) -> None:
    allowed: list[tuple[list[str] | None, set[str], str]] = [
        (flt.source, {s.value for s in FundingSource}, "source"),
        (flt.source_group, {s.value for s in SourceGroup}, "source_group"),
        (flt.project_kind, {s.value for s in ProjectKind}, "project_kind"),
        (flt.unit_type, {s.value for s in UnitType}, "unit_type"),
        (flt.procurement_kind, {s.value for s in ProcurementKind}, "procurement_kind"),
    ]
    for values, valid, name in allowed:
        for value in values or []:
            if value not in valid:
                problems.append(f"{where}：{name} 的取值「{value}」无效，可选 {', '.join(sorted(valid))}")
    for codes, name in ((flt.econ_class, "econ_class"), (flt.functional_class, "functional_class"),
                        (flt.econ, "econ"), (flt.functional, "functional")):
        for code in codes or []:
            if not code.isdigit():
                problems.append(f"{where}：{name} 的编码「{code}」应为数字（请加引号）")
    for sub in (flt.any_of or []):
        _check_filter(sub, where, problems)
    if flt.exclude is not None:
        _check_filter(flt.exclude, where, problems)


def _check_templates(templates: dict[str, str], where: str, problems: list[str], kind: str | None = None) -> None:
    from yusuan.narrative.templates import SHARED_GROUPS, key_group, template_problem

    for key, text in templates.items():
        problem = template_problem(key, text)
        if problem is None and kind is not None and key_group(key) not in SHARED_GROUPS | {kind}:
            problem = f"模板「{key}」不用于 {kind} 段落（本段只能改写 {kind}.… 和通用模板）"
        if problem is not None:
            problems.append(f"{where}：{problem}")


def _check_section(section: NarrativeSection, depth: int, ids: set[str], problems: list[str]) -> None:
    from yusuan.narrative.templates import title_problem

    where = f"情况说明段落 {section.id}"
    if section.id in ids:
        problems.append(f"{where}：段落标识重复")
    ids.add(section.id)
    if section.kind not in SECTION_KINDS:
        problems.append(f"{where}：kind 的取值「{section.kind}」无效，可选 {', '.join(SECTION_KINDS)}")
    if (problem := title_problem(section.title)) is not None:
        problems.append(f"{where} title：{problem}")
    if section.text_key is not None and section.text_key not in TEXT_KEYS:
        problems.append(f"{where}：text_key「{section.text_key}」无效，可选 {', '.join(TEXT_KEYS)}")
    if section.kind == "text" and section.text_key is None:
        problems.append(f"{where}：text 段落须填写 text_key")
    if section.kind != "operating_funds" and (section.metric is not None or section.term is not None):
        problems.append(f"{where}：metric 和 term 只用于 operating_funds 段落")
    _check_templates(section.templates, where, problems, section.kind)
    if section.children and depth >= 2:
        problems.append(f"{where}：段落最多两级（一、… 之下的（一）…），不能再有 children")
    for child in section.children:
        _check_section(child, depth + 1, ids, problems)


def _check_narrative(narrative: Narrative, problems: list[str]) -> None:
    from yusuan.narrative.templates import title_problem

    part_ids: set[str] = set()
    section_ids: set[str] = set()
    kinds = [part.kind for part in narrative.parts]
    if kinds.count("annex") != 1:
        problems.append("情况说明：须有且只有一个附件部分（kind: annex）")
    if kinds.count("glossary") > 1:
        problems.append("情况说明：名词解释部分（kind: glossary）最多一个")
    if "glossary" in kinds and not narrative.glossary:
        problems.append("情况说明：有名词解释部分，但 glossary 没有词条")
    if narrative.glossary and "glossary" not in kinds:
        problems.append("情况说明：glossary 有词条，但没有名词解释部分（kind: glossary）")
    for part in narrative.parts:
        where = f"情况说明部分 {part.id}"
        if part.id in part_ids:
            problems.append(f"{where}：部分标识重复")
        part_ids.add(part.id)
        if (problem := title_problem(part.title)) is not None:
            problems.append(f"{where} title：{problem}")
        if part.kind != "sections" and part.sections:
            problems.append(f"{where}：{part.kind} 部分不能有 sections")
        for section in part.sections:
            _check_section(section, 1, section_ids, problems)
    _check_templates(narrative.templates, "情况说明 templates", problems)


def check_pack(pack: Pack) -> list[str]:
    """Semantic problems of a pack (empty when it is usable)."""
    problems: list[str] = []
    ids: set[str] = set()
    numbers: set[int] = set()
    for spec in pack.tables:
        where = f"表 {spec.id}"
        if spec.id in ids:
            problems.append(f"{where}：表标识重复")
        ids.add(spec.id)
        if spec.number is not None:
            if spec.number in numbers:
                problems.append(f"{where}：表号 {spec.number} 重复")
            numbers.add(spec.number)
        _check_filter(spec.scope, f"{where} scope", problems)
        layout = spec.layout
        keys: list[str] = []
        if isinstance(layout, MatrixTable):
            for lc in layout.label_columns:
                keys.append(lc.key)
                if lc.field not in LABEL_FIELDS:
                    problems.append(f"{where}：标签列 {lc.key} 的字段「{lc.field}」无效")
            for mc in layout.columns:
                keys.append(mc.key)
                _check_filter(mc.sum, f"{where} 列 {mc.key}", problems)
            for level in layout.rows:
                for fixed in level.rows:
                    _check_filter(fixed.sum, f"{where} 行 {fixed.key}", problems)
                for field in level.labels:
                    if field not in LABEL_FIELDS:
                        problems.append(f"{where}：行层级 {level.level} 的标签字段「{field}」无效")
        elif isinstance(layout, BalanceTable):
            keys += ["income.label", "expenditure.label"]
            for side in (layout.income, layout.expenditure):
                for mc in side.columns:
                    keys.append(mc.key)
                    _check_filter(mc.sum, f"{where} 列 {mc.key}", problems)
                for row in side.rows:
                    _check_filter(row.sum, f"{where} 行 {row.key}", problems)
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            problems.append(f"{where}：列标识重复 {', '.join(dupes)}")
        headers: list[str] = []
        if isinstance(layout, MatrixTable):
            headers = [h for c in layout.columns for h in c.header]
        elif isinstance(layout, BalanceTable):
            headers = [h for side in (layout.income, layout.expenditure) for c in side.columns for h in c.header]
        for template in (spec.title, spec.empty_statement, spec.org_label, *spec.notes, *headers):
            try:
                template.format(year=0, prior_year=0, department="", department_code="", self_name="")
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(f"{where}：文字模板「{template[:20]}…」含未知占位符 {exc}")
    if pack.narrative is not None:
        _check_narrative(pack.narrative, problems)
    return problems


_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段（请检查拼写）",
    "literal_error": "取值无效",
    "union_tag_invalid": "kind 取值无效，可选 matrix、balance、department_targets、project_targets_summary、"
                         "project_target_sheets",
    "union_tag_not_found": "缺少 kind",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true/false",
    "bool_parsing": "应为 true/false",
    "list_type": "应为列表",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
}


def _where(data: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """``tables.1.layout.rows.1.level`` → ``表 by_function：layout.rows[1].level``."""
    parts = list(loc)
    prefix = ""
    if len(parts) >= 2 and parts[0] == "tables" and isinstance(parts[1], int):
        tables = data.get("tables")
        table_id = None
        if isinstance(tables, list) and parts[1] < len(tables) and isinstance(tables[parts[1]], dict):
            table_id = tables[parts[1]].get("id")
        prefix = f"表 {table_id}" if table_id else f"第 {parts[1] + 1} 张表"
        parts = parts[2:]
    # drop pydantic's union tags (e.g. "matrix") that follow "layout"
    rest = ""
    for n, part in enumerate(parts):
        if isinstance(part, int):
            rest += f"[{part}]"
        elif n > 0 and parts[n - 1] == "layout" and part in ("matrix", "balance", "department_targets",
                                                              "project_targets_summary", "project_target_sheets"):
            continue
        else:
            rest += f".{part}" if rest else str(part)
    return f"{prefix}：{rest}" if prefix and rest else (prefix or rest or "（根）")


def parse_pack(data: Any, origin: str) -> Pack:
    if not isinstance(data, dict):
        raise PackError(f"模板包 {origin} 应为键值表")
    data = {k: v for k, v in data.items() if not str(k).startswith("x-")}
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        lines = [f"  {_where(data, err['loc'])}：{_MESSAGES.get(err['type'], err['msg'])}"
                 for err in exc.errors()[:10]]
        raise PackError(f"模板包 {origin} 格式错误：\n" + "\n".join(lines)) from exc
    problems = check_pack(pack)
    if problems:
        raise PackError(f"模板包 {origin} 有误：\n" + "\n".join(f"  {p}" for p in problems))
    return pack


_CACHE: dict[str, Pack] = {}


def load_pack(name_or_path: str | Path) -> Pack:
    """A built-in pack by id (``henan-2024``) or a pack file/folder by path."""
    key = str(name_or_path)
    if key in _CACHE:
        return _CACHE[key]
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.is_dir():
        file = path / "pack.yaml" if path.is_dir() else path
        if not file.is_file():
            raise PackError(f"找不到模板包文件 {file}")
        text = file.read_text(encoding="utf-8")
        origin = str(file)
    else:
        res = resources.files("yusuan.packs").joinpath("data", key, "pack.yaml")
        if not res.is_file():
            raise PackError(f"没有名为「{key}」的模板包；内置模板包：{'、'.join(builtin_packs())}")
        text = res.read_text(encoding="utf-8")
        origin = key
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PackError(f"模板包 {origin} 不是有效的 YAML：{exc}") from exc
    pack = parse_pack(data, origin)
    _CACHE[key] = pack
    return pack
