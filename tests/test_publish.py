"""sqcheck publish end to end: rejected files and denominators, determinism, progress, roster, audits, exits."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from tests.conftest import MINI, run_cli
from tests.publish_support import FIXED_TIME, assessment, publish_args, summary, tree, write_yaml
from tests.reports_support import HOSTILE_NAME, Markup


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", FIXED_TIME)


def messy_round(folder: Path) -> Path:
    """Three communities, and around them: a duplicate, a broken file, two GBK files, a note."""
    write_yaml(folder / "鼓楼区" / "康居.yaml", assessment("康居社区"))
    write_yaml(folder / "鼓楼区" / "民主-初稿.yaml", assessment("民主社区", filled_on="2024-06-01", R_police=False))
    write_yaml(folder / "鼓楼区" / "民主-修订.yaml", assessment(" 民主社区", filled_on="2024-06-20", R_patrol=None))
    write_yaml(
        folder / "云龙区" / "下淀.yaml", assessment("下淀社区", "云龙区", "大郭庄街道", R_colour="白底红字"), "gbk"
    )
    broken = assessment("错社区", "云龙区")
    del broken["period"]
    write_yaml(folder / "云龙区" / "无效GBK.yaml", broken, "gbk")
    (folder / "云龙区" / "坏文件.yaml").write_text("standard: mini\ncommunity: [\n", encoding="utf-8")
    (folder / "说明.txt").write_text("各社区自评表", encoding="utf-8")
    return folder


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in data["communities"]}


def test_a_messy_round_lists_what_it_rejected_and_states_its_denominators(tmp_path: Path) -> None:
    inputs, out = messy_round(tmp_path / "round"), tmp_path / "out"
    run = run_cli(*publish_args(inputs, out=out))
    assert run.code == 1, run.err  # gaps found; rejected files alone never make it 2
    data = summary(out)
    assert data["denominators"] == {
        "expected": None,
        "submitted": 6,
        "valid": 3,
        "invalid": 2,
        "duplicates": 1,
        "other_standard": 0,
        "audited": 0,
        "missing": None,
        "not_on_roster": None,
        "compliant": 1,
        "with_gaps": 2,
        "ignored_files": 1,
        "skipped": 0,
        "internal_errors": 0,
        "other_documents": 0,
    }
    rejected = {Path(r["file"]).name: r for r in data["rejected"]}
    assert sorted(rejected) == ["坏文件.yaml", "无效GBK.yaml", "民主-初稿.yaml"]
    # the later filled_on wins; the earlier draft names the file that was kept
    draft = rejected["民主-初稿.yaml"]
    assert (draft["kind"], Path(draft["kept"]).name) == ("duplicate", "民主-修订.yaml")
    assert [e["code"] for e in draft["errors"]] == ["publish.duplicate"]
    broken = rejected["坏文件.yaml"]
    assert broken["kind"] == "invalid" and [(e["code"], e["line"]) for e in broken["errors"]] == [("yaml.syntax", 3)]
    assert broken["error"].startswith("云龙区/坏文件.yaml:3:")  # named relative to the input folder
    # a GBK file is read (with a notice); if it is also invalid it is rejected for that, notice included
    gbk_invalid = rejected["无效GBK.yaml"]
    assert gbk_invalid["kind"] == "invalid"
    assert [e["code"] for e in gbk_invalid["errors"]] == ["file.gbk_notice", "schema.required"]
    communities = by_name(data)
    assert sorted(communities) == ["下淀社区", "康居社区", "民主社区"]
    xiadian = communities["下淀社区"]
    assert [n["code"] for n in xiadian["notices"]] == ["file.gbk_notice"]
    assert (xiadian["score"], xiadian["grade"]["id"], xiadian["gaps"]) == (95.2, "A", ["R-colour"])  # 40/42
    minzhu = communities["民主社区"]
    assert Path(minzhu["file"]).name == "民主-修订.yaml"
    assert (minzhu["score"], minzhu["grade"]["id"], minzhu["gaps"]) == (90.5, "B", ["R-patrol"])  # 38/42, unanswered
    assert (communities["康居社区"]["score"], communities["康居社区"]["compliant"]) == (100.0, True)
    assert "3 个文件未采用" in run.err


def test_the_four_outputs_and_a_page_per_community(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(*publish_args(messy_round(tmp_path / "round"), out=out))
    assert sorted(p.name for p in out.iterdir()) == [
        "communities",
        "index.html",
        "report.pdf",
        "summary.csv",
        "summary.json",
    ]
    data = summary(out)
    pages = sorted(p.name for p in (out / "communities").iterdir())
    assert pages == sorted(Path(c["page"]).name for c in data["communities"])
    html = (out / "index.html").read_text(encoding="utf-8")
    doc = Markup(html)
    hrefs = sorted(str(attrs.get("href")) for tag, attrs in doc.tags if tag == "a")
    assert hrefs[3:] == ["report.pdf", "summary.csv", "summary.json"]
    assert [(out / unquote(h)).is_file() for h in hrefs[:3]] == [True] * 3
    # offline: nothing fetched (no stylesheets, images or script files), one inline script of our own
    assert not [t for t, a in doc.tags if t in ("link", "img", "iframe") or (t == "script" and a.get("src"))]
    assert sum(t == "script" for t, _ in doc.tags) == 1
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # UTF-8 with BOM: Excel shows the Chinese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["区", "街道", "社区", "得分"]
    assert [r[2] for r in rows[1:]] == ["下淀社区", "康居社区", "民主社区"]  # sorted by district, street, name
    assert rows[3][3:7] == ["90.5", "达标", "1", "R-patrol"]


def test_the_same_round_gives_the_same_bytes_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    inputs = messy_round(tmp_path / "round")
    for i in range(8):  # enough files for the workers to interleave
        write_yaml(
            inputs / "泉山区" / f"{i:02d}.yaml", assessment(f"湖滨{i}社区", "泉山区", "湖滨街道", R_area=100 * i)
        )
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli(*publish_args(inputs, out=one, extra=("--jobs", "1"))).code == 1
    assert run_cli(*publish_args(inputs, out=two, extra=("--jobs", "2"))).code == 1
    first = tree(one)
    assert len(first) == 4 + 11  # the four outputs and eleven community pages
    assert tree(two) == first
    assert run_cli(*publish_args(inputs, out=one, extra=("--jobs", "2"))).code == 1  # again, over the old output
    assert tree(one) == first


def test_a_community_gone_from_the_round_loses_its_page(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "a.yaml", assessment("甲社区"))
    gone = write_yaml(inputs / "b.yaml", assessment("乙社区"))
    run_cli(*publish_args(inputs, out=out, extra=("--format", "html")))
    assert len(list((out / "communities").iterdir())) == 2
    gone.unlink()
    assert run_cli(*publish_args(inputs, out=out, extra=("--format", "html"))).code == 0
    assert [p.name.split("-")[1] for p in (out / "communities").iterdir()] == ["甲社区"]
    assert sorted(p.name for p in out.iterdir()) == ["communities", "index.html"]


# ---------------------------------------------------------------- progress since the previous round


def two_rounds(tmp_path: Path) -> tuple[Path, Path]:
    """Round 1: 甲 lacks the police office and left patrol hours empty; 乙 has half the area; 丙 is compliant.
    Round 2: 甲 got its police office but its sign is now wrong, patrol still empty; 乙 unchanged; 丁 is new."""
    first, second = tmp_path / "r1", tmp_path / "r2"
    write_yaml(first / "甲.yaml", assessment("甲社区", R_police=False, R_patrol=None))  # 33/42 = 78.6
    write_yaml(first / "乙.yaml", assessment("乙社区", R_area=300))  # 5 of 10 points for the area: 37/42 = 88.1
    write_yaml(first / "丙.yaml", assessment("丙社区"))
    write_yaml(second / "甲.yaml", assessment("甲社区", R_colour="白底红字", R_patrol=None))  # 36/42 = 85.7
    write_yaml(second / "乙.yaml", assessment("乙社区", R_area=300))
    write_yaml(second / "丁.yaml", assessment("丁社区"))
    return first, second


EXPECTED_PROGRESS = {
    "totals": {
        "compared": 2,
        "compared_verified": 0,
        "compared_claimed": 2,
        "compared_mixed": 0,
        "newly_met": 1,
        "newly_missing": 1,
        "still_missing": 2,
        "new_communities": 1,
        "gone_communities": 1,
    },
    "communities": [
        {
            "district": "鼓楼区",
            "street": "丰财街道",
            "name": "乙社区",
            "basis": "claimed",
            "score_before": 88.1,
            "score_now": 88.1,
            "score_change": 0.0,
            "newly_met": [],
            "newly_missing": [],
            "still_missing": ["R-area"],
        },
        {
            "district": "鼓楼区",
            "street": "丰财街道",
            "name": "甲社区",
            "basis": "claimed",
            "score_before": 78.6,
            "score_now": 85.7,
            "score_change": 7.1,
            "newly_met": ["R-police"],
            "newly_missing": ["R-colour"],
            "still_missing": ["R-patrol"],
        },
    ],
    "new_communities": [{"district": "鼓楼区", "street": "丰财街道", "name": "丁社区", "score": 100.0}],
    "gone_communities": [{"district": "鼓楼区", "street": "丰财街道", "name": "丙社区", "score": 100.0}],
}


def changed_requirements(progress: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {
        r["id"]: (r["newly_met"], r["newly_missing"], r["still_missing"])
        for r in progress["requirements"]
        if r["newly_met"] or r["newly_missing"] or r["still_missing"]
    }


@pytest.mark.parametrize("previous_is", ["publication", "folder"])
def test_progress_against_a_hand_checked_previous_round(tmp_path: Path, previous_is: str) -> None:
    first, second = two_rounds(tmp_path)
    previous = first
    if previous_is == "publication":
        previous = tmp_path / "out1"
        assert run_cli(*publish_args(first, out=previous, extra=("--format", "json"))).code == 1
    out = tmp_path / "out2"
    assert run_cli(*publish_args(second, out=out, extra=("--previous", previous, "--format", "json"))).code == 1
    progress = summary(out)["progress"]
    # named by its folder, never by a local path
    assert progress["previous"] == ("out1/summary.json" if previous_is == "publication" else previous.name)
    assert {k: v for k, v in progress.items() if k not in ("previous", "requirements")} == EXPECTED_PROGRESS
    assert changed_requirements(progress) == {
        "R-area": (0, 0, 1),
        "R-police": (1, 0, 0),
        "R-colour": (0, 1, 0),
        "R-patrol": (0, 0, 1),
    }


def test_the_previous_round_is_named_by_its_title_where_people_read(tmp_path: Path) -> None:
    """A tester read 「上一轮：…2025/summary.json」 as a file name and found no word in index.html on which
    round 上轮得分 is: both now name the previous publication by its own title (the file still said after it)."""
    from pypdf import PdfReader

    first, second = two_rounds(tmp_path)
    out1 = tmp_path / "out1"
    extra1 = ("--format", "json", "--title", "2025年度达标情况通报")
    assert run_cli(*publish_args(first, out=out1, extra=extra1)).code == 1
    out = tmp_path / "out2"
    assert run_cli(*publish_args(second, out=out, extra=("--previous", out1, "--format", "html,pdf"))).code == 1
    text = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    assert "上一轮：2025年度达标情况通报（依据 out1/summary.json）" in text.replace("\n", "")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "“上轮得分”为上一轮（2025年度达标情况通报）发布的得分。" in index


def test_progress_appears_in_the_report(tmp_path: Path) -> None:
    from pypdf import PdfReader

    first, second = two_rounds(tmp_path)
    out = tmp_path / "out"
    run_cli(*publish_args(second, out=out, extra=("--previous", first, "--format", "pdf")))
    text = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    assert "与上一轮相比" in text and "新达标 1 项次" in text and "+7.1" in text


def test_a_previous_round_against_another_standard_is_refused(tmp_path: Path) -> None:
    first, second = two_rounds(tmp_path)
    out1 = tmp_path / "out1"
    run_cli(*publish_args(first, out=out1, extra=("--format", "json")))
    path = out1 / "summary.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"id": "mini"', '"id": "xuzhou-2017"'), encoding="utf-8")
    run = run_cli(*publish_args(second, out=tmp_path / "out2", extra=("--previous", out1)))
    assert run.code == 2 and "xuzhou-2017" in run.err
    assert not (tmp_path / "out2").exists()  # refused before any work


# ---------------------------------------------------------------- roster


def test_a_roster_gives_expected_and_missing_communities(tmp_path: Path) -> None:
    inputs, out = messy_round(tmp_path / "round"), tmp_path / "out"
    roster = tmp_path / "名册.csv"
    roster.write_text(
        "社区,区,街道\n康居社区,鼓楼区,丰财街道\n民主社区,鼓楼区,丰财街道\n缺席社区,泉山区,湖滨街道\n", "utf-8"
    )
    assert run_cli(*publish_args(inputs, out=out, extra=("--roster", roster, "--format", "json"))).code == 1
    data = summary(out)
    d = data["denominators"]
    assert (d["expected"], d["valid"], d["missing"], d["not_on_roster"]) == (3, 3, 1, 1)
    assert data["missing"] == [{"district": "泉山区", "street": "湖滨街道", "name": "缺席社区"}]
    assert {c["name"]: c["on_roster"] for c in data["communities"]} == {
        "下淀社区": False,
        "康居社区": True,
        "民主社区": True,
    }
    quanshan = next(row for row in data["districts"] if row["district"] == "泉山区")
    assert (quanshan["communities"], quanshan["expected"], quanshan["missing"]) == (0, 1, 1)


def test_a_bad_roster_is_a_usage_error_with_lines(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("区,街道,社区\n鼓楼区,丰财街道,康居社区\n鼓楼区,,民主社区\n鼓楼区,丰财街道,康居社区\n", "utf-8")
    run = run_cli(*publish_args(messy_round(tmp_path / "round"), out=tmp_path / "out", extra=("--roster", roster)))
    assert run.code == 2
    assert f"{roster}:3:2: 名册中“街道”为空" in run.err
    assert f"{roster}:4:1: 名册中 鼓楼区 康居社区 重复（首次在第 2 行）" in run.err
    assert not (tmp_path / "out").exists()


def test_a_roster_on_one_line_still_has_its_duplicates_found(tmp_path: Path) -> None:
    entry = {"district": "鼓楼区", "street": "丰财街道", "name": "康居社区"}
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"communities": [entry, entry]}, ensure_ascii=False), "utf-8")
    run = run_cli(*publish_args(messy_round(tmp_path / "round"), out=tmp_path / "out", extra=("--roster", roster)))
    assert run.code == 2 and "名册中 鼓楼区 康居社区 重复（首次在第 1 行）" in run.err


# ---------------------------------------------------------------- audits


def audit(sha256: str, **checks: Any) -> dict[str, Any]:
    return {
        "standard": "mini",
        "assessment": {"sha256": sha256},
        "inspector": "区民政局 王某",
        "date": "2024-06-25",
        "checks": checks,
    }


def test_audits_are_matched_by_the_assessments_sha256(tmp_path: Path) -> None:
    import hashlib

    inputs, audits, out = tmp_path / "round", tmp_path / "audits", tmp_path / "out"
    kangju = write_yaml(inputs / "康居.yaml", assessment("康居社区"))
    write_yaml(inputs / "民主.yaml", assessment("民主社区"))
    sha = hashlib.sha256(kangju.read_bytes()).hexdigest()
    finding = {"finding": "not_confirmed", "verified": False, "comment": "现场无警务室"}
    write_yaml(audits / "康居-核查.yaml", audit(sha, **{"R-police": finding}))
    write_yaml(audits / "旧表-核查.yaml", audit("0" * 64))
    write_yaml(audits / "缺哈希.yaml", {"standard": "mini", "inspector": "王某"})
    run = run_cli(*publish_args(inputs, out=out, extra=("--audits", audits, "--format", "json")))
    assert run.code == 1  # the audit found a gap the community did not report
    data = summary(out)
    assert data["denominators"]["audited"] == 1
    kangju_row = by_name(data)["康居社区"]
    assert kangju_row["audited"] and kangju_row["gaps"] == ["R-police"]
    assert (kangju_row["score"], kangju_row["audit"]["claimed_score"]) == (88.1, 100.0)  # judged on verified facts
    assert by_name(data)["民主社区"]["audited"] is False
    kinds = {Path(r["file"]).name: (r["kind"], [e["code"] for e in r["errors"]]) for r in data["rejected"]}
    assert kinds == {
        "旧表-核查.yaml": ("audit_unmatched", ["publish.audit_unmatched"]),
        "缺哈希.yaml": ("audit_invalid", ["publish.audit_no_sha"]),
    }


# ---------------------------------------------------------------- exit codes and usage


def test_exit_0_when_every_valid_community_is_compliant(tmp_path: Path) -> None:
    inputs = tmp_path / "round"
    write_yaml(inputs / "a.yaml", assessment("甲社区"))
    (inputs / "broken.yaml").write_text("standard: [", encoding="utf-8")
    run = run_cli(*publish_args(inputs, out=tmp_path / "out", extra=("--format", "json")))
    assert run.code == 0  # a rejected file is reported, not an error
    assert summary(tmp_path / "out")["denominators"]["invalid"] == 1


def test_exit_1_when_no_file_is_valid(tmp_path: Path) -> None:
    inputs = tmp_path / "round"
    inputs.mkdir()
    (inputs / "broken.yaml").write_text("standard: [", encoding="utf-8")
    run = run_cli(*publish_args(inputs, out=tmp_path / "out", extra=("--format", "json,csv")))
    assert run.code == 1
    data = summary(tmp_path / "out")
    assert data["communities"] == [] and data["denominators"]["valid"] == 0 and len(data["rejected"]) == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli(*publish_args(empty, out=tmp_path / "out"))
    assert run.code == 2 and "没有找到自评表" in run.err
    run = run_cli(*publish_args(messy_round(tmp_path / "round"), out=tmp_path / "out", extra=("--format", "html,docx")))
    assert run.code == 2 and "docx" in run.err
    run = run_cli("publish", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert run.code == 2


def test_the_output_folder_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    inputs = tmp_path / "round"
    write_yaml(inputs / "a.yaml", assessment("甲社区"))
    for _ in range(2):
        run = run_cli(*publish_args(inputs, out=inputs / "out", extra=("--format", "json")))
        assert run.code == 0 and summary(inputs / "out")["denominators"]["submitted"] == 1


def test_english_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_cli(
        *publish_args(messy_round(tmp_path / "round"), out=out, extra=("--lang", "en", "--format", "csv,html"))
    )
    assert run.code == 1 and "published to" in run.out
    header = (out / "summary.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("district,street,community,score,grade")
    assert "Communities at a glance" in (out / "index.html").read_text(encoding="utf-8")


def test_hostile_names_are_escaped_everywhere(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "x.yaml", assessment(HOSTILE_NAME, district=HOSTILE_NAME, street="=HYPERLINK(1)"))
    assert run_cli(*publish_args(inputs, out=out, extra=("--format", "html,csv"))).code == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    doc = Markup(html)
    assert not [t for t, _ in doc.tags if t == "link"] and sum(t == "script" for t, _ in doc.tags) == 1
    assert "&lt;script&gt;" in html
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(1)"  # Excel must not run it


def test_community_pdfs_on_request(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "a.yaml", assessment("甲社区", R_police=False))
    write_yaml(inputs / "b.yaml", assessment("乙社区"))
    args = ("--format", "json", "--community-pdfs", "--jobs", "2")
    assert run_cli(*publish_args(inputs, out=out, extra=args)).code == 1
    pdfs = sorted((out / "communities").glob("*.pdf"))
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    assert summary(out)["communities"][0]["page"] is None  # no HTML asked for, so no HTML pages


def test_community_pdfs_are_reused_when_the_time_is_the_clocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing the same files again lays out no PDF: the round's time is the clock's, not an input, so each
    community's PDF made the first time is read back from the cache folder (#16 §5). A pinned time is an input."""
    from checker import cache as disk_cache

    monkeypatch.delenv("SQCHECK_FIXED_TIME")
    inputs = tmp_path / "round"
    write_yaml(inputs / "a.yaml", assessment("甲社区", R_police=False))
    write_yaml(inputs / "b.yaml", assessment("乙社区"))
    args = ("--format", "json", "--community-pdfs", "--jobs", "1")
    folder = disk_cache.folder()
    assert folder is not None

    def entries() -> int:
        return sum(1 for p in folder.rglob("*") if p.is_file() and p.read_bytes().startswith(b"%PDF-"))

    def pdfs(out: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((out / "communities").glob("*.pdf"))}

    assert run_cli(*publish_args(inputs, out=tmp_path / "first", extra=args)).code == 1
    made = entries()
    assert made == 2
    assert run_cli(*publish_args(inputs, out=tmp_path / "again", extra=args)).code == 1
    assert entries() == made  # nothing laid out
    assert pdfs(tmp_path / "again") == pdfs(tmp_path / "first") and len(pdfs(tmp_path / "first")) == 2
    monkeypatch.setenv("SQCHECK_FIXED_TIME", FIXED_TIME)
    assert run_cli(*publish_args(inputs, out=tmp_path / "pinned", extra=args)).code == 1
    assert entries() == made + 2  # a pinned time is printed as given: an input, so new PDFs


def test_json_keys_are_documented(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    out = tmp_path / "out"
    run_cli(*publish_args(messy_round(tmp_path / "round"), out=out, extra=("--format", "json")))
    data = summary(out)
    doc = (ROOT / "docs" / "publish.md").read_text(encoding="utf-8")
    keys = set(data) | {f"denominators.{k}" for k in data["denominators"]}
    keys |= {f"communities[].{k}" for k in data["communities"][0]}
    keys |= {f"requirements[].{k}" for k in data["requirements"][0]}
    keys |= {f"rejected[].{k}" for k in data["rejected"][0]}
    undocumented = sorted(k for k in keys if f"`{k.rsplit('.', 1)[-1]}`" not in doc)
    assert undocumented == []


def test_a_yaml_roster(tmp_path: Path) -> None:
    from checker.publish.roster import read_roster

    path = tmp_path / "roster.yaml"
    path.write_text(
        yaml.safe_dump(
            {"communities": [{"district": "鼓楼区", "street": "丰财街道", "name": "康居社区"}]}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    roster = read_roster(path)
    assert [(e.district, e.street, e.name, e.line) for e in roster.entries] == [("鼓楼区", "丰财街道", "康居社区", 2)]


def test_workbooks_are_read_like_yaml(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    source = write_yaml(tmp_path / "乙.yaml", assessment("乙社区", R_police=False))
    assert run_cli("convert", source, inputs / "乙.xlsx", "--standard", MINI).code == 0
    write_yaml(inputs / "甲.yaml", assessment("甲社区"))
    assert run_cli(*publish_args(inputs, out=out, extra=("--format", "json"))).code == 1
    communities = by_name(summary(out))
    assert Path(communities["乙社区"]["file"]).suffix == ".xlsx"
    assert (communities["乙社区"]["gaps"], communities["甲社区"]["gaps"]) == (["R-police"], [])


def test_an_internal_error_is_a_rejection_the_round_goes_on_and_the_exit_is_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.publish import collect

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("R-x")

    monkeypatch.setattr(collect, "judge_with_audit", broken)
    inputs, out = tmp_path / "round", tmp_path / "out"
    path = write_yaml(inputs / "a.yaml", assessment("甲社区"))
    run = run_cli(*publish_args(inputs, out=out))
    assert run.code == 3
    assert f"{path.name}: " in run.err and "KeyError: 'R-x'" in run.err  # as the publication names it
    data = summary(out)  # the publication is written all the same, the file listed with the bug it hit
    assert [(r["kind"], r["errors"][0]["code"]) for r in data["rejected"]] == [
        ("internal_error", "publish.internal_error")
    ]
    assert data["denominators"]["internal_errors"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.sqcheck-lock", "out", "round"]  # no staging left


# ---------------------------------------------------------------- only regular files inside the folders


def test_links_fifos_and_unreadable_folders_are_listed_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "a.yaml", assessment("甲社区"))
    outside = write_yaml(tmp_path / "elsewhere" / "x.yaml", assessment("外来社区"))  # valid, yet never published
    (inputs / "link.yaml").symlink_to(outside)
    (inputs / "linked").symlink_to(outside.parent)
    os.mkfifo(inputs / "pipe.yaml")
    (inputs / "locked").mkdir()
    write_yaml(inputs / "locked" / "b.yaml", assessment("乙社区"))
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if not isinstance(path, int) and Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    run = run_cli(*publish_args(inputs, out=out, extra=("--format", "json,html")))
    assert run.code == 0, run.err
    data = summary(out)
    assert [c["name"] for c in data["communities"]] == ["甲社区"]
    skipped = [(Path(r["file"]).name, r["kind"], r["errors"][0]["code"]) for r in data["rejected"]]
    assert skipped == [
        ("link.yaml", "skipped", "file.symlink"),
        ("linked", "skipped", "file.symlink"),
        ("locked", "skipped", "folder.unreadable"),
        ("pipe.yaml", "skipped", "file.fifo"),
    ]
    assert (data["denominators"]["skipped"], data["denominators"]["submitted"]) == (4, 1)
    assert "外来社区" not in (out / "index.html").read_text(encoding="utf-8")


def test_every_csv_column_is_guarded_against_formulas(tmp_path: Path) -> None:
    """#11 §4: the grade column went out unguarded, and a zero-width space before "=" slipped past the guard."""
    standard = tmp_path / "std" / "mini.yaml"
    standard.parent.mkdir()
    standard.write_text(MINI.read_text(encoding="utf-8").replace("title: 示范,", "title: '=1+1',"), encoding="utf-8")
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "x.yaml", assessment("\u200b=HYPERLINK(1)", district="@SUM(1)", street="\ufeff+1"))
    run = run_cli("publish", inputs, "-o", out, "--standard", standard, "--format", "csv")
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[1][:5] == ["'@SUM(1)", "'\ufeff+1", "'\u200b=HYPERLINK(1)", "100.0", "'=1+1"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('社区,区,街道\n康居社区,鼓楼区,丰财街道\n"民主社区,鼓楼区,丰财街道\n缺席社区,泉山区,湖滨街道\n', 3),
        ("社区,区,街道\n康居社区,鼓楼区,丰财街道\n" + "长" * 200_000 + ",鼓楼区,丰财街道\n", 3),
    ],
    ids=["unbalanced quote", "oversized cell"],
)
def test_a_roster_that_is_not_valid_csv_is_placed(tmp_path: Path, text: str, line: int) -> None:
    """#11 §2 §9: an unbalanced quote swallowed the rest of the roster silently; an oversized cell was exit 3."""
    inputs, roster = messy_round(tmp_path / "round"), tmp_path / "名册.csv"
    roster.write_text(text, "utf-8")
    run = run_cli(*publish_args(inputs, out=tmp_path / "out", extra=("--roster", roster)))
    assert run.code == 2, run.err
    assert f"{roster}:{line}:1: 名册不是有效的 CSV" in run.err


# ---------------------------------------------------------------- one work list per responsible body


def test_one_work_list_per_responsible_body(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    out = tmp_path / "out"
    run = run_cli("publish", *sorted(EXAMPLES.glob("xuzhou-2017--*.yaml")), "-o", out, "--format", "json")
    assert run.code == 1, run.err
    departments = summary(out)["departments"]
    bodies = [d["body"] for d in departments]
    assert len(bodies) == len(set(bodies)) and None not in bodies  # each body once, every list keyed by a body
    names = [d["department"] for d in departments]
    assert len(names) == len(set(names))
    civil = next(d for d in departments if d["body"] == "district-civil-affairs")
    assert civil["department"] == "区民政局"
    roles = {w["role"] for w in civil["requirements"]}
    assert any(role and role.startswith("区民政局（") for role in roles)  # the standard's wording kept as the role
    # a matter whose department is 卫健 lands in the health commission's list, not in a list of its own
    assert not [n for n in names if n in ("卫健", "残联", "民政", "人社")]


# ---------------------------------------------------------------- the previous round: like with like, checked


def test_an_audit_finding_is_not_a_regression(tmp_path: Path) -> None:
    """Round 1 unaudited; round 2 audited, the inspector found no police office the community claimed: claims are
    compared with claims (nothing changed), and the audit's finding stays the verified gap of round 2."""
    import hashlib

    first, second, audits = tmp_path / "r1", tmp_path / "r2", tmp_path / "audits"
    write_yaml(first / "甲.yaml", assessment("甲社区"))
    claimed = write_yaml(second / "甲.yaml", assessment("甲社区", filled_on="2024-06-02"))
    finding = {"finding": "not_confirmed", "verified": False, "comment": "现场无警务室"}
    write_yaml(
        audits / "甲-核查.yaml", audit(hashlib.sha256(claimed.read_bytes()).hexdigest(), **{"R-police": finding})
    )
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    assert run_cli(*publish_args(first, out=out1, extra=("--format", "json"))).code == 0
    extra = ("--audits", audits, "--previous", out1, "--format", "json")
    assert run_cli(*publish_args(second, out=out2, extra=extra)).code == 1
    data = summary(out2)
    row = by_name(data)["甲社区"]
    assert (row["gaps"], row["gaps_claimed"], row["score_claimed"]) == (["R-police"], [], 100.0)
    change = data["progress"]["communities"][0]
    assert (change["basis"], change["newly_missing"], change["score_change"]) == ("claimed", [], 0.0)
    # audited in both rounds: verified is compared with verified
    out3 = tmp_path / "out3"
    assert run_cli(*publish_args(second, out=out3, extra=("--audits", audits, "--previous", out2))).code == 1
    change = summary(out3)["progress"]["communities"][0]
    assert (change["basis"], change["still_missing"]) == ("verified", ["R-police"])


def test_our_summary_json_is_valid_against_the_published_schema(tmp_path: Path) -> None:
    import jsonschema

    from checker.validation import load_schema

    first, second = two_rounds(tmp_path)
    out = tmp_path / "out"
    run_cli(*publish_args(second, out=out, extra=("--previous", first, "--format", "json")))
    jsonschema.validate(summary(out), load_schema("summary.schema.json"))


@pytest.mark.parametrize(
    ("old", "new", "detail"),
    [
        ('"score": 100.0', '"score": NaN', "NaN"),
        ('"score": 100.0', '"score": Infinity', "Infinity"),
        ('"score": 100.0', '"score": 1e999', "overflow"),
        ('"score": 100.0', '"score": 1000', "communities[0].score"),
        ('"score": 100.0', '"score": true', "communities[0].score"),
        ('"gaps": []', '"gaps": "R-area"', "communities[0].gaps"),
        ('"gaps": []', '"gaps": ["R-nowhere"]', "R-nowhere"),
        ('"name": "丙社区"', '"name": {"a": 1}', "communities[0].name"),
        ('"schema_version": 1', '"schema_version": 7', "schema_version"),
    ],
    ids=["NaN", "Infinity", "overflow", "out of scale", "boolean", "string gaps", "unknown ID", "object", "version"],
)
def test_a_previous_summary_is_checked_not_trusted(tmp_path: Path, old: str, new: str, detail: str) -> None:
    first, second = two_rounds(tmp_path)
    out1 = tmp_path / "out1"
    run_cli(*publish_args(first, out=out1, extra=("--format", "json")))
    path = out1 / "summary.json"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = run_cli(*publish_args(second, out=tmp_path / "out2", extra=("--previous", path)))
    assert run.code == 2, run.err
    assert "无法读取上一轮的 summary.json" in run.err and detail in run.err, run.err
    assert not (tmp_path / "out2").exists()  # refused before any work


def test_a_previous_summary_is_read_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.publish import progress

    first, second = two_rounds(tmp_path)
    out1 = tmp_path / "out1"
    run_cli(*publish_args(first, out=out1, extra=("--format", "json")))
    monkeypatch.setattr(progress, "MAX_SUMMARY_BYTES", 1000)
    run = run_cli(*publish_args(second, out=tmp_path / "out2", extra=("--previous", out1)))
    assert run.code == 2 and "文件过大" in run.err


def big_previous(tmp_path: Path, communities: int, rejected: int) -> Path:
    """A previous round's summary.json grown on purpose: ``communities`` copies of its first community (new
    names) and ``rejected`` entries, as a large round writes them."""
    first, _ = two_rounds(tmp_path)
    out1 = tmp_path / "out1"
    run_cli(*publish_args(first, out=out1, extra=("--format", "json")))
    data = summary(out1)
    template = data["communities"][0]
    data["communities"] = [dict(template, name=f"社区{i:06d}") for i in range(communities)]
    entry = {"file": "x.yaml", "kind": "invalid", "error": "坏" * 100, "errors": [], "kept": None}
    data["rejected"] = [dict(entry, file=f"{i:06d}.yaml") for i in range(rejected)]
    path = tmp_path / "previous.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_a_previous_summary_is_read_as_a_stream_not_held_whole(tmp_path: Path) -> None:
    """#11 §7: what a round does not need of its previous summary.json (here 20,000 rejected entries, ~7 MB) is
    read past, never held: Python's allocations while reading stay a small part of the file's size (json.loads
    held the whole document: ~4x the file)."""
    import tracemalloc

    from checker import standard as standards
    from checker.publish import aggregate
    from checker.publish.progress import read_summary

    path = big_previous(tmp_path, communities=10, rejected=20_000)
    standard = standards.load_standard(MINI)
    ids = aggregate.requirement_ids(standard)
    tracemalloc.start()
    try:
        found = read_summary(path, "mini", ids).standings
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) == 10
    assert peak < path.stat().st_size / 10, (peak, path.stat().st_size)


def test_every_community_of_a_streamed_previous_summary_is_checked(tmp_path: Path) -> None:
    path = big_previous(tmp_path, communities=3_000, rejected=0)
    text = path.read_text(encoding="utf-8")
    last = text.rindex('"score": ')  # the last community's score, far past what the outline keeps
    path.write_text(text[:last] + '"score": 1000' + text[text.index(",", last) :], encoding="utf-8")
    _, second = two_rounds(tmp_path / "again")
    run = run_cli(*publish_args(second, out=tmp_path / "out2", extra=("--previous", path)))
    assert run.code == 2 and "communities[2999].score" in run.err, run.err


def test_a_previous_summary_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = big_previous(tmp_path, communities=2, rejected=0)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, second = two_rounds(tmp_path / "again")
    run = run_cli(*publish_args(second, out=tmp_path / "out2", extra=("--previous", path, "--format", "json")))
    assert run.code == 1, run.err
    assert summary(tmp_path / "out2")["progress"]["totals"]["gone_communities"] == 2


def test_index_rows_carry_gap_titles_and_the_previous_score(tmp_path: Path) -> None:
    """The index's filter matches a row's text, so a row listing 门口只挂两块牌子 is found by 搜“门口”."""
    from tests.conftest import EXAMPLES

    files = sorted(EXAMPLES.glob("xuzhou-2017--*.yaml"))
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    assert run_cli("publish", *files, "-o", out1, "--format", "json").code == 1
    assert run_cli("publish", *files, "-o", out2, "--format", "html", "--previous", out1).code == 1
    html = (out2 / "index.html").read_text(encoding="utf-8")
    rows = [row for row in html.split("<tr data-district")[1:]]
    kangju = next(row for row in rows if "康居社区" in row)
    assert "XZ-F-105</span> 门口只挂两块牌子" in kangju
    # the list separator stays inside the gap before it, so a line never starts with "、"
    assert "XZ-F-105</span> 门口只挂两块牌子、</span>" in kangju and "</span>、" not in kangju
    import re

    scores = re.findall(r'<td class="num" data-v="([0-9.]+)">', kangju)
    assert "上轮得分" in html and len(scores) == 2 and scores[0] == scores[1]  # this round's score, and the last


def test_streamed_summary_json_is_byte_identical_to_the_whole_document(tmp_path: Path) -> None:
    from checker.publish import machine

    out = tmp_path / "out"
    run_cli(*publish_args(messy_round(tmp_path / "round"), out=out, extra=("--format", "json")))
    streamed = (out / "summary.json").read_text(encoding="utf-8")
    data = json.loads(streamed)
    assert streamed == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    empty = tmp_path / "empty"
    (empty / "a.yaml").parent.mkdir()
    (empty / "a.yaml").write_text("standard: [", encoding="utf-8")
    run_cli(*publish_args(empty, out=tmp_path / "out2", extra=("--format", "json")))
    text = (tmp_path / "out2" / "summary.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n" and '"communities": []' in text
    assert machine.SCHEMA_VERSION == 1


# ---------------------------------------------------------------- one folder, several standards


def test_a_folder_of_several_standards_stops_naming_each_unless_one_is_chosen(tmp_path: Path) -> None:
    from collections import Counter

    from tests.conftest import EXAMPLES

    files = Counter(p.name.partition("--")[0] for p in EXAMPLES.glob("*.yaml"))  # the examples name their standard
    out = tmp_path / "out"
    run = run_cli("publish", EXAMPLES, "-o", out)
    assert run.code == 2 and not out.exists()
    for standard_id, count in files.items():
        assert f"{standard_id}（{count} 份）" in run.err, run.err
    assert "--standard" in run.err
    run = run_cli("publish", EXAMPLES, "-o", out, "--standard", "xuzhou-2017", "--format", "json")
    assert run.code == 1 and "按标准：" in run.err
    data = summary(out)
    assert {s["id"]: s["files"] for s in data["standards_found"]} == dict(files)
    kinds = {Path(r["file"]).parent.name: r["kind"] for r in data["rejected"] if r["kind"] == "other_document"}
    assert kinds == {"audits": "other_document", "exemptions": "other_document"}  # named for what they are
    codes = sorted({r["errors"][0]["code"] for r in data["rejected"] if r["kind"] == "other_document"})
    assert codes == ["publish.is_audit", "publish.is_exemptions"]
    assert data["denominators"]["other_documents"] == 3 and data["denominators"]["invalid"] == 0


def test_the_standard_is_never_taken_from_an_audit(tmp_path: Path) -> None:
    from checker.publish.collect import choose_standard
    from tests.conftest import EXAMPLES

    audit_file = next((EXAMPLES / "audits").glob("*.yaml"))
    lonely = tmp_path / "round"
    write_yaml(lonely / "a.yaml", assessment("甲社区"))
    chosen = choose_standard([audit_file, lonely / "a.yaml"], None, [MINI.parent])
    assert chosen.id == "mini"


def test_issuer_title_and_the_bureaus_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", "2024-07-01T01:30:00+00:00")
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(inputs / "a.yaml", assessment("甲社区"))
    extra = ("--issuer", "徐州市泉山区民政局", "--title", "2024年度第二轮达标情况通报", "--format", "html,json")
    assert run_cli(*publish_args(inputs, out=out, extra=extra)).code == 0
    data = summary(out)
    assert (data["issuer"], data["title"], data["timezone"]) == (
        "徐州市泉山区民政局",
        "2024年度第二轮达标情况通报",
        "Asia/Shanghai",
    )
    assert data["generated_at"] == "2024-07-01T09:30:00+08:00"  # the same moment, in the bureau's zone
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "2024年度第二轮达标情况通报 · 徐州市泉山区民政局" in html
    assert "2024-07-01 09:30（Asia/Shanghai, UTC+08:00）" in html
    run = run_cli(*publish_args(inputs, out=tmp_path / "x", extra=("--timezone", "Mars/Olympus")))
    assert run.code == 2 and "未知的时区“Mars/Olympus”" in run.err


# ---------------------------------------------------------------- page names (#11 §9)

# Two names whose page names met on main: same readable part and, by a search over punctuation, the same
# 8-digit hash (鼓楼区-康居社区-5d41c592).
COLLIDING = ("康居社区=+~", "康居社区~+*+")


def test_two_communities_whose_page_names_meet_still_get_a_page_each(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    for i, name in enumerate(COLLIDING):
        write_yaml(inputs / f"{i}.yaml", assessment(name))
    assert run_cli(*publish_args(inputs, out=out)).code == 0
    data = summary(out)
    pages = [c["page"] for c in data["communities"]]
    assert len(set(pages)) == 2
    assert sorted(p.name for p in (out / "communities").iterdir()) == sorted(Path(p).name for p in pages)
    for community in data["communities"]:  # each page is that community's own
        page = (out / community["page"]).read_text(encoding="utf-8")
        assert community["name"] in page and COLLIDING[1 - COLLIDING.index(community["name"])] not in page
    hrefs = {attrs["href"] for tag, attrs in Markup((out / "index.html").read_text("utf-8")).tags if tag == "a"}
    assert {unquote(str(h)) for h in hrefs} >= set(pages)


def test_page_names_are_unique_by_construction_even_when_every_hash_meets(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.publish import record

    keys = [("鼓楼区", "康居社区"), ("鼓楼区", "康居社区!"), ("鼓楼区", "AB社区"), ("鼓楼区", "ab社区")]
    keys.append(("云龙区", "下淀"))
    plain = record.page_names(keys)
    assert plain[("云龙区", "下淀")] == record.slug_of("云龙区", "下淀")  # no meeting: the usual 8 hex digits
    monkeypatch.setattr(record, "_digest", lambda key: "0" * 64)  # every key's hash the same, at every length
    forced = record.page_names(keys)
    assert len({name.casefold() for name in forced.values()}) == len(keys)  # AB/ab apart on any file system
    assert forced == record.page_names(reversed(keys))  # the order they come in does not matter
    assert forced[("云龙区", "下淀")] == "云龙区-下淀-" + "0" * 8  # only the names that meet grow
    assert forced[("鼓楼区", "康居社区")] == "鼓楼区-康居社区-" + "0" * 64
    assert forced[("鼓楼区", "康居社区!")] == "鼓楼区-康居社区-" + "0" * 64 + "-2"


# ---------------------------------------------------------------- public names (#10 §9)


def test_public_outputs_name_files_relative_to_the_input_folders_never_by_a_local_path(tmp_path: Path) -> None:
    import hashlib

    from pypdf import PdfReader

    home = tmp_path / "张三的电脑" / "桌面"  # where the bureau keeps its files: never in a publication
    gulou, yunlong, audits = home / "2024" / "鼓楼区", home / "2024" / "云龙区", home / "核查记录"
    kangju = write_yaml(gulou / "康居.yaml", assessment("康居社区"))
    write_yaml(gulou / "民主-初稿.yaml", assessment("民主社区", filled_on="2024-06-01"))
    write_yaml(gulou / "民主-修订.yaml", assessment("民主社区", filled_on="2024-06-20"))
    broken = assessment("坏社区")
    broken["extra"] = 1  # an unknown key at the top
    write_yaml(gulou / "子目录" / "坏.yaml", broken)
    (gulou / "链接.yaml").symlink_to(kangju)
    write_yaml(yunlong / "下淀.yaml", assessment("下淀社区", "云龙区", R_police=False))
    sha = hashlib.sha256(kangju.read_bytes()).hexdigest()
    write_yaml(audits / "康居-核查.yaml", audit(sha, **{"R-police": {"finding": "confirmed"}}))
    write_yaml(audits / "旧表-核查.yaml", audit("0" * 64))
    roster = home / "名册.csv"
    roster.write_text("社区,区,街道\n康居社区,鼓楼区,丰财街道\n", "utf-8")
    previous = tmp_path / "out-2023"
    assert run_cli(*publish_args(gulou, out=previous, extra=("--format", "json"))).code == 0
    out = tmp_path / "out"
    extra = ("--audits", audits, "--roster", roster, "--previous", previous)
    assert run_cli(*publish_args(gulou, yunlong, out=out, extra=extra)).code == 1

    data = summary(out)
    assert sorted((r["file"], r["kind"]) for r in data["rejected"]) == [
        ("核查记录/旧表-核查.yaml", "audit_unmatched"),
        ("鼓楼区/子目录/坏.yaml", "invalid"),
        ("鼓楼区/民主-初稿.yaml", "duplicate"),
        ("鼓楼区/链接.yaml", "skipped"),
    ]
    draft = next(r for r in data["rejected"] if r["kind"] == "duplicate")
    assert draft["kept"] == "鼓楼区/民主-修订.yaml" and "鼓楼区/民主-修订.yaml" in draft["error"]
    bad = next(r for r in data["rejected"] if r["kind"] == "invalid")
    assert bad["error"] == "鼓楼区/子目录/坏.yaml:38:1: 未知的键“extra”"  # plain words: no 字段 extra
    assert by_name(data)["康居社区"]["file"] == "鼓楼区/康居.yaml"
    assert by_name(data)["康居社区"]["audit"]["file"] == "核查记录/康居-核查.yaml"
    assert (data["roster"], data["progress"]["previous"]) == ("名册.csv", "out-2023/summary.json")

    pdf = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    outputs = {
        "summary.json": (out / "summary.json").read_text("utf-8"),
        "summary.csv": (out / "summary.csv").read_text("utf-8-sig"),
        "index.html": (out / "index.html").read_text("utf-8"),
        "report.pdf": pdf.replace("\n", ""),
    }
    for name, text in outputs.items():
        for local in (str(tmp_path), "张三的电脑", "桌面"):
            assert local not in text, (name, local)
        if name != "summary.json":  # machine JSON keeps its documented `path` key
            assert "字段 " not in text and "extra:" not in text, name
    assert "鼓楼区/子目录/坏.yaml" in outputs["index.html"] and "鼓楼区/子目录/坏.yaml" in outputs["report.pdf"]


# ---------------------------------------------------------------- the round's standard (#11 §3)


def test_a_file_naming_an_unknown_standard_neither_chooses_nor_stops_the_round(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    for name, standard in (("0-未知.yaml", "nope-2020"), ("1-甲.yaml", "mini"), ("2-乙.yaml", "mini")):
        data = assessment(name.partition("-")[2].removesuffix(".yaml") + "社区")
        write_yaml(inputs / name, {**data, "standard": standard})
    write_yaml(inputs / "3-标题.yaml", {**assessment("丙社区"), "standard": "测试用迷你标准"})  # a title, not an ID
    run = run_cli("publish", inputs, "-o", out, "--standards-dir", MINI.parent, "--format", "json")
    assert run.code == 0, run.err
    data = summary(out)
    assert data["standard"]["id"] == "mini"
    assert data["standards_found"] == [{"id": "mini", "files": 2}]  # known IDs only
    rejected = {r["file"]: r for r in data["rejected"]}
    assert sorted(rejected) == ["0-未知.yaml", "3-标题.yaml"]
    for file, named in (("0-未知.yaml", "nope-2020"), ("3-标题.yaml", "测试用迷你标准")):
        assert rejected[file]["kind"] == "invalid"
        error = rejected[file]["errors"][0]
        assert (error["code"], error["line"]) == ("sa.unknown_standard", 1), error
        assert f"未找到标准“{named}”" in error["message"] and "mini（测试用迷你标准）" in error["message"]
    assert data["denominators"]["invalid"] == 2 and data["denominators"]["other_standard"] == 0


@pytest.mark.parametrize("first", ["mini", "shaoxing-5star"])
def test_two_known_standards_stop_the_round_whichever_file_comes_first(tmp_path: Path, first: str) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    second = "shaoxing-5star" if first == "mini" else "mini"
    write_yaml(inputs / "0.yaml", {**assessment("甲社区"), "standard": first})
    for i in (1, 2):
        write_yaml(inputs / f"{i}.yaml", {**assessment(f"乙{i}社区"), "standard": second})
    run = run_cli("publish", inputs, "-o", out, "--standards-dir", MINI.parent)
    assert run.code == 2 and not out.exists()
    assert f"{second}（2 份）、{first}（1 份）" in run.err, run.err


def test_every_bundled_standard_keys_its_work_lists_by_body(tmp_path: Path) -> None:
    """#10 §9: wanzheng-2020 too has a bodies catalogue; its work lists are keyed by body ID, one per body."""
    from checker import standard as standards
    from tests.conftest import EXAMPLES

    for standard_id, path in standards.available().items():
        standard = standards.load_standard(path)
        assert standard.bodies, standard_id
        assert all(r.responsible.body in standard.bodies for r in standard.requirements), standard_id
    out = tmp_path / "out"
    run = run_cli("publish", *sorted(EXAMPLES.glob("wanzheng-2020--*.yaml")), "-o", out, "--format", "json")
    assert run.code == 1, run.err
    departments = summary(out)["departments"]
    bodies = [d["body"] for d in departments]
    assert len(bodies) == len(set(bodies)) and None not in bodies
    energy = next(d for d in departments if d["body"] == "district-development-reform")
    assert energy["department"] == "区发展和改革局"
    assert [w["role"] for w in energy["requirements"]] == ["区发展和改革局（能源）"]  # the wording kept as the role


def test_publish_takes_a_standard_by_its_title_and_says_which(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    out = tmp_path / "out"
    run = run_cli("publish", *sorted(EXAMPLES.glob("xuzhou-2017--*.yaml")), "-o", out, "--standard", "徐州")
    assert run.code == 1 and "“徐州”：按标准 xuzhou-2017（徐州市社区基本公共服务标准）" in run.err, run.err
    assert summary(out)["standard"]["id"] == "xuzhou-2017"
    assert run_cli("publish", EXAMPLES, "-o", tmp_path / "o2", "--standard", "社区").code == 2  # several fit


def test_page_names_stay_unique_for_any_round_even_with_a_tiny_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Property: whatever the communities' names (punctuation, case, full-width), and even with a hash of one
    hex digit (so that most names meet), every page name differs from every other, case folded."""
    import hashlib

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker.publish import record

    text = st.text(alphabet="康居Aa!-_ ＡＢ", min_size=1, max_size=6)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.tuples(text, text), max_size=30))
    def check(pairs: list[tuple[str, str]]) -> None:
        keys = {record.record_key(d, n) for d, n in pairs}
        names = record.page_names(keys)
        assert set(names) == keys
        assert len({n.casefold() for n in names.values()}) == len(keys)
        assert names == record.page_names(sorted(keys, reverse=True))

    monkeypatch.setattr(record, "_digest", lambda key: hashlib.sha256("\0".join(key).encode()).hexdigest()[:1] * 64)
    check()


def test_an_english_work_list_of_a_standard_without_bodies_marks_the_chinese_name(tmp_path: Path) -> None:
    inputs, out = tmp_path / "round", tmp_path / "out"
    write_yaml(
        inputs / "a.yaml", assessment("甲社区", R_matters={"handled": ["M1", "M3", "M4"], "online": ["M1", "M3"]})
    )
    run = run_cli(*publish_args(inputs, out=out, extra=("--lang", "en", "--format", "json")))
    assert run.code == 1, run.err
    lists = {d["department"]: d for d in summary(out)["departments"]}
    assert [e["id"] for e in lists["残联 (Chinese name only)"]["entries"]] == ["M2"]  # the mini standard has no bodies


def test_a_round_keeps_one_copy_of_each_missing_entry_pair() -> None:
    """Records come from the workers unpickled, each with its own copies of the same (requirement, entry) pairs:
    the round keeps one shared pair, so memory grows by a record's pointers only (#16 §4)."""
    import pickle
    from dataclasses import replace

    from checker.publish.collect import Outcome, Round
    from checker.publish.record import CommunityRecord

    record = CommunityRecord(
        0, "a.yaml", "0" * 64, "区", "街道", "甲社区", "urban", "2024", "", 50.0, None, "0", (("R-matters", "M1"),)
    )
    round_ = Round()
    for index, name in enumerate(("甲社区", "乙社区")):
        sent = pickle.loads(pickle.dumps(replace(record, index=index, name=name)))  # as a worker's record arrives
        round_.add(Outcome(sent, standard="mini"))
    first, second = round_.records()
    assert first.missing == second.missing == (("R-matters", "M1"),)
    assert first.missing[0] is second.missing[0]
