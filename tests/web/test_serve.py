"""`sqcheck serve`: applies the migrations on first start and answers on the given host and port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from tests.web.conftest import ROOT


def test_serve_starts_on_a_new_database(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "new.sqlite3"
    env = {**os.environ, "SQCHECK_DATA_DIR": str(tmp_path / "files")}
    env.pop("SQCHECK_DATABASE_URL", None)
    code = "from checker.cli import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as response:
                    body = response.read().decode()
                    headers = response.headers
                break
            except OSError:
                time.sleep(0.2)
        assert "登录" in body and db.exists()
        assert headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/htmx-2.0.11.min.js", timeout=2) as response:
            assert response.status == 200 and b"htmx" in response.read()
    finally:
        server.terminate()
        server.communicate(timeout=10)
