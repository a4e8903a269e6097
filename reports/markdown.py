"""Markdown escaping for text we did not write (names, notes, evidence file names, standard wording).

Markdown viewers render inline HTML and links, so a community named ``<script>…`` or ``[x](javascript:…)``
must come out as the literal characters. CommonMark lets a backslash escape any ASCII punctuation, which
keeps the plain-text file readable (``\\<script\\>``) where HTML entities would not. Line breaks become spaces
so that untrusted text cannot start a heading, a list or a new table row.

>>> str(escape("<script>alert(1)</script>"))
'\\\\<script\\\\>alert(1)\\\\</script\\\\>'
>>> str(escape("{{ 7*7 }} | a_b"))
'{{ 7\\\\*7 }} \\\\| a\\\\_b'
>>> str(escape("第一行\\n# 第二行"))
'第一行 \\\\# 第二行'
>>> str(escape(88.5))
'88.5'
"""

from __future__ import annotations

import re

from markupsafe import Markup

from checker.printable import printable

# Characters that can open markup anywhere in a line: emphasis, code, links, images, HTML, entities, tables,
# headings, strike-through, autolinks. "(" and ")" are harmless without a preceding "]" and stay readable.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\v\f]+")


def escape(value: object) -> Markup:
    """Text made literal for Markdown; returned as Markup so that HTML autoescaping leaves it alone."""
    text = printable(_LINE_BREAKS.sub(" ", str(value)))
    return Markup(_SPECIAL.sub(r"\\\1", text))
