"""The heading tree of a document: which section each block is in, and its ancestors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jobs.pipeline.model import Block


@dataclass(frozen=True, slots=True)
class Outline:
    section_of: tuple[int, ...]  # block index -> index of its heading block (-1: before any)
    parents: dict[int, int]  # heading block -> enclosing heading block (-1: none)

    def ancestors(self, heading: int) -> list[int]:
        chain = []
        while heading in self.parents and self.parents[heading] >= 0:
            heading = self.parents[heading]
            chain.append(heading)
        return chain

    def path(self, block: int, blocks: Sequence[Block]) -> tuple[str, ...]:
        heading = self.section_of[block]
        if heading < 0:
            return ()
        chain = [heading, *self.ancestors(heading)]
        return tuple(blocks[h].text for h in reversed(chain))


def outline(blocks: Sequence[Block]) -> Outline:
    section_of: list[int] = []
    parents: dict[int, int] = {}
    stack: list[int] = []  # open heading blocks
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while stack and blocks[stack[-1]].level >= block.level:
                stack.pop()
            parents[index] = stack[-1] if stack else -1
            stack.append(index)
        section_of.append(stack[-1] if stack else -1)
    return Outline(tuple(section_of), parents)
