"""The evaluation corpus: chapters of four openly licensed books with parallel Chinese editions.

The text is never committed. `python -m eval.corpus` copies the chapters from local git
mirrors (made with the `fetch` tool, or any clone) into `.cache/eval/`, lightly cleaned of
the books' build syntax so they read like ordinary Markdown a teacher would upload:

- The Rust Programming Language (rust-lang/book, MIT/Apache-2.0) and its Chinese
  translation (KaiserY/trpl-zh-cn, MIT/Apache-2.0): mdBook `{{#include}}` lines are
  replaced by the listing's code, `<Listing>` tags by a "Listing N: caption" line.
- Dive into Deep Learning (d2l-ai/d2l-en, d2l-ai/d2l-zh; CC BY-SA 4.0): only the PyTorch
  code tabs are kept; `:label:`, `:numref:`, `:cite:`, `(** **)` marks are removed.
- Hello Algo (krahets/hello-algo, CC BY-NC-SA 4.0; Chinese original in `docs/`, English
  translation in `en/docs/`): MkDocs Material syntax removed (eval/mkdocs.py).
- Pro Git (progit/progit2, progit/progit2-zh; CC BY-NC-SA 3.0): AsciiDoc with its
  `include::` lines resolved, turned into Markdown (eval/asciidoc.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from eval import asciidoc, mkdocs

CACHE = Path(".cache/eval")
MIRRORS = Path(os.environ.get("EVAL_MIRRORS", "/work/.mirror"))
REPOS = {
    "rust-en": "rust-lang+book",
    "rust-zh": "KaiserY+trpl-zh-cn",
    "d2l-en": "d2l-ai+d2l-en",
    "d2l-zh": "d2l-ai+d2l-zh",
    "algo-en": "krahets+hello-algo",
    "algo-zh": "krahets+hello-algo",
    "progit-en": "progit+progit2",
    "progit-zh": "progit+progit2-zh",
    "js-en": "javascript-tutorial+en.javascript.info",
    "js-zh": "javascript-tutorial+zh.javascript.info",
}
HOW_TO_GET = (
    "The evaluation corpus is missing. Make bare mirrors of github.com/rust-lang/book, "
    "github.com/KaiserY/trpl-zh-cn, github.com/d2l-ai/d2l-en, github.com/d2l-ai/d2l-zh, "
    "github.com/krahets/hello-algo, github.com/progit/progit2, github.com/progit/progit2-zh, "
    "github.com/javascript-tutorial/en.javascript.info and its zh.javascript.info "
    "as <EVAL_MIRRORS>/<owner>+<name>/repo (for example `git clone --bare URL "
    "/work/.mirror/rust-lang+book/repo`; EVAL_MIRRORS defaults to /work/.mirror), then run "
    "`.venv/bin/python -m eval.corpus`."
)


@dataclass(frozen=True, slots=True)
class Source:
    book: str  # "rust", "d2l", "algo", "progit" or "js"
    files: dict[str, tuple[str, ...]]  # language -> paths in that language's repository


def _rust(*prefixes: str) -> Source:
    return Source("rust", {"en": prefixes, "zh": prefixes})


def _d2l(en: str, zh: str | None = None) -> Source:
    return Source("d2l", {"en": (en,), "zh": (zh or en,)})


def _algo(chapter: str, *sections: str) -> Source:
    names = ("index", *sections, "summary")
    return Source(
        "algo",
        {
            "en": tuple(f"en/docs/{chapter}/{n}.md" for n in names),
            "zh": tuple(f"docs/{chapter}/{n}.md" for n in names),
        },
    )


def _progit(chapter_file: str) -> Source:
    return Source("progit", {"en": (chapter_file,), "zh": (chapter_file,)})


def _js(article: str) -> Source:
    path = f"{article}/article.md"
    return Source("js", {"en": (path,), "zh": (path,)})


# A Rust chapter is every file of chNN; a d2l "chapter" is one section file (each is the
# length of a textbook chapter, 13-44K characters).
SOURCES: dict[str, Source] = {
    "rust-ch04": _rust("src/ch04-"),
    "rust-ch08": _rust("src/ch08-"),
    "rust-ch10": _rust("src/ch10-"),
    "rust-ch06": _rust("src/ch06-"),
    "rust-ch15": _rust("src/ch15-"),
    "d2l-linear-algebra": _d2l("chapter_preliminaries/linear-algebra.md"),
    "d2l-calculus": _d2l("chapter_preliminaries/calculus.md"),
    "d2l-gd": _d2l("chapter_optimization/gd.md"),
    "d2l-probability": _d2l("chapter_preliminaries/probability.md"),
    "d2l-convexity": _d2l("chapter_optimization/convexity.md"),
    # Added 2026-12-02, held out (judged sets written before any run on them). A Hello Algo
    # chapter is its index, its sections in the book's order and its summary.
    "algo-hashing": _algo("chapter_hashing", "hash_map", "hash_collision", "hash_algorithm"),
    "algo-tree": _algo(
        "chapter_tree",
        "binary_tree",
        "binary_tree_traversal",
        "array_representation_of_tree",
        "binary_search_tree",
        "avl_tree",
    ),
    # Added later on 2026-12-02 (judged before any run), to test blind the rules written
    # after reading the misses of the four chapters above
    "algo-heap": _algo("chapter_heap", "heap", "build_heap", "top_k"),
    "algo-graph": _algo("chapter_graph", "graph", "graph_operations", "graph_traversal"),
    "progit-ch02": _progit("ch02-git-basics-chapter.asc"),
    "progit-ch03": _progit("ch03-git-branching.asc"),
    # Added last on 2026-12-02 (judged before any run): javascript.info's Markdown as it is
    # in the repository, with its renderer's own fences (```smart boxes), uncleaned
    "js-recursion": _js("1-js/06-advanced-functions/01-recursion"),
    "js-class": _js("1-js/09-classes/01-class"),
}


def chapter_path(chapter: str, language: str) -> Path:
    return CACHE / f"{chapter}.{language}.md"


def require(chapter: str, language: str) -> Path:
    path = chapter_path(chapter, language)
    if not path.exists():
        sys.exit(f"{path} not found. {HOW_TO_GET}")
    return path


def _git(repo: str, *args: str) -> str:
    git_dir = MIRRORS / REPOS[repo] / "repo"
    if not git_dir.exists():
        sys.exit(f"mirror {git_dir} not found. {HOW_TO_GET}")
    command = ["git", f"--git-dir={git_dir}", *args]  # git from PATH, a local mirror
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def _files(repo: str, pattern: str) -> list[str]:
    if pattern.endswith((".md", ".asc")):
        return [pattern]
    names = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "src/").split("\n")
    return sorted(n for n in names if n.startswith(pattern) and n.endswith(".md"))


_INCLUDE = re.compile(r"^\{\{#(?:rustdoc_)?include\s+([^}:]+)(?::[^}]*)?\}\}\s*$", re.M)
_LISTING = re.compile(
    r'<Listing(?:\s+number="([^"]*)")?(?:\s+file-name="[^"]*")?(?:\s+caption="([^"]*)")?[^>]*>'
)


def _clean_rust(text: str) -> str:
    def include(match: re.Match[str]) -> str:
        path = "listings/" + match.group(1).split("listings/", 1)[-1].strip()
        try:
            code = _git("rust-en", "show", f"HEAD:{path}")
        except subprocess.CalledProcessError:
            return ""
        return "\n".join(line for line in code.splitlines() if "ANCHOR" not in line)

    text = _INCLUDE.sub(include, text)
    text = _LISTING.sub(
        lambda m: f"Listing {m.group(1) or ''}: {m.group(2) or ''}\n" if m.group(2) else "", text
    )
    return text.replace("</Listing>", "")


_TAB_FENCE = re.compile(r"```\{\.python \.input\}\n#@tab ([^\n]+)\n(.*?)```", re.S)


def _clean_d2l(text: str, language: str) -> str:
    def tab(match: re.Match[str]) -> str:
        tabs = match.group(1)
        return f"```python\n{match.group(2)}```" if ("pytorch" in tabs or "all" in tabs) else ""

    text = _TAB_FENCE.sub(tab, text)
    text = re.sub(r"```\{\.python \.input\}\n.*?```", "", text, flags=re.S)  # untabbed = mxnet
    text = re.sub(
        r":begin_tab:`([^`]*)`\n(.*?):end_tab:",
        lambda m: m.group(2) if "pytorch" in m.group(1) else "",
        text,
        flags=re.S,
    )
    text = re.sub(r"^:(?:eq)?label:`[^`]*`\s*$", "", text, flags=re.M)
    section, equation = (
        ("上文", "上式") if language == "zh" else (" the section above", " the equation above")
    )
    text = re.sub(r"\s?:numref:`[^`]*`", section, text)
    text = re.sub(r"\s?:eqref:`[^`]*`", equation, text)
    text = re.sub(r"\s?:cite:`[^`]*`", "", text)
    text = re.sub(r"^\[(?:Discussions|讨论)\]\(https?://[^)]*\)\s*$", "", text, flags=re.M)
    return text.replace("(**", "").replace("**)", "").replace("[**", "").replace("**]", "")


def _clean(book: str, repo: str, text: str, language: str) -> str:
    if book == "rust":
        return _clean_rust(text)
    if book == "d2l":
        return _clean_d2l(text, language)
    if book == "algo":
        return mkdocs.to_markdown(text)
    if book == "js":
        return text
    included = re.sub(
        r"^include::([^\[]+)\[\]\s*$",
        lambda m: _git(repo, "show", f"HEAD:{m.group(1)}"),
        text,
        flags=re.M,
    )
    return asciidoc.to_markdown(included, language)


def build() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    for chapter, source in SOURCES.items():
        for language, patterns in source.files.items():
            repo = f"{source.book}-{language}"
            parts = []
            for pattern in patterns:
                for name in _files(repo, pattern):
                    text = _git(repo, "show", f"HEAD:{name}")
                    parts.append(_clean(source.book, repo, text, language))
            chapter_path(chapter, language).write_text("\n\n".join(parts), encoding="utf-8")
            print(f"{chapter_path(chapter, language)}: {sum(len(p) for p in parts)} characters")


if __name__ == "__main__":
    build()
