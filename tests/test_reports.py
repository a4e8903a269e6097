"""Gap reports in HTML and Markdown: golden files, what each section says, escaping, the one environment, the CLI.

PDFs are tested in test_reports_pdf.py. Goldens live in tests/golden/reports/; after an intended change,
regenerate them with ``.venv/bin/pytest tests/test_reports.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined, UndefinedError
from markdown_it import MarkdownIt

import reports
from checker import pipeline
from checker.engine import CheckResult
from reports import environment, markdown, view
from tests.conftest import EXAMPLES, MINI, run_cli
from tests.reports_support import (
    GOLDEN,
    HOSTILE,
    HOSTILE_EVIDENCE,
    HOSTILE_NAME,
    HOSTILE_NOTE,
    MINI_ASSESSMENT,
    NOW,
    XUZHOU_ASSESSMENT,
    Markup,
    check_mini,
    check_xuzhou,
    write_hostile_assessment,
)

# every tag our templates write; anything else in a report came from the input
# fmt: off
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "section", "footer", "div", "p", "span",
    "strong", "small", "br", "h1", "h2", "h4", "table", "thead", "tbody", "tr", "th", "td",
    "svg", "line", "text", "rect",
}
MARKDOWN_TAGS = {
    "h1", "h2", "h3", "p", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "strong", "ul", "li",
    "code",
}
# fmt: on


def compare_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run pytest with --update-golden once and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (--update-golden)"


def check_example(name: str) -> CheckResult:
    return pipeline.check(EXAMPLES / name, "zh")[0]


def markdown_to_html(text: str) -> str:
    """Markdown as a viewer renders it: CommonMark with raw HTML allowed, plus tables."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


# ---------------------------------------------------------------- goldens


@pytest.mark.parametrize(
    ("name", "lang", "fmt"),
    [
        ("mini-hongqi.zh.html", "zh", "html"),
        ("mini-hongqi.en.html", "en", "html"),
        ("mini-hongqi.zh.md", "zh", "md"),
        ("mini-hongqi.en.md", "en", "md"),
    ],
)
def test_golden(name: str, lang: str, fmt: str, update_golden: bool) -> None:
    compare_golden(name, str(reports.render(check_mini(lang), fmt, now=NOW)), update_golden)


# ---------------------------------------------------------------- content and order


def test_html_sections_come_in_the_order_readers_need() -> None:
    html = reports.render_html(check_xuzhou(), NOW)
    headings = [
        "民主社区",
        "缺什么，补什么",
        "升级的最短路径",
        "政务服务事项办理情况",
        "附：逐项检查结果与佐证材料",  # every result with its evidence, as an appendix (#16 §5)
        "报告依据",
    ]
    places = [html.index(f">{heading}<") for heading in headings]
    assert places == sorted(places)


def test_the_appendix_shows_every_result_with_the_evidence_listed_under_it() -> None:
    """The evidence table became a column of the results appendix (#16 §5): nothing listed is lost, nothing is
    shown twice (a shared fact's evidence stays with the requirement that owns the fact)."""
    result = check_xuzhou()
    report = view.gap_report(result, NOW)
    rows = {r.id: r for c in report.categories for r in c.results}
    assert set(rows) == {r.id for r in result.results}
    listed = {e.id: e for e in report.evidence}
    assert listed and any(e.note for e in listed.values())
    for row in rows.values():
        entry = listed.get(row.id)
        assert (row.evidence, row.note) == ((entry.items, entry.note) if entry else ((), ""))
    page = Markup(reports.render_html(result, NOW))
    for entry in listed.values():
        row_text = next(t for t in page.texts if t.startswith(tuple(entry.items) or entry.note))
        assert row_text == "、".join(entry.items) + ("；" if entry.items and entry.note else "") + entry.note


def test_cover_has_score_grade_period_and_a_chart_per_category() -> None:
    result = check_xuzhou()
    page = Markup(reports.render_html(result, NOW))
    text = page.text
    assert "88.2" in text and "基本达标" in text and "鼓楼区 丰财街道" in text and "2024" in text
    bars = [attrs for tag, attrs in page.tags if tag == "rect"]
    assert len(bars) == sum(c.score is not None for c in result.categories) == 16
    svg = next(attrs for tag, attrs in page.tags if tag == "svg")
    assert "Noto Sans CJK SC" in (svg["font-family"] or "")


def test_gaps_are_grouped_by_who_must_supply_them_in_priority_order() -> None:
    result = check_xuzhou()
    report = view.gap_report(result, NOW)
    firsts = [owner.gaps[0].priority for owner in report.owners]
    assert firsts == sorted(firsts)
    for owner in report.owners:
        assert [g.priority for g in owner.gaps] == sorted(g.priority for g in owner.gaps)
        assert {g.department for g in owner.gaps} == {owner.department}
    listed = [g.id for owner in report.owners for g in owner.gaps]
    assert sorted(listed) == sorted(g.id for g in result.gaps) and len(listed) == 18
    # the first gap is the core item furthest from met (全科社工 75 %, under the 80 % that 达标 needs)
    assert report.owners[0].gaps[0].id == "XZ-S-201"
    assert report.owners[0].department == "区民政局（组织培训）、街道办事处（考核）"


def test_a_gap_shows_required_reported_shortfall_guidance_and_missing_matters() -> None:
    html = reports.render_html(check_xuzhou(), NOW)
    gap = re.search(r'<tbody class="gap gap-high">(?:(?!</tbody>).)*XZ-S-101.*?</tbody>', html, re.S)
    assert gap is not None
    text = Markup(gap.group()).text
    for expected in ("≥ 65 项", "58 项", "缺 7 项", "整改指引", "残联", "残疾人证新办", "居民身份证受理及代办"):
        assert expected in text
    assert "区民政局（会同各事项的主管部门）" in Markup(html).text


def test_next_grade_names_the_shortest_path() -> None:
    report = view.gap_report(check_xuzhou(), NOW)
    assert report.next_grade is not None
    assert report.next_grade.grade == "标准化社区（达标）"
    # two core items hold it back: 全科社工 at 75 % and the parcel point left unanswered
    assert [g.id for g in report.next_grade.gaps] == ["XZ-S-201", "XZ-F-603"]


def test_matters_table_lists_all_65_by_department() -> None:
    matters = view.gap_report(check_xuzhou(), NOW).matters
    assert matters is not None and matters.answered
    assert (matters.total, matters.handled, matters.online, matters.missing) == (65, 58, 15, 7)
    by_department = {d.department: d for d in matters.departments}
    assert [r.name for r in by_department["残联"].rows if not r.handled] == [
        "残疾人证新办",
        "残疾人证换领、迁移、挂失补办",
    ]
    overdue = [r.name for r in by_department["公安"].rows if r.online_expected and not r.online]
    assert overdue == ["居住证办理及居住登记"]


def test_standard_without_matters_catalogue_has_no_matters_section() -> None:
    result = check_example("living-room-2023--guiyuan.yaml")
    assert result.standard.catalogue_of_kind("matters") is None
    assert "政务服务事项办理情况" not in reports.render_html(result, NOW)
    assert "政务服务事项办理情况" not in reports.render_markdown(result, NOW)


def test_evidence_and_provenance_footer() -> None:
    result = check_xuzhou()
    text = Markup(reports.render_html(result, NOW)).text
    for expected in (
        "综合服务中心测绘报告.pdf",
        "二楼活动室 80 平方米正在装修",
        "xuzhou-minzhu.yaml",
        result.assessment.sha256,
        result.standard.content_hash,
        "xuzhou-2017",
        "2024-07-01 09:30",
    ):
        assert expected in text


def test_example_data_is_flagged_on_the_cover() -> None:
    result = check_example("xuzhou-2017--kangju.yaml")
    assert result.assessment.illustrative
    assert "示例数据" in Markup(reports.render_html(result, NOW)).text
    assert "示例数据" in reports.render_markdown(result, NOW)
    assert "示例数据" not in reports.render_html(check_xuzhou(), NOW)


def test_english_report_uses_english_wording_and_punctuation() -> None:
    result = check_mini("en")
    text = Markup(reports.render_html(result, NOW)).text
    assert "What is missing, and who must supply it" in text and "Score by category" in text
    assert "Mini test standard (mini, version 1)" in text
    md = reports.render_markdown(result, NOW)
    assert "（" not in md.split("## What is missing")[0]


# ---------------------------------------------------------------- hostile text


@pytest.fixture
def hostile_result(tmp_path: Path):  # type: ignore[no-untyped-def]
    return check_mini("zh", write_hostile_assessment(tmp_path))


def test_hostile_text_stays_text_in_html(hostile_result) -> None:  # type: ignore[no-untyped-def]
    html = reports.render_html(hostile_result, NOW)
    page = Markup(html)
    assert page.tag_names <= TEMPLATE_TAGS, page.tag_names - TEMPLATE_TAGS
    assert "<script" not in html and "<link" not in html and "<img" not in html
    for text in (HOSTILE_NAME, HOSTILE, HOSTILE_NOTE, HOSTILE_EVIDENCE, "{% raw %}x{% endraw %}"):
        assert text in page.text
    assert page.text.count(HOSTILE_NAME) + page.text.count(HOSTILE) >= 3  # heading, cover table, appendix...


def test_hostile_text_stays_text_in_markdown(hostile_result) -> None:  # type: ignore[no-untyped-def]
    md = reports.render_markdown(hostile_result, NOW)
    assert not re.search(r"(?<!\\)(<script|<img|<link|\]\(javascript)", md)
    rendered = Markup(markdown_to_html(md))
    assert rendered.tag_names <= MARKDOWN_TAGS
    for text in (HOSTILE_NAME, HOSTILE, HOSTILE_NOTE, HOSTILE_EVIDENCE):
        assert text in rendered.text


@pytest.mark.parametrize(
    "text",
    [
        "<b>x</b>",
        "**bold** _it_",
        "[a](http://x)",
        "`code`",
        "| a | b |",
        "# h",
        "&amp; &lt;",
        "a\n\n# b",
        "~~s~~",
        "![i](file:///etc/passwd)",
        "\\*not bold\\*",
        "<!-- c -->",
        "x\r\n- item",
    ],
)
def test_markdown_escape_renders_as_the_literal_text(text: str) -> None:
    rendered = Markup(markdown_to_html(f"| a |\n|---|\n| {markdown.escape(text)} |\n\nline {markdown.escape(text)}"))
    assert rendered.tag_names <= {"table", "thead", "tbody", "tr", "th", "td", "p"}
    flat = " ".join(text.split())
    assert rendered.text.count(flat) == 2


# ---------------------------------------------------------------- the environment


def test_one_cached_environment_with_autoescape_and_strict_undefined() -> None:
    env = environment.environment()
    assert env is environment.environment()
    assert env.autoescape is True and env.undefined is StrictUndefined
    with pytest.raises(UndefinedError):
        env.from_string("{{ nothing.here }}").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_assets_outside_the_folder_are_refused() -> None:
    with pytest.raises(ValueError, match="not a report asset"):
        environment.asset_text("../templates/base.html.j2")


def test_unknown_format_is_a_usage_error() -> None:
    from checker.errors import UsageError

    with pytest.raises(UsageError):
        reports.render(check_mini(), "docx", now=NOW)


@pytest.mark.parametrize(
    "module", ["reports", "reports.charts", "reports.environment", "reports.labels", "reports.markdown", "reports.pdf"]
)
def test_docstring_examples(module: str) -> None:
    outcome = doctest.testmod(importlib.import_module(module))
    assert outcome.failed == 0 and outcome.attempted > 0


# ---------------------------------------------------------------- command line


def test_cli_writes_markdown_and_html_with_the_fixed_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", "2024-07-01T09:30:00")
    for fmt in ("md", "html"):
        out = tmp_path / f"report.{fmt}"
        run = run_cli("check", MINI_ASSESSMENT, "--standard", MINI, "--format", fmt, "-o", out)
        assert (run.code, run.out) == (1, "")
        assert out.read_text(encoding="utf-8") == reports.render(check_mini(), fmt, now=NOW)
    run = run_cli("check", MINI_ASSESSMENT, "--standard", MINI, "--format", "md", "--lang", "en")
    assert run.code == 1 and run.out == reports.render(check_mini("en"), "md", now=NOW)


def test_cli_rejects_a_bad_fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQCHECK_FIXED_TIME", "yesterday")
    run = run_cli("check", XUZHOU_ASSESSMENT, "--format", "md")
    assert run.code == 2 and "SQCHECK_FIXED_TIME" in run.err and run.out == ""


def _with_rectification(result: CheckResult) -> CheckResult:
    """The result with the app's rectification items (``extras["rectification"]``, as web/rectification.py
    gives them): one overdue and open with a hostile title, one answered with photos, one closed."""
    import dataclasses

    items = [
        {"id": "XZ-F-101", "title": "已关闭的 | 事项", "priority": "normal", "deadline": "2026-03-01",
         "state": "closed", "state_text": "已销号", "overdue": False, "last": "回头看已落实", "last_on": "2026-02-20",
         "photos": 0},
        {"id": "XZ-F-801", "title": "综合服务设施面积", "priority": "high", "deadline": "2026-05-01",
         "state": "answered", "state_text": "已答复", "overdue": False, "last": "已扩建至 620 平方米",
         "last_on": "2026-04-02", "photos": 2},
        {"id": "XZ-F-301", "title": "<script>alert(1)</script>", "priority": "veto", "deadline": "2026-01-15",
         "state": "open", "state_text": "待整改", "overdue": True, "last": "", "last_on": "", "photos": 0},
    ]  # fmt: skip
    return dataclasses.replace(result, extras={**result.extras, "rectification": items})


def test_markdown_has_the_rectification_section_of_the_html() -> None:
    result = _with_rectification(check_example("xuzhou-2017--kangju.yaml"))
    md = reports.render_markdown(result, NOW)
    assert "## 整改事项" in md and not re.search(r"(?<!\\)<script", md)
    section = md.split("## 整改事项")[1].split("\n## ")[0]
    assert "待整改 1；已答复 1；已销号 1；**逾期 1 项**" in section
    rows = [line for line in section.splitlines() if line.startswith("| XZ-")]
    assert [r.split(" | ")[0] for r in rows] == ["| XZ-F-301", "| XZ-F-801", "| XZ-F-101"]  # open first
    assert "**已逾期**" in rows[0] and "照片 2 张" in rows[1] and "已扩建至 620 平方米 2026-04-02" in rows[1]
    rendered = Markup(markdown_to_html(md))
    assert rendered.tag_names <= MARKDOWN_TAGS and "<script>alert(1)</script>" in rendered.text
    html = Markup(reports.render_html(result, NOW)).text
    for text in ("已关闭的 | 事项", "已扩建至 620 平方米", "<script>alert(1)</script>", "逾期 1 项", "照片 2 张"):
        assert text in rendered.text and text in html  # the same view-model in both
    assert "整改事项" not in reports.render_markdown(check_example("xuzhou-2017--kangju.yaml"), NOW)


def test_english_counts_of_one_are_singular() -> None:
    """'close at least 1 gap', not '1 gaps' (reports.labels.EN_ONE); every singular form has a plural key and
    no placeholder the plural lacks."""
    import string

    from reports.labels import EN_ONE, LABELS, Labels

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (name, one) in EN_ONE.items():
        assert name in fields(LABELS[key][1]) and fields(one) <= fields(LABELS[key][1]), key
    t = Labels("en")
    assert t("gaps.count", count=1) == "1 gap" and t("gaps.count", count=2) == "2 gaps"
    assert t("rect.photos", count=1) == "1 photo" and Labels("zh")("rect.photos", count=1) == "照片 1 张"
