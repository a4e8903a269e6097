"""Reading YAML the way a person means it, safely.

* bytes first: a size cap, NUL bytes refused, UTF-8 (with or without BOM) or UTF-16/32 with BOM, and GB18030
  (a superset of GBK) as a fallback with a notice to re-save as UTF-8;
* YAML 1.2 scalars: only ``true``/``false`` are booleans, no octal or sexagesimal numbers, dates stay text,
  numbers with leading zeros (phone numbers, IDs) stay text so nothing is lost;
* duplicate keys and aliases are errors, and so is any explicit tag that changes what a scalar means (``!!int 10:20``,
  ``!!bool yes``, ``!!float .nan``) or names a type beyond the plain JSON ones;
* numbers are finite and at most ``MAX_NUMBER`` in magnitude: a value Python or the scorer cannot hold (thousands of
  digits, ``1e309``) is a placed problem here, never an exception later;
* every node keeps its place, so later passes can say ``file:line:col``.

The fast path composes the node tree once with libyaml (``CSafeLoader``'s parser) and walks it into plain
Python values, without PyYAML's per-node constructor; text that could hold an anchor, alias or tag goes
through PyYAML's constructor with a check at every node. The node tree with marks is composed again only when
a later pass needs a place for an error.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from checker import collector
from checker.errors import InputError, Problem, field_path
from checker.files import read_regular
from checker.messages import suggest
from checker.yamlerrors import syntax_problem


class _PyParser(Reader, Scanner, Parser, Composer):
    """The pure-Python parser, used only where PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


try:  # libyaml, bundled with the PyYAML wheel: ~7x faster than the pure-Python parser
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = _PyParser  # type: ignore[misc, assignment]


MAX_BYTES = 2 * 1024 * 1024
# No self-assessment or standard needs more than a dozen levels. Values are refused beyond MAX_NESTING while they
# are built, so that any code walking them recursively (schema explanations, repr, placeholder searches) stays far
# below Python's recursion limit of 1,000 frames.
MAX_NESTING = 100
# libyaml composes nodes recursively in C: some 20,000 nested levels overflow the C stack and kill the process, so
# deeper text is refused before it is composed.
_PARSER_NESTING = 1000
_CAN_NEST_BELOW = 8000  # fewer characters that can open a level than this: the file cannot nest dangerously
_COLLECTIONS = (yaml.MappingNode, yaml.SequenceNode)
SUGGESTIONS = 5  # "did you mean" for this many unknown names per file
# The largest magnitude a number may have. No area, count, score or point value comes near it; beyond it sums
# and ratios lose exactness or overflow a float (1e308 points overflow a total), and a code written as a number
# (an ID card number) is better quoted as text.
MAX_NUMBER = 10**15
_MAX_DIGITS = len(str(MAX_NUMBER))  # more digits than this cannot be in range: refused before int() runs
_ALLOWED_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))


class _Resolver(BaseResolver):
    """YAML 1.2 core-schema booleans and nulls; JSON-style numbers (no leading zeros, no octal)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)$")
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789"))


class YamlProblem(Exception):
    def __init__(self, code: str, mark: Any, **args: object) -> None:
        self.code = code
        self.mark = mark
        self.args_ = args
        super().__init__(code)


def number_problem(value: float) -> bool:
    """True if a number read from a file is one we refuse: not finite, or beyond ``MAX_NUMBER``."""
    return not math.isfinite(value) or abs(value) > MAX_NUMBER


def _construct_int(loader: SafeConstructor | None, node: yaml.ScalarNode) -> int:
    # the resolver admits only JSON-style integers (and explicit tags must agree with it), so int() takes the text
    text = node.value
    if len(text.lstrip("+-")) > _MAX_DIGITS or number_problem(value := int(text)):
        raise YamlProblem("yaml.number_range", node.start_mark, text=_shown(text), limit=MAX_NUMBER)
    return value


def _construct_float(loader: SafeConstructor | None, node: yaml.ScalarNode) -> float:
    value = float(node.value)  # "1e400" and 400-digit numbers become inf here, without an exception
    if number_problem(value):
        raise YamlProblem("yaml.number_range", node.start_mark, text=_shown(node.value), limit=MAX_NUMBER)
    return value


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}…"


class _PlainLoader(_Parser, SafeConstructor, _Resolver):  # type: ignore[misc, valid-type]
    """PyYAML's constructor with duplicate keys and non-scalar keys refused (the base of _Loader)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Any, Any] = {}
        depth = getattr(node, "depth", 1)
        for key_node, value_node in node.value:
            if isinstance(value_node, _COLLECTIONS):
                _nest(value_node, depth)
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlProblem("yaml.key_type", key_node.start_mark)
            if key in mapping:
                raise YamlProblem("yaml.duplicate_key", key_node.start_mark, key=key)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_sequence(self, node: yaml.Node, deep: bool = False) -> list[Any]:
        if isinstance(node, yaml.SequenceNode):
            depth = getattr(node, "depth", 1)
            for child in node.value:
                if isinstance(child, _COLLECTIONS):
                    _nest(child, depth)
        return super().construct_sequence(node, deep=deep)  # type: ignore[no-any-return, arg-type]


def _nest(child: yaml.Node, depth: int) -> None:
    """Record a collection's depth below its parent's, refusing it beyond MAX_NESTING (cheap: collections only)."""
    if depth >= MAX_NESTING:
        raise YamlProblem("yaml.too_deep", child.start_mark, limit=MAX_NESTING)
    child.depth = depth + 1  # type: ignore[attr-defined]


_PlainLoader.add_constructor("tag:yaml.org,2002:map", _PlainLoader.construct_mapping)  # type: ignore[type-var]
_PlainLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[arg-type, type-var]
_PlainLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)  # type: ignore[arg-type, type-var]


class _Loader(_PlainLoader):
    """Rejects aliases (shared nodes) and any tag beyond the plain JSON types, node by node."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlProblem("yaml.alias", node.start_mark)
        if node.tag not in _ALLOWED_TAGS or (isinstance(node, yaml.ScalarNode) and node.tag != self._implicit(node)):
            raise YamlProblem("yaml.tag", node.start_mark, tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
        return super().construct_object(node, deep=deep)

    def _implicit(self, node: yaml.ScalarNode) -> str:
        """The tag the scalar's text has without an explicit one: a tag may not change what text means."""
        plain = node.style in (None, "")
        return str(self.resolve(yaml.ScalarNode, node.value, (plain, not plain)))


class _NodeParser(_Parser, BaseResolver):  # type: ignore[misc, valid-type]
    """libyaml's parser and composer, with each node's tag left for ``_build`` to act on. Building values from
    the node tree directly skips PyYAML's per-node constructor machinery and its regex resolver, which took about
    half the time of a load (measured: compose + walk 0.53x a bare ``CSafeLoader`` load, the same data)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    # The composer calls these two around every node, for PyYAML's path resolvers, which this parser never has
    # (BaseResolver's return at once). Builtins taking the same arguments and doing nothing cost less than a
    # Python call: 3 % of composing. (slice(parent, index) and tuple() are made and dropped.)
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _COLLECTION


_PLAIN, _QUOTED, _COLLECTION = "?plain", "?quoted", "?collection"  # never YAML tags: those start with "!" or "tag:"
_SPECIAL_PLAIN = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}
_NUMBER_START = frozenset("-+0123456789")


def _plain_scalar(node: Any) -> Any:  # a yaml.ScalarNode
    """An unquoted scalar typed as _Resolver and _PlainLoader's constructors type it (YAML 1.2 core booleans and
    nulls, JSON-style numbers within MAX_NUMBER): tests/test_yamlio.py holds the two paths to the same data."""
    value = node.value
    if value in _SPECIAL_PLAIN:
        return _SPECIAL_PLAIN[value]
    if value[0] in _NUMBER_START:
        if _INT.match(value):
            return _construct_int(None, node)
        if _FLOAT.match(value):
            return _construct_float(None, node)
    return value


def _build(root: yaml.Node) -> Any:
    """Plain values from a node tree with no anchor, alias or tag, checking keys and depth as _PlainLoader does.

    Values come out in PyYAML's construction order (a sequence's items after the mappings around it, as its
    generators defer them), and each check runs where _PlainLoader runs it, so a file with several problems
    reports the same first one as before.
    """
    deferred: list[tuple[list[Any], yaml.Node, int]] = []

    scalar_node, mapping_node = yaml.ScalarNode, yaml.MappingNode

    def value(node: yaml.Node, deep: bool, depth: int) -> Any:
        kind = type(node)
        if kind is scalar_node:
            return _plain_scalar(node) if node.tag == _PLAIN else node.value
        if kind is mapping_node:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                value_is_scalar = type(value_node) is scalar_node
                if not value_is_scalar and depth >= MAX_NESTING:
                    raise YamlProblem("yaml.too_deep", value_node.start_mark, limit=MAX_NESTING)
                if type(key_node) is scalar_node:  # (most keys: the same as value(key_node, ...), inlined)
                    key = _plain_scalar(key_node) if key_node.tag == _PLAIN else key_node.value
                else:
                    key = value(key_node, True, 1)  # a key's depth counts afresh, as in _PlainLoader
                if not isinstance(key, str | int | float | bool):
                    raise YamlProblem("yaml.key_type", key_node.start_mark)
                if key in mapping:
                    raise YamlProblem("yaml.duplicate_key", key_node.start_mark, key=key)
                if value_is_scalar:
                    mapping[key] = _plain_scalar(value_node) if value_node.tag == _PLAIN else value_node.value
                else:
                    mapping[key] = value(value_node, deep, depth + 1)
            return mapping
        items: list[Any] = []
        if deep:
            fill(items, node, True, depth)
        else:
            deferred.append((items, node, depth))
        return items

    def fill(items: list[Any], node: yaml.Node, deep: bool, depth: int) -> None:
        if depth >= MAX_NESTING:
            for item in node.value:
                if type(item) is not yaml.ScalarNode:
                    raise YamlProblem("yaml.too_deep", item.start_mark, limit=MAX_NESTING)
        items.extend([value(item, deep, depth + 1) for item in node.value])

    data = value(root, False, 1)
    while deferred:
        wave = deferred[:]
        deferred.clear()
        for items, node, depth in wave:
            fill(items, node, False, depth)
    return data


def _may_hold_node_properties(text: str) -> bool:
    """Could an anchor (&), alias (*) or tag (!) be in the text? Text with none of these characters needs no
    per-node check, which keeps parsing as fast as bare libyaml; a false alarm (a "*" in a note) only costs the
    checking loader. (Substring tests are far cheaper than a regex over the whole file.)"""
    return "&" in text or "*" in text or "!" in text


@dataclass
class Document:
    """A parsed file: its values, its text and, on demand, the places of its nodes."""

    name: str
    text: str
    data: Any
    notices: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading, reported with validation's
    _root: yaml.Node | None = None
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)  # mapping node -> keys
    _suggestions_left: int = SUGGESTIONS

    def suggestion(self, name: str, known: Iterable[str], cutoff: float = 0.6) -> dict[str, str]:
        """Problem args saying which known name an unknown one was probably meant to be; only for the first
        SUGGESTIONS unknown names of a file (each is a difflib search, and a file with thousands of unknown names
        is the wrong file, not thousands of typos)."""
        if self._suggestions_left <= 0:
            return {}
        self._suggestions_left -= 1
        return suggest(get_close_matches(name, list(known), n=1, cutoff=cutoff))

    def problem(
        self,
        code: str,
        path: Sequence[str | int],
        args: dict[str, object] | None = None,
        key: str | None = None,
    ) -> Problem:
        """A Problem placed at the node at ``path`` (at its key ``key`` if given)."""
        line, col = self.locate(path, key)
        where = (*path, key) if key is not None else tuple(path)
        return Problem(self.name, line, col, code, args or {}, field_path(where), self.cell(path, key))

    def cell(self, path: Sequence[str | int], key: str | None = None) -> str:
        """A spreadsheet place for ``path``; plain text documents have none."""
        return ""

    def locate(self, path: Sequence[str | int], key: str | None = None) -> tuple[int, int]:
        """1-based (line, col) of the node at ``path``; of the key ``key`` inside it if given."""
        if self._root is None:
            self._root = _compose(self.text)
        node = self._root
        for step in path:
            child = self._child(node, step)
            if child is None:
                break
            node = child
        if key is not None and isinstance(node, yaml.MappingNode) and key in (keys := self._keys_of(node)):
            key_node = keys[key][0]
            return key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _child(self, node: yaml.Node | None, step: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            found = self._keys_of(node).get(str(step))
            return found[1] if found else None
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            return node.value[step]  # type: ignore[no-any-return]
        return None

    def _keys_of(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's keys, indexed once: locating each of thousands of problems must not scan the mapping."""
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for key_node, value_node in node.value:
                keys.setdefault(str(key_node.value), (key_node, value_node))
            self._keys[id(node)] = keys
        return keys


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:  # valid JSON that libyaml cannot take (a key written across lines): no places inside
        return None
    finally:
        loader.dispose()


_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes to text: UTF-8 (BOM allowed), UTF-16 or UTF-32 with BOM, else GB18030 with a notice."""
    utf = "utf-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
    if raw.startswith(_UTF16_32_BOMS):
        try:
            return raw.decode(utf), []
        except UnicodeDecodeError:  # a truncated or mislabelled file
            raise InputError([Problem(name, 1, 1, "file.encoding")]) from None
    if b"\x00" in raw:
        raise InputError([Problem(name, 1, 1, "file.binary")])
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw.count(b"\n", 0, utf8_error.start) + 1
            raise InputError([Problem(name, line, 1, "file.encoding")]) from None
        if not _reads_as_gbk(text):
            raise InputError([Problem(name, 1, 1, "file.encoding_unclear")]) from None
        return text, [Problem(name, 1, 1, "file.gbk_notice")]


def _utf8_of(raw: bytes, notices: list[Problem]) -> bytes | None:
    """The UTF-8 bytes of the text decode() made of ``raw``, where those are ``raw`` itself (less a BOM): not
    for UTF-16, UTF-32 or GB18030."""
    if notices or raw.startswith(_UTF16_32_BOMS):
        return None
    return raw.removeprefix(codecs.BOM_UTF8)


def _reads_as_gbk(text: str) -> bool:
    """Does GB18030-decoded text look like Chinese a clerk wrote? Nearly every character of a real GBK file is
    in GB2312's 7,445 common characters (measured: 98 % of the example's); Big5 (traditional) bytes also decode
    as GB18030, but into rare characters and symbols (measured: 71 % outside GB2312). Refuse the garbage."""
    wide = [char for char in text if ord(char) > 0x7F]
    rare = 0
    for char in wide:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare * 4 <= len(wide)  # at most a quarter rare


def read_bytes(path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, bounded (see :func:`checker.files.read_regular`)."""
    return read_regular(path, max_bytes)


def _too_deep(text: str) -> Any:  # a libyaml Mark (C or Python kind), or None
    """Where the text nests deeper than libyaml's composer can safely take (_PARSER_NESTING), if it does.

    Every level opens with one of ``[{-?:``, so their count bounds the depth: ordinary files are cleared by a few
    C-level counts. Only files with many of them are walked through libyaml's event stream, which keeps an
    explicit stack rather than recursing.
    """
    if sum(map(text.count, "[{-?:")) < _CAN_NEST_BELOW:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _PARSER_NESTING:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if _is_depth_refusal(error):
            return error.problem_mark or error.context_mark
        return None  # a syntax error: the real parse reports it with its place
    except yaml.YAMLError:
        return None
    return None


def _is_depth_refusal(error: yaml.YAMLError) -> bool:
    """libyaml 0.2.6 (PyYAML 6.0.4) refuses deep nesting itself, in English: that is our 嵌套层次过深."""
    return "nesting depth" in str(getattr(error, "problem", None) or error)


def parse(text: str, name: str, notices: list[Problem] | None = None) -> Document:
    """Parse YAML (or JSON, a subset) text into a Document; problems become an InputError with places."""
    deep = _too_deep(text)
    if deep is not None:
        problem = Problem(name, deep.line + 1, deep.column + 1, "yaml.too_deep", {"limit": MAX_NESTING})
        raise InputError([problem], notices or [])
    loader = _Loader(text) if _may_hold_node_properties(text) else _NodeParser(text)
    try:
        if isinstance(loader, _Loader):
            data = loader.get_single_data()
        else:
            root = loader.get_single_node()
            data = None if root is None else _build(root)
    except YamlProblem as problem:
        mark = problem.mark
        raise InputError(
            [Problem(name, mark.line + 1, mark.column + 1, problem.code, dict(problem.args_))], notices or []
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _is_depth_refusal(error):
            raise InputError(
                [Problem(name, line, col, "yaml.too_deep", {"limit": MAX_NESTING})], notices or []
            ) from None
        raise InputError([syntax_problem(name, text, error, line, col)], notices or []) from None
    except yaml.YAMLError as error:  # in the clerk's words, with the line of a full-width colon if one caused it
        raise InputError([syntax_problem(name, text, error, 1, 1)], notices or []) from None
    except RecursionError:
        raise InputError([Problem(name, 1, 1, "yaml.too_deep", {"limit": MAX_NESTING})], notices or []) from None
    finally:
        loader.dispose()
    return Document(name=name, text=text, data=data, notices=list(notices or []))


# ---------------------------------------------------------------- JSON files

# Characters json.loads takes but libyaml refuses (DEL, C1 controls, U+FFFE, U+FFFF) or reads otherwise (NEL is a
# line break to it): text holding one goes the YAML way, so a .json file reads exactly as it did through libyaml.
# Looked for in the UTF-8 bytes: DEL is 7F, the C1 controls C2 80-9F (C2 also leads ordinary letters such as "·",
# so the characters are then looked for one by one), U+FFFE and U+FFFF EF BF BE and EF BF BF.
_NOT_FOR_LIBYAML = (*map(chr, range(0x7F, 0xA0)), "\ufffe", "\uffff")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]")  # libyaml refuses "\ud83d\ude00"; json.loads joins them
_LONGEST_KEY = 150  # libyaml takes a key only if its ':' is within 1,024 characters (escapes count 6 each)
# every byte but those of JSON's structure: what is left of a file is its brackets, quotes and colons
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'[]{}":')))


_THREAD = threading.local()


class _ForTheYamlPath(ValueError):
    """json.loads met something parse() judges and places: a number out of range, NaN or Infinity."""


def _json_int(text: str) -> int:
    value = int(text)  # JSON digits only; more than 4,300 of them: a ValueError, so the YAML path
    if -MAX_NUMBER <= value <= MAX_NUMBER:
        return value
    raise _ForTheYamlPath


def _json_float(text: str) -> float:
    value = float(text)
    if number_problem(value):
        raise _ForTheYamlPath
    return value


def _json_constant(text: str) -> Any:
    raise _ForTheYamlPath  # NaN, Infinity, -Infinity: Python's json takes them, JSON (and libyaml) do not


def _for_libyaml(text: str, utf8: bytes) -> bool:
    """No character libyaml refuses or reads otherwise, and no escaped surrogate."""
    if "\x7f" in text or "\ufffe" in text or "\uffff" in text:
        return False
    if b"\xc2" in utf8 and any(c in text for c in _NOT_FOR_LIBYAML):
        return False
    return not (b"\\" in utf8 and "\\u" in text and _SURROGATE_ESCAPE.search(text))


def _structure(utf8: bytes) -> bytes:
    """The brackets and colons of valid JSON outside its strings, in order. Escaped backslashes and quotes go
    first, so that every quote left opens or closes a string; then what lies between an opening and a closing
    quote (the strings' own brackets and colons) is dropped: at once where no string holds any, else by
    splitting at the quotes."""
    if b"\\" in utf8:
        utf8 = utf8.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = utf8.translate(None, _NOT_STRUCTURE)
    bare = marks.replace(b'""', b"")  # every string's two quotes side by side: no string held a mark
    return bare if b'"' not in bare else b"".join(marks.split(b'"')[::2])


def _nests_within_limit(brackets: bytes) -> bool:
    """True if no collection is nested deeper than MAX_NESTING (the top level is 1), for the brackets of valid
    JSON. Each pass takes away the innermost empty pairs of one kind and then of the other: at least the deepest
    level, at most two. So brackets gone within MAX_NESTING // 2 passes nest at most MAX_NESTING deep; any left
    (rarely: deep nesting, or long runs alternating [ and {) are measured exactly by the caller."""
    for _ in range(MAX_NESTING // 2):
        if not brackets:
            return True
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    return not brackets


def _depth_within_limit(data: Any) -> bool:
    """The exact measure: no collection nested deeper than MAX_NESTING, counted as _build counts."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        container, depth = stack.pop()
        for child in container.values() if isinstance(container, dict) else container:
            if isinstance(child, dict | list):
                if depth >= MAX_NESTING:
                    return False
                stack.append((child, depth + 1))
    return True


def _json_data(text: str, utf8: bytes | None) -> tuple[bool, Any]:
    """(True, data) if json.loads reads the text exactly as parse() would, else (False, None). Numbers are
    checked as they are read; each object is kept aside as it is made, so that afterwards the keys are counted
    against the colons (one per key: fewer keys means a duplicate) and measured against libyaml's limit, and
    the nesting is measured on the brackets alone."""
    utf8 = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    if not _for_libyaml(text, utf8):
        return False, None
    decode, objects = _decoder()
    try:
        return _checked(text, utf8, decode, objects)
    finally:
        objects.clear()


def _decoder() -> tuple[Callable[[str], Any], list[dict[str, Any]]]:
    """json's decoder with the hooks, and the list its object hook keeps the objects in: one pair per thread,
    made once (making one for every file was ~1.2 µs of ~100)."""
    made: tuple[Callable[[str], Any], list[dict[str, Any]]] | None = getattr(_THREAD, "json", None)
    if made is None:
        objects: list[dict[str, Any]] = []

        def kept(mapping: dict[str, Any]) -> dict[str, Any]:
            objects.append(mapping)
            return mapping

        decoder = json.JSONDecoder(
            object_hook=kept, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
        )
        made = _THREAD.json = (decoder.decode, objects)
    return made


def _checked(text: str, utf8: bytes, decode: Callable[[str], Any], objects: list[dict[str, Any]]) -> tuple[bool, Any]:
    """_json_data with this thread's decoder; ``objects`` is filled by it and emptied by the caller."""
    try:
        data = decode(text)
    except (ValueError, RecursionError):  # a syntax error, a number out of range, nesting beyond Python's limit
        return False, None
    structure = _structure(utf8)
    if sum(map(len, objects)) != structure.count(b":"):
        return False, None  # a duplicate key: placed by the YAML path
    if max(map(len, set().union(*objects)), default=0) > _LONGEST_KEY:
        return False, None
    if not (_nests_within_limit(structure.replace(b":", b"")) or _depth_within_limit(data)):
        return False, None
    return True, data


def parse_json(text: str, name: str, notices: list[Problem] | None = None, utf8: bytes | None = None) -> Document:
    """JSON text read by ``json.loads`` (~20x faster than libyaml) where that gives exactly what parse() gives,
    with duplicate keys, numbers out of range and nesting beyond MAX_NESTING refused. Anything else (a syntax
    error too) goes to parse(), which reads YAML's superset of JSON and places every problem at line:col; later
    problems are placed through the node tree, composed only then. ``utf8``: the text's UTF-8 bytes, if the
    caller has them."""
    same, data = _json_data(text, utf8)
    if same:
        return Document(name=name, text=text, data=data, notices=list(notices or []))
    return parse(text, name, notices)


def load_with_digest(path: Path | str, max_bytes: int = MAX_BYTES) -> tuple[Document, str]:
    """A file read, decoded and parsed, and the SHA-256 of its bytes (what audits and report footers pin)."""
    name = str(path if isinstance(path, Path) else Path(path))
    return parse_bytes(read_bytes(path, max_bytes), name)


def parse_bytes(raw: bytes, name: str) -> tuple[Document, str]:
    """Bytes decoded and parsed as a file of that name would be (JSON by its suffix, else YAML), and their SHA-256:
    a file's bytes, or a document kept elsewhere (the web app keeps each submitted version's text)."""
    text, notices = decode(raw, name)
    with collector.paused():  # a node tree of thousands of objects, freed as soon as the values are built
        if os.path.splitext(name)[1].lower() == ".json":
            document = parse_json(text, name, notices, _utf8_of(raw, notices))
        else:
            document = parse(text, name, notices)
    return document, hashlib.sha256(raw).hexdigest()


def load_file(path: Path | str, max_bytes: int = MAX_BYTES) -> Document:
    return load_with_digest(path, max_bytes)[0]
