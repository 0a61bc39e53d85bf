"""`python -m bench.exports`: export time and file size per format for a 12-week course.

The course is planned from three documents' worth of synthetic concepts (12 weeks of
6 hours, about 60 concepts), in English and in Chinese, stored as JSON and read back
as the export job will, with its self-assessment questions and their answer key;
each format is rendered `--runs` times (median reported).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import orjson

from bench.course_graphs import synthetic_input
from datasources.files.exports import FORMATS
from jobs.planning import plan_course
from jobs.rendering.course import ExportCourse, Question, with_questions
from jobs.rendering.render import render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", type=Path, help="write the exported files into this folder")
    args = parser.parse_args()
    rows = []
    for chinese in (False, True):
        plan = plan_course(synthetic_input(3, weeks=12, hours_per_week=6, chinese=chinese))
        course = with_questions(
            ExportCourse.from_columns(orjson.loads(orjson.dumps(plan.columns()))),
            [Question(q.question, q.answer, q.topic, q.difficulty) for q in plan.questions],
        )
        render(course, "pdf")  # the first PDF loads fonts; time the steady state
        for fmt in FORMATS:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                data = render(course, fmt)
                times.append(time.perf_counter() - start)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"course-{plan.language}.{fmt}").write_bytes(data)
            row = {
                "language": plan.language,
                "format": fmt,
                "concepts": len(plan.placements),
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "bytes": len(data),
                "questions": len(course.questions),
            }
            rows.append(row)
            print(
                f"{plan.language:6} {fmt:9} {row['concepts']:>3} concepts  "
                f"median {row['median_s']:.3f} s (max {row['max_s']:.3f})  {row['bytes']:>8} bytes",
                flush=True,
            )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
