"""Settings for the test suite: a throwaway data folder, fast password hashing. The database is SQLite unless
SQCHECK_DATABASE_URL names a PostgreSQL server (tests/web/test_postgresql.py runs the web tests that way)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if not os.environ.get("SQCHECK_DATA_DIR"):
    _folder = tempfile.mkdtemp(prefix="sqcheck-test-")
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    os.environ["SQCHECK_DATA_DIR"] = _folder
    os.environ.setdefault("SQCHECK_DATABASE_URL", os.path.join(_folder, "test.sqlite3"))

from web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: fast, not for real passwords
