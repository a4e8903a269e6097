"""Opening a workbook someone sent us: refuse what openpyxl should never be given.

An .xlsx file is a zip of XML parts. Before openpyxl parses anything we check, with :mod:`zipfile` only:

* the file size (``MAX_FILE_BYTES``, as the reader reads the file; a form without pictures is about 30 KB,
  pasted photos make it bigger);
* that it is a zip at all: an encrypted workbook (one with an opening password) and an old .xls file are both
  OLE compound files, told apart by the ``EncryptedPackage`` stream an encrypted one holds;
* the members' declared sizes: at most ``MAX_MEMBERS`` members, ``MAX_PART_BYTES`` per XML part,
  ``MAX_TOTAL_BYTES`` in all, and no member over 1 MiB that expands more than ``MAX_RATIO`` times
  (a decompression bomb). zipfile never returns more than a member's declared size and checks its CRC, so
  a member that lies about its size fails as a corrupt file instead of filling the memory.
"""

from __future__ import annotations

import io
import warnings
import zipfile

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from checker.errors import InputError, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 500
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small parts may compress very well (repeated styles); only big ones are suspect

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def _refuse(name: str, code: str, **args: object) -> InputError:
    return InputError([Problem(name, 1, 1, code, dict(args))])


def check_container(raw: bytes, name: str) -> None:
    """Raise InputError unless ``raw`` is a zip an .xlsx could be, of sane declared sizes."""
    if raw.startswith(_OLE_MAGIC):
        raise _refuse(name, "xlsx.encrypted" if _ENCRYPTED_STREAM in raw else "xlsx.legacy")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _refuse(name, "xlsx.corrupt", detail=str(error) or type(error).__name__) from None
    if len(members) > MAX_MEMBERS:
        raise _refuse(name, "xlsx.bomb", detail=f"{len(members)} > {MAX_MEMBERS} parts")
    total = 0
    for member in members:
        total += member.file_size
        if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_PART_BYTES:
            raise _refuse(name, "xlsx.bomb", detail=f"{member.filename}: {member.file_size} bytes")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise _refuse(name, "xlsx.bomb", detail=f"{member.filename}: {ratio:.0f}:1")
    if total > MAX_TOTAL_BYTES:
        raise _refuse(name, "xlsx.bomb", detail=f"{total} bytes in all")
    present = {m.filename for m in members}
    missing = [part for part in _REQUIRED_PARTS if part not in present]
    if missing:
        raise _refuse(name, "xlsx.corrupt", detail="missing " + ", ".join(missing))


def open_workbook(raw: bytes, name: str) -> Workbook:
    """The workbook with formulas as formulas (never cached values), after :func:`check_container`."""
    check_container(raw, name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (conditional formats, slicers): none of them carry answers
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(raw), data_only=False, keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds (KeyError, TypeError, lxml errors) on broken parts
        raise _refuse(name, "xlsx.corrupt", detail=f"{type(error).__name__}: {error}") from None
