"""Benchmark: compute every annex table and key figure (no I/O).

Run by hand:  .venv/bin/python benchmarks/bench_compute.py [--departments 1000] [--pack henan-2024]

Reports per-department compute time for a ~200-item department, a 5,000-item
department, the growth with size, and a batch of many departments.
"""

from __future__ import annotations

import argparse
import statistics
import time

from yusuan.compute.engine import compute_tables
from yusuan.compute.summary import summarize
from yusuan.packs.loader import load_pack
from yusuan.synthetic import synthetic_budget


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--pack", default="henan-2024")
    args = parser.parse_args()
    pack = load_pack(args.pack)

    def compile_once(budget):  # type: ignore[no-untyped-def]
        compute_tables(budget, pack)
        summarize(budget)

    print(f"pack {pack.id}: {len(pack.tables)} tables")
    print("size scaling (median of repeats, one department):")
    for n in (200, 500, 1000, 2000, 5000):
        budget = synthetic_budget(n, seed=n)
        repeat = max(3, 2000 // n)
        t = _time(lambda b=budget: compile_once(b), repeat)
        print(f"  {n:>5} items: {t * 1000:8.2f} ms  ({t / n * 1e6:6.1f} µs/item)")

    budgets = [synthetic_budget(args.items + (k % 41) - 20, seed=k) for k in range(args.departments)]
    n_items = sum(len(b.items) for b in budgets)
    start = time.perf_counter()
    for budget in budgets:
        compile_once(budget)
    elapsed = time.perf_counter() - start
    print(f"batch: {args.departments} departments, {n_items} items in {elapsed:.2f} s "
          f"= {elapsed / args.departments * 1000:.2f} ms per department")


if __name__ == "__main__":
    main()
