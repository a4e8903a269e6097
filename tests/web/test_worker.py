"""`sqcheck worker` as a real process: it runs a queued publication; killed with SIGKILL in the middle of one, it
leaves no publication behind, and the job is queued again and completed by the next worker with exactly the bytes
an uninterrupted run writes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.web.conftest import ROOT

CLI = "from checker.cli import main; main()"

# Run in a child process against the test's own database file (the test process's Django is on another one).
SETUP = """
import sys, web
web.setup(sys.argv[1], migrate=True)
from datetime import date
from pathlib import Path
from checker import pipeline
from web import jobs, services
round_ = services.create_round(services.standard_version("xuzhou-2017"), Path("examples/rosters/xuzhou-2017.csv"),
                               "2018", date(2099, 12, 31))
city = services.add_user("city", "bureau", "pw-123456789")
standard = round_.standard.load()
for name, example in (("康居社区", "kangju"), ("蝶梦社区", "diemeng"), ("下淀社区", "xiadian")):
    community = round_.communities.get(name=name)
    doc, _, _ = pipeline.read_with_standard(Path(f"examples/xuzhou-2017--{example}.yaml"), standard)
    services.submit_document(round_, community, doc, city, "upload")
print(jobs.request("publish", round_, ("", "", "", ""), "zh", city).pk)
"""

STATE = """
import json, sys, web
web.setup(sys.argv[1])
from web.models import Job
job = Job.objects.get(pk=int(sys.argv[2]))
print(json.dumps({"state": job.state, "attempts": job.attempts, "sha256": job.result_sha256, "done": job.done}))
"""

# What an uninterrupted run writes: the same publication of the same round, packed the same way.
EXPECTED = """
import sys, web
web.setup(sys.argv[1])
from pathlib import Path
from web import exports, publication
from web.models import Job
job = Job.objects.get(pk=int(sys.argv[2]))
out = Path(sys.argv[3])
publication.publish_round(job.round, exports.communities_of(job), out / "pub", lang=job.lang, now=job.generated_at)
print(publication.zip_folder(out / "pub", out / "expected.zip", job.generated_at).sha256)
"""


def python(env, *args, timeout=300):
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def state(env, db, job_id):
    return json.loads(python(env, "-c", STATE, db, str(job_id)))


def job_state(db, job_id):
    """Read straight from the file (milliseconds, where a Django process takes seconds on a busy machine)."""
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute("SELECT state FROM web_job WHERE id = ?", (job_id,)).fetchone()[0]


def start_worker(env, db):
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "worker", "--db", db, "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(check, what, seconds=600, every=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"waited in vain for {what}")


def test_a_killed_worker_leaves_nothing_and_its_job_completes_on_retry(tmp_path):
    db = str(tmp_path / "app.sqlite3")
    data = tmp_path / "data"
    env = {**os.environ, "SQCHECK_DATA_DIR": str(data), "SQCHECK_JOB_LEASE": "3", "SQCHECK_CACHE_DIR": ""}
    env.pop("SQCHECK_DATABASE_URL", None)
    job_id = int(python(env, "-c", SETUP, db).splitlines()[-1])
    folder = data / "jobs" / str(job_id)

    first = start_worker(env, db)
    try:
        # kill -9 as soon as the job is under way (claimed and judging), well before its publication is written
        taken = wait_for(lambda: (s := job_state(db, job_id)) != "queued" and s, "a worker to take it", every=0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        first.stderr.close()
    assert taken == "running"  # caught under way (the job takes seconds; the state is read every 10 ms)
    after_kill = state(env, db, job_id)
    assert after_kill["state"] == "running" and after_kill["attempts"] == 1  # it really died mid-job
    assert not (folder / "publication").exists() and not (folder / "publication.zip").exists()

    second = start_worker(env, db)
    try:
        wait_for(lambda: job_state(db, job_id) in ("done", "failed"), "the job to be retried")
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
    finished = state(env, db, job_id)
    assert finished["state"] == "done" and finished["attempts"] == 2
    assert finished["done"] == 3
    leftovers = [p.name for p in folder.iterdir() if "sqcheck-new" in p.name or "partial" in p.name]
    assert leftovers == []  # the killed attempt's staging folder was cleaned under the lock

    expected_sha = python(env, "-c", EXPECTED, db, str(job_id), str(tmp_path / "expected"))
    assert finished["sha256"] == expected_sha
    assert (folder / "publication.zip").read_bytes() == (tmp_path / "expected" / "expected.zip").read_bytes()
