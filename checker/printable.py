"""Text for a terminal or a plain-text file: control characters that came from names and notes never act.

A community named ``康居\\x1b]0;…\\x07`` or a note holding ``\\x1b[2J`` would retitle or clear the clerk's
terminal, and a right-to-left override (U+202E) reorders what is shown. Such characters are shown as their
code (``\\u001b``) instead: visible, harmless, and still telling what was in the file. Tabs and line feeds stay.

>>> printable("康居\\x1b[31m社区\\x07")
'康居\\\\u001b[31m社区\\\\u0007'
>>> printable("a\\tb\\nc")
'a\\tb\\nc'
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (\x9b is a one-byte CSI), bidirectional overrides/isolates
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
