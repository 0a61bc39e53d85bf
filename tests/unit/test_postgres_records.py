"""datasources.postgres.records.to_records: positional when safe, by name otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datasources.postgres.records import to_records


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: int


class Row(tuple[Any, ...]):
    """Stands in for a SQLAlchemy Row: a tuple with a by-name `_mapping`."""

    names: tuple[str, ...] = ()

    @property
    def _mapping(self) -> dict[str, Any]:
        return dict(zip(self.names, self, strict=True))


def _rows(names: tuple[str, ...], *values: tuple[Any, ...]) -> list[Row]:
    out = []
    for value in values:
        row = Row(value)
        row.names = names
        out.append(row)
    return out


def test_columns_in_field_order_are_read_by_position() -> None:
    names = ("left", "right")
    assert to_records(Pair, names, _rows(names, ("a", 1), ("b", 2))) == [
        Pair("a", 1),
        Pair("b", 2),
    ]


def test_columns_in_another_order_are_read_by_name() -> None:
    # A statement whose columns are not the record's field order must not swap values.
    names = ("right", "left")
    assert to_records(Pair, names, _rows(names, (1, "a"))) == [Pair("a", 1)]
