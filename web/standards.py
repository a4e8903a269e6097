"""Standards kept in the database as text: parsed with the same loader as a standard file, once per process."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from checker import standard as standards
from checker.errors import InputError
from checker.model import Standard
from checker.yamlio import parse


@lru_cache(maxsize=32)
def standard_from_text(text: str, sha256: str) -> Standard:
    doc = parse(text, "standard.yaml")
    problems = standards.lint_document(doc)
    if problems:
        raise InputError(problems, doc.notices)
    return standards.build(doc, sha256)


def text_and_hash(path: Path) -> tuple[str, str]:
    """The text of a standard file (decoded as every file is) and the SHA-256 of its bytes as stored (UTF-8)."""
    doc, _ = standards.read_document(path)
    return doc.text, hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def bundled_or_path(id_or_path: str) -> Path:
    """The file of a bundled standard by ID (or a path to a standard file)."""
    available = standards.available()
    if id_or_path in available:
        return available[id_or_path]
    path = Path(id_or_path)
    if path.is_file():
        return path
    # part of a title (徐州) as on the command line; else the CLI's UsageError naming the known standards
    return Path(standards.resolve(id_or_path).path)
