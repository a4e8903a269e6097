"""The on-site checklist as an XLSForm, for the field tools bureaus already use (ODK Collect, KoboToolbox, Enketo):
offline Android forms with photos and GPS.

The form is built from the same view-model as the printed sheet (:mod:`checker.audits.sheet`), fact by fact in
the same order. What the community claimed travels beside the form as a CSV attachment (``claims_<hash>.csv``,
read by ``pulldata()``), so the form shows each claim without the claims being typed into the questions; the
assessment's SHA-256 and the standard's ID ride along as calculated fields and come back in every submission.
:mod:`checker.audits.xlsform_read` turns the tool's CSV or ZIP export back into audit records.

Question names are derived from the fact IDs by :func:`field_names` (the reader uses the same function), so an
export is read by name, whichever group separator the tool puts in its column headers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.audits.record import FINDINGS as RECORD_FINDINGS
from checker.audits.sheet import AuditSheet, ChecklistBlock, SheetRow
from checker.messages import VALUE_LABELS
from checker.model import Standard
from checker.spreadsheets import csv_row, save

# the audit record's findings, in the words the sheet and the workbook use (确认 / 不符 / 无法核实)
FINDINGS = tuple((code, VALUE_LABELS[code][0], code.replace("_", " ")) for code in RECORD_FINDINGS)
YES_NO = (("yes", "是", "yes"), ("no", "否", "no"))
HEADER = ("inspector", "organisation", "accompanied_by", "date")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class FactFields:
    """The questions one fact gets in the form."""

    fact_id: str
    finding: str
    verified: str
    online: str  # checklists that also count online matters; "" otherwise
    comment: str
    photo: str
    claim: str


def field_names(fact_ids: Iterable[str]) -> dict[str, FactFields]:
    """Question names per fact: XML names made from the fact ID, unique even where two IDs differ only in
    characters an XML name cannot hold (a suffix by order of appearance, so writer and reader agree)."""
    names: dict[str, FactFields] = {}
    taken: set[str] = set()
    for fact_id in fact_ids:
        base = _NAME_UNSAFE.sub("_", fact_id)
        base = base if base[:1].isalpha() else f"x{base}"
        stem, n = base, 1
        while stem in taken:
            n += 1
            stem = f"{base}_{n}"
        taken.add(stem)
        names[fact_id] = FactFields(
            fact_id, f"f_{stem}", f"v_{stem}", f"o_{stem}", f"c_{stem}", f"p_{stem}", f"claim_{stem}"
        )
    return names


def fact_order(standard: Standard) -> list[str]:
    """The facts in the order of the sheet (:func:`checker.audits.sheet.build_sheet`): parts, categories, owners."""
    owners = {r.id for r in standard.fact_owners()}
    return [
        i for part in standard.parts for category in part.categories for i in category.requirement_ids if i in owners
    ]


def claims_name(sheet: AuditSheet) -> str:
    """The attachment's name without ``.csv`` (as ``pulldata()`` names it): one per assessment."""
    return f"claims_{sheet.assessment_sha256[:12]}"


def sheet_rows(sheet: AuditSheet) -> list[SheetRow]:
    return [row for section in sheet.sections for row in section.rows]


def claims_csv(sheet: AuditSheet) -> str:
    """The attachment: one line per fact with what was claimed and what is required, as the sheet shows them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("fact_id", "claimed", "required"))
    for row in sheet_rows(sheet):
        writer.writerow(csv_row((row.fact_id, _flat(row.claimed), _flat(row.required))))
    return out.getvalue()


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _label(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


class _Form:
    def __init__(self, sheet: AuditSheet, standard: Standard) -> None:
        self.sheet = sheet
        self.standard = standard
        self.lang = sheet.lang
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.lists: set[str] = set()

    def add(self, type_: str, name: str, label: str = "", **extra: str) -> None:
        self.survey.append({"type": type_, "name": name, "label": label, **extra})

    def choice_list(self, list_name: str, options: Iterable[tuple[str, str]]) -> str:
        if list_name not in self.lists:
            self.lists.add(list_name)
            self.choices += [{"list_name": list_name, "name": n, "label": label} for n, label in options]
        return list_name


def build_form(sheet: AuditSheet, standard: Standard) -> _Form:
    form = _Form(sheet, standard)
    lang = sheet.lang
    claims = claims_name(sheet)
    form.choice_list("finding", [(code, _label(zh, en, lang)) for code, zh, en in FINDINGS])
    form.choice_list("yesno", [(code, _label(zh, en, lang)) for code, zh, en in YES_NO])
    form.add("start", "start")
    form.add("end", "end")
    form.add("calculate", "standard", calculation=f"'{sheet.standard_id}'")
    form.add("calculate", "assessment_sha256", calculation=f"'{sheet.assessment_sha256}'")
    form.add("calculate", "community", calculation=f"'{_quote_safe(sheet.community)}'")
    labels = {
        "inspector": ("检查人", "Inspector(s)"),
        "organisation": ("检查单位", "Inspecting body"),
        "accompanied_by": ("社区陪同人员", "Accompanied by"),
    }
    intro = _label(
        f"实地核查：{sheet.community}（{sheet.district} {sheet.street}），{sheet.standard_title}。"
        "核查结论留空即未核查；不符须填写核查值和说明，无法核实须说明原因。",
        f"On-site check: {sheet.community} ({sheet.district} {sheet.street}), {sheet.standard_title}. "
        "Leave the finding empty for facts not checked; 'not confirmed' needs the value found and a comment.",
        lang,
    )
    form.add("note", "intro", intro)
    form.add("text", "inspector", _label(*labels["inspector"], lang), required="yes")
    form.add("text", "organisation", _label(*labels["organisation"], lang))
    form.add("text", "accompanied_by", _label(*labels["accompanied_by"], lang))
    form.add("date", "date", _label("核查日期", "Date of the visit", lang), required="yes", default="today()")
    form.add("geopoint", "location", _label("核查地点（GPS，可选）", "Location (GPS, optional)", lang))
    names = field_names(fact_order(standard))
    checklists = {c.fact_id: c for c in sheet.checklists}
    for number, section in enumerate(sheet.sections, 1):
        form.add("begin group", f"s{number}", _flat(section.title))
        for row in section.rows:
            _fact(form, row, names[row.fact_id], checklists.get(row.fact_id), claims)
        form.add("end group", f"s{number}")
    return form


def _quote_safe(text: str) -> str:
    """A value inside an XPath string literal in single quotes: those quotes cannot be escaped, so they go."""
    return _flat(text).replace("'", "’")


def _fact(form: _Form, row: SheetRow, names: FactFields, checklist: ChecklistBlock | None, claims: str) -> None:
    lang = form.lang
    veto = _label("（一票否决）", " (veto)", lang) if row.veto else ""
    fact = row.fact_id
    form.add("calculate", names.claim, calculation=f"pulldata('{claims}', 'claimed', 'fact_id', '{fact}')")
    label = _label(
        f"**{fact} {_flat(row.title)}**{veto}  \n要求：{_flat(row.required)}  \n自评：${{{names.claim}}}",
        f"**{fact} {_flat(row.title)}**{veto}  \nRequired: {_flat(row.required)}  \nClaimed: ${{{names.claim}}}",
        lang,
    )
    if row.method:
        label += _label(f"  \n考核办法：{row.method}", f"  \nHow to check: {row.method}", lang)
    form.add("select_one finding", names.finding, label)
    differs = f"${{{names.finding}}} = 'not_confirmed'"
    explain = f"{differs} or ${{{names.finding}}} = 'unverifiable'"
    value_label = _label(
        f"核查值（{row.how}；不符时必填，确认时可填实测值）",
        f"Value found ({row.how}; required if not confirmed)",
        lang,
    )
    # 不符 needs the value found; 确认 may carry a measured value (605 m² for a claimed 600 m²)
    extra = {"relevant": f"{differs} or ${{{names.finding}}} = 'confirmed'", "required": differs}
    if checklist is not None:
        catalogue_id = str(form.standard.index[fact].params["catalogue"])
        catalogue = form.choice_list(
            f"cat_{_NAME_UNSAFE.sub('_', catalogue_id)}", [(e.entry_id, e.name) for e in checklist.entries]
        )
        handled = " ".join(e.entry_id for e in checklist.entries if e.claimed_handled)
        online = " ".join(e.entry_id for e in checklist.entries if e.claimed_online)
        form.add(
            f"select_multiple {catalogue}",
            names.verified,
            _label("实际可办理的事项（已按自评勾选，请取消不符的）", "Found handled (pre-ticked as claimed)", lang),
            relevant=differs,
            default=handled,
        )
        if checklist.uses_online:
            form.add(
                f"select_multiple {catalogue}",
                names.online,
                _label("实际可网上办理的事项（已按自评勾选）", "Found online (pre-ticked as claimed)", lang),
                relevant=differs,
                default=online,
            )
    elif row.kind == "presence":
        form.add("select_one yesno", names.verified, value_label, **extra)
    elif row.kind == "choice":
        options = choice_options(form.standard, fact)
        listed = form.choice_list(f"opt_{names.verified[2:]}", [(f"o{i}", o) for i, o in enumerate(options, 1)])
        form.add(f"select_one {listed}", names.verified, value_label, **extra)
    elif row.kind in ("threshold", "survey"):
        form.add("decimal", names.verified, value_label, **extra)
    else:  # allowed_set, text: written out (lists separated by 、)
        form.add("text", names.verified, value_label, **extra)
    form.add(
        "text", names.comment, _label("说明", "Comment", lang), relevant=f"${{{names.finding}}} != ''", required=explain
    )
    form.add(
        "image",
        names.photo,
        _label("照片（可选）", "Photo (optional)", lang),
        relevant=f"${{{names.finding}}} != ''",
        parameters="max-pixels=1600",
    )


def choice_options(standard: Standard, fact_id: str) -> tuple[str, ...]:
    """A choice fact's options, in the standard's order (the form names them o1, o2, …)."""
    return tuple(str(option) for option in standard.index[fact_id].params.get("options", ()))


SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "relevant", "default", "calculation", "parameters")


def write_xlsform(sheet: AuditSheet, standard: Standard) -> bytes:
    """The XLSForm workbook: sheets survey, choices and settings, as pyxform and the field tools read them."""
    from openpyxl import Workbook

    form = build_form(sheet, standard)
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(SURVEY_COLUMNS)
    for row in form.survey:
        survey.append([row.get(c, "") for c in SURVEY_COLUMNS])
    choices = book.create_sheet("choices")
    choices.append(("list_name", "name", "label"))
    for choice in form.choices:
        choices.append((choice["list_name"], choice["name"], choice["label"]))
    settings = book.create_sheet("settings")
    settings.append(("form_title", "form_id", "version", "default_language"))
    title = _label(f"实地核查表 — {sheet.community}", f"On-site check — {sheet.community}", sheet.lang)
    settings.append((title, form_id(sheet), sheet.standard_version or "1", sheet.lang))
    return save(book)


def form_id(sheet: AuditSheet) -> str:
    return f"sqcheck_{_NAME_UNSAFE.sub('_', sheet.standard_id)}_{sheet.assessment_sha256[:12]}"
