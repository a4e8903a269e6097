"""Finding a standard by its ID: which ID each file declares is kept between runs (checker.cache), named by
the file's content, so a later run parses only the file it needs and an edited file is never taken stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker import standard as standards
from checker import yamlio
from tests.conftest import MINI


def new_process() -> None:
    """Forget what this process remembers, as a fresh run would; the cache folder stays."""
    standards._read_document.cache_clear()
    standards.load_standard.cache_clear()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from here on."""
    names: list[str] = []
    real = yamlio.load_with_digest

    def counting(path: Path | str, max_bytes: int = yamlio.MAX_BYTES) -> tuple[yamlio.Document, str]:
        names.append(Path(path).name)
        return real(path, max_bytes)

    monkeypatch.setattr(standards, "load_with_digest", counting)
    return names


def folder_of_standards(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "stds"
    folder.mkdir()
    text = MINI.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"s{i}.yaml").write_text(text.replace("id: mini\n", f"id: mini-{i}\n", 1), encoding="utf-8")
    return folder


def test_a_later_run_parses_only_the_standard_it_needs(tmp_path: Path, parsed: list[str]) -> None:
    folder = folder_of_standards(tmp_path, 4)
    new_process()
    assert standards.resolve("mini-2", [folder]).id == "mini-2"
    assert {"s0.yaml", "s1.yaml", "s2.yaml", "s3.yaml"} <= set(parsed), "the first run reads every ID"
    parsed.clear()
    new_process()
    assert standards.resolve("mini-2", [folder]).id == "mini-2"
    assert parsed == [], "the IDs and the standard itself are kept (see test_startup_standards.py)"
    shutil.rmtree(Path(os.environ["SQCHECK_CACHE_DIR"]) / standards._CLEAN)
    new_process()
    assert standards.resolve("mini-2", [folder]).id == "mini-2"
    assert parsed == ["s2.yaml"], "without the kept standard, only the file needed is parsed"


def test_an_edited_file_is_never_found_by_its_old_id(tmp_path: Path) -> None:
    folder = folder_of_standards(tmp_path, 2)
    path = folder / "s1.yaml"
    new_process()
    assert standards.resolve("mini-1", [folder]).path == str(path.resolve())
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("id: mini-1\n", "id: mini-x\n"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: only the content differs
    new_process()
    assert standards.resolve("mini-x", [folder]).id == "mini-x"
    assert "mini-1" not in standards.available([folder])


def test_a_broken_file_declares_no_id_and_is_remembered_so(tmp_path: Path, parsed: list[str]) -> None:
    folder = folder_of_standards(tmp_path, 1)
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        new_process()
        parsed.clear()
        assert set(standards.available([folder])) >= {"mini-0"}
    assert "broken.yaml" not in parsed


def test_without_a_cache_folder_it_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_of_standards(tmp_path, 1)
    monkeypatch.setenv("SQCHECK_CACHE_DIR", "")
    new_process()
    assert standards.resolve("mini-0", [folder]).id == "mini-0"
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("SQCHECK_CACHE_DIR", str(blocked))  # cannot be created: skipped without a word
    new_process()
    assert standards.resolve("mini-0", [folder]).id == "mini-0"
