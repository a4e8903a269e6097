"""checker.files: the one safe way to read a file (regular files only, bounded by bytes read) and walk a folder."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.files import read_regular, walk


@pytest.fixture(autouse=True)
def never_hang() -> Iterator[None]:
    """A read that waits on a FIFO fails the test instead of hanging it."""

    def timeout(*_: object) -> None:
        raise TimeoutError("the read waited")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def codes(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.code for p in error.value.problems]


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 3000)
    assert read_regular(path, 3000) == b"x" * 3000


def test_a_symbolic_link_is_refused_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    link = tmp_path / "a.yaml"
    link.symlink_to(secret)
    with pytest.raises(InputError) as error:
        read_regular(link, 1000)
    assert codes(error) == ["file.symlink"]


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as error:
        read_regular(fifo, 1000)
    assert codes(error) == ["file.fifo"]


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        read_regular(Path("/dev/zero"), 1000)
    assert codes(error) == ["file.device"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        read_regular(tmp_path, 1000)
    assert codes(error) == ["file.is_folder"]


def test_the_limit_counts_bytes_read_not_the_size_reported() -> None:
    """/proc files are regular files that report a size of 0: a size check on stat() lets them through."""
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0
    with pytest.raises(InputError) as error:
        read_regular(path, 10)
    assert codes(error) == ["file.too_large"]
    assert "上限为 10 字节" in error.value.problems[0].format("zh")  # sizes as people read them: bytes, KB or MB
    assert len(read_regular(path, 10_000_000)) > 10


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        read_regular(tmp_path / "nowhere.yaml", 1000)
    assert codes(error) == ["file.missing"]


def test_walk_reads_only_regular_files_and_says_what_it_passed_over(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("x", encoding="utf-8")
    folder = tmp_path / "round"
    (folder / "b").mkdir(parents=True)
    (folder / "a.yaml").write_text("a", encoding="utf-8")
    (folder / "b" / "c.yaml").write_text("c", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("h", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside / "x.yaml")
    (folder / "linked-folder").symlink_to(outside)
    os.mkfifo(folder / "pipe.yaml")
    found = walk(folder)
    assert [p.relative_to(folder).as_posix() for p in found.files] == ["a.yaml", "b/c.yaml"]
    assert [(Path(p.file).name, p.code) for p in found.skipped] == [
        ("link.yaml", "file.symlink"),
        ("linked-folder", "file.symlink"),
        ("pipe.yaml", "file.fifo"),
    ]


def test_walk_names_a_folder_it_cannot_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "round"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.yaml").write_text("a", encoding="utf-8")
    scandir = os.scandir

    def refuse(path: str | os.PathLike[str] | int) -> object:
        if not isinstance(path, int) and Path(path).name == "locked":  # rmtree (tmp_path's clean-up) passes fds
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = walk(folder)
    assert [p.name for p in found.files] == ["a.yaml"]
    assert [(Path(p.file).name, p.code) for p in found.skipped] == [("locked", "folder.unreadable")]
