"""The importer's vocabulary (``vocabulary.yaml``): printed words → table roles, column keys, row keys.

Loaded once and compiled into regular expressions.  Every lookup takes text already
normalised with :func:`yusuan.importer.cells.norm` (NFKC, no whitespace).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

_QUOTE = re.compile("[“”]")


def _compile(pattern: str) -> re.Pattern[str]:
    """A pattern of the vocabulary: typographic quotes match any quote or none."""
    return re.compile(_QUOTE.sub(lambda m: "[\"'“”‘’]?", pattern))


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    kind: str
    title: re.Pattern[str]
    labels: str
    money: str


@dataclass(frozen=True, slots=True)
class PathRule:
    key: str
    path: re.Pattern[str]
    fallback: str | None = None


@dataclass(frozen=True, slots=True)
class GroupRule:
    prefix: str
    path: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class RowRule:
    key: str
    label: re.Pattern[str]
    group: str | None = None
    opens: str | None = None
    prefixed: bool = False
    numbered: bool = False
    within: bool = False
    heading: bool = False
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Vocabulary:
    roles: tuple[Role, ...]
    transparent: re.Pattern[str]
    labels: Mapping[str, tuple[PathRule, ...]]
    money: Mapping[str, tuple[PathRule, ...]]
    source_groups: tuple[GroupRule, ...]
    source_leaves: tuple[PathRule, ...]
    balance_columns: tuple[PathRule, ...]
    balance_labels: tuple[PathRule, ...]
    sides: Mapping[str, re.Pattern[str]]
    balance_rows: Mapping[str, tuple[RowRule, ...]]
    fixed_rows: Mapping[str, tuple[RowRule, ...]]
    total_labels: re.Pattern[str]
    classes: Mapping[str, tuple[str, ...]]
    claim_terms: Mapping[str, Mapping[str, str]]
    """Narrative terms → metric: ``global`` and per section topic."""
    count_sections: frozenset[str]
    count_words: tuple[str, ...]
    count_measures: str
    level1: re.Pattern[str]
    """一级指标 names of flat-printed indicator trees."""
    level2: re.Pattern[str]

    # -- lookups -------------------------------------------------------------------------------

    def role(self, title: str) -> Role | None:
        return next((r for r in self.roles if r.title.fullmatch(title)), None)

    def strip_transparent(self, path: Sequence[str]) -> list[str]:
        """The path without its leading grouping cells (收入预算, 金额 …) while more than one cell is left."""
        out = [p for p in path if p]
        while len(out) > 1 and self.transparent.fullmatch(out[0]):
            out = out[1:]
        return out

    def class_of(self, name: str) -> str | None:
        """Functional class (类) code of a printed class name (current or older name)."""
        bare = name.removesuffix("(类)")
        for code, names in self.classes.items():
            if bare in names:
                return code
        return None


def match(rules: Sequence[PathRule], path: str) -> PathRule | None:
    return next((r for r in rules if r.path.fullmatch(path)), None)


def _path_rules(items: list[dict[str, Any]]) -> tuple[PathRule, ...]:
    return tuple(PathRule(i["key"], _compile(i["path"]), i.get("fallback")) for i in items)


def _row_rules(items: list[dict[str, Any]]) -> tuple[RowRule, ...]:
    return tuple(RowRule(i["key"], _compile(i["label"]), i.get("group"), i.get("opens"), bool(i.get("prefixed")),
                         bool(i.get("numbered")), bool(i.get("within")), bool(i.get("heading")),
                         int(i.get("indent", 0))) for i in items)


def build(data: Mapping[str, Any]) -> Vocabulary:
    """Compile the vocabulary from its YAML data."""
    money = data["money"]
    sources = money["sources"]
    balance = data["balance"]
    claims = data["claims"]
    return Vocabulary(
        roles=tuple(Role(r["id"], r["kind"], _compile(r["title"]), r.get("labels", "functional"),
                         r.get("money", "expenditure")) for r in data["roles"]),
        transparent=_compile(data["transparent"]),
        labels=MappingProxyType({k: _path_rules(v) for k, v in data["labels"].items()}),
        money=MappingProxyType({k: _path_rules(v) for k, v in money.items() if k != "sources"}),
        source_groups=tuple(GroupRule(g["prefix"], _compile(g["path"])) for g in sources["groups"]),
        source_leaves=_path_rules(sources["leaves"]),
        balance_columns=_path_rules(balance["columns"]),
        balance_labels=_path_rules(balance["labels"]),
        sides=MappingProxyType({k: _compile(v) for k, v in balance["sides"].items()}),
        balance_rows=MappingProxyType({"income": _row_rules(balance["income"]),
                                       "expenditure": _row_rules(balance["expenditure"])}),
        fixed_rows=MappingProxyType({k: _row_rules(v) for k, v in data["fixed_rows"].items()}),
        total_labels=_compile(data["total_labels"]),
        classes=MappingProxyType({str(k): tuple(v) for k, v in data["classes"].items()}),
        claim_terms=MappingProxyType({"global": MappingProxyType(dict(claims["global"])),
                                      **{k: MappingProxyType(dict(v)) for k, v in claims["sections"].items()}}),
        count_sections=frozenset(claims["counts"]["sections"]),
        count_words=tuple(claims["counts"]["words"]),
        count_measures=claims["counts"]["measures"],
        level1=_compile(data["targets"]["level1"]),
        level2=_compile(data["targets"]["level2"]),
    )


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (``vocabulary.yaml`` next to this module)."""
    text = resources.files("yusuan.importer").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return build(yaml.safe_load(text))
