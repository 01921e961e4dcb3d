"""Compile pack filters into fast predicates over line items."""

from __future__ import annotations

from collections.abc import Callable, Mapping

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


def feature_key(item: LineItem) -> tuple[object, ...]:
    """Everything a filter can look at; items with equal keys match the same filters."""
    return (
        item.kind,
        item.project_kind,
        item.econ_code,
        item.functional_code,
        item.source,
        item.carryover,
        item.unit_code,
        item.procurement_kind,
    )


class ColumnMasks:
    """For each line item, the indices of the money columns it contributes to (cached by features)."""

    def __init__(self, filters: list[Filter], scope: Filter, unit_types: Mapping[str, UnitType]) -> None:
        self._scope = compile_filter(scope, unit_types)
        self._preds = [compile_filter(f, unit_types) for f in filters]
        self._procurement = [f.measure == "procurement" for f in filters]
        self._cache: dict[tuple[object, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def in_scope(self, item: LineItem) -> bool:
        return self._scope(item)

    def masks(self, item: LineItem) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(amount columns, procurement columns) that ``item`` adds to."""
        key = feature_key(item)
        hit = self._cache.get(key)
        if hit is None:
            amount_cols: list[int] = []
            proc_cols: list[int] = []
            for idx, pred in enumerate(self._preds):
                if pred(item):
                    (proc_cols if self._procurement[idx] else amount_cols).append(idx)
            hit = (tuple(amount_cols), tuple(proc_cols))
            self._cache[key] = hit
        return hit

    def sums(self, items: list[LineItem]) -> list[int]:
        acc = [0] * len(self._preds)
        for item in items:
            amount_cols, proc_cols = self.masks(item)
            amount = item.amount
            for idx in amount_cols:
                acc[idx] += amount
            if proc_cols:
                proc = item.procurement_amount
                for idx in proc_cols:
                    acc[idx] += proc
        return acc
