"""Sentence templates of the narrative: the registry (``templates.yaml``) and rendering.

Every sentence the narrative prints comes from a template: ``str.format`` text with named
placeholders.  The defaults live in ``templates.yaml`` together with the placeholders each key
receives; a template pack overrides any key.  This module has no dependency on compute, so the
pack loader can check a pack's overrides against the registry.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from yusuan.document.model import Claim

COMMON_FIELDS = frozenset({"department", "department_code", "self_name", "year", "prior_year", "unit"})
"""Placeholders every template (and every narrative title) may use."""

SHARED_GROUPS = frozenset({"change", "word", "join", "part", "name", "text"})
"""Key groups (the part before the first dot) that any section may override for itself."""


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """A default template and the placeholders the generator supplies for it."""

    text: str
    fields: frozenset[str]


@functools.cache
def _registry() -> tuple[Mapping[str, TemplateSpec], tuple[tuple[str, str], ...]]:
    text = resources.files("yusuan.narrative").joinpath("templates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    specs = {
        key: TemplateSpec(str(entry["text"]), frozenset(entry.get("fields") or ()))
        for key, entry in data["templates"].items()
    }
    measures = tuple((str(m["contains"]), str(m["measure"])) for m in data["measures"])
    return MappingProxyType(specs), measures


def default_templates() -> Mapping[str, TemplateSpec]:
    """Every template key with its default text and placeholders."""
    return _registry()[0]


def asset_measures() -> tuple[tuple[str, str], ...]:
    """(name fragment, measure word) pairs for counted assets; the last has an empty fragment."""
    return _registry()[1]


def key_group(key: str) -> str:
    """``three_public.item`` → ``three_public``: the section kind (or shared group) a key belongs to."""
    return key.split(".", 1)[0]


@functools.lru_cache(maxsize=4096)
def placeholders(template: str) -> tuple[str, ...]:
    """Names of the placeholders of ``template`` in order of first use (``ValueError`` if malformed)."""
    names: list[str] = []
    for _literal, field, _spec, _conversion in string.Formatter().parse(template):
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if name not in names:
            names.append(name)
    return tuple(names)


def template_problem(key: str, text: str, *, extra: frozenset[str] = frozenset()) -> str | None:
    """Why ``text`` cannot be used for template ``key`` (Chinese), or ``None`` when it can."""
    spec = default_templates().get(key)
    if spec is None:
        return f"不认识的模板「{key}」"
    allowed = COMMON_FIELDS | spec.fields | extra
    return _placeholder_problem(text, allowed)


def title_problem(text: str) -> str | None:
    """Why a narrative title (part, section) has unusable placeholders, or ``None``."""
    return _placeholder_problem(text, COMMON_FIELDS)


def _placeholder_problem(text: str, allowed: frozenset[str]) -> str | None:
    try:
        names = placeholders(text)
    except ValueError as exc:
        return f"文字模板「{text[:20]}」格式错误（{exc}）；要印出花括号请写 {{{{ 和 }}}}"
    for name in names:
        if name == "" or name.isdigit():
            return f"文字模板「{text[:20]}」中的占位符须写名称，如 {{year}}"
        if name not in allowed:
            return f"文字模板「{text[:20]}」含未知占位符 '{name}'，可用：{'、'.join(sorted(allowed))}"
    return None


@dataclass(frozen=True, slots=True)
class Fig:
    """Text that carries the figures it states (a formatted amount, a phrase, a whole sentence)."""

    text: str
    claims: tuple[Claim, ...] = ()

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)

    def __str__(self) -> str:
        return self.text

    def __add__(self, other: Fig) -> Fig:
        return Fig(self.text + other.text, self.claims + other.claims)


EMPTY = Fig("")


def join(figs: list[Fig], sep: str) -> Fig:
    return Fig(sep.join(f.text for f in figs), tuple(c for f in figs for c in f.claims))


class Templates:
    """Template lookup (section overrides → pack overrides → defaults) and rendering."""

    __slots__ = ("_common", "_defaults", "_layers")

    def __init__(self, common: Mapping[str, Any], *layers: Mapping[str, str]) -> None:
        self._common = common
        self._defaults = default_templates()
        self._layers = tuple(layer for layer in layers if layer)

    def over(self, overrides: Mapping[str, str]) -> Templates:
        """These templates with ``overrides`` taking precedence."""
        if not overrides:
            return self
        return Templates(self._common, overrides, *self._layers)

    def text(self, key: str) -> str:
        """The template text for ``key``."""
        for layer in self._layers:
            if key in layer:
                return layer[key]
        return self._defaults[key].text

    def render(self, key: str, **fields: Any) -> Fig:
        """Fill template ``key``; the claims of :class:`Fig` fields follow in placeholder order."""
        template = self.text(key)
        if not template:
            return EMPTY
        values = {**self._common, **fields}
        text = template.format_map(values)
        claims: list[Claim] = []
        for name in placeholders(template):
            value = fields.get(name)
            if isinstance(value, Fig):
                claims.extend(value.claims)
        return Fig(text, tuple(claims))

    def sep(self, key: str) -> str:
        """A joiner (``join.parts`` …) as plain text."""
        return self.text(key)
