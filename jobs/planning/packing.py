"""Step 3: the ordered concepts into `weeks` weeks of at most `week_minutes` each.

Weeks are filled in teaching order, each up to its share of the minutes still to
place (so a course with less to teach than time spreads over all its weeks), never
past `week_minutes`. When the next concept does not fit the room left in a week, the
next few concepts (LOOKAHEAD) whose prerequisites are already placed may fill it
instead, so short concepts are not pushed out by fragmentation. Then each
concept still waiting goes to the earliest week with room that is not before any of
its placed prerequisites' weeks. What still does not fit is left out, and so is
everything that needs it mandatorily (a missing optional prerequisite holds nothing
back).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

LOOKAHEAD = 8


@dataclass(frozen=True, slots=True)
class Packing:
    weeks: tuple[tuple[str, ...], ...]
    # (concept, reason): no_time, or prerequisite_left_out
    left_out: tuple[tuple[str, str], ...]


def pack(
    order: Sequence[str],
    minutes: Mapping[str, int],
    requires: Mapping[str, Sequence[str]],
    advised: Mapping[str, Sequence[str]],
    *,
    weeks: int,
    week_minutes: int,
) -> Packing:
    slots: list[list[str]] = [[] for _ in range(weeks)]
    used = [0] * weeks
    week_of: dict[str, int] = {}

    def ready(concept: str) -> bool:
        return all(p in week_of for p in (*requires[concept], *advised[concept]))

    remaining = sum(minutes[c] for c in order)

    def place(concept: str, week: int) -> None:
        nonlocal remaining
        slots[week].append(concept)
        used[week] += minutes[concept]
        week_of[concept] = week
        remaining -= minutes[concept]

    head = 0
    for week in range(weeks):
        share = -(-remaining // (weeks - week))
        while True:
            room = week_minutes - used[week]
            if used[week]:  # past the first concept, stop near the week's share
                room = min(room, share - used[week] + share // 4)
            pick = _next_fit(order, head, week_of, ready, room, minutes)
            if pick is None:
                break
            place(pick, week)
            while head < len(order) and order[head] in week_of:
                head += 1

    left_out: list[tuple[str, str]] = []
    # the week of the last concept placed before this one in teaching order
    anchor = 0
    for concept in order:
        if concept in week_of:
            anchor = max(anchor, week_of[concept])
            continue
        if any(p not in week_of for p in requires[concept]):
            left_out.append((concept, "prerequisite_left_out"))
            continue
        placed = [week_of[p] for p in (*requires[concept], *advised[concept]) if p in week_of]
        lowest = max(placed, default=0)
        start = max(lowest, anchor)
        # Never before the concepts the order puts ahead of it: the earliest week with
        # room put a last chapter's concepts into week 1.
        fits = (w for w in range(start, weeks)
                if used[w] + minutes[concept] <= week_minutes)  # fmt: skip
        target = next(fits, None)
        if target is None:
            left_out.append((concept, "no_time"))
        else:
            place(concept, target)
    return Packing(tuple(tuple(s) for s in slots), tuple(left_out))


def _next_fit(
    order: Sequence[str],
    head: int,
    week_of: Mapping[str, int],
    ready: Callable[[str], bool],
    room: int,
    minutes: Mapping[str, int],
) -> str | None:
    """The first of the next LOOKAHEAD unplaced concepts that is ready and fits `room`."""
    seen = 0
    for concept in islice(order, head, None):
        if concept in week_of:
            continue
        if minutes[concept] <= room and ready(concept):
            return concept
        seen += 1
        if seen == LOOKAHEAD:
            return None
    return None
