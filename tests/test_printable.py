"""#11 §9: control characters from names and notes never reach a terminal or a text file raw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.test_assessment import GOOD, write

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# YAML double-quoted escapes: ESC sequences (colour, window title, clear screen), BEL, a one-byte CSI, RLO
NASTY = r"\e[31m\e]0;owned\a\x9b2J\u202e"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_names_and_notes_are_shown_not_obeyed(sq, tmp_path: Path, fmt: str) -> None:
    text = GOOD.replace("name: 蝶梦社区", f'name: "蝶梦{NASTY}"').replace(
        "R-police: {value: 是}", f'R-police: {{value: 否, note: "备注{NASTY}", evidence: ["照片{NASTY}.jpg"]}}'
    )
    run = sq("check", write(tmp_path, text), "--standard", MINI, "--format", fmt)
    assert run.code == 1, run.err
    assert not RAW.search(run.out), repr(run.out)
    assert "u001b" in run.out and "u009b2J" in run.out and "u202e" in run.out


def test_problems_show_control_characters_as_codes(sq, tmp_path: Path) -> None:
    text = GOOD.replace("R-police: {value: 是}", '"R-\\e[2J": {value: 是}')
    run = sq("validate", write(tmp_path, text), "--standard", MINI)
    assert run.code == 2
    assert not RAW.search(run.err), repr(run.err)
    assert "R-\\u001b[2J" in run.err
