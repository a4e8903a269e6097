"""A check's start-up spends nothing on its standard it spent before: a standard that lints clean is kept between
runs as its parsed values (checker.standard._CLEAN, named by the file's bytes and the code that reads it), and
linting a clean standard never composes the file's node tree (places are looked up only for a problem)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker import cache as disk_cache
from checker import standard as standards
from checker import yamlio
from checker.errors import InputError
from tests.conftest import MINI

BUNDLED = sorted(standards.bundled_dir().glob("*.yaml"))


def load(path: Path) -> standards.Standard:
    """load_standard as a new process runs it (functools.cache remembers only within a process)."""
    return standards.load_standard.__wrapped__(path)  # type: ignore[attr-defined]


def kept_entries() -> list[Path]:
    folder = Path(os.environ["SQCHECK_CACHE_DIR"]) / standards._CLEAN
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The standard files read and linted from here on (by name)."""
    names: list[str] = []
    real: Callable[[Path], tuple[yamlio.Document, str]] = standards.read_document

    def counting(path: Path) -> tuple[yamlio.Document, str]:
        names.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(standards, "read_document", counting)
    return names


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_kept_standard_is_the_standard_read_from_its_file(path: Path, reads: list[str]) -> None:
    read = load(path)
    assert reads == [path.name] and len(kept_entries()) == 1
    kept = load(path)
    assert reads == [path.name], "the second run reads the kept values, not the file"
    assert kept == read and repr(kept) == repr(read)
    assert kept.content_hash == read.content_hash and kept.path == read.path == str(path.resolve())
    assert [c.index for c in kept.catalogues.values()] == [c.index for c in read.catalogues.values()]
    assert kept.index == read.index


def test_an_edited_file_or_other_code_is_read_again(tmp_path: Path, reads: list[str], monkeypatch) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copyfile(MINI, path)
    load(path)
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: 新", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load(path).title.startswith("新")
    monkeypatch.setattr(standards, "_reading_code", lambda: "another checker")
    load(path)
    assert reads == ["mini.yaml"] * 3 and len(kept_entries()) == 3


def test_a_standard_with_problems_is_never_kept(tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    assert "min_score: 0" in text
    path.write_text(text.replace("min_score: 0", "min_score: 5"), encoding="utf-8")  # no grade reaches down to 0
    said = []
    for _ in range(2):
        with pytest.raises(InputError) as error:
            load(path)
        said.append([(p.code, p.line, p.col) for p in error.value.problems])
    assert said[0] == said[1] and ("std.grades_floor" in [code for code, _, _ in said[0]])
    assert reads == ["mini.yaml"] * 2 and kept_entries() == []


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"N"])  # empty, unreadable, and a value that is no dict
def test_a_damaged_entry_is_only_time_lost(tmp_path: Path, reads: list[str], damage: bytes) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copyfile(MINI, path)
    first = load(path)
    (entry,) = kept_entries()
    entry.write_bytes(damage)
    assert load(path) == first and reads == ["mini.yaml"] * 2


def test_without_a_cache_folder_every_run_reads_the_file(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SQCHECK_CACHE_DIR", "")
    assert load(MINI) == load(MINI) and reads == ["mini.yaml"] * 2


def test_linting_a_clean_standard_composes_no_node_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Composing the tree to look up places took ~8 ms of every start (the grades looked theirs up eagerly)."""
    for path in [*BUNDLED, MINI]:
        doc, _ = yamlio.load_with_digest(path)

        def located(*args: Any, name: str = path.name, **kwargs: Any) -> tuple[int, int]:
            raise AssertionError(f"{name}: a clean standard looked up a place: {args}")

        monkeypatch.setattr(doc, "locate", located)
        assert standards.lint_document(doc) == []


def test_the_package_digest_follows_every_file_but_compiled_ones(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "somepackage"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "rules.json").write_text("{}", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = disk_cache.package_digest("somepackage")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert disk_cache.package_digest("somepackage") == first
    (package / "sub" / "rules.json").write_text("{ }", encoding="utf-8")
    second = disk_cache.package_digest("somepackage")
    (package / "sub" / "rules.json").rename(package / "rules.json")  # same content, another place
    assert len({first, second, disk_cache.package_digest("somepackage")}) == 3
