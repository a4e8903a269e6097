"""The roster: which communities the bureau expects to report, so the publication can state its denominators.

Two formats, one community per row or item; district and name identify a community, street is for people:

CSV (UTF-8, with or without BOM; GBK is read with a notice), a header row naming the columns in Chinese or
English, in any order; other columns are ignored::

    区,街道,社区
    鼓楼区,丰财街道,康居社区

A city's or a province's roster may add 市 and 省 columns (optional; the web app builds its scope hierarchy
社区 → 街道 → 区 → 市 → 省 from them); publish still identifies a community by district and name.

YAML or JSON, a list (or a mapping with the list under ``communities``)::

    communities:
      - {district: 鼓楼区, street: 丰财街道, name: 康居社区}

Every problem (a missing column, an empty cell, a community listed twice) is reported with its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError, Problem, first_seen
from checker.publish.record import record_key
from checker.yamlio import Document, decode, load_file, read_bytes

COLUMNS = {
    "district": ("district", "区", "所属区", "区县"),
    "street": ("street", "街道", "所属街道", "街道（乡镇）"),
    "name": ("name", "community", "社区", "社区名称"),
}
# the levels above the district, for a city's or a province's roster (the web app's scope hierarchy); optional
LEVELS_ABOVE = {
    "province": ("province", "省", "省份", "省（自治区、直辖市）"),
    "city": ("city", "市", "地市", "市（州）"),
}


@dataclass(frozen=True)
class RosterEntry:
    district: str
    street: str
    name: str
    line: int
    province: str = ""
    city: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return record_key(self.district, self.name)


@dataclass(frozen=True)
class Roster:
    file: str
    entries: tuple[RosterEntry, ...]
    notices: tuple[Problem, ...] = ()

    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(e.key for e in self.entries)


def read_roster(path: Path) -> Roster:
    """A roster from CSV, YAML or JSON; an InputError lists every problem with its place."""
    if path.suffix.lower() == ".csv":
        text, notices = decode(read_bytes(path), str(path))
        entries, problems = _from_csv(text, str(path))
    else:
        doc = load_file(path)
        notices = doc.notices
        entries, problems = _from_document(doc)
    problems += list(_duplicates(entries, str(path)))
    if problems:
        raise InputError(problems, notices)
    return Roster(str(path), tuple(entries), tuple(notices))


def _csv_rows(text: str, name: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """(line, cells) of every row; strict, so an unbalanced quote (which would swallow the rest of the file into
    one cell) or an oversized cell is a problem at the line where its row starts, not a silent or fatal read."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        return rows, [Problem(name, start, 1, "roster.csv", {"detail": str(error)})]
    return rows, []


def _from_csv(text: str, name: str) -> tuple[list[RosterEntry], list[Problem]]:
    numbered, broken = _csv_rows(text, name)
    if broken:
        return [], broken
    rows = [row for _, row in numbered]
    if not rows:
        return [], [Problem(name, 1, 1, "roster.empty")]
    header = [cell.strip().lower() for cell in rows[0]]
    where: dict[str, int] = {}
    problems = []
    for field, names in COLUMNS.items():
        found = next((i for i, cell in enumerate(header) if cell in names), None)
        if found is None:
            problems.append(Problem(name, 1, 1, "roster.column", {"column": "/".join(names)}))
        else:
            where[field] = found
    if problems:
        return [], problems
    above = {f: i for f, names in LEVELS_ABOVE.items() for i, cell in enumerate(header) if cell in names}
    entries = []
    for number, row in numbered[1:]:
        if not any(cell.strip() for cell in row):
            continue
        values = {field: row[i].strip() if i < len(row) else "" for field, i in where.items()}
        blank = [field for field, value in values.items() if not value]
        if blank:
            col = where[blank[0]] + 1
            problems.append(Problem(name, number, col, "roster.blank", {"column": COLUMNS[blank[0]][1]}))
            continue
        upper = {field: row[i].strip() if i < len(row) else "" for field, i in above.items()}
        entries.append(RosterEntry(values["district"], values["street"], values["name"], number, **upper))
    return entries, problems


def _from_document(doc: Document) -> tuple[list[RosterEntry], list[Problem]]:
    data = doc.data
    base: tuple[str | int, ...] = ()
    if isinstance(data, dict) and "communities" in data:
        data, base = data["communities"], ("communities",)
    if not isinstance(data, list):
        return [], [doc.problem("roster.shape", base)]
    entries, problems = [], []
    for index, item in enumerate(data):
        path = (*base, index)
        if not isinstance(item, dict):
            problems.append(doc.problem("roster.shape", path))
            continue
        values = {field: item.get(field) for field in COLUMNS}
        blank = [f for f, v in values.items() if not isinstance(v, str) or not v.strip()]
        if blank:
            problems.append(doc.problem("roster.blank", path, {"column": blank[0]}))
            continue
        line, _ = doc.locate(path)
        district, street, name = (str(values[f]).strip() for f in COLUMNS)
        upper = {f: str(item[f]).strip() for f in LEVELS_ABOVE if isinstance(item.get(f), str)}
        entries.append(RosterEntry(district, street, name, line, **upper))
    return entries, problems


def _duplicates(entries: list[RosterEntry], name: str) -> Iterator[Problem]:
    first: dict[tuple[str, str], int] = {}
    for entry in entries:
        line = first_seen(first, entry.key, entry.line)
        if line is not None:  # by occurrence: a JSON roster on one line still has its duplicates found
            args = {"district": entry.district, "name": entry.name, "first": line}
            yield Problem(name, entry.line, 1, "roster.duplicate", args)
