"""The self-assessment as a web form: the Excel form's questions, words and cell conventions, as HTML fields.

A draft is what the clerk typed, field by field (``cells``: field name -> text). Reading it gives the same
document a workbook gives (:class:`WorkbookDocument`, every value placed at its field), validated by the same
:func:`checker.assessment.validate` as ``sqcheck validate``; a submission is the canonical YAML text of it
(:mod:`checker.workbook.canonical`), judged exactly as ``sqcheck check`` judges that text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from checker import assessment as assessments
from checker.engine import CheckResult, evaluate
from checker.errors import InputError, Problem
from checker.model import Standard
from checker.output import guidance
from checker.workbook import cells as cellconv
from checker.workbook.canonical import canonical
from checker.workbook.conversion import dump_yaml
from checker.workbook.document import Path_, WorkbookDocument
from checker.workbook.instructions import how_text, requirement_text
from checker.workbook.layout import (
    PROFILE_FIELDS,
    FormLayout,
    MattersSheet,
    ProfileField,
    Question,
    layout_of,
)
from checker.workbook.reader import read_answer
from checker.workbook.writer import answer_cell
from checker.yamlio import Document, parse

CHECKED = "1"


@dataclass
class FormDocument(WorkbookDocument):
    """The form's fields read as a document; ``refusals``: what only a form can get wrong (an option not on
    the list), reported with the validation's problems."""

    refusals: list[Problem] = field(default_factory=list)


def profile_name(spec: ProfileField) -> str:
    return "p." + ".".join(spec.path)


def fact_name(requirement_id: str, key: str) -> str:
    return f"q.{requirement_id}.{key}"


def matter_name(entry_id: str, key: str) -> str:
    return f"m.{entry_id}.{key}"


# ---------------------------------------------------------------- what the page shows


@dataclass(frozen=True)
class QuestionView:
    question: Question
    requirement: str  # the requirement's words, as in the form's 要求 column
    how: str  # the 填写方法 column
    guidance: str
    options: tuple[str, ...]  # presence and choice: the values to pick from

    @property
    def id(self) -> str:
        return self.question.requirement.id

    @property
    def kind(self) -> str:
        if self.question.on_matters_sheet:
            return "matters"
        return self.question.requirement.kind

    def name(self, key: str) -> str:
        return fact_name(self.id, key)


@dataclass(frozen=True)
class PartView:
    title: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class FormSpec:
    layout: FormLayout
    profile: tuple[ProfileField, ...]
    parts: tuple[PartView, ...]

    @property
    def standard(self) -> Standard:
        return self.layout.standard

    @property
    def matters(self) -> MattersSheet | None:
        return self.layout.matters

    def names(self) -> frozenset[str]:
        """Every field the form has (anything else posted is ignored)."""
        found = {profile_name(p) for p in self.profile}
        for part in self.parts:
            for q in part.questions:
                found |= {q.name(k) for k in ("value", "not_applicable", "evidence", "note")}
        if self.matters:
            found |= {matter_name(e.id, k) for e in self.matters.catalogue.entries for k in ("handled", "online")}
        return frozenset(found)


_SPECS: dict[str, FormSpec] = {}


def form_spec(standard: Standard) -> FormSpec:
    """The form of a standard, built once per standard text (a Standard holds dicts, so it is not hashable)."""
    key = standard.content_hash
    if key not in _SPECS:
        if len(_SPECS) > 16:
            _SPECS.clear()
        _SPECS[key] = _form_spec(standard)
    return _SPECS[key]


def _form_spec(standard: Standard) -> FormSpec:
    layout = layout_of(standard)
    parts = []
    for part in layout.parts:
        views = []
        for question in part.questions:
            req = question.requirement
            options: tuple[str, ...] = ()
            if req.kind == "presence":
                options = (cellconv.YES, cellconv.NO)
            elif req.kind == "choice":
                options = tuple(req.params["options"])
            views.append(
                QuestionView(
                    question, requirement_text(question), how_text(question, layout), guidance(req, "zh"), options
                )
            )
        parts.append(PartView(part.title, tuple(views)))
    return FormSpec(layout, PROFILE_FIELDS, tuple(parts))


# ---------------------------------------------------------------- reading the fields


def clean_cells(posted: Mapping[str, Any], spec: FormSpec) -> dict[str, str]:
    """The form's own fields from a POST (or an API body); text only, blank fields left out."""
    names = spec.names()
    out: dict[str, str] = {}
    for name in names:
        value = posted.get(name)
        if isinstance(value, str) and value.strip():
            out[name] = value.replace("\r\n", "\n")
    return out


def read_cells(
    cells: Mapping[str, str],
    spec: FormSpec,
    name: str = "网页表单",
    attached: Mapping[str, Iterable[str]] | None = None,
) -> FormDocument:
    """The document the form's fields make, every value placed at its field (``Problem.cell`` is the field's
    name). ``attached``: requirement ID -> names of evidence files uploaded for it (listed as its evidence)."""
    standard = spec.standard
    attached = attached or {}
    places: dict[Path_, str] = {}
    positions: dict[str, tuple[int, int]] = {}
    refusals: list[Problem] = []

    def place(path: Path_, field: str) -> str:
        places[path] = field
        positions.setdefault(field, (len(positions) + 1, 1))
        return field

    data: dict[str, Any] = {"standard": standard.id, "standard_version": standard.version, "community": {}}
    for spec_field in spec.profile:
        field = place(spec_field.path, profile_name(spec_field))
        places.setdefault(spec_field.path[:1], field)
        raw = cells.get(field)
        if raw is None or cellconv.is_empty(raw):
            continue
        value: Any = raw.strip()
        if spec_field.kind == "int":
            value = cellconv.int_from_cell(value)
        elif spec_field.kind == "enum":
            codes = {label: code for label, code in spec_field.options} | {c: c for _, c in spec_field.options}
            if value not in codes:
                row, col = positions[field]
                options = "、".join(label for label, _ in spec_field.options)
                refusals.append(
                    Problem(name, row, col, "xlsx.option", {"options": options, "found": value}, cell=field)
                )
                continue
            value = codes[value]
        target = data["community"] if spec_field.path[0] == "community" else data
        target[spec_field.path[-1]] = value
    facts: dict[str, Any] = {}
    first = spec.parts[0].questions[0].name("value") if spec.parts and spec.parts[0].questions else "p.period"
    places[("facts",)] = first
    places[()] = profile_name(spec.profile[0])
    for part in spec.parts:
        for q in part.questions:
            fact = _fact(cells, spec, q, place, attached.get(q.id, ()))
            if fact:
                facts[q.id] = fact
    data["facts"] = facts
    return FormDocument(name, "", data, places=places, positions=positions, refusals=refusals)


def _fact(
    cells: Mapping[str, str], spec: FormSpec, q: QuestionView, place: Any, attached: Iterable[str]
) -> dict[str, Any]:
    base: Path_ = ("facts", q.id)
    place(base, q.name("value"))
    fact: dict[str, Any] = {}
    value: Any
    for key in ("value", "not_applicable", "evidence", "note"):
        field = place((*base, key), q.name(key))
        raw = cells.get(field, "")
        if key == "value" and q.kind == "matters":
            value = _matters(cells, spec.matters, base, place)  # type: ignore[arg-type]
        elif key == "evidence":
            names = cellconv.lines_of(raw) if raw else []
            value = names + [n for n in attached if n not in names] or None
        elif cellconv.is_empty(raw):
            continue
        elif key == "value":
            value = read_answer(q.question, raw, spec.standard)
        else:
            value = raw.strip()
        if value is not None:
            fact[key] = value
    return fact


def _matters(cells: Mapping[str, str], matters: MattersSheet, base: Path_, place: Any) -> dict[str, list[str]] | None:
    chosen: dict[str, list[str]] = {"handled": [], "online": []}
    for entry in matters.catalogue.entries:
        for key in ("handled", "online"):
            field = matter_name(entry.id, key)
            if cells.get(field) == CHECKED:
                place((*base, "value", key, len(chosen[key])), field)
                chosen[key].append(entry.id)
    return chosen if chosen["handled"] or chosen["online"] else None


def validate(
    doc: Document, standard: Standard, values: dict[str, Any] | None = None, period: str | None = None
) -> list[Problem]:
    """The CLI's validation of the document, plus a form's own refusals (an option not on the list) and, with the
    round's ``period``, a 填报周期 that is not the round's (placed at its field or cell)."""
    refusals = doc.refusals if isinstance(doc, FormDocument) else []
    found = [*refusals, *assessments.validate(doc, standard, values), *period_problems(doc, period)]
    return sorted(found, key=lambda p: (p.line, p.col))


def _period_key(text: str) -> str:
    """A period as compared: full-width folded, spaces and a trailing 年/年度 ignored (2026, ２０２６, 2026年度)."""
    folded = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return folded.removesuffix("年度").removesuffix("年")


def period_problems(doc: Document, period: str | None) -> list[Problem]:
    """A filing's 填报周期 must be its round's: a 2018 form filed in the 2026 round is refused at its field."""
    found = doc.data.get("period") if isinstance(doc.data, dict) else None
    if period is None or not isinstance(found, str | int) or isinstance(found, bool) or not str(found).strip():
        return []  # missing or of the wrong type: the schema's own problem says so
    if _period_key(str(found)) == _period_key(period):
        return []
    return [doc.problem("round.period", ["period"], {"expected": period, "found": str(found)})]


def field_messages(problems: Iterable[Problem], lang: str) -> dict[str, list[str]]:
    """Field name -> the messages to show beside it (without the field path, which the place already says)."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        out.setdefault(problem.cell, []).append(replace(problem, path="").message(lang))
    return out


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Live:
    """The score of a draft as it stands: answers with problems are left out (counted as unanswered)."""

    result: CheckResult | None
    problems: tuple[Problem, ...]
    left_out: int


def _without(doc: FormDocument, requirement_ids: set[str]) -> FormDocument:
    data = dict(doc.data)
    data["facts"] = {k: v for k, v in data["facts"].items() if k not in requirement_ids}
    return replace(doc, data=data, refusals=[])


def usable(doc: FormDocument, standard: Standard) -> tuple[FormDocument | None, list[Problem], set[str]]:
    """The document without the answers that have problems, if only answers have problems (else None)."""
    problems = validate(doc, standard)
    bad = {p.path.split(".")[1] for p in problems if p.path.startswith("facts.") and p.path.count(".") >= 1}
    if any(not p.path.startswith("facts.") for p in problems):
        return None, problems, bad
    return (_without(doc, bad) if bad else doc), problems, bad


def live(doc: FormDocument, standard: Standard, lang: str, period: str | None = None) -> Live:
    kept, problems, bad = usable(doc, standard)
    problems = [*problems, *period_problems(doc, period)]
    if kept is None:
        return Live(None, tuple(problems), len(bad))
    values: dict[str, Any] = {}
    if validate(kept, standard, values):
        return Live(None, tuple(problems), len(bad))
    assessment = assessments.build(kept, standard, "", values)
    return Live(evaluate(standard, assessment, lang=lang), tuple(problems), len(bad))


def canonical_text(doc: Document, standard: Standard, period: str | None = None) -> tuple[str, str]:
    """The submission's text (canonical YAML, as ``sqcheck convert`` writes it) and its SHA-256; raises
    InputError with every placed problem if the document does not validate (or, with the round's ``period``,
    names another period)."""
    values: dict[str, Any] = {}
    problems = validate(doc, standard, values, period)
    if problems:
        raise InputError(problems)
    text = dump_yaml(canonical(doc.data, standard, values), standard)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def judge_text(text: str, sha256: str, standard: Standard, lang: str, name: str = "自评表.yaml") -> CheckResult:
    """A submitted text judged as ``sqcheck check`` judges the same file."""
    doc = parse(text, name)
    return evaluate(standard, assessments.from_document(doc, standard, sha256), lang=lang)


# ---------------------------------------------------------------- from a document to the form's fields


def cells_from_data(data: Mapping[str, Any], spec: FormSpec) -> dict[str, str]:
    """The fields showing a canonical self-assessment (an uploaded file's, or a submitted version's)."""
    out: dict[str, str] = {}
    for spec_field in spec.profile:
        node: Any = data
        for step in spec_field.path:
            node = node.get(step) if isinstance(node, Mapping) else None
        if node is not None and node != "":
            out[profile_name(spec_field)] = str(node)
    facts = data.get("facts") or {}
    for part in spec.parts:
        for q in part.questions:
            fact = facts.get(q.id)
            if not isinstance(fact, Mapping):
                continue
            value = fact.get("value")
            if q.kind == "matters" and isinstance(value, Mapping):
                for key in ("handled", "online"):
                    for entry_id in value.get(key, ()):
                        out[matter_name(entry_id, key)] = CHECKED
            elif value is not None:
                shown = answer_cell(q.question, spec.layout, value)
                out[q.name("value")] = cellconv.text_from_cell(shown) if not isinstance(shown, str) else shown
            for key in ("not_applicable", "note"):
                if fact.get(key):
                    out[q.name(key)] = str(fact[key])
            if fact.get("evidence"):
                out[q.name("evidence")] = "\n".join(fact["evidence"])
    return {k: v for k, v in out.items() if isinstance(v, str)}


def export_data(doc: FormDocument, standard: Standard) -> dict[str, Any]:
    """What goes into the pre-filled Excel form: the draft without the answers that have problems (a cell
    cannot hold what the form refuses), profile values as typed."""
    kept, _, bad = usable(doc, standard)
    data = (kept or _without(doc, bad)).data
    return canonical(data, standard) if kept is not None and not validate(kept, standard) else dict(data)


def community_defaults(spec: FormSpec, community: Any, period: str) -> dict[str, str]:
    """A new draft starts with what the roster and the round already know."""
    return {
        "p.period": period,
        "p.community.name": community.name,
        "p.community.district": community.district,
        "p.community.street": community.street,
    }
