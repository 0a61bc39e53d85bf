"""Why a course cannot be planned: one typed error per kind of bad input.

Each carries a stable `code` (for GraphQL extensions and the task's error_message)
and, where one input field is to blame, its GraphQL name in `field`.
"""

from __future__ import annotations

from collections.abc import Iterable


class PlanningError(ValueError):
    code = "INVALID_PLANNING_INPUT"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InvalidBudget(PlanningError):
    """durationWeeks or hoursPerWeek out of range."""

    code = "INVALID_BUDGET"


class NoConcepts(PlanningError):
    """The documents hold no concept to teach (none extracted, or all excluded)."""

    code = "NO_CONCEPTS"


class ConflictingSelection(PlanningError):
    """The same concept is both a focus and excluded."""

    code = "CONFLICTING_SELECTION"


class UnknownIds(PlanningError):
    """Ids that name nothing in the input (focus, exclude, documents or edge ends)."""

    code = "UNKNOWN_IDS"

    def __init__(self, what: str, ids: Iterable[str], *, field: str | None = None) -> None:
        self.ids = tuple(sorted(set(ids)))
        shown = ", ".join(self.ids[:5]) + (" …" if len(self.ids) > 5 else "")
        super().__init__(f"unknown {what}: {shown}", field=field)


class InputTooLarge(PlanningError):
    """More concepts or edges than one course can be planned from."""

    code = "INPUT_TOO_LARGE"
