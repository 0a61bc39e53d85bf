"""Every mutation type, merged into the one Mutation root in schema/root.py."""

from __future__ import annotations

from schema.mutations.accounts import AccountMutations
from schema.mutations.courses import CourseMutations
from schema.mutations.documents import DocumentMutations
from schema.mutations.generation import GenerationMutations
from schema.mutations.graph import GraphMutations

MUTATIONS: tuple[type, ...] = (
    CourseMutations,
    GenerationMutations,
    DocumentMutations,
    GraphMutations,
    AccountMutations,
)
