"""Self-assessments in: template, validation of every defect with a place, and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker import pipeline
from checker.yamlio import MAX_BYTES
from tests.conftest import EXAMPLES, MINI

GOOD = """\
standard: mini
standard_version: "1"
period: "2024"
filled_on: 2024-06-30
community: {name: 蝶梦社区, district: 云龙区, street: 彭城街道, area_type: urban, households: 3000, phone: 051683001234}
facts:
  R-area: {value: 650, evidence: [照片/大厅.jpg]}
  R-police: {value: 是}
  R-care: {value: 220}
  R-plaques: {value: [社区党组织, 社区居民委员会]}
  R-colour: {value: 灰底蓝字}
  R-header: {value: 社区综合服务中心}
  R-matters: {value: {handled: [M1, M2, M3, M4], online: [M1, M3]}}
  R-patrol: {value: 3.5, note: 按排班表}
"""


def write(tmp_path: Path, text: str, name: str = "a.yaml", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def check(sq, path: Path, *extra: str):
    return sq("check", path, "--standard", MINI, *extra)


def test_a_blank_template_is_not_a_community(sq, tmp_path: Path) -> None:
    """#10 §3: the form's prompts are refused at their lines, so a blank form never validates or publishes."""
    form = tmp_path / "a.yaml"
    assert sq("template", "xuzhou-2017", "-o", form).code == 0
    run = sq("validate", form)
    assert run.code == 2
    lines = [line.partition(": ")[0].removeprefix(f"{form}:") for line in run.err.splitlines() if "提示文字" in line]
    assert lines == ["7:9", "11:9", "12:13", "13:11"]  # period, name, district, street
    assert "仍是空白表中的提示文字“（请填写社区名称）”，请改为实际内容" in run.err
    assert sq("check", form).code == 2


def test_a_template_with_its_prompts_replaced_validates_and_scores_zero(sq, tmp_path: Path) -> None:
    form = tmp_path / "a.yaml"
    assert sq("template", "xuzhou-2017", "--period", "2024", "-o", form).code == 0
    text = form.read_text(encoding="utf-8")
    for prompt, answer in (
        ("（请填写社区名称）", "蝶梦社区"),
        ("（请填写所属区）", "云龙区"),
        ("（请填写所属街道）", "彭城街道"),
    ):
        text = text.replace(prompt, answer)
    form.write_text(text, encoding="utf-8")
    assert sq("validate", form).code == 0
    run = sq("check", form, "--format", "json")
    assert run.code == 1
    result = json.loads(run.out)
    assert result["score"] == 0
    # every question that applies to an urban community of unknown estate type is unanswered; the rural ones
    # (village clinic, rural service station) are left out by the profile
    not_applicable = {r["id"] for r in result["results"] if r["status"] == "not_applicable"}
    assert not_applicable == {"XZ-F-302", "XZ-F-804"}
    assert result["counts"]["unanswered"] == result["counts"]["applicable"] == len(result["results"]) - 2
    assert len(result["gaps"]) == result["counts"]["applicable"]


@pytest.mark.parametrize("prompt", ["（请填写社区名称）", " (请选择社区类型) ", "（请输入）"])
def test_a_prompt_anywhere_is_refused_at_its_place(tmp_path: Path, prompt: str) -> None:
    from checker import standard as standards
    from checker.errors import InputError

    text = GOOD.replace("R-colour: {value: 灰底蓝字}", f"R-colour: {{value: 灰底蓝字, note: '{prompt}'}}")
    with pytest.raises(InputError) as caught:
        pipeline.load(write(tmp_path, text), standards.load_standard(MINI))
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (11, "sa.placeholder")


def test_template_has_chinese_comments_for_every_question(sq) -> None:
    text = sq("template", "xuzhou-2017").out
    assert "# ── XZ-F-801" in text and "单位：m²" in text and "责任单位" in text
    assert "M65" in text  # the matter catalogue is listed for the checklist question


def test_good_file_is_valid_and_compliant(sq, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert sq("validate", path, "--standard", MINI).code == 0
    run = check(sq, path)
    assert run.code == 0, run.out + run.err
    assert "全部达标" in run.out


def test_scalars_read_as_a_person_means_them(tmp_path: Path) -> None:
    from checker import standard as standards

    loaded = pipeline.load(write(tmp_path, GOOD), standards.load_standard(MINI))
    assert loaded.assessment.filled_on == "2024-06-30"  # a date stays text
    assert loaded.assessment.profile.phone == "051683001234"  # the leading zero is kept
    assert loaded.assessment.facts["R-police"].value is True  # 是 is yes


DEFECTS = [
    (
        "duplicate key",
        "  R-police: {value: 是}\n",
        "  R-police: {value: 是}\n  R-police: {value: 否}\n",
        "R-police: {value: 否}",
        "重复",
    ),
    ("alias", "  R-care: {value: 220}\n", "  R-care: {value: &a 220}\n  R-patrol: {value: *a}\n", "&a 220", "别名"),
    ("yes is not a boolean", "R-police: {value: 是}", "R-police: {value: yes}", "yes", "应填 是 或 否"),
    ("010 is not octal", "R-area: {value: 650,", "R-area: {value: 010,", "010", "应为数字"),
    ("unknown requirement", "  R-police:", "  R-polise:", "R-polise", "是否应为“R-police”"),
    ("wrong type", "R-patrol: {value: 3.5", "R-patrol: {value: 约3小时", "约3小时", "应为数字"),
    ("unknown matter", "handled: [M1, M2, M3, M4]", "handled: [M1, M2, M3, M9]", "M9", "没有“M9”"),
    (
        "full-width colon",
        "  R-patrol: {value: 3.5, note: 按排班表}\n",
        "  R-patrol:\n    value：3\n",
        "value：3",
        "全角冒号",
    ),
    ("unknown key", "households: 3000", "househols: 3000", "househols", "是否应为“households”"),
    ("syntax", "  R-police: {value: 是}\n", "  R-police: {value: 是\n", "", "YAML 语法错误"),
]


@pytest.mark.parametrize(("name", "old", "new", "needle", "message"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_exits_2_with_place(
    sq, tmp_path: Path, name: str, old: str, new: str, needle: str, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    for command in ("validate", "check"):
        run = sq(command, path, "--standard", MINI)
        assert run.code == 2, run.out + run.err
        assert message in run.err
        assert re.search(rf"{re.escape(str(path))}:\d+:\d+: ", run.err)
        assert "Traceback" not in run.err + run.out
    if needle:
        text = path.read_text(encoding="utf-8")
        index = text.index(needle)
        line, col = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        assert f"{path}:{line}:{col}: " in run.err, run.err


def test_messages_in_english(sq, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("R-patrol: {value: 3.5", "R-patrol: {value: 约3小时"))
    run = sq("validate", path, "--standard", MINI, "--lang", "en")
    assert run.code == 2 and "expected a number (unit: 小时), found '约3小时'" in run.err


def test_gbk_file_is_read_with_a_notice(sq, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, encoding="gbk")
    run = check(sq, path)
    assert run.code == 0
    assert "GBK/GB18030" in run.err and "UTF-8" in run.err


def test_bom_is_fine(sq, tmp_path: Path) -> None:
    assert check(sq, write(tmp_path, GOOD, encoding="utf-8-sig")).code == 0


def test_oversized_file_is_refused(sq, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "#" * (MAX_BYTES + 1) + "\n")
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2 and "文件过大" in run.err


def test_alias_bomb_is_refused_quickly(sq, tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    run = sq("validate", write(tmp_path, bomb), "--standard", MINI)
    assert run.code == 2 and "别名" in run.err


@pytest.mark.parametrize(
    "text",
    ["facts: " + "[" * 30000 + "]" * 30000 + "\n", "- " * 40000 + "1\n", "? " * 40000 + "1\n", "- " * 5000 + "1\n"],
    ids=["deep flow (would crash libyaml)", "deep block sequence", "deep complex keys", "deep but parseable"],
)
def test_deep_nesting_is_refused_not_fatal(sq, tmp_path: Path, text: str) -> None:
    run = sq("validate", write(tmp_path, text), "--standard", MINI)
    assert run.code == 2 and "嵌套层次过深" in run.err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(sq, tmp_path: Path, encoding: str) -> None:
    assert check(sq, write(tmp_path, GOOD, encoding=encoding)).code == 0


def test_broken_utf32_is_an_encoding_error(sq, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xff\xfe\x00\x00garbage")
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2 and "无法识别文件编码" in run.err


def test_batch_goes_on_after_a_bad_file(sq, tmp_path: Path) -> None:
    bad = write(tmp_path, "standard: [\n", "bad.yaml")
    good = write(tmp_path, GOOD, "good.yaml")
    run = sq("validate", bad, good, "--standard", MINI)
    assert run.code == 2
    assert "good.yaml：格式正确" in run.out and "bad.yaml:" in run.err


def test_other_standard_is_refused(sq, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("standard: mini", "standard: xuzhou-2017"))
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2 and "xuzhou-2017" in run.err


def test_not_applicable_needs_permission(sq, tmp_path: Path) -> None:
    claimed = GOOD.replace("R-police: {value: 是}", "R-police: {not_applicable: 与邻近社区共用}")
    run = sq("validate", write(tmp_path, claimed), "--standard", MINI)
    assert run.code == 2 and "不允许申报“不适用”" in run.err
    allowed = GOOD.replace("R-care: {value: 220}", "R-care: {not_applicable: 由街道养老中心覆盖}")
    assert check(sq, write(tmp_path, allowed, "b.yaml")).code == 0


def test_missing_file_and_wrong_suffix(sq, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    run = sq("validate", missing)
    assert run.code == 2
    assert run.err.splitlines()[0] == f"{missing}: 找不到文件（请检查文件名和所在文件夹）"  # #10 §5: no :0:0
    assert "不支持的文件类型" in sq("validate", write(tmp_path, GOOD, "a.txt")).err


def test_validate_a_folder_checks_the_files_in_it(sq, tmp_path: Path) -> None:
    """#10 §5: `sqcheck validate 文件夹/` reads the self-assessments in the folder, not the folder as a file."""
    folder = tmp_path / "各社区"
    folder.mkdir()
    write(folder, GOOD, "a.yaml")
    write(folder, "standard: [\n", "b.yaml")
    write(folder, "not a form", "readme.txt")
    run = sq("validate", folder, "--standard", MINI)
    assert run.code == 2
    assert run.out == f"{folder / 'a.yaml'}：格式正确\n"
    assert f"{folder / 'b.yaml'}:" in run.err and "readme.txt" not in run.err + run.out
    empty = tmp_path / "空"
    empty.mkdir()
    run = sq("validate", empty)
    assert run.code == 2 and "中没有自评表" in run.err


def test_validate_counts_the_problems_and_the_questions_left(sq, tmp_path: Path) -> None:
    """#10 §6: every problem in one pass, in line order, with their count; unanswered questions even if valid."""
    unfinished = GOOD.replace("  R-patrol: {value: 3.5, note: 按排班表}\n", "").replace(
        "  R-care: {value: 220}\n", "  R-care: {note: 下周补}\n"
    )
    run = sq("validate", write(tmp_path, unfinished), "--standard", MINI)
    assert run.code == 0 and run.out == f"{tmp_path / 'a.yaml'}：格式正确；还有 2 项未填报\n"
    broken = unfinished.replace("households: 3000", "households: 很多").replace("{value: 650", "{value: 大")
    broken = broken.replace("R-police: {value: 是}", "R-police: {value: 也许}")
    run = sq("validate", write(tmp_path, broken, "b.yaml"), "--standard", MINI)
    assert run.code == 2
    lines = run.err.splitlines()
    assert [line.split(":")[1] for line in lines[:3]] == ["5", "7", "8"]
    assert lines[3] == f"{tmp_path / 'b.yaml'}：共 3 处问题；还有 2 项未填报"


def test_internal_error_is_exit_3_without_traceback(sq, tmp_path: Path, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr("checker.engine.next_grade", boom)
    run = check(sq, write(tmp_path, GOOD))
    assert run.code == 3 and "内部错误" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("how", ["absolute", "relative", "beside the file"])
def test_a_submission_names_its_standard_by_id_only(sq, tmp_path: Path, how: str) -> None:
    """#11 §3: a `standard:` naming a .yaml file must not load that file as the standard (its own rules)."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: crafted", 1), encoding="utf-8")
    named = {"absolute": str(rules), "relative": "rules.yaml", "beside the file": "./rules.yaml"}[how]
    path = write(tmp_path, GOOD.replace("standard: mini", f"standard: '{named}'"))
    good = write(tmp_path, GOOD, "good.yaml")
    run = sq("validate", path, good, "--standard", MINI)
    assert run.code == 2 and "good.yaml：格式正确" in run.out  # --standard given: its own check refuses the name
    for command in ("validate", "check"):
        run = sq(command, path)
        assert run.code == 2
        assert f"a.yaml:1:11: 标准编号：未找到标准“{named}”：标准只能写标准 ID" in run.err, run.err


def test_an_unknown_standard_is_placed_and_the_batch_goes_on(sq, tmp_path: Path) -> None:
    unknown = write(tmp_path, GOOD.replace("standard: mini", "standard: nope"), "unknown.yaml")
    other = write(tmp_path, (EXAMPLES / "xuzhou-2017--kangju.yaml").read_text(encoding="utf-8"), "kangju.yaml")
    run = sq("validate", unknown, other)
    assert run.code == 2
    assert "unknown.yaml:1:11: 标准编号：未找到标准“nope”" in run.err
    assert "kangju.yaml：格式正确" in run.out


def test_yaml_reads_what_the_workbook_reads(tmp_path: Path) -> None:
    """#10 §5: full-width digits, 、-separated lists, Chinese dates and choices, a phone typed as a number."""
    from checker import standard as standards

    text = (
        GOOD.replace("filled_on: 2024-06-30", "filled_on: 2024年5月1日")
        .replace(
            "area_type: urban, households: 3000, phone: 051683001234",
            "area_type: 城市社区, households: ３０００, phone: 83001234",
        )
        .replace("R-area: {value: 650", "R-area: {value: ６５０")
        .replace("R-plaques: {value: [社区党组织, 社区居民委员会]}", "R-plaques: {value: 社区党组织、社区居民委员会}")
        .replace("handled: [M1, M2, M3, M4]", "handled: M1、M2、医疗救助申请、M4")
    )
    assessment = pipeline.load(write(tmp_path, text), standards.load_standard(MINI)).assessment
    assert assessment.filled_on == "2024-05-01"
    assert (assessment.profile.area_type, assessment.profile.households, assessment.profile.phone) == (
        "urban",
        3000,
        "83001234",
    )
    assert assessment.facts["R-area"].value == 650
    assert assessment.facts["R-plaques"].value == ["社区党组织", "社区居民委员会"]
    assert assessment.facts["R-matters"].value == {"handled": ["M1", "M2", "M3", "M4"], "online": ["M1", "M3"]}


@pytest.mark.parametrize("written", ["5月1日", "2024年13月1日", "去年"])
def test_a_date_that_is_no_date_is_refused_at_its_place(sq, tmp_path: Path, written: str) -> None:
    path = write(tmp_path, GOOD.replace("filled_on: 2024-06-30", f"filled_on: {written}"))
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2
    assert f"{path}:4:12: 填报日期：应为日期，如 2024-06-30 或 2024年6月30日，实际为“{written}”" in run.err


def test_messages_name_fields_in_the_forms_words(sq, tmp_path: Path) -> None:
    """#10 §5: 户数, 第 R-matters 项…, never community.households or facts.R-matters.value.online[1]."""
    text = GOOD.replace("households: 3000", "households: 很多").replace("online: [M1, M3]", "online: [M1, M9]")
    path = write(tmp_path, text)
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2
    assert f"{path}:5:84: 户数：应为整数/空值，实际为文字“很多”" in run.err
    assert "第 R-matters 项网上可办事项的第 2 项事项：" in run.err
    assert "community." not in run.err and "facts." not in run.err and "字段" not in run.err
    english = sq("validate", path, "--standard", MINI, "--lang", "en").err
    assert "households: expected" in english and "matter 2 online under R-matters: " in english


def test_thousands_of_unknown_ids_get_a_few_suggestions_and_every_place(
    sq, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#11 §6: each unknown ID had a difflib search and a linear locate (30,000 IDs: minutes). Now only the first
    few get a "did you mean"; every one is still placed at its own line."""
    import difflib

    from checker import yamlio

    searches = []

    def counted(*args: object, **kwargs: object) -> list[str]:
        searches.append(args[0])
        return difflib.get_close_matches(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlio, "get_close_matches", counted)
    unknown = "".join(f"  R-arae{i}: {{value: 1}}\n" for i in range(2000))
    path = write(tmp_path, GOOD + unknown)
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2
    first = len(GOOD.splitlines()) + 1
    lines = run.err.splitlines()
    assert len(searches) == yamlio.SUGGESTIONS
    assert re.match(rf"{re.escape(str(path))}:{first}:3: .*未知的要求 ID“R-arae0”（是否应为“R-", lines[0])
    assert re.search(rf"{re.escape(str(path))}:{first + 1999}:3: .*未知的要求 ID“R-arae1999”\n", run.err)
    assert sum("是否应为" in line for line in lines) == yamlio.SUGGESTIONS


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 40), ("district", 30), ("street", 30), ("contact", 40), ("phone", 40)]
)
def test_community_fields_are_capped_where_the_domain_allows(sq, tmp_path: Path, field: str, limit: int) -> None:
    """#11 §6: a 2,000-character community name made the PDF's running header take minutes to lay out."""
    long = "康" * (limit + 1)
    community = {"name": "蝶梦社区", "district": "云龙区", "street": "彭城街道", "area_type": "urban", field: long}
    line = "community: {" + ", ".join(f"{key}: {value}" for key, value in community.items()) + "}"
    text = re.sub(r"^community: .*$", line, GOOD, count=1, flags=re.M)
    run = sq("validate", write(tmp_path, text), "--standard", MINI)
    assert run.code == 2
    assert re.search(rf"a\.yaml:5:\d+: .*不能超过 {limit} 个字", run.err), run.err


def test_big5_text_is_refused_not_shown_as_garbage(sq, tmp_path: Path) -> None:
    """#11 §9: Big5 bytes decode as GB18030 too, into rare characters, and were read with a "GBK" notice."""
    traditional = GOOD
    for simplified, big5 in {
        "蝶梦": "蝶夢",
        "社区": "社區",
        "云龙区": "雲龍區",
        "大厅": "大廳",
        "门头": "門頭",
    }.items():
        traditional = traditional.replace(simplified, big5)
    for simplified, big5 in {
        "蓝": "藍",
        "综合服务": "綜合服務",
        "委员会": "委員會",
        "党": "黨",
        "组织": "組織",
    }.items():
        traditional = traditional.replace(simplified, big5)
    path = write(tmp_path, traditional, encoding="big5")
    run = sq("validate", path, "--standard", MINI)
    assert run.code == 2
    assert f"{path}:1:1: 无法确定文件编码" in run.err and "GBK/GB18030 编码，已按该编码读取" not in run.err


def test_validate_goes_on_past_our_own_bug_with_one_file(sq, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#11 §2: an exception with one file stopped `validate A B C` there; now it is named and the rest go on."""
    from checker import pipeline

    validate = pipeline.validate

    def broken(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "a.yaml":
            raise OverflowError("int too large to convert to float")
        return validate(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "validate", broken)
    first, second = write(tmp_path, GOOD, "a.yaml"), write(tmp_path, GOOD, "b.yaml")
    run = sq("validate", first, second, "--standard", MINI)
    assert run.code == 3
    assert f"内部错误（{first}）：OverflowError" in run.err and "b.yaml：格式正确" in run.out
