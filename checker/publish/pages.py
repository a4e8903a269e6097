"""Each community's own gap report page, rendered by the reports package (``reports.render``).

Workers render pages as they judge, into a staging folder under the file's number: which of two duplicate
submissions is kept is known only at the end, and two workers must never write the same name. The parent then
moves each kept page to ``communities/<slug>.<format>`` and drops the rest, so the folder holds exactly this
publication's pages.

This is :func:`checker.files.write_atomic`'s method (a complete temporary file, then a rename over the target)
with the flush to disk done once for all pages instead of once per page: ten thousand ``fsync`` calls took
about 3 ms each here (30-40 s for a city), one ``os.sync()`` before the renames 0.06 s for a thousand pages.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from checker.engine import CheckResult
from checker.publish.record import CommunityRecord

FOLDER = "communities"
PAGE_FORMATS = ("html", "pdf")


def stage(result: CheckResult, fmt: str, stage_dir: Path, index: int, now: datetime | None) -> str:
    """Render one community's page in ``fmt`` into the staging folder; returns the staged file."""
    from reports import render

    content = render(result, fmt, now)
    path = stage_dir / f"{index}.{fmt}"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def staging_folder(outdir: Path) -> Path:
    folder = outdir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))


def place(records: Iterable[CommunityRecord], staged: Mapping[int, tuple[str, ...]], outdir: Path) -> None:
    """Move the kept records' pages to their names, then remove stale pages (the caller removes the staging
    folder, with the pages of records not kept)."""
    folder = outdir / FOLDER
    wanted: set[str] = set()
    os.sync()  # every staged page on disk before any of them takes a page's name
    for record in records:
        for file in staged.get(record.index, ()):
            target = folder / f"{record.slug}{Path(file).suffix}"
            os.replace(file, target)
            wanted.add(target.name)
    for old in folder.iterdir():
        # only our own kinds of file: pages of communities no longer in the round, from an earlier run
        if old.is_file() and old.suffix.lstrip(".") in PAGE_FORMATS and old.name not in wanted:
            old.unlink()
