import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_configured_database_is_the_one_used():
    if os.environ.get("SQCHECK_DATABASE_URL", "").startswith("postgresql://"):
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"


def test_sqlite_files_use_wal_and_a_busy_timeout(tmp_path):
    import sqlite3

    from web import config

    settings = config.database_settings(str(tmp_path / "x.sqlite3"))
    assert settings["OPTIONS"]["timeout"] >= 5 and settings["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    db = sqlite3.connect(settings["NAME"])
    db.executescript(settings["OPTIONS"]["init_command"])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_postgresql_urls():
    from web import config

    found = config.database_settings("postgresql://u:p%40ss@db.example:5433/sq")
    assert (found["ENGINE"], found["USER"], found["PASSWORD"], found["HOST"], found["PORT"], found["NAME"]) == (
        "django.db.backends.postgresql",
        "u",
        "p@ss",
        "db.example",
        "5433",
        "sq",
    )
    with pytest.raises(ValueError):
        config.database_settings("mysql://x/y")
