"""Standards: the bundled ones lint clean and count right; each kind of defect exits 2 with file:line:col."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from checker import standard as standards
from checker.rules import KINDS
from tests.conftest import EXAMPLES, MINI, ROOT


def test_bundled_standards_lint_clean(sq) -> None:
    run = sq("standards", "lint", ROOT / "standards")
    assert run.code == 0, run.err
    assert "3 个标准文件检查通过" in run.out


def test_xuzhou_summary_counts(sq) -> None:
    run = sq("standards", "show", "xuzhou-2017", "--format", "json")
    assert run.code == 0
    shown = json.loads(run.out)
    summary = shown["summary"]
    assert (summary["facility_classes"], summary["facilities"]) == (7, 21)
    assert (summary["matters"], summary["online_matters"]) == (65, 19)
    assert summary["requirements"] == len(shown["requirements"])
    matters = next(c for c in shown["catalogues"] if c["kind"] == "matters")
    assert all(m["dept_current"] and m["dept_2017"] for m in matters["entries"])


def test_every_xuzhou_requirement_cites_a_source(sq) -> None:
    shown = json.loads(sq("standards", "show", "xuzhou-2017", "--format", "json").out)
    sources = {s["id"] for s in shown["sources"]}
    assert all(r["provenance"] and set(r["provenance"]) <= sources for r in shown["requirements"])
    assert shown["provenance"]["reconstructed"], "the header says which parts are reconstructed"


def test_every_facility_is_linked_to_a_requirement(sq) -> None:
    shown = json.loads(sq("standards", "show", "xuzhou-2017", "--format", "json").out)
    linked = {r["params"].get("entry") for r in shown["requirements"]}
    facilities = next(c for c in shown["catalogues"] if c["kind"] == "facilities")
    assert {f"facilities/{e['id']}" for e in facilities["entries"]} <= linked


def test_list_and_text_show(sq) -> None:
    listed = sq("standards", "list")
    assert listed.code == 0 and "xuzhou-2017" in listed.out and "living-room-2023" in listed.out
    shown = sq("standards", "show", "xuzhou-2017")
    assert "设施 21 项（7 类）" in shown.out and "政务服务事项 65 项（网上可办 19 项）" in shown.out
    assert "facilities in 7 classes" in sq("standards", "show", "xuzhou-2017", "--lang", "en").out


def test_unknown_standard_is_a_usage_error_listing_the_standards_with_their_titles(sq) -> None:
    run = sq("standards", "show", "xuzhou-2071")
    assert run.code == 2 and "未找到标准“xuzhou-2071”" in run.err
    for listed in ("xuzhou-2017（徐州市社区基本公共服务标准）", "wanzheng-2020（完整居住社区建设标准（试行））"):
        assert listed in run.err
    english = sq("--lang", "en", "template", "北京")
    assert english.code == 2 and "xuzhou-2017 (Xuzhou Community Basic Public Service Standard)" in english.err
    assert "、" not in english.err  # an English list is not joined the Chinese way


@pytest.mark.parametrize(
    "text", ["徐州", "徐州市社区基本公共服务", "xuzhou", "XUZHOU", "Xuzhou Community", "ｘｕｚｈｏｕ"]
)
def test_a_standard_is_found_by_part_of_its_title(sq, tmp_path: Path, text: str) -> None:
    out = tmp_path / "自评表.yaml"
    run = sq("template", text, "-o", out)
    assert run.code == 0, run.err
    assert f"“{text}”：按标准 xuzhou-2017（徐州市社区基本公共服务标准）" in run.err  # a guess is said, never silent
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["standard"] == "xuzhou-2017"
    assert sq("standards", "show", text).out == sq("standards", "show", "xuzhou-2017").out


def test_part_of_several_titles_lists_the_candidates(sq) -> None:
    run = sq("template", "社区")  # in every bundled title
    assert run.code == 2 and run.out == ""
    assert "“社区”可指多个标准" in run.err
    assert "xuzhou-2017（徐州市社区基本公共服务标准）" in run.err and "living-room-2023（" in run.err
    assert sq("check", "--standard", "社区", EXAMPLES / "xuzhou-2017--kangju.yaml").code == 2


def test_a_submission_names_its_standard_by_id_never_by_title(sq, tmp_path: Path) -> None:
    text = (EXAMPLES / "xuzhou-2017--kangju.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(text.replace('standard: "xuzhou-2017"', "standard: 徐州"), encoding="utf-8")
    run = sq("validate", path)
    assert run.code == 2 and "未找到标准“徐州”" in run.err and "xuzhou-2017（徐州市社区基本公共服务标准）" in run.err


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _place(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


@pytest.mark.parametrize(
    ("old", "new", "needle", "occurrence", "message"),
    [
        ("id: R-police", "id: R-area", "R-area", 2, "要求 ID“R-area”重复"),
        ("kind: presence", "kind: presense", "presense", 1, "未知的规则类型“presense”"),
        ("params: {unit: 小时, min: 3}", "params: {unit: 小时, min: three}", "three", 1, "应为数字"),
        ("params: {entry: facilities/police}", "params: {entry: facilities/polis}", "{entry", 1, "facilities/polis"),
        (
            "points: 5\n            responsible: {department: 公安分局",
            "point: 5\n            responsible: {department: 公安分局",
            "point: 5",
            1,
            "未知的键“point”",
        ),
        ("min_score: 75", "min_score: 95", "95", 1, "从高到低"),
        (
            "provenance: [test]\n          - id: R-police",
            "provenance: [tset]\n          - id: R-police",
            "tset",
            1,
            "“tset”",
        ),
        (
            'dept_current: 医保, dept_current_from: "2018-11"',
            "dept_current: 医保",
            "医保",
            1,
            "主管部门由“民政”改为“医保”，须用 dept_current_from 写明改变的日期",
        ),
    ],
    ids=[
        "duplicate id",
        "unknown kind",
        "param wrong type",
        "unknown catalogue entry",
        "unknown key",
        "grades out of order",
        "unknown source",
        "department changed without a date",
    ],
)
def test_defect_exits_2_with_place(
    sq, tmp_path: Path, old: str, new: str, needle: str, occurrence: int, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    run = sq("standards", "lint", path)
    assert run.code == 2
    line, col = _place(path.read_text(encoding="utf-8"), needle, occurrence)
    assert f"{path}:{line}:{col}: " in run.err, run.err
    assert message in run.err
    assert "Traceback" not in run.out + run.err


def test_lint_in_english(sq, tmp_path: Path) -> None:
    run = sq("standards", "lint", _broken(tmp_path, "kind: presence", "kind: presense"), "--lang", "en")
    assert run.code == 2 and "unknown rule kind 'presense'" in run.err


def test_lint_reports_every_file_of_a_folder(sq, tmp_path: Path) -> None:
    _broken(tmp_path, "kind: presence", "kind: presense")
    (tmp_path / "also.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    run = sq("standards", "lint", tmp_path)
    assert run.code == 2
    assert re.search(r"also\.yaml:2:1: YAML 语法错误", run.err) and "broken.yaml" in run.err
    assert "2 个文件有错误" in run.err


def test_second_standard_needs_no_new_kind() -> None:
    standard = standards.resolve("living-room-2023")
    assert {r.kind for r in standard.requirements} <= set(KINDS)
    assert len({r.kind for r in standard.requirements}) >= 3


def test_bundled_standards_name_responsible_bodies_in_english_too(sq) -> None:
    for standard_id in ("xuzhou-2017", "living-room-2023"):
        shown = json.loads(sq("standards", "show", standard_id, "--format", "json").out)
        assert all(r["responsible"]["department_en"] for r in shown["requirements"])


def test_english_gap_list_names_the_body_in_english(sq) -> None:
    run = sq("check", ROOT / "examples" / "xuzhou-2017--kangju.yaml", "--lang", "en")
    assert run.code == 1
    assert "responsible District Civil Affairs Bureau (with the Party Organisation Department" in run.out


def test_duplicate_ids_on_one_line_are_found(sq, tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        "    groups:\n      - {id: care, title: 养老}\n      - {id: safety, title: 平安}",
        "    groups: [{id: care, title: 养老}, {id: safety, title: 平安}, {id: care, title: 医养}]",
    )
    run = sq("standards", "lint", path)
    assert run.code == 2 and "ID“care”重复" in run.err, run.err


# ---------------------------------------------------------------- responsible bodies with stable IDs


def _xuzhou_broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "standards" / "xuzhou-2017.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "xuzhou.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("level: district, body: district-police}", "level: district}", "responsible:", "没有写明责任单位编号 body"),
        ("body: district-police}", "body: district-polis}", "district-polis", "district-polis"),
        ("support: [street-office]", "support: [street-offise]", "street-offise", "street-offise"),
        ("aliases: [医保]", "aliases: [医保, 民政]", "民政]#2", "“民政”已在第"),
        ("dept_current: 卫健", "dept_current: 卫生局", "卫生局", "部门“卫生局”不是 bodies 中任何责任单位的名称或简称"),
    ],
    ids=["no body", "unknown body", "unknown supporting body", "one alias for two bodies", "entry of no body"],
)
def test_responsible_bodies_are_checked(sq, tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    path = _xuzhou_broken(tmp_path, old, new)
    run = sq("standards", "lint", path)
    assert run.code == 2 and message in run.err, run.err
    text = path.read_text(encoding="utf-8")
    if needle != "responsible:":
        needle, _, occurrence = needle.partition("#")
        line, col = _place(text, needle, int(occurrence or 1))
        assert f"{path}:{line}:{col}: " in run.err, run.err


def test_every_requirement_of_the_bundled_standards_names_a_body() -> None:
    from checker.standard import resolve

    for standard_id in ("xuzhou-2017", "living-room-2023"):
        standard = resolve(standard_id)
        for req in standard.requirements:
            assert req.responsible.body in standard.bodies, req.id
            assert set(req.responsible.support) <= set(standard.bodies), req.id
        # the civil-affairs bureau is one body, whatever the wording of each requirement's responsible
        wordings = {r.responsible.department for r in standard.requirements if "civil-affairs" in r.responsible.body}
        assert len(wordings) > 1


def _variant(tmp_path: Path, old: str, new: str, name: str = "mini.yaml") -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("points: 10\n", "points: 1e308\n", "超出可处理的范围"),
        ("points: 10\n", "points: 5000\n", "应不大于 1000"),
        ("points: 10\n", "points: !!float .nan\n", "YAML 标签"),
        ("points: 10\n", "points: !!float .inf\n", "YAML 标签"),
        ("min: 600}", "min: 600, per: {field: households, size: 0.0000001}}", "1"),
    ],
    ids=["1e308", "5000", ".nan", ".inf", "per 1e-7 households"],
)
def test_lint_refuses_what_scoring_cannot_handle(sq, tmp_path: Path, old: str, new: str, words: str) -> None:
    """#11 §8: these passed lint, then every check exited 3 (the total overflowed, or NaN compared false)."""
    path = _variant(tmp_path, old, new)
    run = sq("standards", "lint", path)
    assert run.code == 2, run.out + run.err
    assert words in run.err and "内部错误" not in run.err


def test_lint_and_list_go_on_past_a_broken_standard(sq, tmp_path: Path) -> None:
    broken = _variant(tmp_path, "points: 10\n", "points: 1" + "0" * 5000 + "\n", "a-broken.yaml")
    good = _variant(tmp_path, "id: mini", "id: other", "b-good.yaml")
    run = sq("standards", "lint", tmp_path)
    assert run.code == 2 and f"{broken}:" in run.err and "1 个文件有错误" in run.err
    assert str(good) not in run.err
    listed = sq("standards", "list", "--standards-dir", tmp_path)
    assert listed.code == 0 and "other\t1\t" in listed.out and f"{broken}:" in listed.err  # skipped, and said


def test_a_standard_replacing_another_with_the_same_id_is_said(sq, tmp_path: Path) -> None:
    """#11 §9: a second standard with the same ID in --standards-dir replaced the first without a word."""
    first = _variant(tmp_path, "title: 测试用迷你标准", "title: 第一份", "a.yaml")
    second = _variant(tmp_path, "title: 测试用迷你标准", "title: 第二份", "b.yaml")
    run = sq("standards", "list", "--standards-dir", tmp_path)
    assert run.code == 0
    assert f"{second}:1:1: 提示：标准 ID“mini”已由 {first} 声明，现改用此文件" in run.err
    assert "第二份" in run.out and "第一份" not in run.out


# ---------------------------------------------------------------- no exception escapes (hypothesis)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.test_yamlio import json_values  # noqa: E402

_PLACES = ["points: 10\n", "min: 600}", "min_score: 90,", "title: 居家养老服务中心\n", "kind: threshold\n"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PLACES), json_values)
def test_any_value_in_a_standard_lints_or_is_a_placed_problem(place: str, value: object) -> None:
    """#11 §2 §8: a standard with any value at a key lints clean (and loads) or lists placed problems."""
    import yaml

    from checker.errors import InputError
    from checker.yamlio import parse

    text = MINI.read_text(encoding="utf-8")
    assert place in text
    key, _, rest = place.partition(": ")
    flow = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6).strip()
    if flow.endswith("..."):
        flow = flow[:-3].strip()
    closing = "}" if rest.endswith("}") else ("," if rest.endswith(",") else "")
    changed = text.replace(place, f"{key}: {flow}{closing}{chr(10) if place.endswith(chr(10)) else ''}", 1)
    try:
        doc = parse(changed, "std.yaml")
        problems = standards.lint_document(doc)
        if not problems:
            standards.build(doc, "0" * 64)
    except InputError as error:
        problems = error.problems
    for problem in problems:
        problem.format("zh"), problem.format("en")


def test_the_web_app_finds_a_standard_by_its_title_as_the_cli_does() -> None:
    from checker.errors import UsageError
    from web.standards import bundled_or_path

    assert bundled_or_path("徐州") == standards.available()["xuzhou-2017"]
    with pytest.raises(UsageError):
        bundled_or_path("北京")
