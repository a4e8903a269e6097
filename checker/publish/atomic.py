"""A publication is replaced whole or not at all.

The new publication is built in a staging folder beside the output folder (``.<name>.sqcheck-new-…``, in the same
parent, so on the same file system), flushed to disk, and then exchanged with the output folder in one step: Linux
``renameat2(RENAME_EXCHANGE)`` swaps the two names atomically, so at every moment the output folder's name holds
either the old publication or the new one, whole. The old one, now under the staging name, is then removed. Where
the file system cannot exchange (not Linux, some network file systems), two renames are used; the moment between
them is repaired by the next run (the old publication is put back if the output folder is missing).

Only one publication is written into a folder at a time: a lock file beside it (``.<name>.sqcheck-lock``) is held
with ``flock`` for the whole run (the kernel releases it when the process dies, even by kill -9), and a second
publication into the same folder stops at once with a clear message. Holding the lock, a run removes the staging
folders that interrupted runs left behind.

An output folder is replaced only if it is empty or holds nothing but a publication's own files: a folder of other
documents given as ``-o`` by mistake (or a publication someone added a file to) is refused, never swept away.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UsageError
from checker.messages import render

OWN_NAMES = frozenset({"index.html", "report.pdf", "summary.csv", "summary.json", "communities"})
_NEW, _OLD, _LOCK = ".sqcheck-new-", ".sqcheck-old-", ".sqcheck-lock"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_REASONS = {
    errno.ENOSPC: "publish.disk_full",
    errno.EDQUOT: "publish.disk_full",
    errno.EROFS: "publish.read_only",
    errno.EACCES: "publish.forbidden",
    errno.EPERM: "publish.forbidden",
}


def output_error(outdir: Path, error: OSError) -> UsageError:
    """A failure to write the publication, said of the output folder (exit 2), not of an input."""
    reason = Reason(_REASONS.get(error.errno or 0, "publish.os_error"), error.strerror or str(error))
    return UsageError("publish.output_failed", output=str(outdir), reason=reason)


@dataclass(frozen=True)
class Reason:
    """Why writing failed, in the reader's language when the message is rendered."""

    code: str
    detail: str

    def localize(self, lang: str) -> str:
        return render(self.code, lang, detail=self.detail)


def _sibling(outdir: Path, kind: str) -> str:
    return f".{outdir.name}{kind}"


@contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the block; another holder means another publication is running."""
    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(outdir.parent / _sibling(outdir, _LOCK), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise output_error(outdir, error) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError("publish.busy", output=str(outdir)) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def check_replaceable(outdir: Path) -> None:
    """Refuse an output folder that is not ours to replace (see the module's docstring)."""
    if outdir.is_symlink():
        raise UsageError("publish.output_link", output=str(outdir))
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise UsageError("publish.output_not_folder", output=str(outdir))
    try:
        names = {entry.name for entry in os.scandir(outdir)}
    except OSError as error:
        raise output_error(outdir, error) from None
    if not names <= OWN_NAMES:
        others = "、".join(sorted(names - OWN_NAMES)[:5])
        raise UsageError("publish.output_foreign", output=str(outdir), names=others)


def clean_stale(outdir: Path) -> None:
    """Remove what interrupted runs left beside the output folder (the caller holds the lock); if a run died
    between the two renames of the fallback, put the old publication back first."""
    parent = outdir.parent
    leftovers = sorted(p for p in parent.glob(_sibling(outdir, _OLD) + "*") if p.is_dir() and not p.is_symlink())
    if leftovers and not outdir.exists():
        os.rename(leftovers.pop(), outdir)
    for stale in [*leftovers, *parent.glob(_sibling(outdir, _NEW) + "*")]:
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def staging_folder(outdir: Path) -> Path:
    """A fresh folder beside the output folder to build the new publication in."""
    stage = Path(tempfile.mkdtemp(prefix=_sibling(outdir, _NEW), dir=outdir.parent))
    os.chmod(stage, 0o755)
    return stage


def switch(stage: Path, outdir: Path) -> None:
    """Put the built publication in place of the old one in one step, then remove the old one."""
    os.sync()  # every file of the new publication on disk before its name is taken
    if not outdir.exists():
        os.rename(stage, outdir)
        old = None
    elif _exchange(stage, outdir):
        old = stage  # the old publication now has the staging folder's name
    else:
        old = outdir.parent / (_sibling(outdir, _OLD) + secrets.token_hex(4))
        os.rename(outdir, old)
        os.rename(stage, outdir)
    _sync_folder(outdir.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
