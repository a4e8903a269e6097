"""Shared fixtures: paths to the test standard and examples, and a CLI runner with exact exit codes."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "standards" / "mini.yaml"
EXAMPLES = ROOT / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Each test (and the processes it starts) keeps its cache in a folder of its own, never the user's: a PDF
    one test laid out must not spare another test the layout it checks."""
    os.environ["SQCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="sqcheck-cache-")


@pytest.hookimpl(trylast=True)  # after the test's fixtures are torn down (a test may have patched os functions)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    shutil.rmtree(os.environ.pop("SQCHECK_CACHE_DIR", ""), ignore_errors=True)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path) -> Run:
    """Run the sqcheck CLI in-process; stdout and stderr kept apart."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def sq():
    return run_cli


@pytest.fixture(autouse=True)
def _no_inherited_clock_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH set by a build environment would pin the clock of tests that mean the real one."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
