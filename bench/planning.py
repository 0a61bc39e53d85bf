"""`python -m bench.planning`: time plan_course on 1, 10 and 50 documents' worth of concepts.

Pure CPU, no stores: the input is built first (bench/course_graphs.py, 100 concepts
and 400 PREREQUISITE edges per document), then plan_course runs `--runs` times and
the median, fastest and slowest are reported. Target: under 2 s for 5,000 concepts
and 20,000 edges (BENCHMARKS.md, "Course planning").
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from bench.course_graphs import synthetic_input
from jobs.planning import plan_course

CASES = [
    # (label, documents, weeks, hours per week, share of edges pointing back)
    ("12 weeks x 6 h", 1, 12, 6, 0.002),
    ("12 weeks x 6 h", 10, 12, 6, 0.002),
    ("12 weeks x 6 h", 50, 12, 6, 0.002),
    ("104 weeks x 80 h (all placed)", 50, 104, 80, 0.002),
    ("104 weeks x 80 h, 5 % edges backwards", 50, 104, 80, 0.05),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = []
    for label, documents, weeks, hours, backward in CASES:
        data = synthetic_input(
            documents, weeks=weeks, hours_per_week=hours, backward_share=backward
        )
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            plan = plan_course(data)
            times.append(time.perf_counter() - start)
        row = {
            "case": label,
            "documents": documents,
            "concepts": len(data.concepts),
            "edges": len(data.prerequisites),
            "placed": len(plan.placements),
            "left_out": len(plan.report.left_out),
            "cycles_broken": len(plan.report.broken_cycles),
            "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "plan_json_bytes": len(plan.to_json()),
        }
        rows.append(row)
        print(
            f"{label:40} {documents:>3} docs {row['concepts']:>5} concepts "
            f"{row['edges']:>6} edges  placed {row['placed']:>5}  cycles {row['cycles_broken']:>4}"
            f"  median {row['median_s']:.3f} s (min {row['min_s']:.3f}, max {row['max_s']:.3f})",
            flush=True,
        )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
