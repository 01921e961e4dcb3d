"""Benchmark: the checker (every registered rule) on the 新乡 example and on a batch of synthetic departments.

Run by hand:  .venv/bin/python benchmarks/bench_check.py [--departments 1000] [--items 200] [--pack henan-2024]

Compile time (tables, key figures and the composed document) is reported separately
from check time (building the check view and running every rule).  Target: < 20 ms
of checking per typical department.  The slowest rules are timed one by one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path

from yusuan.api import Compiled, compile_budget, load
from yusuan.catalog.loader import load_catalog
from yusuan.check import CheckContext, Report, all_rules, context_for_compiled, run_checks
from yusuan.check.engine import CRASH_CODE
from yusuan.synthetic import synthetic_budget

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {"新乡 2024": ROOT / "examples/xinxiang-2024/budget.yaml",
            "济源 2020": ROOT / "examples/jiyuan-2020/budget.yaml"}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def check_once(compiled: Compiled) -> tuple[Report, float, float]:
    """(report, seconds to build the check view, seconds to run the rules)."""
    start = time.perf_counter()
    ctx = context_for_compiled(compiled)
    built = time.perf_counter()
    report = run_checks(ctx)
    return report, built - start, time.perf_counter() - built


def rule_times(ctx: CheckContext, into: dict[str, float]) -> None:
    """Add each rule's time on ``ctx`` to ``into`` (crashing rules are timed up to the crash)."""
    for r in all_rules():
        start = time.perf_counter()
        try:
            for _ in r.fn(ctx):
                pass
        except Exception:  # the engine reports crashes; here only time matters
            pass
        into[r.code] += time.perf_counter() - start


def examples(repeat: int) -> None:
    print("examples (median of repeats; the check view + every rule):")
    for name, path in EXAMPLES.items():
        loaded = load(path)
        start = time.perf_counter()
        compiled = compile_budget(loaded.budget)
        _ = compiled.document
        compile_s = time.perf_counter() - start
        samples = [check_once(compiled) for _ in range(repeat)]
        report = samples[-1][0]
        view = statistics.median(s[1] for s in samples)
        rules = statistics.median(s[2] for s in samples)
        print(f"  {name}: check {ms(view + rules)} (view {ms(view)}, rules {ms(rules)}); "
              f"compile + document {ms(compile_s)} (first call); {len(report.rules_run)} rules run, "
              f"{report.errors} errors, {report.warnings} warnings, {report.notices} notices")


def batch(departments: int, items: int, pack: str | None, per_rule: int, slowest: int) -> None:
    catalog = load_catalog(2024, use_user_dir=False)
    compile_s: list[float] = []
    check_s: list[float] = []
    per_rule_s: dict[str, float] = defaultdict(float)
    codes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    n_items = 0
    for k in range(departments):
        budget = synthetic_budget(items + (k % 41) - 20, seed=k, catalog=catalog)
        n_items += len(budget.items)
        start = time.perf_counter()
        compiled = compile_budget(budget, pack)
        _ = compiled.document
        compile_s.append(time.perf_counter() - start)
        report, view, rules = check_once(compiled)
        check_s.append(view + rules)
        codes.update(i.code for i in report.issues)
        crashes.update(i.message.split("）", 1)[0] for i in report.issues if i.code == CRASH_CODE)
        if k < per_rule:
            rule_times(context_for_compiled(compiled), per_rule_s)
    total_check, total_compile = sum(check_s), sum(compile_s)
    print(f"\nbatch: {departments} synthetic departments, {n_items} items ({n_items / departments:.0f} per department)")
    print(f"  compile + document: {total_compile:6.2f} s = {total_compile / departments * 1000:.2f} ms per department")
    print(f"  check:              {total_check:6.2f} s = {total_check / departments * 1000:.2f} ms per department "
          f"(median {ms(statistics.median(check_s))}, p95 {ms(sorted(check_s)[int(len(check_s) * 0.95)])}, "
          f"max {ms(max(check_s))} at department #{check_s.index(max(check_s))})")
    print(f"  issues per department: {sum(codes.values()) / departments:.1f}; most frequent: "
          + ", ".join(f"{c} ×{n}" for c, n in codes.most_common(8)))
    if crashes:
        print(f"  RULE CRASHES ({CRASH_CODE}):")
        for message, n in crashes.most_common():
            print(f"    ×{n} {message}")
    if per_rule_s:
        sample = min(per_rule, departments)
        print(f"\nslowest rules (mean per department over {sample} departments):")
        for code, seconds in sorted(per_rule_s.items(), key=lambda kv: -kv[1])[:slowest]:
            print(f"  {code}  {seconds / sample * 1000:6.3f} ms")
        print(f"  all {len(per_rule_s)} rules: {sum(per_rule_s.values()) / sample * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200, help="line items per department (±20)")
    parser.add_argument("--pack", default=None, help="template pack (default: the budget's, henan-2024)")
    parser.add_argument("--repeat", type=int, default=50, help="repeats for the examples")
    parser.add_argument("--per-rule", type=int, default=200, help="departments on which each rule is timed")
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args()
    print(f"{len(all_rules())} rules registered")
    examples(args.repeat)
    batch(args.departments, args.items, args.pack, args.per_rule, args.slowest)


if __name__ == "__main__":
    main()
