"""`python -m bench.pipeline`: reader speed and whole-analysis time and memory.

Generates (once, under .cache/bench/) a 300-page English text PDF (WeasyPrint) and a
50-page Chinese DOCX (python-docx, a page break per page), plus a 50 MB one-line text
file, from sentences written for this benchmark. Each measurement runs in a fresh
process so its peak memory (ru_maxrss) is its own: reading alone (pages per second),
then the whole `analyse_file` (read, language, words, chunks, knowledge).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import time
from pathlib import Path

OUT = Path(".cache/bench")
EN_TERMS = [
    "vector space",
    "linear map",
    "eigenvalue",
    "determinant",
    "inner product",
    "orthogonal basis",
    "gradient",
    "convex function",
    "probability distribution",
    "random variable",
    "expectation",
    "variance",
    "markov chain",
    "entropy",
    "hash table",
    "binary tree",
    "graph traversal",
    "dynamic programming",
    "recursion",
    "sorting algorithm",
    "cell membrane",
    "photosynthesis",
    "enzyme",
    "natural selection",
    "momentum",
    "kinetic energy",
    "electric field",
    "wave function",
]
EN_FILLER = [
    "The {t} appears again when we study the next section, so it is worth remembering.",
    "In practice the {t} is computed step by step, and each step is easy to check by hand.",
    "Students often confuse the {t} with the {u}, but the two ideas answer different questions.",
    "We can draw the {t} as a picture, which helps when the numbers become large.",
    "For example, a small exercise with the {t} shows how the {u} changes.",
]
ZH_TERMS = [
    "线性方程组",
    "系数矩阵",
    "高斯消元法",
    "特征值",
    "行列式",
    "向量空间",
    "概率分布",
    "随机变量",
    "数学期望",
    "方差",
    "光合作用",
    "细胞膜",
    "自然选择",
    "动量",
    "动能",
    "电场",
    "哈希表",
    "二叉树",
    "动态规划",
    "递归",
]
ZH_FILLER = [
    "在下一节中我们还会用到{t}，所以值得记住。",
    "实际计算{t}时可以一步一步进行，每一步都容易检验。",
    "初学者常常把{t}和{u}混淆，但两者回答的是不同的问题。",
    "例如，一个关于{t}的小练习可以说明{u}是如何变化的。",
    "我们可以把{t}画成图形，这在数字很大时很有帮助。",
]


def english_pdf(pages: int = 300) -> Path:
    target = OUT / f"english-{pages}p.pdf"
    if target.exists():
        return target
    import weasyprint

    parts = []
    for page in range(pages):
        t, u = EN_TERMS[page % len(EN_TERMS)], EN_TERMS[(page * 7 + 3) % len(EN_TERMS)]
        parts.append(f"<h2>{page + 1}. The {t.title()}</h2>")
        parts.append(
            f"<p>A <em>{t}</em> is a basic idea that we define here and use later with the {u}.</p>"
        )
        for k in range(5):
            parts.append(
                "<p>"
                + " ".join(f.format(t=t, u=u) for f in EN_FILLER[k % 5 :] + EN_FILLER[: k % 5])
                + "</p>"
            )
        parts.append("<div style='page-break-after: always'></div>")
    css = (
        "@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }"
        " body { font-size: 10pt; }"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(
        string=f"<html><head><style>{css}</style></head><body>{''.join(parts)}</body></html>"
    ).write_pdf(target)
    return target


def chinese_docx(pages: int = 50) -> Path:
    target = OUT / f"chinese-{pages}p.docx"
    if target.exists():
        return target
    import docx

    document = docx.Document()
    for page in range(pages):
        t, u = ZH_TERMS[page % len(ZH_TERMS)], ZH_TERMS[(page * 7 + 3) % len(ZH_TERMS)]
        document.add_heading(f"第{page + 1}节 {t}", 2)
        paragraph = document.add_paragraph()
        paragraph.add_run(t).bold = True
        paragraph.add_run(f"是指本节定义的一个基本概念，后面会和{u}一起使用。")
        for k in range(14):
            document.add_paragraph(
                "".join(f.format(t=t, u=u) for f in ZH_FILLER[k % 5 :] + ZH_FILLER[: k % 5])
            )
        document.add_page_break()
    OUT.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def one_line(megabytes: int = 50) -> Path:
    target = OUT / f"one-line-{megabytes}mb.txt"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    sentence = (
        " ".join(f.format(t=t, u="vector space") for t in EN_TERMS for f in EN_FILLER[:2]) + " "
    )
    with target.open("w", encoding="utf-8") as handle:
        while handle.tell() < megabytes * 1024 * 1024:
            handle.write(sentence)
    return target


def _baseline(queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import jobs.pipeline.analyse  # noqa: F401  (every library the pipeline loads)
    from jobs.pipeline.concepts import everyday
    from jobs.pipeline.language import language_of

    everyday("value"), language_of("warm up")  # word lists and language models loaded
    queue.put({"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})


def _measure(path: str, whole: bool, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from datasources.files.detect import detect
    from jobs.pipeline.analyse import analyse_file
    from jobs.pipeline.readers import read

    started = time.perf_counter()
    if whole:
        analysis = analyse_file(Path(path), max_bytes=200 * 1024 * 1024)
        pages, detail = (
            analysis.page_count,
            {
                "concepts": len(analysis.knowledge.concepts),
                "prerequisites": len(analysis.knowledge.prerequisites),
                "extractions": len(analysis.knowledge.extractions),
                "chunks": len(analysis.chunks),
                "words": analysis.word_count,
                "steps": analysis.timings,
            },
        )
    else:
        document = read(Path(path), detect(Path(path), max_bytes=200 * 1024 * 1024))
        pages, detail = len(document.pages), {}
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "pages": pages,
            "seconds": round(seconds, 2),
            "pages_per_second": round(pages / seconds, 1),
            "peak_rss_mb": round(peak_mb),
            **detail,
        }
    )


def measure(path: Path | None, whole: bool) -> dict:  # type: ignore[type-arg]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    target, args = (_baseline, (queue,)) if path is None else (_measure, (str(path), whole, queue))
    process = context.Process(target=target, args=args)
    process.start()
    result = queue.get()
    process.join()
    return result  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = {
        "300-page English PDF": english_pdf(),
        "50-page Chinese DOCX": chinese_docx(),
        "50 MB one-line text": one_line(),
    }
    results = {"imports and models only": measure(None, False)}
    print(
        f"{'imports and models only':<45} {json.dumps(results['imports and models only'])}",
        flush=True,
    )
    for label, path in files.items():
        for whole in (False, True):
            name = f"{label}, {'whole analysis' if whole else 'read only'}"
            results[name] = measure(path, whole)
            print(f"{name:<45} {json.dumps(results[name], ensure_ascii=False)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
