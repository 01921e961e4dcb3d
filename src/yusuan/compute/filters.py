"""Compile pack filters into fast predicates over line items."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter

from yusuan.domain.budget import LineItem
from yusuan.domain.enums import UnitType
from yusuan.packs.model import Filter

Predicate = Callable[[LineItem], bool]


def _prefix_any(values: list[str]) -> tuple[str, ...]:
    return tuple(values)


def compile_filter(flt: Filter, unit_types: Mapping[str, UnitType]) -> Predicate:
    """A predicate that is true for the line items ``flt`` selects."""
    if flt.none:
        return lambda item: False
    checks: list[Predicate] = []
    if flt.kind is not None:
        kind = flt.kind
        checks.append(lambda i: i.kind.value == kind)
    if flt.basic_category is not None:
        cat = flt.basic_category
        checks.append(lambda i: (c := i.basic_category) is not None and c.value == cat)
    if flt.project_kind is not None:
        pk = frozenset(flt.project_kind)
        checks.append(lambda i: i.project_kind is not None and i.project_kind.value in pk)
    if flt.econ_class is not None:
        ec = frozenset(flt.econ_class)
        checks.append(lambda i: i.econ_code[:3] in ec)
    if flt.econ is not None:
        prefixes = _prefix_any(flt.econ)
        checks.append(lambda i: i.econ_code.startswith(prefixes))
    if flt.functional_class is not None:
        fc = frozenset(flt.functional_class)
        checks.append(lambda i: i.functional_code[:3] in fc)
    if flt.functional is not None:
        fprefixes = _prefix_any(flt.functional)
        checks.append(lambda i: i.functional_code.startswith(fprefixes))
    if flt.source is not None:
        src = frozenset(flt.source)
        checks.append(lambda i: i.source.value in src)
    if flt.source_group is not None:
        grp = frozenset(flt.source_group)
        checks.append(lambda i: i.source.group.value in grp)
    if flt.carryover is not None:
        carry = flt.carryover
        checks.append(lambda i: i.carryover is carry)
    if flt.unit_type is not None:
        ut = frozenset(flt.unit_type)
        checks.append(lambda i: (t := unit_types.get(i.unit_code)) is not None and t.value in ut)
    if flt.procurement_kind is not None:
        pkinds = frozenset(flt.procurement_kind)
        checks.append(lambda i: i.procurement_kind is not None and i.procurement_kind.value in pkinds)
    if flt.any_of is not None:
        alternatives = [compile_filter(f, unit_types) for f in flt.any_of]
        checks.append(lambda i: any(alt(i) for alt in alternatives))
    if flt.exclude is not None:
        excluded = compile_filter(flt.exclude, unit_types)
        checks.append(lambda i: not excluded(i))
    if not checks:
        return lambda item: True
    if len(checks) == 1:
        return checks[0]
    return lambda item: all(check(item) for check in checks)


def measure_of(flt: Filter) -> Callable[[LineItem], int]:
    if flt.measure == "procurement":
        return lambda item: item.procurement_amount
    return lambda item: item.amount


FEATURES = (
    "kind", "project_kind", "econ_code", "functional_code", "source", "carryover", "unit_type", "procurement_kind",
)
_FEATURE_INDEX = {name: n for n, name in enumerate(FEATURES)}
_FILTER_FEATURES: dict[str, tuple[str, ...]] = {
    "kind": ("kind",),
    "basic_category": ("kind", "econ_code"),
    "project_kind": ("project_kind",),
    "econ_class": ("econ_code",),
    "econ": ("econ_code",),
    "functional_class": ("functional_code",),
    "functional": ("functional_code",),
    "source": ("source",),
    "source_group": ("source",),
    "carryover": ("carryover",),
    "unit_type": ("unit_type",),
    "procurement_kind": ("procurement_kind",),
}


def feature_key(item: LineItem, unit_types: Mapping[str, UnitType]) -> tuple[object, ...]:
    """Everything a filter can look at; items with equal keys match the same filters."""
    return (
        item.kind,
        item.project_kind,
        item.econ_code,
        item.functional_code,
        item.source,
        item.carryover,
        unit_types.get(item.unit_code),
        item.procurement_kind,
    )


def used_features(flt: Filter) -> set[int]:
    """Indices into :data:`FEATURES` of what ``flt`` looks at."""
    used: set[int] = set()
    for name, features in _FILTER_FEATURES.items():
        if getattr(flt, name) is not None:
            used.update(_FEATURE_INDEX[f] for f in features)
    for sub in flt.any_of or []:
        used |= used_features(sub)
    if flt.exclude is not None:
        used |= used_features(flt.exclude)
    return used


class ItemFeatures:
    """Feature tuples of a budget's line items, computed once and shared by all tables."""

    def __init__(self, items: tuple[LineItem, ...], unit_types: Mapping[str, UnitType]) -> None:
        self.unit_types = unit_types
        self.items = items
        self.keys = [feature_key(item, unit_types) for item in items]
        self._by_id = {id(item): key for item, key in zip(items, self.keys, strict=True)}

    def get(self, item: LineItem) -> tuple[object, ...]:
        hit = self._by_id.get(id(item))
        return hit if hit is not None else feature_key(item, self.unit_types)


Mask = tuple[bool, tuple[int, ...], tuple[int, ...]]
"""(in scope, amount filters matched, procurement filters matched)."""

_SHARED: dict[tuple[object, ...], dict[object, Mask]] = {}
_USED: dict[tuple[object, ...], list[int]] = {}


class ColumnMasks:
    """Which filters each line item matches.

    The answer depends only on an item's features, so it is cached by the features
    the filters read; with ``share_key`` the cache is shared by every budget laid out
    with the same pack table, which makes batches of departments cheap.
    """

    def __init__(self, filters: list[Filter], scope: Filter, unit_types: Mapping[str, UnitType],
                 features: ItemFeatures | None = None, share_key: tuple[object, ...] | None = None) -> None:
        self._filters = filters
        self._scope_filter = scope
        self._unit_types = unit_types
        self._compiled: tuple[Predicate, list[Predicate]] | None = None
        self._width = len(filters)
        self._procurement = [f.measure == "procurement" for f in filters]
        if share_key is not None:
            self._cache = _SHARED.setdefault(share_key, {})
        else:
            self._cache = {}
        self._contrib: dict[int, tuple[tuple[int, ...], int, tuple[int, ...], int]] = {}
        used_key = ("used", *(share_key or ()))
        cached_used = _USED.get(used_key) if share_key is not None else None
        if cached_used is None:
            cached_used = sorted(used_features(scope).union(*(used_features(f) for f in filters)))
            if share_key is not None:
                _USED[used_key] = cached_used
        used = cached_used
        self._features = features or ItemFeatures((), unit_types)
        self._select: Callable[[tuple[object, ...]], object] = itemgetter(*used) if used else (lambda feats: ())

    def _mask(self, item: LineItem) -> Mask:
        key = self._select(self._features.get(item))
        hit = self._cache.get(key)
        if hit is None:
            if self._compiled is None:  # compile only when the shared cache misses
                self._compiled = (
                    compile_filter(self._scope_filter, self._unit_types),
                    [compile_filter(f, self._unit_types) for f in self._filters],
                )
            scope, preds = self._compiled
            amount_cols: list[int] = []
            proc_cols: list[int] = []
            for idx, pred in enumerate(preds):
                if pred(item):
                    (proc_cols if self._procurement[idx] else amount_cols).append(idx)
            hit = (scope(item), tuple(amount_cols), tuple(proc_cols))
            self._cache[key] = hit
        return hit

    def prepare(self) -> list[LineItem]:
        """Work out every line item's filters in one pass; returns the items in scope."""
        select, cache, contrib = self._select, self._cache, self._contrib
        scoped: list[LineItem] = []
        for item, feats in zip(self._features.items, self._features.keys, strict=True):
            hit = cache.get(select(feats))
            if hit is None:
                hit = self._mask(item)
            if hit[0]:
                scoped.append(item)
                contrib[id(item)] = (hit[1], item.amount, hit[2], item.procurement_amount)
        return scoped

    @property
    def contributions(self) -> dict[int, tuple[tuple[int, ...], int, tuple[int, ...], int]]:
        """id(item) → (amount filters, amount, procurement filters, procurement amount), after :meth:`prepare`."""
        return self._contrib

    def in_scope(self, item: LineItem) -> bool:
        return self._mask(item)[0]

    def masks(self, item: LineItem) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(amount filters, procurement filters) that ``item`` matches."""
        _, amount_cols, proc_cols = self._mask(item)
        return amount_cols, proc_cols

    def sums(self, items: list[LineItem]) -> list[int]:
        acc = [0] * self._width
        contrib = self._contrib
        for item in items:
            hit = contrib.get(id(item))
            if hit is None:
                amount_cols, proc_cols = self.masks(item)
                hit = contrib[id(item)] = (amount_cols, item.amount, proc_cols, item.procurement_amount)
            amount_cols, amount, proc_cols, proc = hit
            for idx in amount_cols:
                acc[idx] += amount
            for idx in proc_cols:
                acc[idx] += proc
        return acc
