"""libyaml's syntax errors in the clerk's words: what went wrong in Chinese, at the line that caused it.

libyaml reports where it got stuck, which is often the line *after* the mistake: a full-width colon (``：``,
typed by a Chinese input method) turns ``value：650`` into plain text, and the error appears on the next line as
"mapping values are not allowed in this context". So the lines just above the reported place are searched for
a key followed by ``：``; if one is found, the problem is placed there with the full-width colon hint.
"""

from __future__ import annotations

import re
from typing import Any

from checker.errors import Problem

# a key (an ID, a field name, Chinese words) then a full-width colon, at the start of a line or after "- "
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"{}\[\],][^:#'\"{}\[\],]*?：")
_LOOK_BACK = 3  # lines above the reported place that may hold the real mistake

# libyaml's English, by a fragment of its problem text, and what it means for someone filling in a form
EXPLANATIONS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "此处不应出现“键: 值”：冒号后可能少了空格、缩进不对，或文字中含有冒号（含冒号的文字请加引号）",
    ),
    ("could not find expected ':'", "缺少冒号：每个键后面应有半角冒号“:”和一个空格"),
    ("did not find expected key", "缩进不一致：同一层的各行应对齐，用空格缩进"),
    ("did not find expected '-' indicator", "列表与键值混在同一层：请检查缩进"),
    ("expected <block end>", "缩进不一致：此行的缩进与上文不匹配"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间少了逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或各项之间少了逗号"),
    ("found unexpected end of stream", "文件意外结束：可能有引号没有闭合"),
    ("found unknown escape character", "双引号中的反斜杠“\\”不能这样用：文件路径请改用“/”，或改用单引号"),
    ("found character that cannot start any token", "此处的字符（如 @、`、%）不能作为内容的开头：这样的文字请加引号"),
    ("found unexpected ':'", "此处的冒号多余：含冒号的文字请加引号"),
    ("expected a single document", "文件中只能有一份内容：请删除“---”分隔的其余部分"),
    ("but found another document", "文件中只能有一份内容：请删除“---”分隔的其余部分"),
    ("found undefined tag handle", "不支持以“!”开头的标记：这样的文字请加引号"),
    ("control characters are not allowed", "文件中含有不可见的控制字符：请删除"),
    ("found incompatible YAML document", "不支持的 YAML 版本声明：请删除以“%YAML”开头的行"),
    ("did not find expected node content", "此处缺少内容：方括号 [ ] 或花括号 { } 没有写完，或其中多了符号"),
    ("block sequence entries are not allowed", "此处不能以“- ”开始列表：列表项请另起一行并缩进"),
)


def explain(detail: str) -> str:
    """The Chinese explanation of a libyaml problem text (its English kept in brackets when none is known)."""
    for fragment, words in EXPLANATIONS:
        if fragment in detail:
            return words
    return f"无法解析（{detail}）"


def syntax_problem(name: str, text: str, error: Any, line: int, col: int) -> Problem:
    """The placed problem for a libyaml error reported at (line, col), 1-based."""
    detail = str(getattr(error, "problem", None) or getattr(error, "context", None) or error)
    lines = text.splitlines()
    if _is_tab(detail, lines, line, col):
        return Problem(name, line, col, "yaml.tab", {"detail": detail})
    for number in range(line, max(0, line - 1 - _LOOK_BACK), -1):  # the reported line, then those above
        found = _FULLWIDTH_KEY.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if found:
            at = found.group().index("：") + 1
            return Problem(name, number, at, "yaml.fullwidth_colon", {"detail": detail})
    return Problem(name, line, col, "yaml.syntax", {"detail": detail, "zh": explain(detail)})


def _is_tab(detail: str, lines: list[str], line: int, col: int) -> bool:
    if "\\t" in detail or "tab" in detail.lower():
        return True
    if not 0 < line <= len(lines):
        return False
    text = lines[line - 1]
    return "\t" in text[: max(col, 1)] or (text[:1] == "\t")
