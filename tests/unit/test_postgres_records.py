"""datasources.postgres.records.to_records: positional when safe, by name otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datasources.postgres.records import DocumentRecord, to_records


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


def _document(metadata: dict[str, Any] | None) -> DocumentRecord:
    fields = dict.fromkeys(DocumentRecord.__dataclass_fields__)
    return DocumentRecord(**{**fields, "original_filename": "notes.pdf", "metadata": metadata})


def test_a_documents_title_is_its_metadata_title_else_its_file_name() -> None:
    assert _document({"title": "Week 3 reading"}).title == "Week 3 reading"
    assert _document({"title": "第三周 阅读\n"}).title == "第三周 阅读\n"
    assert _document({"title": "\t"}).title == "\t"  # as SQL's btrim: spaces only
    for metadata in (None, {}, {"title": None}, {"title": 5}, {"title": "   "}, {"title": ""}):
        assert _document(metadata).title == "notes.pdf", metadata
