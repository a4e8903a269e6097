"""Loading standards: schema pass, semantic lint pass, then frozen model objects."""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker import cache as disk_cache
from checker.errors import InputError, Problem, UsageError, field_path
from checker.messages import Term
from checker.model import (
    Body,
    BonusScheme,
    Catalogue,
    Category,
    Deduct,
    Entry,
    EvidenceNeed,
    EvidenceRule,
    Grade,
    Group,
    Part,
    Requirement,
    Responsible,
    Source,
    Standard,
)
from checker.rules import KINDS
from checker.validation import SchemaCheck, load_schema
from checker.yamlio import Document, load_with_digest, parse_bytes, read_bytes


@cache
def _skeleton() -> SchemaCheck:
    return SchemaCheck(load_schema("standard.schema.json"))


@cache
def _params_check(kind: str) -> SchemaCheck:
    return SchemaCheck(KINDS[kind].PARAMS_SCHEMA)


def bundled_dir() -> Path:
    import standards  # the package's own folder (importlib.resources would cost ~5 ms at every start)

    return Path(standards.__path__[0])


# ---------------------------------------------------------------- lint


def lint_document(doc: Document) -> list[Problem]:
    """Every problem of a standard document: first its skeleton, then (if that holds) its semantics."""
    problems = _skeleton().problems(doc)
    if problems or not isinstance(doc.data, dict):
        return problems
    return sorted(_semantic_problems(doc), key=lambda p: (p.line, p.col))


def _semantic_problems(doc: Document) -> Iterator[Problem]:
    data = doc.data
    seen: dict[tuple[str, str], tuple[str | int, ...]] = {}

    def unique(what: str, item_id: str, path: tuple[str | int, ...]) -> Iterator[Problem]:
        first = seen.setdefault((what, item_id), path)  # places are looked up only for a duplicate: locating
        if first is not path:  # composes the file's node tree, which a clean standard never needs
            line, col = doc.locate((*path, "id"))
            first_line = doc.locate((*first, "id"))[0]
            args = {"id": item_id, "what": Term(what), "first": first_line}
            yield Problem(doc.name, line, col, "std.duplicate_id", args)

    source_ids = {s["id"] for s in data["sources"]}
    for i, source in enumerate(data["sources"]):
        yield from unique("source", source["id"], ("sources", i))
    catalogues: dict[str, Catalogue] = {}
    for i, cat in enumerate(data.get("catalogues", [])):
        path: tuple[str | int, ...] = ("catalogues", i)
        yield from unique("catalogue", cat["id"], path)
        group_ids = {g["id"] for g in cat.get("groups", [])}
        for j, group in enumerate(cat.get("groups", [])):
            yield from unique(f"group@{cat['id']}", group["id"], (*path, "groups", j))
        for j, entry in enumerate(cat["entries"]):
            entry_path = (*path, "entries", j)
            yield from unique(f"entry@{cat['id']}", entry["id"], entry_path)
            if "group" in entry and entry["group"] not in group_ids:
                yield _unknown_ref(doc, (*entry_path, "group"), "group", entry["group"], group_ids)
            yield from _provenance_problems(doc, entry, entry_path, source_ids)
            before, after = entry.get("dept_2017"), entry.get("dept_current")
            if before and after and before != after and "dept_current_from" not in entry:
                # without the date, a gap list of the standard's own year would name a department not yet created
                line, col = doc.locate((*entry_path, "dept_current"))
                yield Problem(
                    doc.name, line, col, "std.dept_date", {"id": entry["id"], "before": before, "after": after}
                )
        catalogues[cat["id"]] = _catalogue(cat)
    requirement_kinds = {}
    for part_i, part in enumerate(data["parts"]):
        yield from unique("part", part["id"], ("parts", part_i))
        for cat_i, category in enumerate(part["categories"]):
            yield from unique("category", category["id"], ("parts", part_i, "categories", cat_i))
            for req_i, req in enumerate(category["requirements"]):
                path = ("parts", part_i, "categories", cat_i, "requirements", req_i)
                yield from unique("requirement", req["id"], path)
                requirement_kinds[req["id"]] = (req["kind"], path)
                yield from _requirement_problems(doc, req, path, catalogues, source_ids)
    for req_id, (kind, path) in requirement_kinds.items():
        req = _at(data, path)
        fact = req.get("fact")
        if fact and fact != req_id:
            owner = requirement_kinds.get(fact)
            if owner is None:
                yield _unknown_ref(doc, (*path, "fact"), "requirement", fact, set(requirement_kinds))
            elif owner[0] != kind or _at(data, owner[1]).get("fact", fact) != fact:
                line, col = doc.locate((*path, "fact"))
                yield Problem(doc.name, line, col, "std.fact_kind", {"fact": fact, "other": owner[0], "kind": kind})
    for i, grade in enumerate(data["grades"]):
        yield from unique("grade", grade["id"], ("grades", i))
    yield from _grade_problems(doc, data["grades"])
    for i, body in enumerate(data.get("bodies", [])):
        yield from unique("body", body["id"], ("bodies", i))
    yield from _body_problems(doc, [_at(data, path) for _, path in requirement_kinds.values()], requirement_kinds)


def _body_problems(
    doc: Document, requirements: list[Mapping[str, Any]], where: Mapping[str, tuple[str, tuple[str | int, ...]]]
) -> Iterator[Problem]:
    """Responsible bodies: each requirement names a known body (when the standard has a ``bodies`` catalogue),
    each supporting body is known, every body's name and alias names one body only, and every catalogue entry's
    department is the name or an alias of a body (so that a publication groups its work under that body)."""
    bodies = doc.data.get("bodies", [])
    ids = {b["id"] for b in bodies}
    names: dict[str, tuple[str | int, ...]] = {}
    for i, body in enumerate(bodies):
        for k, name in enumerate([body["name"], *body.get("aliases", [])]):
            place: tuple[str | int, ...] = ("bodies", i, "name") if k == 0 else ("bodies", i, "aliases", k - 1)
            first = names.setdefault(name, place)
            if first is not place:  # located only when twice: locating composes the node tree
                line, col = doc.locate(place)
                args = {"name": name, "first": doc.locate(first)[0]}
                yield Problem(doc.name, line, col, "std.body_name_twice", args)
    for req in requirements:
        path = where[req["id"]][1]
        resp = req["responsible"]
        if "body" not in resp:
            if bodies:
                line, col = doc.locate((*path, "responsible"))
                yield Problem(doc.name, line, col, "std.body_missing", {"id": req["id"]})
        elif resp["body"] not in ids:
            yield _unknown_ref(doc, (*path, "responsible", "body"), "body", resp["body"], ids)
        for k, other in enumerate(resp.get("support", [])):
            if other not in ids:
                yield _unknown_ref(doc, (*path, "responsible", "support", k), "body", other, ids)
    if not bodies:
        return
    for i, cat in enumerate(doc.data.get("catalogues", [])):
        for j, entry in enumerate(cat["entries"]):
            for key in ("dept_2017", "dept_current"):
                name = entry.get(key)
                if name and name not in names:
                    line, col = doc.locate(("catalogues", i, "entries", j, key))
                    yield Problem(doc.name, line, col, "std.entry_body", {"name": name})


def _at(data: Any, path: Iterable[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


def closest(doc: Document, standard: Standard, requirement_id: str) -> dict[str, str]:
    """Problem args suggesting the requirement ID an unknown one was probably meant to be (none if nothing is near,
    or if the file has had its few suggestions already)."""
    return doc.suggestion(requirement_id, standard.index, cutoff=0.5)


def _unknown_ref(doc: Document, path: tuple[str | int, ...], what: str, ref: str, known: Iterable[str]) -> Problem:
    line, col = doc.locate(path)
    hint = doc.suggestion(ref, known)
    return Problem(doc.name, line, col, "std.unknown_ref", {"what": Term(what), "ref": ref, **hint}, field_path(path))


def _provenance_problems(
    doc: Document, item: Mapping[str, Any], path: tuple[str | int, ...], source_ids: set[str]
) -> Iterator[Problem]:
    for k, ref in enumerate(item.get("provenance", [])):
        if ref not in source_ids:
            yield _unknown_ref(doc, (*path, "provenance", k), "source", ref, source_ids)


def _requirement_problems(
    doc: Document,
    req: Mapping[str, Any],
    path: tuple[str | int, ...],
    catalogues: Mapping[str, Catalogue],
    source_ids: set[str],
) -> Iterator[Problem]:
    yield from _provenance_problems(doc, req, path, source_ids)
    yield from _scoring_problems(doc, req, path)
    if req["points"] == 0 and not req.get("veto"):
        line, col = doc.locate((*path, "points"))
        yield Problem(doc.name, line, col, "std.zero_points", {"id": req["id"]}, field_path((*path, "points")))
    kind = KINDS.get(req["kind"])
    if kind is None:
        line, col = doc.locate((*path, "kind"))
        yield Problem(
            doc.name,
            line,
            col,
            "std.unknown_kind",
            {"kind": req["kind"], "known": "、".join(KINDS)},
            field_path((*path, "kind")),
        )
        return
    params = req.get("params", {})
    problems = _params_check(req["kind"]).problems(doc, (*path, "params"), params)
    if not problems and "params" not in req and _params_check(req["kind"]).schema.get("required"):
        line, col = doc.locate(path)
        problems = [Problem(doc.name, line, col, "schema.required", {"key": "params"}, field_path(path))]
    yield from problems
    if problems:
        return
    for what, ref in kind.reference_problems(params, catalogues):
        if what == "band":
            line, col = doc.locate((*path, "params", "bands"))
            yield Problem(doc.name, line, col, "std.band_order", {"min": ref}, field_path((*path, "params", "bands")))
            continue
        known = list(catalogues) if what == "catalogue" else []
        if what == "entry":
            cat = catalogues.get(ref.partition("/")[0])
            known = [f"{cat.id}/{e}" for e in cat.index] if cat else []
        yield _unknown_ref(doc, (*path, "params"), what, ref, known)


def _scoring_problems(doc: Document, req: Mapping[str, Any], path: tuple[str | int, ...]) -> Iterator[Problem]:
    """Scoring-sheet keys that contradict each other: a 附加分 item is neither a veto nor deducted from."""
    if "bonus" not in req:
        return
    for key in ("veto", "deduct"):
        if req.get(key):
            line, col = doc.locate((*path, key))
            yield Problem(doc.name, line, col, "std.bonus_conflict", {"key": key}, field_path((*path, key)))
    each = req["bonus"].get("each")
    if each is not None and req["kind"] not in ("threshold", "survey"):
        line, col = doc.locate((*path, "bonus", "each"))
        yield Problem(doc.name, line, col, "std.bonus_each", {"kind": req["kind"]}, field_path((*path, "bonus")))


def _grade_problems(doc: Document, grades: list[Mapping[str, Any]]) -> Iterator[Problem]:
    previous: float | None = None
    for i, grade in enumerate(grades):
        if previous is not None and grade["min_score"] >= previous:  # located only then (see unique() above)
            line, col = doc.locate(("grades", i, "min_score"))
            yield Problem(doc.name, line, col, "std.grades_order", {"id": grade["id"], "score": grade["min_score"]})
        previous = grade["min_score"]
    if grades and grades[-1]["min_score"] != 0:
        line, col = doc.locate(("grades", len(grades) - 1, "min_score"))
        yield Problem(doc.name, line, col, "std.grades_floor")


# ---------------------------------------------------------------- model


def _catalogue(cat: Mapping[str, Any]) -> Catalogue:
    entries = tuple(
        Entry(
            id=e["id"],
            name=e["name"],
            name_en=e.get("name_en", ""),
            group=e.get("group", ""),
            dept_2017=e.get("dept_2017", ""),
            dept_current=e.get("dept_current", ""),
            online=bool(e.get("online", False)),
            provenance=tuple(e.get("provenance", ())),
            dept_current_from=e.get("dept_current_from", ""),
        )
        for e in cat["entries"]
    )
    groups = tuple(Group(g["id"], g["title"], g.get("title_en", "")) for g in cat.get("groups", []))
    return Catalogue(
        cat["id"], cat["title"], cat["kind"], groups, entries, cat.get("title_en", ""), index={e.id: e for e in entries}
    )


def _requirement(req: Mapping[str, Any], part_id: str, category_id: str) -> Requirement:
    resp = req["responsible"]
    return Requirement(
        id=req["id"],
        title=req["title"],
        description=req["description"],
        kind=req["kind"],
        params=dict(req.get("params", {})),
        points=float(req["points"]),
        responsible=Responsible(
            resp["department"],
            resp["level"],
            resp.get("department_en", ""),
            resp.get("body", ""),
            tuple(resp.get("support", ())),
        ),
        guidance=req["guidance"],
        provenance=tuple(req["provenance"]),
        part_id=part_id,
        category_id=category_id,
        fact_id=req.get("fact", req["id"]),
        veto=bool(req.get("veto", False)),
        core=bool(req.get("core", False)),
        applies_if=dict(req.get("applies_if", {})),
        allow_not_applicable=bool(req.get("allow_not_applicable")),
        title_en=req.get("title_en", ""),
        guidance_en=req.get("guidance_en", ""),
        unit_hint=req.get("unit_hint", ""),
        example=req.get("example", ""),
        method=tuple(req.get("method", ())),
        deduct=_deduct(req.get("deduct")),
        evidence=_evidence_rule(req.get("evidence")),
        bonus_each=(req.get("bonus") or {}).get("each"),
        bonus="bonus" in req,
    )


def _deduct(raw: Mapping[str, Any] | None) -> Deduct | None:
    if raw is None:
        return None
    return Deduct(float(raw["each"]), float(raw.get("per", 1)), raw.get("text", ""))


def _evidence_rule(raw: Mapping[str, Any] | None) -> EvidenceRule | None:
    if raw is None:
        return None
    needs = tuple(EvidenceNeed(n["kind"], int(n.get("count", 1))) for n in raw["needs"])
    credit = raw.get("unsupported_credit")
    return EvidenceRule(needs, None if credit is None else float(credit), raw.get("text", ""))


def build(doc: Document, content_hash: str) -> Standard:
    return _from_values(doc.data, doc.name, content_hash)


def _from_values(data: Any, name: str, content_hash: str) -> Standard:
    parts, requirements = [], []
    for part in data["parts"]:
        categories = []
        for category in part["categories"]:
            reqs = [_requirement(r, part["id"], category["id"]) for r in category["requirements"]]
            requirements.extend(reqs)
            categories.append(
                Category(
                    category["id"],
                    category["title"],
                    part["id"],
                    tuple(r.id for r in reqs),
                    category.get("title_en", ""),
                )
            )
        parts.append(Part(part["id"], part["title"], tuple(categories), part.get("title_en", "")))
    grades = tuple(
        Grade(
            g["id"],
            g["title"],
            float(g["min_score"]),
            g.get("title_en", ""),
            bool(g.get("gates", {}).get("no_failed_veto", False)),
            g.get("gates", {}).get("max_unanswered"),
            g.get("gates", {}).get("min_category_score"),
            g.get("gates", {}).get("min_part_score"),
            g.get("gates", {}).get("min_core_score"),
        )
        for g in data["grades"]
    )
    bonus = data.get("bonus")
    return Standard(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        issuer=data["issuer"],
        effective=data["effective"],
        provenance_note=data["provenance"]["note"],
        reconstructed=tuple(data["provenance"]["reconstructed"]),
        sources=tuple(Source(s["id"], s["kind"], s["title"], s.get("url", "")) for s in data["sources"]),
        catalogues={c["id"]: _catalogue(c) for c in data.get("catalogues", [])},
        parts=tuple(parts),
        requirements=tuple(requirements),
        grades=grades,
        path=name,
        content_hash=content_hash,
        title_en=data.get("title_en", ""),
        bonus=BonusScheme(bonus["title"], bonus.get("cap"), bonus.get("title_en", "")) if bonus else None,
        bodies={
            b["id"]: Body(b["id"], b["name"], b["level"], b.get("name_en", ""), tuple(b.get("aliases", ())))
            for b in data.get("bodies", [])
        },
        index={r.id: r for r in requirements},
    )


@cache
def load_text(text: str, name: str = "standard.yaml") -> Standard:
    """A standard kept as text (a round's pinned standard in the web app) as a Standard, built as
    :func:`load_standard` builds it from a file of that name holding that text (UTF-8); InputError if it does not
    lint clean."""
    doc, digest = parse_bytes(text.encode("utf-8"), name)
    problems = lint_document(doc)
    if problems:
        raise InputError(problems, doc.notices)
    return build(doc, digest)


def read_document(path: Path) -> tuple[Document, str]:
    """A standard file parsed, with its SHA-256; parsed once while the file is unchanged (finding a standard by
    its ID reads every file's ID, and loading it must not parse it again)."""
    path = path.resolve()
    stat = path.stat()
    return _read_document(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_document(path: Path, mtime_ns: int, size: int) -> tuple[Document, str]:
    return load_with_digest(path)


@cache
def load_standard(path: Path) -> Standard:
    """A standard file as a Standard; InputError with every problem if it does not lint clean."""
    path = path.resolve()
    kept = _kept_clean(path)
    if kept is not None:
        standard = _from_values(kept[0], str(path), kept[1])
    else:
        doc, digest = read_document(path)
        problems = lint_document(doc)
        if problems:
            raise InputError(problems, doc.notices)
        standard = build(doc, digest)
        _keep_clean(doc.data, digest)
    # A standard lives as long as the process; without this, every garbage collection walks its thousands of
    # objects again (measured: ~11 % of checking one self-assessment). Freezing moves them out of the collector.
    gc.freeze()
    return standard


# A standard that lints clean, kept between runs as its parsed values: every check loads one standard, and reading
# and linting its file again was ~21 ms of a ~145 ms `sqcheck check` (5 Dec). An entry is named by the SHA-256 of
# the file's bytes and of everything that decides how it reads and lints (_reading_code), so an edited file, another
# checker or other libraries simply make another entry, never a stale one. Only a clean standard is kept: one with
# problems is read and linted again each time, and its problems said as before. marshal keeps Python's own types
# exactly (an int key stays an int, a float its every bit) and runs no code when loading; like every entry of the
# cache folder (reports' PDFs too), it is trusted as the user's own.
_CLEAN = "standard-clean-1"


def _kept_clean(path: Path) -> tuple[dict[str, Any], str] | None:
    """The values and SHA-256 of a standard file kept as linting clean, or None (then it is read as ever)."""
    if disk_cache.folder() is None:  # the cache is turned off: not even the file's hash is worth making
        return None
    try:
        raw = read_bytes(path)
    except InputError:
        return None  # read_document says what is wrong, in its words
    digest = hashlib.sha256(raw).hexdigest()
    entry = disk_cache.get(_CLEAN, disk_cache.key(digest, _reading_code()))
    if entry is None:
        return None
    try:
        data = marshal.loads(entry)
    except (EOFError, ValueError, TypeError):  # a damaged entry only costs the time it was to save
        return None
    return (data, digest) if isinstance(data, dict) else None


def _keep_clean(data: Any, digest: str) -> None:
    try:
        entry = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold: that file is read each time
        return
    disk_cache.put(_CLEAN, disk_cache.key(digest, _reading_code()), entry)


@cache
def _reading_code() -> str:
    """What decides how a standard's bytes read and lint: every file of the checker package (the reader, the
    schemas, the lint, the rule kinds' parameter schemas), PyYAML with or without libyaml, the build of
    jsonschema-rs (it has no version attribute: its library's size and time) and the Python."""
    import jsonschema_rs.jsonschema_rs
    import yaml

    library = os.stat(jsonschema_rs.jsonschema_rs.__file__ or "")
    return disk_cache.key(
        disk_cache.package_digest("checker"),
        f"PyYAML {yaml.__version__} libyaml {yaml.__with_libyaml__}",
        f"jsonschema-rs {library.st_size} {library.st_mtime_ns}",
        f"{sys.version} marshal {marshal.version}",
    )


def standard_files(target: Path) -> list[Path]:
    if target.is_dir():
        return sorted(p for p in target.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [target]


def available(extra_dirs: Iterable[Path] = ()) -> dict[str, Path]:
    """Standard ID -> file, from the bundled folder and any extra folders (later folders win: see replaced())."""
    return dict(_declared(tuple(extra_dirs)))


def folder_notices(extra_dirs: Iterable[Path] = ()) -> list[Problem]:
    """What the user should know about the standard folders: every file skipped because it cannot be read (its
    problems), and every file whose ID an earlier one (bundled, or in an earlier folder) already declared (the
    later file is the one used)."""
    first: dict[str, Path] = {}
    notices = []
    for folder in extra_dirs:
        for path in standard_files(folder) if folder.is_dir() else []:
            try:
                read_document(path)
            except InputError as error:
                notices += error.problems
    for standard_id, path in _declared(tuple(extra_dirs)):
        if standard_id in first:
            notices.append(
                Problem(str(path), 1, 1, "std.replaced", {"id": standard_id, "first": str(first[standard_id])})
            )
        first[standard_id] = path
    return notices


def _declared(extra_dirs: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """(ID, file) of every readable standard file, bundled first, then the extra folders in order."""
    found = []
    for folder in (bundled_dir(), *extra_dirs):
        for path in standard_files(folder) if folder.is_dir() else []:
            standard_id = _standard_id(path)
            if standard_id:
                found.append((standard_id, path))
    return found


# Which ID each standard file's content declares, kept between runs: finding one standard by its ID would
# otherwise parse every standard file at every start. Named by the SHA-256 of the file's bytes (hashing is ~50x
# cheaper than parsing), so an edited file is simply a new entry, never a stale one.
_IDS = "standard-ids-1"


def _standard_id(path: Path) -> str | None:
    """The ID a standard file declares, or None if it cannot be read."""
    try:
        raw = read_bytes(path)
    except InputError:
        return None
    name = disk_cache.key(raw)
    known = disk_cache.get(_IDS, name)
    if known is not None:
        return known.decode("utf-8") or None
    try:
        doc, _ = read_document(path)
    except InputError:
        declared = None
    else:
        data = doc.data
        declared = data["id"] if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    disk_cache.put(_IDS, name, (declared or "").encode("utf-8"))
    return declared or None


def resolve(id_or_path: str, extra_dirs: Iterable[Path] = ()) -> Standard:
    """The standard the operator names on the command line: an ID (bundled or in ``extra_dirs``), a file path,
    or part of a standard's title (``徐州``, ``complete residential``) that only one standard's title or ID holds.
    Part of several titles is a usage error listing them."""
    candidate = Path(id_or_path)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_standard(candidate.resolve())
    known = available(extra_dirs)
    if id_or_path in known:
        return load_standard(known[id_or_path].resolve())
    matches = by_title(id_or_path, known)
    if len(matches.entries) == 1:
        return load_standard(known[matches.entries[0].id].resolve())
    if matches.entries:
        raise UsageError("std.ambiguous", text=id_or_path, candidates=matches)
    raise UsageError("std.not_found", id=id_or_path, known=known_ids(known))


def by_id(standard_id: str, extra_dirs: Iterable[Path] = ()) -> Standard:
    """A standard by its ID only, from the bundled set and ``extra_dirs``. What a submission names (a
    self-assessment's ``standard:``, a workbook's standard cell) comes through here, never as a path or a
    title: a file must not bring its own rules, nor pick a standard by a guess."""
    known = available(extra_dirs)
    if standard_id not in known:
        raise UsageError("std.not_found", id=standard_id, known=known_ids(known))
    return load_standard(known[standard_id].resolve())


@dataclass(frozen=True)
class Named:
    """A standard as a message names it: its ID and its titles."""

    id: str
    title: str
    title_en: str


@dataclass(frozen=True)
class KnownStandards:
    """Standards listed in a message, each with its title in the reader's language:
    ``xuzhou-2017（徐州市社区基本公共服务标准）、wanzheng-2020（完整居住社区建设标准（试行））``."""

    entries: tuple[Named, ...]

    def localize(self, lang: str) -> str:
        if not self.entries:
            return "-" if lang == "en" else "（无）"
        if lang == "en":
            return "; ".join(
                f"{n.id} ({n.title_en or n.title})" if n.title_en or n.title else n.id for n in self.entries
            )
        return "、".join(f"{n.id}（{n.title}）" if n.title else n.id for n in self.entries)

    def __str__(self) -> str:
        return self.localize("zh")


def known_ids(known: Mapping[str, Path]) -> KnownStandards:
    """The standards ``known`` (ID -> file) for a message, with their titles (read only when a message needs
    them: the files are parsed once per process)."""
    return KnownStandards(tuple(_named(standard_id, known[standard_id]) for standard_id in sorted(known)))


def by_title(text: str, known: Mapping[str, Path]) -> KnownStandards:
    """The standards whose ID, title or English title holds ``text`` (full-width and case alike)."""
    wanted = _folded(text)
    if not wanted:
        return KnownStandards(())
    listed = known_ids(known).entries
    return KnownStandards(tuple(n for n in listed if any(wanted in _folded(t) for t in (n.id, n.title, n.title_en))))


def _named(standard_id: str, path: Path) -> Named:
    try:
        data = read_document(path)[0].data
    except (InputError, OSError):
        return Named(standard_id, "", "")
    if not isinstance(data, dict):
        return Named(standard_id, "", "")
    title, title_en = data.get("title"), data.get("title_en")
    return Named(standard_id, title if isinstance(title, str) else "", title_en if isinstance(title_en, str) else "")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def summary(standard: Standard) -> dict[str, int]:
    facilities = standard.catalogue_of_kind("facilities")
    matters = standard.catalogue_of_kind("matters")
    return {
        "parts": len(standard.parts),
        "categories": len(standard.categories()),
        "facility_classes": len(facilities.groups) if facilities else 0,
        "facilities": len(facilities.entries) if facilities else 0,
        "matters": len(matters.entries) if matters else 0,
        "online_matters": sum(e.online for e in matters.entries) if matters else 0,
        "requirements": len(standard.requirements),
        "veto_requirements": sum(r.veto for r in standard.requirements),
        "points": int(sum(r.points for r in standard.requirements)),
    }
