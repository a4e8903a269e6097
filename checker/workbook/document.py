"""A workbook read into the same dict a YAML self-assessment gives, remembering which cell each value came from,
so every problem the shared validation finds is reported as ``file:sheet!cell: message``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from checker.errors import Problem
from checker.messages import FieldName, field_steps
from checker.yamlio import Document

Path_ = tuple[str | int, ...]


def sheet_rank(sheets: Sequence[str], place: str) -> int:
    """1, 2, … for a place on the form's first, second, … sheet; 0 if unknown.

    >>> sheet_rank(("说明", "基本信息"), "基本信息!B8"), sheet_rank(("说明",), "别的!A1")
    (2, 0)
    """
    sheet = place.partition("!")[0]
    return sheets.index(sheet) + 1 if sheet in sheets else 0


@dataclass
class WorkbookDocument(Document):
    places: dict[Path_, str] = field(default_factory=dict)  # field path -> "sheet!A1"
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # "sheet!A1" -> (row, column)
    sheets: tuple[str, ...] = ()  # the form's sheets in order, so problems are listed sheet by sheet

    def problem(
        self,
        code: str,
        path: Sequence[str | int],
        args: dict[str, object] | None = None,
        key: str | None = None,
    ) -> Problem:
        """As for text files, but a missing key is placed at its own cell (each profile field has one)."""
        found = super().problem(code, path, args, key)
        missing = (args or {}).get("key") if code == "schema.required" and key is None else None
        child = (*path, field_steps(missing.path)[-1]) if isinstance(missing, FieldName) else None
        if child is not None and child in self.places:
            place = self.places[child]
            row, col = self.positions.get(place, (1, 1))
            found = replace(found, line=row, col=col, cell=place)
        return replace(found, sheet=sheet_rank(self.sheets, found.cell))

    def cell(self, path: Sequence[str | int], key: str | None = None) -> str:
        """The cell of the deepest known part of ``path`` (a list index maps to its item's cell if known)."""
        full: Path_ = (*path, key) if key is not None else tuple(path)
        for length in range(len(full), -1, -1):
            place = self.places.get(full[:length])
            if place:
                return place
        return ""

    def locate(self, path: Sequence[str | int], key: str | None = None) -> tuple[int, int]:
        """(row, column) of the cell, so problems sort in reading order within a sheet."""
        return self.positions.get(self.cell(path, key), (1, 1))
