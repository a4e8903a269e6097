"""`make demo` builds the web app's demo database: a round per bundled standard, one clerk per example."""

import sqlite3
import subprocess
import sys

from tests.web.conftest import ROOT


def test_demo_database(tmp_path):
    db = tmp_path / "demo.sqlite3"
    logins = tmp_path / "logins.txt"
    env = {"PATH": "/usr/bin:/bin", "SQCHECK_DATA_DIR": str(tmp_path / "files")}
    subprocess.run(
        [sys.executable, "-m", "web.demo", "--db", str(db), "--logins", str(logins)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    standards = {p.name.split("--")[0] for p in examples}
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from web_round").fetchone()[0] == len(standards)
        roles = dict(con.execute("select role, count(*) from web_account group by role").fetchall())
        submitted = con.execute("select count(distinct community_id) from web_submission").fetchone()[0]
    assert roles == {"bureau": 1, "inspector": 1, "clerk": len(examples)}
    assert submitted == len(examples) - len(standards)  # one community per round is left to file
    assert "bureau" in logins.read_text(encoding="utf-8")
