"""A publication is whole or not at all: kill -9 at any moment, two publishes at once, a full or read-only disk,
a folder that is not a publication, stale staging (checker/publish/atomic.py)."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.conftest import MINI, ROOT, run_cli
from tests.publish_support import FIXED_TIME, assessment, publish_args, tree, write_yaml
from tests.reports_support import Markup

FORMATS = ("--format", "html,json,csv")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", FIXED_TIME)


def a_round(folder: Path, size: int, tag: str) -> Path:
    for i in range(size):
        write_yaml(folder / f"{i:03d}.yaml", assessment(f"{tag}{i}社区", R_area=600 + i % 3 * 50))
    return folder


def links_resolve(out: Path) -> bool:
    html = Markup((out / "index.html").read_text(encoding="utf-8"))
    hrefs = [str(a["href"]) for tag, a in html.tags if tag == "a" and a.get("href")]
    pages = [c["page"] for c in json.loads((out / "summary.json").read_text(encoding="utf-8"))["communities"]]
    return all((out / unquote(h)).is_file() for h in [*hrefs, *pages] if not h.startswith("#"))


@pytest.fixture
def rounds(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """An old round and a new one, and the exact publication of each."""
    old, new = a_round(tmp_path / "old", 4, "旧"), a_round(tmp_path / "new", 40, "新")
    expected = []
    for inputs in (old, new):
        out = tmp_path / f"expected-{inputs.name}"
        assert run_cli(*publish_args(inputs, out=out, extra=FORMATS)).code == 0
        assert links_resolve(out)
        expected.append(tree(out))
    return old, new, expected[0], expected[1]


def command(inputs: Path, out: Path) -> list[str]:
    cli = "from checker.cli import main; main()"
    return [sys.executable, "-c", cli, *map(str, publish_args(inputs, out=out, extra=FORMATS))]


def spawn(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SQCHECK_FIXED_TIME": FIXED_TIME}
    return subprocess.Popen(command(inputs, out), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.sqcheck-*") if not p.name.endswith("-lock"))


def test_kill_9_at_any_moment_leaves_one_whole_publication(tmp_path: Path, rounds: Any) -> None:
    old, new, old_tree, new_tree = rounds
    out = tmp_path / "out"
    assert run_cli(*publish_args(old, out=out, extra=FORMATS)).code == 0
    started = time.monotonic()
    timing = spawn(new, tmp_path / "timing")
    timing.communicate()
    assert timing.returncode == 0
    duration = time.monotonic() - started  # only to spread the kills over a run, never asserted on
    moments = sorted(random.Random(7).uniform(0.05, duration) for _ in range(8))
    seen = set()
    for moment in moments:
        assert run_cli(*publish_args(old, out=out, extra=FORMATS)).code == 0
        process = spawn(new, out)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        now = tree(out)
        assert now in (old_tree, new_tree), f"a mixed publication after kill -9 at {moment:.2f} s"
        assert links_resolve(out)
        seen.add("old" if now == old_tree else "new")
    assert run_cli(*publish_args(new, out=out, extra=FORMATS)).code == 0
    assert tree(out) == new_tree and leftovers(out) == []  # what the killed runs left was cleaned up


def test_two_publishes_at_once_leave_one_whole_publication(tmp_path: Path, rounds: Any) -> None:
    old, new, old_tree, new_tree = rounds
    for attempt in range(3):
        out = tmp_path / f"out{attempt}"
        first, second = spawn(old, out), spawn(new, out)
        results = [(p.communicate()[1].decode("utf-8"), p.returncode) for p in (first, second)]
        results = [(code, err) for err, code in results]
        assert tree(out) in (old_tree, new_tree)
        assert links_resolve(out)
        for code, err in results:
            assert code == 0 or (code == 2 and "另一次发布正在写入输出目录" in err), err
        assert any(code == 0 for code, _ in results)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读"), (errno.EACCES, "没有写入权限")],
)
def test_a_failed_write_is_exit_2_naming_the_output_and_the_old_publication_stays(
    tmp_path: Path, rounds: Any, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    from checker.publish import machine

    old, new, old_tree, _ = rounds
    out = tmp_path / "out"
    assert run_cli(*publish_args(old, out=out, extra=FORMATS)).code == 0

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(machine, "write_summary_csv", fail)
    run = run_cli(*publish_args(new, out=out, extra=FORMATS))
    assert run.code == 2
    assert f"无法写入输出目录 {out}" in run.err and words in run.err and "内部错误" not in run.err
    assert tree(out) == old_tree and leftovers(out) == []


def test_a_full_disk_while_writing_pages_is_exit_2_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.publish import pages

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pages, "stage", fail)
    inputs = a_round(tmp_path / "r", 2, "甲")
    run = run_cli(*publish_args(inputs, out=tmp_path / "out", extra=FORMATS))
    assert run.code == 2 and "磁盘空间已满" in run.err and str(inputs) not in run.err
    assert not (tmp_path / "out").exists() and leftovers(tmp_path / "out") == []


def test_a_folder_that_is_not_a_publication_is_refused_untouched(tmp_path: Path) -> None:
    inputs = a_round(tmp_path / "r", 1, "甲")
    desktop = tmp_path / "desktop"
    (desktop / "communities").mkdir(parents=True)
    (desktop / "工作总结.docx").write_bytes(b"PK")
    before = tree(desktop)
    run = run_cli(*publish_args(inputs, out=desktop, extra=FORMATS))
    assert run.code == 2 and "工作总结.docx" in run.err
    assert tree(desktop) == before
    (tmp_path / "link").symlink_to(desktop)
    assert run_cli(*publish_args(inputs, out=tmp_path / "link", extra=FORMATS)).code == 2


def test_stale_staging_is_cleaned_and_an_interrupted_swap_repaired(tmp_path: Path, rounds: Any) -> None:
    old, _, old_tree, _ = rounds
    out = tmp_path / "out"
    stale = tmp_path / ".out.sqcheck-new-dead"
    (stale / "communities").mkdir(parents=True)
    assert run_cli(*publish_args(old, out=out, extra=FORMATS)).code == 0
    assert not stale.exists()
    # a run that died between the two renames of the fallback: the old publication is put back, then replaced
    os.rename(out, tmp_path / ".out.sqcheck-old-dead")
    assert run_cli(*publish_args(old, out=out, extra=FORMATS)).code == 0
    assert tree(out) == old_tree and leftovers(out) == []


def test_a_publish_into_a_locked_folder_stops_at_once(tmp_path: Path) -> None:
    import fcntl

    inputs = a_round(tmp_path / "r", 1, "甲")
    out = tmp_path / "out"
    with open(tmp_path / ".out.sqcheck-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run = run_cli("publish", inputs, "-o", out, "--standard", MINI)
    assert run.code == 2 and "另一次发布正在写入输出目录" in run.err and not out.exists()
