"""One execution per subscription event, shared by the subscribers that asked the same.

graphql-core executes a subscription's selection set once per event per subscriber
(`Executor.build_per_event_executor`, then `execute_operation`). Ten thousand
subscribers of one document's progress receive the same event and, nearly always,
asked the same question: that was ten thousand identical executions per event, most
of the gateway's CPU (BENCHMARKS.md, "Subscribers on one gateway").

A payload type opts in by deriving from `SharedAnswer`: its answer then depends on
its field values alone. That holds for types whose every field is a plain value read
from the object, with no resolver that reads the context, the viewer or the path
(DocumentProgress, TaskProgress). The answer to one (payload value, operation,
variables) is kept in a small per-process table and handed, as is, to every
subscriber whose stream yields an equal payload for the same operation and variables.

Authorization is unchanged: a subscriber is only ever answered for a payload its own
stream yielded, and that stream was authorized when it started and is re-checked
since (resolvers/progress.py). Order is unchanged too: each subscriber's answers still
go out one by one, as its own stream yields them. Answers with errors are never kept
(their errors are shaped per operation), nor answers that are not ready at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from graphql import ExecutionResult

MAX_ANSWERS = 1024  # a few events of a few hundred distinct (operation, variables)


class SharedAnswer:
    """Marks a payload type whose answer depends on its field values only."""

    def share_key(self) -> Hashable:
        # A strawberry type's fields are its instance attributes: all of them count.
        return (type(self), tuple(self.__dict__.items()))


class Answers:
    """A bounded table of answers, least recently used first out."""

    def __init__(self, size: int = MAX_ANSWERS) -> None:
        self.size = size
        # key -> (the schema and operation, kept so their ids in the key are not reused;
        # the answer)
        self._answers: OrderedDict[Hashable, tuple[Any, ExecutionResult]] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self._last_payload: object = None
        self._last_share: Hashable = None

    def key(self, payload: Any, schema: Any, operation: Any, variables: Any) -> Hashable | None:
        """The question `payload` answers, or None when it cannot be shared."""
        if not isinstance(payload, SharedAnswer):
            return None
        # Subscribers of one channel are mostly handed the same payload object one
        # after another: its value is worked out once.
        if payload is not self._last_payload:
            self._last_payload, self._last_share = payload, payload.share_key()
        coerced = getattr(variables, "coerced", None) or {}
        key = (self._last_share, id(schema), id(operation), tuple(sorted(coerced.items())))
        try:
            hash(key)
        except TypeError:  # a list or input object among the variables: not shared
            return None
        return key

    def get(self, key: Hashable) -> ExecutionResult | None:
        found = self._answers.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._answers.move_to_end(key)
        return found[1]

    def put(self, key: Hashable, schema: Any, operation: Any, result: ExecutionResult) -> None:
        self._answers[key] = ((schema, operation), result)
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)


ANSWERS = Answers()


class Answered:
    """A per-event executor whose answer is already known."""

    __slots__ = ("result",)

    def __init__(self, result: ExecutionResult) -> None:
        self.result = result

    def execute_operation(self, serially: bool | None = None) -> ExecutionResult:
        return self.result
