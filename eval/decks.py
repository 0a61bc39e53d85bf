"""The same lecture deck read from its .pptx and from its PDF: concepts found from each.

    python -m eval.decks .cache/crash/py4e

Pairs `NAME.pptx` with `NAME.pdf` in the folder given and prints, per deck, the slides and
concepts each reading finds, how many concepts the two share (by key), and the concepts
found from one only. A deck without its PDF is read from the .pptx alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import Analysis


def _analyse(path: Path) -> tuple[Analysis, float]:
    started = time.perf_counter()
    analysis = analyse_file(path, language="en")
    return analysis, time.perf_counter() - started


def main(folder: Path) -> None:
    totals = [0, 0, 0]  # pptx concepts, pdf concepts, shared
    for deck in sorted(folder.glob("*.pptx")):
        pptx, seconds = _analyse(deck)
        keys = {c.key: c.title for c in pptx.knowledge.concepts}
        print(f"## {deck.name}: {len(keys)} concepts, {len(pptx.pages)} slides, {seconds:.1f} s")
        pdf_path = deck.with_suffix(".pdf")
        if not pdf_path.exists():
            print("  concepts:", "; ".join(keys.values()))
            continue
        pdf, _ = _analyse(pdf_path)
        other = {c.key: c.title for c in pdf.knowledge.concepts}
        shared = keys.keys() & other.keys()
        totals[0] += len(keys)
        totals[1] += len(other)
        totals[2] += len(shared)
        print(f"  PDF: {len(other)} concepts, {len(pdf.pages)} pages; shared {len(shared)}")
        print("  pptx only:", "; ".join(t for k, t in keys.items() if k not in shared))
        print("  PDF only:", "; ".join(t for k, t in other.items() if k not in shared))
    print(f"paired decks: pptx {totals[0]}, PDF {totals[1]}, shared {totals[2]} concepts")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache/crash/py4e"))
