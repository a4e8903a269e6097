"""A folder for what is worth keeping between runs, each entry named by the SHA-256 of everything it was made
from, so an entry can never be stale: different inputs give a different name.

The folder is ``$SQCHECK_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/sqcheck`` or ``~/.cache/sqcheck``. A cache that cannot be read or written (a read-only home,
a full disk) is skipped without a word: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from pathlib import Path


def folder() -> Path | None:
    configured = os.environ.get("SQCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sqcheck"


def key(*parts: str | bytes) -> str:
    """One name for several inputs: the SHA-256 over each part's own SHA-256 (so parts cannot run together)."""
    outer = hashlib.sha256()
    for part in parts:
        outer.update(hashlib.sha256(part.encode("utf-8") if isinstance(part, str) else part).digest())
    return outer.hexdigest()


def package_digest(package: str) -> str:
    """The SHA-256 of a package's code: every file in its folders (not the compiled ``__pycache__``), each with
    its name, so an entry made by other code is another entry. Reading ~90 files takes ~1.5 ms."""
    spec = importlib.util.find_spec(package)
    roots = list(spec.submodule_search_locations or []) if spec else []
    digest = hashlib.sha256()
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    content = handle.read()
                digest.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
                digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _entry(kind: str, name: str) -> Path | None:
    base = folder()
    return None if base is None else base / kind / name[:2] / name


def get(kind: str, name: str) -> bytes | None:
    path = _entry(kind, name)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def put(kind: str, name: str, content: bytes) -> None:
    """Keep ``content`` under ``name``: written beside, then renamed, so a reader never sees half an entry (no
    fsync: a cache entry lost in a crash is only made again)."""
    path = _entry(kind, name)
    if path is None:
        return
    import tempfile  # only a run that saves something pays for importing it

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, staged = tempfile.mkstemp(dir=path.parent, prefix=".new-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(staged, path)
        except BaseException:
            Path(staged).unlink(missing_ok=True)
            raise
