"""The web app's model and view tests again, on a real PostgreSQL that this test starts and tears down."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from tests.web import pgcluster
from tests.web.conftest import ROOT


@pytest.mark.skipif(pgcluster.binaries() is None, reason="PostgreSQL is installed by `make install` (system-deps)")
def test_web_tests_pass_on_postgresql():
    with pgcluster.cluster() as url, tempfile.TemporaryDirectory(prefix="sqcheck-pg-data-") as data:
        env = {**os.environ, "SQCHECK_DATABASE_URL": url, "SQCHECK_DATA_DIR": data}
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "tests/web",
                "--ignore=tests/web/test_postgresql.py",
                "--ignore-glob=tests/web/test_browser*.py",  # a live server thread keeps a connection open
                "-x",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout
    assert "test_database.py" not in run.stdout  # ran (test_database checks it was PostgreSQL), not deselected
