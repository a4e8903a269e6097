"""Each community's own gap report page, rendered by the reports package (``reports.render``).

Workers render pages as they judge, into a staging folder of the publication being built, under the file's
number: which of two duplicate submissions is kept is known only at the end, and two workers must never write
the same name. The parent then moves each kept page to ``communities/<slug>.<format>`` and drops the rest. The
whole publication is then put in place of the old one at once (:mod:`checker.publish.atomic`), so no page of an
earlier round survives and no page is ever missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from checker.engine import CheckResult
from checker.publish.record import CommunityRecord

FOLDER = "communities"
STAGING = ".pages"
PAGE_FORMATS = ("html", "pdf")


def stage(result: CheckResult, fmt: str, stage_dir: Path, index: int, now: datetime | None, pinned: bool = True) -> str:
    """Render one community's page in ``fmt`` into the staging folder; returns the staged file. With ``pinned``
    false the round's time is the clock's, not an input: a PDF made before from the same inputs (an earlier
    publication of the same files) is reused as made, stating when it was made."""
    from reports import render

    content = render(result, fmt, now, pinned)
    path = os.path.join(stage_dir, f"{index}.{fmt}")  # text, not a Path: a Path interns each name for good
    with open(path, "wb") as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def staging_folder(publication: Path) -> Path:
    """Where workers render pages by file number, inside the publication being built."""
    folder = publication / STAGING
    folder.mkdir()
    return folder


def place(records: Iterable[CommunityRecord], staged: Mapping[int, tuple[str, ...]], publication: Path) -> None:
    """Move the kept records' pages to their names in the publication being built, then drop the staging
    folder with the pages of records not kept."""
    folder = publication / FOLDER
    folder.mkdir(exist_ok=True)
    for record in records:  # names joined as text: a Path would intern each page's name for good
        for file in staged.get(record.index, ()):
            os.replace(file, os.path.join(folder, record.slug + os.path.splitext(file)[1]))
    shutil.rmtree(publication / STAGING)
