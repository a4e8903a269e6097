"""Files in and out, safely.

Reading: :func:`read_regular` is the one way every reader (YAML, JSON, XLSX, rosters, audits, ``--previous``)
and the web app's uploads get bytes from a path. It opens the path itself without following a symbolic link
(``O_NOFOLLOW``) and without waiting on a FIFO (``O_NONBLOCK``), then asks the open file what it is (``fstat``):
only a regular file is read, and the read is bounded by the bytes actually read, never by ``st_size`` (which is
0 for a FIFO or a device, so a size check on it would read ``/dev/zero`` until memory runs out).

Writing: :func:`write_atomic` writes a temporary file beside the target, then renames it over the target, so a
failure never leaves half a report and an existing file is replaced only by a complete one.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError, Problem

CHUNK = 1024 * 1024
_REASONS = {errno.ENOENT: "file.missing", errno.EACCES: "file.denied", errno.EISDIR: "file.is_folder"}
# the message for each kind of path that is not a regular file
_KINDS = (
    (stat.S_ISLNK, "file.symlink"),
    (stat.S_ISDIR, "file.is_folder"),
    (stat.S_ISFIFO, "file.fifo"),
    (stat.S_ISCHR, "file.device"),
    (stat.S_ISBLK, "file.device"),
    (stat.S_ISSOCK, "file.special"),
)


def not_regular(name: str, mode: int) -> Problem:
    """The problem for a path that is not a regular file (a symbolic link, a FIFO, a device, ...)."""
    return Problem(name, 0, 0, next((code for test, code in _KINDS if test(mode)), "file.special"))


def read_regular(path: Path | str, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them; anything else is an InputError at the file.

    A symbolic link is refused, not followed (whoever names a file names the file itself: a link inside a
    round's folder could otherwise publish ``/etc/passwd``); the folders on the way to it may be links.
    """
    with open_regular(path, max_bytes, name) as stream:
        chunks: list[bytes] = []
        while chunk := stream.read(CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)


class BoundedStream:
    """A regular file opened by :func:`open_regular`, read as a stream: ``read`` refuses (InputError,
    ``file.too_large``) as soon as more than ``max_bytes`` have been read since the last ``rewind``, counting the
    bytes actually read (a file's size can lie: /proc files say 0)."""

    def __init__(self, fd: int, max_bytes: int, name: str) -> None:
        self.fd, self.max_bytes, self.name, self.total = fd, max_bytes, name, 0

    def read(self, size: int = -1) -> bytes:
        room = self.max_bytes + 1 - self.total
        if room <= 0:
            return b""
        try:
            chunk = os.read(self.fd, min(CHUNK if size < 0 else size, room))
        except OSError as error:
            raise InputError([_unreadable(self.name, error)]) from None
        self.total += len(chunk)
        if self.total > self.max_bytes:
            size_now = max(os.fstat(self.fd).st_size, self.total)
            raise InputError([Problem(self.name, 1, 1, "file.too_large", {"size": size_now, "limit": self.max_bytes})])
        return chunk

    def rewind(self, offset: int = 0) -> None:
        os.lseek(self.fd, offset, os.SEEK_SET)
        self.total = offset


@contextmanager
def open_regular(path: Path | str, max_bytes: int, name: str | None = None) -> Iterator[BoundedStream]:
    """A regular file to read as a bounded stream; a link, FIFO, device or folder is an InputError at the file
    (as in :func:`read_regular`, which reads through this)."""
    name = str(path) if name is None else name
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW on a symbolic link
            raise InputError([Problem(name, 0, 0, "file.symlink")]) from None
        raise InputError([_unreadable(name, error)]) from None
    try:
        try:
            mode = os.fstat(fd).st_mode
        except OSError as error:
            raise InputError([_unreadable(name, error)]) from None
        if not stat.S_ISREG(mode):
            raise InputError([not_regular(name, mode)])
        yield BoundedStream(fd, max_bytes, name)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Walk:
    """What a folder holds: its regular files in path order, and every entry passed over with the reason."""

    files: tuple[Path, ...]
    skipped: tuple[Problem, ...]


def walk(folder: Path, hidden: tuple[str, ...] = (".", "~$")) -> Walk:
    """The regular files under ``folder``, in path order; symbolic links (to files or folders), FIFOs, devices
    and sockets are not followed or read, and neither they nor an unreadable sub-folder pass without a word:
    each is a problem in ``skipped``. Names starting with ``hidden`` (hidden files, the lock files Excel
    leaves beside an open workbook) are passed over silently."""
    files: list[Path] = []
    skipped: list[Problem] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            skipped.append(Problem(str(current), 0, 0, "folder.unreadable", {"error": error.strerror or error}))
            continue
        for entry in listed:
            if entry.name.startswith(hidden):
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                skipped.append(_unreadable(entry.path, error))
                continue
            if stat.S_ISDIR(mode):
                pending.append(Path(entry.path))
            elif stat.S_ISREG(mode):
                files.append(Path(entry.path))
            else:
                skipped.append(not_regular(entry.path, mode))

    def order(path: Path) -> str:
        return path.relative_to(folder).as_posix()

    return Walk(tuple(sorted(files, key=order)), tuple(sorted(skipped, key=lambda p: p.file)))


def _unreadable(name: str, error: OSError) -> Problem:
    """The file as a whole cannot be read: in the user's words for the usual reasons, no place inside it."""
    code = _REASONS.get(error.errno or 0, "file.unreadable")
    return Problem(name, 0, 0, code, {"error": error.strerror or error})


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    import tempfile  # ~2.5 ms to import (shutil, random, bz2, lzma): only a run that writes a file pays for it

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
