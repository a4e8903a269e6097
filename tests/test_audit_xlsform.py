"""The audit form for field tools (XLSForm: ODK Collect, KoboToolbox, Enketo) and reading their exports back.

The form must convert with pyxform, the reference XLSForm compiler; an audit exported as the tools export it
(ODK Central's CSV with ``-`` between group and question, Kobo's ``/``, a ZIP with media) must come back as the
audit it was, and a bad cell is a placed problem that does not stop the other submissions.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from checker import pipeline
from checker.audits import record
from checker.audits.sheet import build_sheet
from checker.audits.xlsform import choice_options, claims_name, fact_order, field_names, write_xlsform
from checker.model import Standard
from tests.conftest import EXAMPLES

AUDITS = {
    "xuzhou-2017--diemeng.yaml": EXAMPLES / "audits" / "xuzhou-2017--diemeng.audit.yaml",
    "xuzhou-2017--xiadian.yaml": EXAMPLES / "audits" / "xuzhou-2017--xiadian.audit.yaml",
}


def _convert(form: bytes, folder: Path) -> str:
    from pyxform.xls2xform import convert

    path = folder / "form.xlsx"
    path.write_bytes(form)
    result = convert(xlsform=str(path), validate=False)
    assert result.warnings == []
    return result.xform


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_gives_a_form_pyxform_converts(example: str, tmp_path: Path) -> None:
    loaded = pipeline.load(EXAMPLES / example, None, ())
    sheet = build_sheet(loaded.standard, loaded.assessment)
    xform = _convert(write_xlsform(sheet, loaded.standard), tmp_path)
    assert f"jr://file-csv/{claims_name(sheet)}.csv" in xform  # the claims travel as the CSV attachment
    assert loaded.assessment.sha256 in xform  # pinned to the self-assessment
    offered = {row.fact_id for section in sheet.sections for row in section.rows}
    for fact_id, fields in field_names(fact_order(loaded.standard)).items():  # the sheet's items, no others
        assert (f"<{fields.finding}/>" in xform) == (fact_id in offered)


def test_the_english_form_converts_too(tmp_path: Path) -> None:
    loaded = pipeline.load(EXAMPLES / "xuzhou-2017--kangju.yaml", None, ())
    xform = _convert(write_xlsform(build_sheet(loaded.standard, loaded.assessment, "en"), loaded.standard), tmp_path)
    assert "Value found" in xform and "核查值" not in xform


def test_audit_sheet_writes_the_form_and_its_claims(sq, tmp_path: Path) -> None:
    run = sq(
        "audit-sheet", EXAMPLES / "xuzhou-2017--kangju.yaml", "--format", "xlsform", "-o", tmp_path / "核查表.xlsx"
    )
    assert run.code == 0, run.err
    claims = list(tmp_path.glob("claims_*.csv"))
    assert (tmp_path / "核查表.xlsx").stat().st_size > 0 and len(claims) == 1
    rows = list(csv.DictReader(io.StringIO(claims[0].read_text(encoding="utf-8"))))
    assert rows[0].keys() == {"fact_id", "claimed", "required"} and any(r["fact_id"] == "XZ-F-801" for r in rows)


def test_the_form_needs_an_output_file(sq) -> None:
    run = sq("audit-sheet", EXAMPLES / "xuzhou-2017--kangju.yaml", "--format", "xlsform")
    assert run.code == 2 and "-o" in run.err


# ---------------------------------------------------------------- exports, as the tools write them


def _cell(standard: Standard, fact_id: str, verified: Any) -> tuple[str, str]:
    """What the tool exports for a verified value: the question's value and, for checklists, the online one."""
    kind = standard.index[fact_id].kind
    if verified is None:
        return "", ""
    if kind == "checklist":
        return " ".join(verified.get("handled", ())), " ".join(verified.get("online", ()))
    if kind == "presence":
        return ("yes" if verified in (True, "是", "有") else "no"), ""
    if kind == "choice":
        return f"o{choice_options(standard, fact_id).index(verified) + 1}", ""
    if kind == "allowed_set":
        return "、".join(verified), ""
    return str(verified), ""


def _export_row(audit: dict[str, Any], standard: Standard, sep: str) -> dict[str, str]:
    row = {
        "SubmissionDate": "2018-06-20T10:00:00.000Z",
        "start": "2018-06-20T08:00:00.000+08:00",
        "standard": audit["standard"],
        "assessment_sha256": audit["assessment"]["sha256"],
        "community": audit["assessment"]["community"],
        **{key: audit.get(key) or "" for key in ("inspector", "organisation", "accompanied_by", "date")},
        "location": "34.26 117.18 40 5",
        "meta-instanceID": "uuid:0e2c",
    }
    for fact_id, fields in field_names(fact_order(standard)).items():
        check = audit["checks"].get(fact_id) or {}
        group = f"s1{sep}"  # the group a question sits in: the reader must look past it
        value, online = _cell(standard, fact_id, check.get("verified"))
        references = check.get("references") or []
        row |= {
            group + fields.finding: check.get("finding") or "",
            group + fields.verified: value,
            group + fields.comment: check.get("comment") or "",
            group + fields.photo: PurePosixPath(references[0]).name if references else "",
        }
        if standard.index[fact_id].kind == "checklist":
            row[group + fields.online] = online
    return row


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # ODK Central writes a BOM


def _original(example: str) -> tuple[pipeline.Loaded, dict[str, Any]]:
    loaded = pipeline.load(EXAMPLES / example, None, ())
    return loaded, yaml.safe_load(AUDITS[example].read_text(encoding="utf-8"))


def _same_audit(imported: Path, original: Path, loaded: pipeline.Loaded) -> None:
    a = record.load(imported, loaded.standard, loaded.assessment)
    b = record.load(original, loaded.standard, loaded.assessment)
    assert (a.assessment_sha256, a.inspector, a.date, a.organisation) == (
        b.assessment_sha256,
        b.inspector,
        b.date,
        b.organisation,
    )
    assert a.checks.keys() == b.checks.keys()
    for fact_id, check in b.checks.items():
        got = a.checks[fact_id]
        assert (got.finding, got.verified, got.comment) == (check.finding, check.verified, check.comment), fact_id
        assert got.references == tuple(PurePosixPath(r).name for r in check.references[:1])  # one photo per fact


@pytest.mark.parametrize("example", sorted(AUDITS))
def test_an_exported_audit_comes_back_as_it_was(sq, example: str, tmp_path: Path) -> None:
    loaded, audit = _original(example)
    export = tmp_path / "核查表.csv"
    export.write_bytes(_csv([_export_row(audit, loaded.standard, "-")]))
    run = sq("audit-import", export, EXAMPLES / example, "-o", tmp_path / "records")
    assert run.code == 0, run.err
    (imported,) = (tmp_path / "records").glob("*.audit.yaml")
    _same_audit(imported, AUDITS[example], loaded)


def test_a_kobo_zip_with_media_is_read(sq, tmp_path: Path) -> None:
    loaded, audit = _original("xuzhou-2017--diemeng.yaml")
    export = tmp_path / "kobo.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("media/蝶梦-12-实测.jpg", b"\xff\xd8\xff")
        archive.writestr("核查表.csv", _csv([_export_row(audit, loaded.standard, "/")]))
    run = sq("audit-import", export, EXAMPLES / "xuzhou-2017--diemeng.yaml", "-o", tmp_path / "records")
    assert run.code == 0, run.err
    (imported,) = (tmp_path / "records").glob("*.audit.yaml")
    _same_audit(imported, AUDITS["xuzhou-2017--diemeng.yaml"], loaded)


def test_a_bad_cell_is_placed_and_the_other_submissions_go_through(sq, tmp_path: Path) -> None:
    loaded, audit = _original("xuzhou-2017--diemeng.yaml")
    good = _export_row(audit, loaded.standard, "-")
    fields = field_names(fact_order(loaded.standard))["XZ-F-801"]
    bad = good | {"s1-" + fields.finding: "maybe", "community": "另一社区"}
    export = tmp_path / "export.csv"
    export.write_bytes(_csv([good, bad]))
    run = sq("audit-import", export, EXAMPLES / "xuzhou-2017--diemeng.yaml", "-o", tmp_path / "records")
    column = list(good).index("s1-" + fields.finding)
    letter = chr(ord("A") + column) if column < 26 else chr(ord("A") + column // 26 - 1) + chr(ord("A") + column % 26)
    assert run.code == 2
    assert f"export.csv:{letter}3:" in run.err and "核查结论应为" in run.err and "maybe" in run.err
    assert len(list((tmp_path / "records").glob("*.audit.yaml"))) == 1  # the good one was written


def test_a_wrong_verified_value_gets_the_audit_records_own_message(sq, tmp_path: Path) -> None:
    loaded, audit = _original("xuzhou-2017--diemeng.yaml")
    audit["checks"]["XZ-F-801"] = {"finding": "not_confirmed", "verified": None, "comment": "面积不符"}
    export = tmp_path / "export.csv"
    export.write_bytes(_csv([_export_row(audit, loaded.standard, "-")]))
    run = sq("audit-import", export, EXAMPLES / "xuzhou-2017--diemeng.yaml", "-o", tmp_path / "records")
    assert run.code == 2 and "XZ-F-801" in run.err


def test_without_the_self_assessment_only_the_shape_is_checked(sq, tmp_path: Path) -> None:
    loaded, audit = _original("xuzhou-2017--diemeng.yaml")
    export = tmp_path / "export.csv"
    export.write_bytes(_csv([_export_row(audit, loaded.standard, "-")]))
    run = sq("audit-import", export, "-o", tmp_path / "records")
    assert run.code == 0 and "未找到对应的自评表" in run.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,age\nx,1\n", "不是 sqcheck 核查表"),
        (b"PK\x03\x04broken", "ZIP 文件已损坏"),
        (b"assessment_sha256,standard\nabc,no-such-standard\n", "no-such-standard"),
    ],
    ids=["another form", "broken zip", "unknown standard"],
)
def test_what_is_not_our_export_is_refused_with_a_reason(sq, tmp_path: Path, content: bytes, message: str) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    run = sq("audit-import", export, "-o", tmp_path / "records")
    assert run.code == 2 and message in run.err


def test_an_unknown_standard_in_a_row_is_that_rows_problem_and_the_others_go_on(sq, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    rows = [f"nope-2020,{'a' * 64},王某,2024-06-25", f"徐州,{'b' * 64},李某,2024-06-26"]
    export.write_text("standard,assessment_sha256,inspector,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = sq("audit-import", export, "-o", tmp_path / "records")
    assert run.code == 2
    assert f"{export}:A2: 表单所依据的标准“nope-2020”未找到" in run.err, run.err
    assert f"{export}:A3: 表单所依据的标准“徐州”未找到" in run.err  # a row names its standard by ID only
    assert "xuzhou-2017（徐州市社区基本公共服务标准）" in run.err
    assert "请写标准 ID 或标准名称" not in run.err  # not the operator's usage message: the file is at fault
