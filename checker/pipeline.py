"""From a file path to a judged result: the library calls the CLI commands are built on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker import assessment as assessments
from checker import standard as standards
from checker.engine import CheckResult, evaluate
from checker.errors import InputError, Problem, UsageError
from checker.model import Assessment, Standard
from checker.workbook import read_workbook
from checker.yamlio import Document


class Reader(Protocol):
    """path -> (document, SHA-256 of the bytes). ``standard`` is the one given on the command line, if any, and
    ``standards_dirs`` the extra folders of standards: a workbook has one row per question, so its reader needs
    the standard to know the layout (the one given, or the one the workbook names). Text readers ignore both."""

    def __call__(
        self, path: Path, standard: Standard | None = None, standards_dirs: tuple[Path, ...] = ()
    ) -> tuple[Document, str]: ...


def read_text(
    path: Path, standard: Standard | None = None, standards_dirs: tuple[Path, ...] = ()
) -> tuple[Document, str]:
    """A YAML or JSON self-assessment; the standard is not needed to read one."""
    return assessments.read_document(path)


# Readers by file suffix
READERS: dict[str, Reader] = {
    ".yaml": read_text,
    ".yml": read_text,
    ".json": read_text,
    ".xlsx": read_workbook,
}


@dataclass(frozen=True)
class Loaded:
    assessment: Assessment
    standard: Standard
    notices: tuple[Problem, ...] = ()


def read(path: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()) -> tuple[Document, str]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError([Problem(str(path), 1, 1, "file.format", {"suffix": path.suffix or "-"})])
    return reader(path, standard, tuple(standards_dirs))


def read_stored(name: str, raw: bytes) -> tuple[Document, str]:
    """A self-assessment kept as bytes rather than in a file (a submitted version in the web app's database), read
    as :func:`read` reads a file of that name with those bytes. Only the text formats are kept that way."""
    return assessments.read_stored(name, raw)


def read_with_standard(
    path: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[Document, str, Standard]:
    """The document, the SHA-256 of the file and the standard to validate it against: ``standard`` if given,
    else the one the document names (bundled, or in ``standards_dirs``). Not validated yet."""
    standards_dirs = tuple(standards_dirs)
    doc, digest = read(path, standard, standards_dirs)
    if standard is None:
        named = assessments.standard_of(doc)
        if named is None:  # the shape check says what is wrong (no `standard`, or not text)
            raise InputError(assessments.shape_problems(doc), doc.notices)
        standard = named_standard(doc, named, standards_dirs)
    return doc, digest, standard


def named_standard(doc: Document, named: str, standards_dirs: tuple[Path, ...]) -> Standard:
    """The standard a document names, by ID only; an unknown ID is a problem at the document's ``standard``."""
    try:
        return standards.by_id(named, standards_dirs)
    except UsageError:
        known = standards.known_ids(standards.available(standards_dirs))
        problem = doc.problem("sa.unknown_standard", ("standard",), {"id": named, "known": known})
        raise InputError([problem], doc.notices) from None


def load(path: Path | str, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()) -> Loaded:
    """Read, validate and build one self-assessment; the standard is the one it names unless given."""
    doc, digest, standard = read_with_standard(path if isinstance(path, Path) else Path(path), standard, standards_dirs)
    return Loaded(assessments.from_document(doc, standard, digest), standard, tuple(doc.notices))


@dataclass(frozen=True)
class Validation:
    """What ``sqcheck validate`` says of one file: every problem in one pass, and how much is left to answer."""

    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...]
    unanswered: int | None  # the form's applicable questions not yet answered; None if it could not be read


def validate(path: Path | str, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()) -> Validation:
    try:
        doc, _, standard = read_with_standard(Path(path), standard, standards_dirs)
    except InputError as error:
        return Validation(tuple(error.problems), tuple(error.notices), None)
    problems = assessments.validate(doc, standard)
    return Validation(tuple(problems), tuple(doc.notices), assessments.unanswered(doc.data, standard))


def check(
    path: Path | str, lang: str = "zh", standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[CheckResult, tuple[Problem, ...]]:
    loaded = load(path, standard, standards_dirs)
    return evaluate(loaded.standard, loaded.assessment, lang=lang), loaded.notices
