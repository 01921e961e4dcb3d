"""Classification catalogues: shipped base data plus the official catalogue a user loads.

A catalogue for a fiscal year is the shipped base (``catalog/data``) overlaid by any
files the user has loaded for that year (``yusuan catalog load``), which win on
conflicts.  Lookups never raise for unknown codes: callers decide (a warning).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from yusuan.domain.codes import economic_level, functional_level, normalize_code
from yusuan.domain.enums import UnitType


class CatalogKind(StrEnum):
    FUNCTIONAL = "functional"
    ECON = "econ"
    GOV_ECON = "gov_econ"
    CROSSWALK = "crosswalk"

    @property
    def label(self) -> str:
        return {
            "functional": "支出功能分类科目",
            "econ": "部门预算支出经济分类科目",
            "gov_econ": "政府预算支出经济分类科目",
            "crosswalk": "部门与政府预算经济分类对应关系",
        }[self.value]

    @property
    def filename(self) -> str:
        return {
            "functional": "functional.csv",
            "econ": "econ_dept.csv",
            "gov_econ": "econ_gov.csv",
            "crosswalk": "crosswalk.csv",
        }[self.value]


class CatalogFileError(ValueError):
    """A catalogue CSV that cannot be used; ``problems`` names each bad line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems[:5]) + ("…" if len(problems) > 5 else ""))


@dataclass(frozen=True, slots=True)
class CodeEntry:
    code: str
    name: str
    from_year: int | None = None
    to_year: int | None = None

    def covers(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.from_year is None or self.from_year <= year) and (
            self.to_year is None or year <= self.to_year
        )


@dataclass(frozen=True)
class Catalog:
    """Code → name lookups and the economic crosswalk for one fiscal year."""

    year: int | None
    functional: Mapping[str, str]
    econ: Mapping[str, str]
    gov_econ: Mapping[str, str]
    crosswalk_organ: Mapping[str, str]
    crosswalk_institution: Mapping[str, str]
    sources: tuple[str, ...] = field(default=())

    def has_functional(self, code: str) -> bool:
        return code in self.functional

    def gov_code_for(self, econ_code: str, unit_type: UnitType) -> str | None:
        """政府预算经济分类 款 for a 部门预算经济分类 款, by the unit's type (``None`` if unmapped)."""
        if unit_type.is_organ:
            return self.crosswalk_organ.get(econ_code)
        for key in (econ_code, econ_code[:3]):
            hit = self.crosswalk_institution.get(key)
            if hit:
                return hit
        return self.crosswalk_organ.get(econ_code)


def catalog_dir() -> Path:
    """Where ``yusuan catalog load`` keeps user catalogues (``YUSUAN_CATALOG_DIR``)."""
    env = os.environ.get("YUSUAN_CATALOG_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "yusuan" / "catalogs"


_CODE_HEADERS = {"code": ("code", "编码", "科目编码", "代码"), "name": ("name", "名称", "科目名称")}
_XWALK_HEADERS = {
    "dept_code": ("dept_code", "部门经济分类编码", "部门预算经济分类"),
    "gov_code": ("gov_code", "政府经济分类编码", "政府预算经济分类"),
    "applies_to": ("applies_to", "适用单位", "单位类型"),
}


def _find(header: list[str], names: Iterable[str]) -> int | None:
    clean = [h.strip().lower() for h in header]
    for name in names:
        if name.lower() in clean:
            return clean.index(name.lower())
    return None


def _year(text: str, line: int, problems: list[str]) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    problems.append(f"第 {line} 行：年份「{text}」应为四位数字")
    return None


def parse_code_csv(text: str, kind: CatalogKind, origin: str = "") -> list[CodeEntry]:
    """Parse a code list CSV (``code,name[,level][,from_year][,to_year]``), checking every line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        raise CatalogFileError([f"{origin}：文件为空"])
    header = rows[0]
    ci, ni = _find(header, _CODE_HEADERS["code"]), _find(header, _CODE_HEADERS["name"])
    if ci is None or ni is None:
        raise CatalogFileError([f"{origin}：第 1 行应为表头，至少包含 code（编码）和 name（名称）列"])
    fi, ti = _find(header, ("from_year", "起始年度")), _find(header, ("to_year", "终止年度"))
    level_of = functional_level if kind is CatalogKind.FUNCTIONAL else economic_level
    problems: list[str] = []
    entries: list[CodeEntry] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        code = normalize_code(row[ci]) if ci < len(row) else ""
        name = row[ni].strip() if ni < len(row) else ""
        if level_of(code) is None:
            problems.append(f"第 {line} 行：编码「{row[ci] if ci < len(row) else ''}」不是有效的{kind.label}编码")
            continue
        if not name:
            problems.append(f"第 {line} 行：编码 {code} 缺少名称")
            continue
        frm = _year(row[fi], line, problems) if fi is not None and fi < len(row) else None
        to = _year(row[ti], line, problems) if ti is not None and ti < len(row) else None
        entries.append(CodeEntry(code, name, frm, to))
    if problems:
        raise CatalogFileError([f"{origin}：{p}" if origin else p for p in problems])
    return entries


def parse_crosswalk_csv(text: str, origin: str = "") -> list[tuple[str, str, str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise CatalogFileError([f"{origin}：文件为空"])
    idx = {k: _find(rows[0], v) for k, v in _XWALK_HEADERS.items()}
    if idx["dept_code"] is None or idx["gov_code"] is None:
        raise CatalogFileError([f"{origin}：表头应包含 dept_code 和 gov_code 列（可选 applies_to：机关/事业）"])
    out: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        di, gi = idx["dept_code"] or 0, idx["gov_code"] or 0
        if max(di, gi) >= len(row):
            problems.append(f"第 {line} 行：列数不足（缺少 dept_code 或 gov_code）")
            continue
        dept = normalize_code(row[di])
        gov = normalize_code(row[gi])
        applies_i = idx["applies_to"]
        applies = row[applies_i].strip() if applies_i is not None and applies_i < len(row) else "机关"
        if economic_level(dept) is None or economic_level(gov) is None:
            problems.append(f"第 {line} 行：对应关系「{dept} → {gov}」编码无效")
            continue
        if applies not in ("机关", "事业"):
            problems.append(f"第 {line} 行：适用单位「{applies}」应为「机关」或「事业」")
            continue
        out.append((dept, gov, applies))
    if problems:
        raise CatalogFileError([f"{origin}：{p}" if origin else p for p in problems])
    return out


def _rank(entry: CodeEntry, priority: int, year: int | None) -> tuple[bool, int, int]:
    """Best name for ``year``: one valid that year first, then the user's over the shipped, then the newer."""
    return (entry.covers(year), priority, entry.from_year or 0)


def _pick(entries: Iterable[tuple[int, CodeEntry]], year: int | None) -> dict[str, str]:
    """Code → name from ``(priority, entry)`` pairs (higher priority: loaded later, by the user)."""
    chosen: dict[str, tuple[tuple[bool, int, int], CodeEntry]] = {}
    for priority, entry in entries:
        rank = _rank(entry, priority, year)
        current = chosen.get(entry.code)
        if current is None or rank >= current[0]:
            chosen[entry.code] = (rank, entry)
    return {code: e.name for code, (_, e) in chosen.items()}


def _shipped(kind: CatalogKind) -> str:
    return resources.files("yusuan.catalog").joinpath("data", kind.filename).read_text(encoding="utf-8")


_CACHE: dict[tuple[int | None, str], Catalog] = {}


def load_catalog(year: int | None = None, extra_dir: Path | None = None, *, use_user_dir: bool = True) -> Catalog:
    """The catalogue for ``year``: shipped data overlaid by user-loaded files for that year."""
    dirs: list[Path] = []
    if use_user_dir and year is not None:
        dirs.append(catalog_dir() / str(year))
    if extra_dir is not None:
        dirs.append(extra_dir)
    key = (year, "|".join(str(d) for d in dirs if d.exists()))
    if key in _CACHE:
        return _CACHE[key]
    sources = ["随附目录（部分）：catalog/data/PROVENANCE.md"]
    code_maps: dict[CatalogKind, dict[str, str]] = {}
    for kind in (CatalogKind.FUNCTIONAL, CatalogKind.ECON, CatalogKind.GOV_ECON):
        entries = [(0, e) for e in parse_code_csv(_shipped(kind), kind, kind.filename)]
        for priority, d in enumerate(dirs, start=1):
            path = d / kind.filename
            if path.exists():
                text = path.read_text(encoding="utf-8-sig")
                entries += [(priority, e) for e in parse_code_csv(text, kind, str(path))]
                sources.append(f"{kind.label}：{path}")
        code_maps[kind] = _pick(entries, year)
    organ: dict[str, str] = {}
    institution: dict[str, str] = {}
    crosswalk_texts = [_shipped(CatalogKind.CROSSWALK)]
    for d in dirs:
        path = d / CatalogKind.CROSSWALK.filename
        if path.exists():
            crosswalk_texts.append(path.read_text(encoding="utf-8-sig"))
            sources.append(f"{CatalogKind.CROSSWALK.label}：{path}")
    for text in crosswalk_texts:
        for dept, gov, applies in parse_crosswalk_csv(text):
            (organ if applies == "机关" else institution)[dept] = gov
    catalog = Catalog(
        year=year,
        functional=code_maps[CatalogKind.FUNCTIONAL],
        econ=code_maps[CatalogKind.ECON],
        gov_econ=code_maps[CatalogKind.GOV_ECON],
        crosswalk_organ=organ,
        crosswalk_institution=institution,
        sources=tuple(sources),
    )
    _CACHE[key] = catalog
    return catalog


def install_catalog_file(source: Path, kind: CatalogKind, year: int, target_dir: Path | None = None) -> Path:
    """Check a user catalogue CSV and copy it into the catalogue store for ``year``."""
    text = source.read_text(encoding="utf-8-sig")
    if kind is CatalogKind.CROSSWALK:
        parse_crosswalk_csv(text, str(source))
    else:
        parse_code_csv(text, kind, str(source))
    dest_dir = (target_dir or catalog_dir()) / str(year)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / kind.filename
    dest.write_text(text, encoding="utf-8")
    _CACHE.clear()
    return dest
