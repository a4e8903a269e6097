"""`make demo` builds the web app's demo database: a round per bundled standard, one clerk per example, and the
rectification loop on an audited community."""

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
        cities = set(
            con.execute(
                "select a.scope_province, a.scope_city from web_account a join auth_user u on u.id = a.user_id"
                " where u.username = 'bureau'"
            )
        )
        states = {s for (s,) in con.execute("select status from web_communityround")}
        planned = con.execute(
            "select count(*) from web_assignment a join web_round r on a.round_id = r.id"
            " where r.period = '2026' and a.planned_on is not null"
        ).fetchone()[0]
        districts = con.execute(
            "select count(*) from web_rollup u join web_scopenode n on u.node_id = n.id join web_round r on"
            " u.round_id = r.id where n.level = 'district' and u.key = 'roster' and r.period = '2025'"
        ).fetchone()[0]
        # the rectification loop: 蝶梦 audited (its example record, pinned to the submitted version), the notice
        # issued from the audited check, one item closed after the re-check, the others open; one exemption
        loop = con.execute(
            "select c.name, a.state, n.audited, n.audit_sha256 = a.record_sha256, length(n.pdf) "
            "from web_rectificationnotice n join web_community c on c.id = n.community_id "
            "join web_audit a on a.submission_id = n.submission_id"
        ).fetchall()
        items = con.execute(
            "select i.requirement_id, coalesce((select e.state from web_rectificationevent e where e.item_id = i.id "
            "order by e.id desc limit 1), 'open') from web_rectificationitem i"
        ).fetchall()
        photos = con.execute("select count(*) from web_rectificationevent_evidence").fetchone()[0]
        exempt = con.execute("select requirement_id from web_exemptiongrant").fetchall()
    assert roles == {"bureau": 3, "inspector": 1, "clerk": len(examples)}
    assert scopes == {"": 2, "泉山区": 1}  # every place's, the city's (scope_city) and a district's
    assert cities == {("江苏省", "徐州市")}  # a tester found "民政局（全市）" comparing districts of three provinces
    assert [row[:4] for row in loop] == [("蝶梦社区", "finished", 1, 1)] and loop[0][4] > 10_000
    found = dict(items)
    assert list(found.values()).count("closed") == 1 and list(found.values()).count("open") == len(found) - 1
    assert {"XZ-F-801", "XZ-F-402"} <= set(found)  # gaps the audit found beyond the self-assessment's
    assert exempt == [("XZ-F-301",)] and "XZ-F-301" not in found and photos == 1
    assert submitted == len(examples) - len(standards)  # one community per round is left to file
    assert planned == submitted  # the inspector has a site visit planned for every submitted community
    xuzhou = [p for p in examples if p.name.startswith("xuzhou-2017")]
    assert earlier == len(xuzhou) and districts >= 2  # the city compares districts and rounds
    # the accepted version (蝶梦) was then audited on site: the rectification loop starts from it
    assert {"not_started", "submitted", "returned", "audited"} <= states
    assert "bureau" in logins.read_text(encoding="utf-8")
