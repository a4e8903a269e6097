"""From a file path to a judged result: the library calls the CLI commands are built on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from checker import assessment as assessments
from checker import standard as standards
from checker.engine import CheckResult, evaluate
from checker.errors import InputError, Problem
from checker.model import Assessment, Standard
from checker.workbook import read_workbook
from checker.yamlio import Document

# Readers by file suffix: path -> (document, SHA-256 of the bytes). Spreadsheet support registers ".xlsx".
READERS: dict[str, Callable[..., tuple[Document, str]]] = {
    ".yaml": assessments.read_document,
    ".yml": assessments.read_document,
    ".json": assessments.read_document,
}
# A workbook has one row per question, so its reader needs the standard to know the layout: the one given on
# the command line, or the one the workbook names, looked up in the standards folders. Those readers are also
# passed ``standard=`` and ``standards_dirs=``.
READERS[".xlsx"] = read_workbook
NEEDS_STANDARD = frozenset({".xlsx"})


@dataclass(frozen=True)
class Loaded:
    assessment: Assessment
    standard: Standard
    notices: tuple[Problem, ...] = ()


def read(path: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()) -> tuple[Document, str]:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError([Problem(str(path), 1, 1, "file.format", {"suffix": path.suffix or "-"})])
    if suffix in NEEDS_STANDARD:
        return reader(path, standard=standard, standards_dirs=tuple(standards_dirs))
    return reader(path)


def load(path: Path | str, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()) -> Loaded:
    """Read, validate and build one self-assessment; the standard is the one it names unless given."""
    path = Path(path)
    standards_dirs = tuple(standards_dirs)
    doc, digest = read(path, standard, standards_dirs)
    if standard is None:
        named = assessments.standard_of(doc)
        if named is None:  # the shape check says what is wrong (no `standard`, or not text)
            raise InputError(assessments.shape_problems(doc), doc.notices)
        standard = standards.resolve(named, standards_dirs)
    return Loaded(assessments.from_document(doc, standard, digest), standard, tuple(doc.notices))


def check(
    path: Path | str, lang: str = "zh", standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[CheckResult, tuple[Problem, ...]]:
    loaded = load(path, standard, standards_dirs)
    return evaluate(loaded.standard, loaded.assessment, lang=lang), loaded.notices
