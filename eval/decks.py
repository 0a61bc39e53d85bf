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

from pptx import Presentation

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import Analysis


def _analyse(path: Path) -> tuple[Analysis, float]:
    started = time.perf_counter()
    analysis = analyse_file(path, language="en")
    return analysis, time.perf_counter() - started


def main(folder: Path) -> None:
    # paired decks: pptx concepts, PDF concepts, shared, slides in the decks, pages the
    # .pptx reading kept, PDF pages, pptx seconds, PDF seconds
    totals = [0.0] * 8
    for deck in sorted(folder.glob("*.pptx")):
        pptx, seconds = _analyse(deck)
        keys = {c.key: c.title for c in pptx.knowledge.concepts}
        read = sum(1 for page in pptx.pages if page.blocks)
        print(f"## {deck.name}: {len(keys)} concepts, {read} slides read, {seconds:.1f} s")
        pdf_path = deck.with_suffix(".pdf")
        if not pdf_path.exists():
            print("  concepts:", "; ".join(keys.values()))
            continue
        pdf, pdf_seconds = _analyse(pdf_path)
        other = {c.key: c.title for c in pdf.knowledge.concepts}
        shared = keys.keys() & other.keys()
        slides = len(Presentation(str(deck)).slides)
        for i, value in enumerate(
            (len(keys), len(other), len(shared), slides, read, len(pdf.pages), seconds, pdf_seconds)
        ):
            totals[i] += value
        print(
            f"  PDF: {len(other)} concepts, {len(pdf.pages)} pages, {pdf_seconds:.1f} s;"
            f" shared {len(shared)}"
        )
        print("  pptx only:", "; ".join(t for k, t in keys.items() if k not in shared))
        print("  PDF only:", "; ".join(t for k, t in other.items() if k not in shared))
    concepts, pdf_concepts, shared_all, slides, read, pages, seconds, pdf_seconds = totals
    print(
        f"paired decks: pptx {concepts:.0f}, PDF {pdf_concepts:.0f}, shared {shared_all:.0f}"
        f" concepts; {read:.0f} of {slides:.0f} slides read, {pages:.0f} PDF pages;"
        f" {seconds:.1f} s / {pdf_seconds:.1f} s"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache/crash/py4e"))
