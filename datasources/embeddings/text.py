"""What is embedded for each kind of vector: one definition for the API, jobs and seed.

A vector only matches a query embedded the same way, so a concept saved through the
API, one written by the document job and one from the seed must be embedded from the
same text.
"""

from __future__ import annotations


def concept_text(title: str, description: str | None) -> str:
    """The title, then the description on its own line when there is one."""
    return f"{title}\n{description}" if description else title


def qa_text(question: str, answer: str) -> str:
    """A question-answer pair: the question, then the answer on its own line."""
    return f"{question}\n{answer}"
