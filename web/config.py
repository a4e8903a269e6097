"""Where the web app keeps its data: the database (a SQLite file or a PostgreSQL URL) and the folder of
uploaded evidence, from the environment (``SQCHECK_DATABASE_URL``, ``SQCHECK_DATA_DIR``)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

DEFAULT_DB = "sqcheck.sqlite3"
SQLITE_TIMEOUT = 20  # seconds a writer waits for another (SQLite has one writer at a time)


def database_url() -> str:
    return os.environ.get("SQCHECK_DATABASE_URL") or DEFAULT_DB


def is_url(text: str) -> bool:
    return "://" in text


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database (a plain path or sqlite:///path), None for other databases."""
    if not is_url(url):
        return Path(url).expanduser().resolve()
    if url.startswith("sqlite:///"):
        return Path(unquote(url[len("sqlite:///") :])).expanduser().resolve()
    return None


def database_settings(url: str) -> dict[str, Any]:
    """Django's DATABASES['default'] for a path or a URL (sqlite:///path, postgresql://user:pw@host:port/name)."""
    path = sqlite_path(url)
    if path is not None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                # WAL: readers never wait for the writer; IMMEDIATE: a writing transaction takes the lock at its
                # start, so two writers queue (busy timeout) instead of failing half-way with "database is locked"
                "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=normal; PRAGMA foreign_keys=on;",
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_TIMEOUT,
            },
        }
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"unsupported database URL scheme {parts.scheme!r}: use a file path or postgresql://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
    }


def data_dir(url: str) -> Path:
    """Uploaded evidence and the generated secret key: SQCHECK_DATA_DIR, else beside the SQLite file."""
    given = os.environ.get("SQCHECK_DATA_DIR")
    if given:
        return Path(given).expanduser().resolve()
    path = sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".files")
    return Path("sqcheck-data").resolve()


def secret_key(folder: Path) -> str:
    """SQCHECK_SECRET_KEY, else a key made once and kept (mode 0600) in the data folder."""
    given = os.environ.get("SQCHECK_SECRET_KEY")
    if given:
        return given
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
