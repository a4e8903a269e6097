"""Self-assessments as Excel workbooks: a form clerks fill without training, read back exactly.

The reader is listed for ``.xlsx`` in :mod:`checker.pipeline`'s ``READERS``; openpyxl is imported only when
a workbook is actually written or read, so other commands do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.model import Standard
    from checker.workbook.document import WorkbookDocument


def read_workbook(
    path: Path, standard: Standard | None = None, standards_dirs: Iterable[Path] = ()
) -> tuple[WorkbookDocument, str]:
    """A filled workbook as a document whose ``data`` equals the YAML equivalent's, and the file's SHA-256."""
    from checker.workbook.reader import read_workbook as read

    return read(path, standard, standards_dirs)
