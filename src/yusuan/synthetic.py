"""Synthetic budgets for benchmarks and load tests (deterministic, seeded).

Codes come from the shipped catalogues so the budgets look like real ones: several
units of different types, basic and project expenditure, every funding source,
carryover, procurement and 三公 items.
"""

from __future__ import annotations

import random
from types import MappingProxyType

from yusuan.catalog.loader import Catalog, load_catalog
from yusuan.domain.budget import Budget, Department, LineItem, PriorYear, Project, Unit
from yusuan.domain.enums import ExpenditureKind, FundingSource, ProcurementKind, ProjectKind, UnitType

_FUNCTIONAL = (
    "2010101", "2010102", "2010301", "2010302", "2010305", "2010350", "2010399", "2013101", "2040101",
    "2050101", "2060101", "2070101", "2080501", "2080505", "2080506", "2089999", "2101101", "2101102",
    "2101103", "2110101", "2120101", "2130101", "2140101", "2210201", "2240101",
)
_BASIC_ECON = (
    "30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30199",
    "30201", "30202", "30205", "30206", "30207", "30211", "30213", "30215", "30216", "30217", "30228",
    "30229", "30231", "30239", "30299", "30302", "30305", "31002",
)
_PROJECT_ECON = (
    "30201", "30202", "30203", "30211", "30212", "30215", "30216", "30218", "30226", "30227", "30299",
    "31002", "31003", "31007", "31013", "30305", "39999",
)
_SOURCES = (
    *([FundingSource.GPB_APPROPRIATION] * 12),
    FundingSource.GPB_ADMIN_FEES, FundingSource.GOVERNMENT_FUND, FundingSource.STATE_CAPITAL,
    FundingSource.SPECIAL_ACCOUNT, FundingSource.BUSINESS_INCOME, FundingSource.OPERATING_INCOME,
    FundingSource.HIGHER_SUBSIDY, FundingSource.OTHER_INCOME,
)


def synthetic_budget(n_items: int, *, seed: int = 0, n_units: int | None = None, year: int = 2024,
                     catalog: Catalog | None = None, dept_code: str | None = None) -> Budget:
    """A plausible department budget with ``n_items`` line items."""
    rng = random.Random(seed)
    cat = catalog or load_catalog(year, use_user_dir=False)
    code = dept_code or f"{100 + seed % 900}"
    n_units = n_units or max(1, min(30, n_items // 150))
    types = (UnitType.ADMINISTRATIVE, UnitType.CIVIL_SERVICE_MANAGED, UnitType.PUBLIC_INSTITUTION)
    units = tuple(
        Unit(f"{code}{n:03d}", f"合成单位{n}", UnitType.ADMINISTRATIVE if n == 1 else rng.choice(types))
        for n in range(1, n_units + 1)
    )
    n_projects = max(1, n_items // 12)
    kinds = (ProjectKind.OPERATIONS, ProjectKind.SPECIFIC_PURPOSE)
    projects = tuple(
        Project(f"{code}-P{n:05d}", f"合成项目{n}", rng.choice(units).code, rng.choice(kinds))
        for n in range(1, n_projects + 1)
    )
    unit_types = {u.code: u.type for u in units}
    items: list[LineItem] = []
    for n in range(n_items):
        project = projects[n % n_projects] if rng.random() < 0.35 else None
        unit = project.unit_code if project else rng.choice(units).code
        econ = rng.choice(_PROJECT_ECON if project else _BASIC_ECON)
        amount = rng.randrange(1, 5_000_000) * 100
        proc = amount // 2 if econ.startswith("310") or (project and rng.random() < 0.2) else 0
        items.append(LineItem(
            unit_code=unit,
            functional_code=rng.choice(_FUNCTIONAL),
            econ_code=econ,
            gov_econ_code=cat.gov_code_for(econ, unit_types[unit]) or "50299",
            kind=ExpenditureKind.PROJECT if project else ExpenditureKind.BASIC,
            source=rng.choice(_SOURCES),
            amount=amount,
            carryover=rng.random() < 0.05,
            project_code=project.code if project else None,
            project_kind=project.kind if project else None,
            procurement_amount=proc,
            procurement_kind=rng.choice(tuple(ProcurementKind)) if proc else None,
        ))
    names = {f"f:{c[:n]}": cat.functional.get(c[:n], "") for c in _FUNCTIONAL for n in (3, 5, 7)}
    econ_names = {f"d:{c[:n]}": cat.econ.get(c[:n], "") for c in _BASIC_ECON + _PROJECT_ECON for n in (3, 5)}
    econ_names.update({f"g:{c}": name for c, name in cat.gov_econ.items()})
    total = sum(i.amount for i in items)
    return Budget(
        year=year,
        department=Department(code, f"合成部门{code}"),
        units=units,
        items=tuple(items),
        projects=projects,
        prior=PriorYear(year - 1, MappingProxyType({"expenditure_total": total * 9 // 10})),
        names=MappingProxyType(names),
        econ_names=MappingProxyType(econ_names),
    )
