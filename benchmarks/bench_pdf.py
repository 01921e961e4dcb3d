"""Benchmark: the complete PDF of a disclosure (Typst markup + in-process compilation).

Run by hand:  .venv/bin/python benchmarks/bench_pdf.py [--items 1500] [--units 12] [--repeat 3]

Reports, for the 新乡 sample document and for a long synthetic disclosure (the
sample's narrative followed by every table of a department with many units and
projects): pages, markup time, compile time and total wall time.  The first
measurement in the process includes loading the typst module and discovering
fonts (what a one-off ``yusuan`` command pays); later ones are warm.
Targets: sample < 1.5 s, long disclosure < 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from yusuan.document.model import Document, Section, TableBlock


def _pages(pdf: bytes) -> int:
    from yusuan.render.preview import _pdfium

    doc = _pdfium().PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _measure(document: Document) -> tuple[float, float, int]:
    from yusuan.render.pdf import compile_markup, document_markup

    start = time.perf_counter()
    source = document_markup(document)
    markup = time.perf_counter() - start
    start = time.perf_counter()
    pdf = compile_markup(source)
    compile_time = time.perf_counter() - start
    return markup, compile_time, _pages(pdf)


def _report(name: str, document: Document, repeat: int) -> None:
    markup, compile_time, pages = _measure(document)
    print(f"{name}: {pages} pages")
    total = markup + compile_time
    print(f"  first (cold) : markup {markup:6.3f} s  compile {compile_time:6.3f} s  total {total:6.3f} s")
    runs = [_measure(document) for _ in range(repeat)]
    m = statistics.median(r[0] for r in runs)
    c = statistics.median(r[1] for r in runs)
    print(f"  warm (median of {repeat}): markup {m:6.3f} s  compile {c:6.3f} s  total {m + c:6.3f} s")


def long_document(items: int, units: int) -> Document:
    """The sample narrative followed by every annex table of a large synthetic department."""
    from yusuan.api import compile_budget
    from yusuan.document.sample import sample_document
    from yusuan.synthetic import synthetic_budget

    compiled = compile_budget(synthetic_budget(items, n_units=units))
    front = sample_document("xinxiang-2024").sections[0]
    tables = tuple(Section((TableBlock(t),), t.orientation) for t in compiled.tables)
    name = compiled.budget.department.name
    return Document(title=f"{name}{compiled.budget.year}年部门预算", sections=(front, *tables),
                    department=name, year=compiled.budget.year)


def _cold_process() -> float:
    """Wall time of a fresh interpreter that imports yusuan and writes the sample PDF."""
    code = (
        "import io, time\n"
        "t = time.perf_counter()\n"
        "from yusuan.document.sample import sample_document\n"
        "from yusuan.render.pdf import pdf_bytes\n"
        "pdf_bytes(sample_document('xinxiang-2024'))\n"
        "print(time.perf_counter() - t)\n"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    print(f"  fresh process: {float(out.stdout.strip()):6.3f} s in Python ({wall:6.3f} s with interpreter start)")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1500)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from yusuan.document.sample import sample_document

    print("新乡 sample document (includes loading the example and computing its tables once):")
    start = time.perf_counter()
    sample = sample_document("xinxiang-2024")
    print(f"  building the document: {time.perf_counter() - start:6.3f} s")
    _report("  新乡 sample", sample, args.repeat)
    _cold_process()

    start = time.perf_counter()
    document = long_document(args.items, args.units)
    rows = sum(len(t.rows) for t in document.tables())
    print(f"\nlong disclosure: synthetic_budget({args.items}, n_units={args.units}), {len(document.tables())} tables, "
          f"{rows} rows (built in {time.perf_counter() - start:5.3f} s)")
    _report("  long disclosure", document, args.repeat)


if __name__ == "__main__":
    main()
