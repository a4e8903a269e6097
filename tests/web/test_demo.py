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
        assert con.execute("select count(*) from web_round").fetchone()[0] == len(standards) + 1  # xuzhou: two
        roles = dict(con.execute("select role, count(*) from web_account group by role").fetchall())
        current = "select count(distinct community_id) from web_submission s join web_round r on s.round_id = r.id"
        submitted = con.execute(current + " where r.period = '2026'").fetchone()[0]
        earlier = con.execute(current + " where r.period = '2025'").fetchone()[0]
        scopes = dict(con.execute("select scope_district, count(*) from web_account where role = 'bureau' group by 1"))
        states = {s for (s,) in con.execute("select status from web_communityround")}
        planned = con.execute(
            "select count(*) from web_assignment a join web_round r on a.round_id = r.id"
            " where r.period = '2026' and a.planned_on is not null"
        ).fetchone()[0]
        districts = con.execute(
            "select count(*) from web_rollup u join web_scopenode n on u.node_id = n.id join web_round r on"
            " u.round_id = r.id where n.level = 'district' and u.key = 'roster' and r.period = '2025'"
        ).fetchone()[0]
    assert roles == {"bureau": 2, "inspector": 1, "clerk": len(examples)}
    assert scopes == {"": 1, "泉山区": 1}  # the city's and a district's
    assert submitted == len(examples) - len(standards)  # one community per round is left to file
    assert planned == submitted  # the inspector has a site visit planned for every submitted community
    xuzhou = [p for p in examples if p.name.startswith("xuzhou-2017")]
    assert earlier == len(xuzhou) and districts >= 2  # the city compares districts and rounds
    assert {"not_started", "submitted", "returned", "accepted"} <= states
    assert "bureau" in logins.read_text(encoding="utf-8")
