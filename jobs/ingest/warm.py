"""Imported once by the reading processes' forkserver (jobs/child.py): loads the pipeline's
lazy data — lemminflect's lemma tables (~1.3 s), wordfreq, rjieba's dictionary, lingua's
models — so every forked reader starts with them in memory (shared copy-on-write)
instead of loading them for each document. Nothing here starts a thread, which would
not survive the fork.
"""

from __future__ import annotations

from jobs.pipeline.knowledge import extract_knowledge
from jobs.pipeline.language import foreign_language, language_of
from jobs.pipeline.model import Block

_SAMPLES = {
    "en": "A *linear map* is a function between vector spaces that preserves addition.",
    "zh-CN": "*线性映射*是指保持加法和数乘的向量空间之间的映射。",
}


def warm() -> None:
    # a block in no language of ours builds the wide detector that names it
    foreign_language([Block("paragraph", "Una variable es un nombre que se refiere a un valor", 1)])
    for language, text in _SAMPLES.items():
        language_of(text)
        blocks = [
            Block("heading", "Linear maps" if language == "en" else "线性映射", 1, 1),
            Block("paragraph", text, 1),
        ]
        extract_knowledge(blocks, "en" if language == "en" else "zh-CN")


warm()
