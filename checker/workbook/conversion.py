"""``sqcheck convert``: a self-assessment from YAML, JSON or XLSX to any of them, nothing lost.

The source is read by the same readers ``check`` uses and must validate; what is written is its canonical form
(:mod:`canonical`). Before writing a workbook we check that every value would come back the same; a YAML or
JSON output is read back with our own loader and compared before it is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker import assessment as assessments
from checker import pipeline
from checker.errors import InputError, Problem, UsageError
from checker.model import Standard
from checker.workbook.canonical import canonical, workbook_problems
from checker.yamlio import Document, parse


def convert(
    source: Path, target: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[str | bytes, tuple[Problem, ...]]:
    """``source`` as the content of ``target`` (format by suffix; nothing is written), and the notices the
    source gave (e.g. GBK)."""
    suffix = target.suffix.lower()
    if suffix not in pipeline.READERS:
        raise UsageError("convert.format", suffix=target.suffix or "-")
    doc, _, standard = pipeline.read_with_standard(Path(source), standard, standards_dirs)
    values: dict[str, Any] = {}  # the facts as their rule kinds read them, filled by validate
    problems = assessments.validate(doc, standard, values)
    if problems:
        raise InputError(problems, doc.notices)
    data = canonical(doc.data, standard, values)
    return render(data, standard, suffix, doc), tuple(doc.notices)


def render(data: Mapping[str, Any], standard: Standard, suffix: str, source: Document) -> str | bytes:
    if suffix == ".xlsx":
        problems = workbook_problems(source, data, standard)
        if problems:
            raise InputError(problems, source.notices)
        from checker.workbook.writer import render_workbook

        return render_workbook(standard, data)
    if suffix == ".json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(data, standard)


# ---------------------------------------------------------------- YAML that our own loader reads back the same


class _Dumper(yaml.SafeDumper):
    """PyYAML quotes what YAML 1.1 would misread; our loader reads YAML 1.2, so quote by its rules too."""


@lru_cache(maxsize=4096)
def _plain_is_text(text: str) -> bool:
    try:
        return parse(text, "<scalar>").data == text
    except InputError:
        return False


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = None if _plain_is_text(text) else '"'
    if "\n" in text and text == text.strip() and " \n" not in text:
        style = "|"  # notes with line breaks stay readable
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data: Mapping[str, Any], standard: Standard) -> str:
    head = f"# 社区自评表 — {standard.title}（{standard.id}，{standard.version} 版），由 sqcheck convert 写出\n"
    text = head + yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if parse(text, "<convert>").data != data:  # never write a file that would not read back the same
        raise RuntimeError("YAML output does not read back the same; please report this")
    return text
