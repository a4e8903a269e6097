"""Files that must never reach openpyxl's parser, or that it cannot read: exit 2 with a file-level message."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from checker.workbook import safety
from checker.workbook.writer import render_workbook
from tests.conftest import FIXTURES, run_cli
from tests.workbook_forms import xuzhou


def _refused(path: Path, words: str) -> None:
    for command in ("check", "validate"):
        run = run_cli(command, path)
        assert run.code == 2, (command, run.err)
        assert f"{path}:1:1: " in run.err, run.err
        assert words in run.err, run.err


def _ole(*streams: str) -> bytes:
    """An OLE compound file as far as our check looks: the signature, a sector, the directory's stream names.
    (Excel and LibreOffice wrap an encrypted .xlsx in one, with a stream named EncryptedPackage.)"""
    names = b"".join(s.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + names


WORKBOOKS = FIXTURES / "workbooks"


def test_password_protected_workbook(tmp_path: Path) -> None:
    """A real one: a mini form encrypted with the password "secret" (Agile encryption, as Excel 2010+ writes)."""
    path = tmp_path / "加密.xlsx"
    shutil.copy(WORKBOOKS / "encrypted-password-secret.xlsx", path)
    _refused(path, "文件设置了打开密码")


def test_password_protected_workbook_minimal(tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    path.write_bytes(_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    _refused(path, "文件设置了打开密码")


@pytest.mark.parametrize(
    "content", [pytest.param(None, id="saved by LibreOffice as Excel 97"), pytest.param(b"", id="minimal OLE file")]
)
def test_old_xls_renamed(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "old.xlsx"
    if content is None:
        shutil.copy(WORKBOOKS / "legacy-excel-97.xls", path)
    else:
        path.write_bytes(_ole("Root Entry", "Workbook", "SummaryInformation"))
    _refused(path, "旧版 Excel（.xls）")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"standard: xuzhou-2017\n", id="text renamed"),
        pytest.param(render_workbook(xuzhou())[:9000], id="truncated"),
        pytest.param(b"PK\x03\x04" + bytes(200), id="broken zip"),
    ],
)
def test_corrupt_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    _refused(path, "文件已损坏或不是 Excel 工作簿")


def test_zip_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8" + bytes(100))
    _refused(path, "missing [Content_Types].xml, xl/workbook.xml")


def test_damaged_part_inside_a_good_zip(tmp_path: Path) -> None:
    good = zipfile.ZipFile(io.BytesIO(render_workbook(xuzhou())))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for member in good.infolist():
            data = good.read(member)
            archive.writestr(member, data[: len(data) // 2] if member.filename == "xl/workbook.xml" else data)
    _refused(path, "文件已损坏或不是 Excel 工作簿")


def test_decompression_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in zipfile.ZipFile(io.BytesIO(render_workbook(xuzhou()))).infolist():
            archive.writestr(member, b"")
        archive.writestr("xl/worksheets/sheet9.xml", b" " * (6 * 1024 * 1024))  # 6 MiB of spaces: about 6 KB zipped
    assert path.stat().st_size < 100_000
    _refused(path, "疑似压缩炸弹")


def test_too_many_parts(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(safety.MAX_MEMBERS + 1):
            archive.writestr(f"xl/media/p{number}.bin", b"x")
    _refused(path, "疑似压缩炸弹")


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(safety.MAX_FILE_BYTES + 1)  # sparse: no need to write 10 MiB
    _refused(path, "上限为 10 MB")


def test_member_lying_about_its_size_fails_as_corrupt(tmp_path: Path) -> None:
    """zipfile stops at the declared size and then checks the CRC: a bomb cannot hide behind a small header."""
    raw = bytearray(render_workbook(xuzhou()))
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    member = archive.getinfo("xl/workbook.xml")
    small = (member.file_size // 2).to_bytes(4, "little")
    central = raw.rfind(b"PK\x01\x02", 0, raw.find(b"xl/workbook.xml", raw.find(b"PK\x01\x02")) + 1)
    raw[central + 24 : central + 28] = small  # the central directory's uncompressed size
    local = member.header_offset
    raw[local + 22 : local + 26] = small
    path = tmp_path / "liar.xlsx"
    path.write_bytes(bytes(raw))
    _refused(path, "文件已损坏或不是 Excel 工作簿")
