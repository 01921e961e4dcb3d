"""Matrix tables: nested row groups × money columns."""

from __future__ import annotations

from collections.abc import Callable

from yusuan.compute.context import BuildContext
from yusuan.compute.filters import ColumnMasks, compile_filter
from yusuan.compute.model import Cell, Column, Row, Table
from yusuan.domain.budget import LineItem
from yusuan.domain.codes import split_functional
from yusuan.packs.model import MatrixTable, RowLevel, TableSpec

Fields = dict[str, str]
Group = tuple[str, Fields, list[LineItem]]


def _group_by(items: list[LineItem], key: Callable[[LineItem], str]) -> list[tuple[str, list[LineItem]]]:
    groups: dict[str, list[LineItem]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items())


class _RowBuilder:
    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.budget = ctx.budget

    def groups(self, level: RowLevel, items: list[LineItem]) -> list[Group]:
        b = self.budget
        name = level.level
        if name == "department":
            if not items:
                return []
            dept = b.department
            return [(f"department:{dept.code}", {"unit_code": dept.code, "name": dept.name,
                                                  "code": dept.code}, items)]
        if name == "unit":
            out: list[Group] = []
            for code, group in _group_by(items, lambda i: i.unit_code):
                unit = b.unit(code)
                uname = unit.name if unit else code
                out.append((f"unit:{code}", {"unit_code": code, "name": uname, "code": code}, group))
            return out
        if name in ("functional_class", "functional_section", "functional_item"):
            width = {"functional_class": 3, "functional_section": 5, "functional_item": 7}[name]
            out = []
            for code, group in _group_by(items, lambda i: i.functional_code[:width]):
                cls_, sec, itm = split_functional(code)
                fields = {"functional_class": cls_, "functional_section": sec, "functional_item": itm,
                          "functional_code": code, "name": b.functional_name(code), "code": code}
                out.append((f"functional:{code}", fields, group))
            return out
        if name == "econ_class":
            out = []
            for code, group in _group_by(items, lambda i: i.econ_code[:3]):
                fields = {"econ_class": code, "econ_name": b.econ_name(code),
                          "name": b.econ_name(code), "code": code}
                out.append((f"econ:{code}", fields, group))
            return out
        if name == "econ_section":
            out = []
            for key, group in _group_by(items, lambda i: f"{i.econ_code}/{i.gov_econ_code}"):
                econ, gov = key.split("/")
                fields = {"econ_class": econ[:3], "econ_section": econ[3:], "econ_code": econ,
                          "econ_name": b.econ_name(econ), "gov_class": gov[:3], "gov_section": gov[3:],
                          "gov_code": gov, "gov_name": b.gov_econ_name(gov), "name": b.econ_name(econ),
                          "code": econ}
                out.append((f"econ:{key}", fields, group))
            return out
        if name == "project":
            out = []
            with_project = [i for i in items if i.project_code]
            for code, group in _group_by(with_project, lambda i: i.project_code or ""):
                project = b.project(code)
                unit = b.unit(group[0].unit_code)
                fields = {"project_code": code, "project_name": project.name if project else code,
                          "project_kind": project.kind.label if project else "",
                          "project_unit": unit.name if unit else group[0].unit_code,
                          "unit_code": group[0].unit_code,
                          "name": project.name if project else code, "code": code}
                out.append((f"project:{code}", fields, group))
            return out
        raise ValueError(f"unknown row level {name}")  # pragma: no cover - schema restricts it


def _apply_labels(level: RowLevel, fields: Fields) -> Fields:
    if not level.labels:
        return fields
    merged = dict(fields)
    for key, template in level.labels.items():
        merged[key] = template.format_map(_Blank(fields))
    return merged


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def build_matrix(ctx: BuildContext, spec: TableSpec, layout: MatrixTable) -> Table:
    unit_types = ctx.unit_types
    masks = ColumnMasks([c.sum for c in layout.columns], spec.scope, unit_types, ctx.features,
                        ctx.share_key(spec, "columns"))
    scoped = masks.prepare()
    builder = _RowBuilder(ctx)
    label_cols = layout.label_columns
    money_cols = layout.columns

    label_specs = [(lc.field, lc.key) for lc in label_cols]
    money_keys = [mc.key for mc in money_cols]

    def make_row(key: str, level: str, fields: Fields, sums: list[int], indent: int = 0) -> Row:
        cells = [Cell(fields.get(field) or None, column) for field, column in label_specs]
        cells += [Cell(value, column, True) for value, column in zip(sums, money_keys, strict=True)]
        return Row(key, level, tuple(cells), label=fields.get("name", ""), indent=indent)

    def add(acc: list[int], more: list[int]) -> None:
        for idx, value in enumerate(more):
            acc[idx] += value

    def expand(depth: int, items: list[LineItem], prefix: str) -> tuple[list[Row], list[int]]:
        """Rows of levels ``depth``… for ``items`` and the column sums over all ``items``.

        Sums are built bottom-up: every item is added once at the deepest level and
        each group's row adds up its children, so nesting costs no extra passes.
        """
        if depth >= len(layout.rows):
            return [], masks.sums(items)
        level = layout.rows[depth]
        if level.level == "total":
            rows, sums = expand(depth + 1, items, prefix)
            return [make_row(prefix + "total", "total", _apply_labels(level, {"name": level.label}), sums),
                    *rows], sums
        if level.level == "fixed":
            out: list[Row] = []
            for fixed in level.rows:
                pred = compile_filter(fixed.sum, unit_types)
                subset = [i for i in items if pred(i)]
                rows, sums = expand(depth + 1, subset, prefix)
                out.append(make_row(prefix + f"fixed:{fixed.key}", "fixed", {"name": fixed.label}, sums, fixed.indent))
                out.extend(rows)
            return out, masks.sums(items)
        groups = builder.groups(level, items)
        total = [0] * len(money_cols)
        out = []
        covered = 0
        shown = not (level.skip_if_single and len(groups) <= 1)
        for key, fields, group_items in groups:
            # rows nested under a shown unit are qualified by it, so every row key is unique
            child_prefix = f"{prefix}{key}/" if shown and level.level == "unit" else prefix
            rows, sums = expand(depth + 1, group_items, child_prefix)
            add(total, sums)
            covered += len(group_items)
            if shown:
                out.append(make_row(prefix + key, level.level, _apply_labels(level, fields), sums))
            out.extend(rows)
        if covered != len(items):  # a level that leaves items out (e.g. items without a project)
            grouped = {id(i) for _k, _f, g in groups for i in g}
            add(total, masks.sums([i for i in items if id(i) not in grouped]))
        return out, total

    rows = tuple(expand(0, scoped, "")[0])
    columns = tuple(Column(lc.key, tuple(lc.header), "label", lc.width) for lc in label_cols) + tuple(
        Column(mc.key, tuple(ctx.fill(h) for h in mc.header), "money", mc.width) for mc in money_cols
    )
    is_empty = not any(item.amount for item in scoped)
    return ctx.table(spec, columns, rows, is_empty=is_empty)
