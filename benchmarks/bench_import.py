"""Benchmark: the PDF reader (``read_pdf``) against pdfplumber's ``extract_tables`` on the same pages.

Run by hand:  .venv/bin/python benchmarks/bench_import.py [--dir ../shared/realdocs] [--repeat 3]

For every PDF: pages per second of ``read_pdf`` (tables *and* narrative) and of
pdfplumber (open + ``page.extract_tables()`` on every page), best of ``--repeat`` runs;
the cells each extracts (non-empty table cells, and those holding an amount); and how
far the amounts agree: the multiset of amount texts pdfplumber finds compared with the
reader's (``both`` = amounts found by both, as a share of pdfplumber's).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

import pdfplumber

from yusuan.importer.pdf_reader import read_pdf

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "realdocs"
AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$|^-?\d{4,}$")


def _amounts(texts: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for text in texts:
        compact = re.sub(r"\s+", "", text)
        if AMOUNT.match(compact) and not re.fullmatch(r"\d{3,7}", compact):  # codes are not amounts
            out[compact] += 1
    return out


def run_reader(path: Path) -> tuple[int, list[str]]:
    doc = read_pdf(path)
    cells = [cell for table in doc.tables() for row in table.rows for cell in row if cell]
    return doc.pages, cells


def run_plumber(path: Path) -> tuple[int, list[str]]:
    cells: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                cells.extend(cell for row in table for cell in row if cell)
        return len(pdf.pages), cells


def best_time(fn: object, path: Path, repeat: int) -> tuple[float, int, list[str]]:
    best = float("inf")
    pages, cells = 0, []
    for _ in range(repeat):
        start = time.perf_counter()
        pages, cells = fn(path)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, pages, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.dir.glob("**/*.pdf"))
    if not files:
        raise SystemExit(f"no PDF under {args.dir}")
    read_pdf(files[0])  # warm imports and pdfium
    header = (f"{'file':<44} {'pages':>5} {'reader s':>9} {'p/s':>7} {'plumber s':>9} {'p/s':>6} {'×':>6} "
              f"{'cells':>6} {'amounts':>7} {'pl cells':>8} {'pl amts':>7} {'both':>6}")
    print(header)
    print("-" * len(header))
    total_pages = 0
    total_reader = total_plumber = 0.0
    total_both = total_plumber_amounts = 0
    differences: list[str] = []
    for path in files:
        t_reader, pages, cells = best_time(run_reader, path, args.repeat)
        t_plumber, _, pl_cells = best_time(run_plumber, path, args.repeat)
        ours, theirs = _amounts(cells), _amounts(pl_cells)
        both = sum((ours & theirs).values())
        n_theirs = sum(theirs.values())
        total_pages += pages
        total_reader += t_reader
        total_plumber += t_plumber
        total_both += both
        total_plumber_amounts += n_theirs
        share = f"{100 * both / n_theirs:5.1f}%" if n_theirs else "   -  "
        if ours != theirs:
            only_ours = ", ".join(sorted((ours - theirs).elements()))
            only_theirs = ", ".join(sorted((theirs - ours).elements()))
            differences.append(f"  {path.name}: reader only [{only_ours}]; pdfplumber only [{only_theirs}]")
        print(f"{path.name[:44]:<44} {pages:>5} {t_reader:>9.3f} {pages / t_reader:>7.1f} {t_plumber:>9.3f} "
              f"{pages / t_plumber:>6.1f} {t_plumber / t_reader:>6.1f} {len(cells):>6} {sum(ours.values()):>7} "
              f"{len(pl_cells):>8} {n_theirs:>7} {share}")
    print("-" * len(header))
    print(f"{'all':<44} {total_pages:>5} {total_reader:>9.3f} {total_pages / total_reader:>7.1f} "
          f"{total_plumber:>9.3f} {total_pages / total_plumber:>6.1f} {total_plumber / total_reader:>6.1f}")
    if total_plumber_amounts:
        print(f"amounts found by pdfplumber that the reader also has: {total_both}/{total_plumber_amounts} "
              f"({100 * total_both / total_plumber_amounts:.1f}%)")
    if differences:
        print("amounts on which they differ (check these on the page):")
        print("\n".join(differences))
    print("(reader: read_pdf, tables and narrative; pdfplumber: open + extract_tables() on every page; "
          f"best of {args.repeat}; cells = non-empty table cells, header cells included for pdfplumber)")


if __name__ == "__main__":
    main()
