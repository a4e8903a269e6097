"""The fixed wording of the published report (index.html, report.pdf, summary.csv) in Chinese and English.

>>> Labels("zh")("index.shown", shown=6, count=9), Labels("zh")("sep.colon")
('显示 6 / 9 个社区', '：')
>>> Labels("en")("index.shown", shown=6, count=9), Labels("en")("sep.colon")
('6 of 9 communities shown', ': ')
"""

from __future__ import annotations

from reports.labels import LABELS as REPORT_LABELS
from reports.labels import Labels as ReportLabels

LABELS: dict[str, tuple[str, str]] = {
    # punctuation between labels and values: the gap report's own (sep.colon, sep.list, …)
    **{key: text for key, text in REPORT_LABELS.items() if key.startswith("sep.")},
    # titles
    "pub.title": ("社区基本公共服务标准达标情况通报", "Community Basic Public Service Standard: Published Report"),
    "pub.kind": ("达标情况通报", "Published report"),
    "pub.index_title": ("社区达标情况一览", "Communities at a glance"),
    "pub.standard": ("检查标准", "Standard"),
    "pub.periods": ("填报周期", "Reporting period"),
    "pub.generated": ("生成时间", "Generated"),
    "pub.roster": ("应报名册", "Roster"),
    "pub.no_roster": ("未提供名册：应报数与未报送数无法统计", "no roster: expected and missing cannot be counted"),
    "pub.downloads": ("下载", "Downloads"),
    "pub.report_pdf": ("通报（PDF）", "Report (PDF)"),
    "pub.summary_csv": ("汇总表（CSV）", "Summary (CSV)"),
    "pub.summary_json": ("汇总数据（JSON）", "Summary (JSON)"),
    # denominators
    "den.title": ("统计口径", "Denominators"),
    "den.expected": ("应报社区（名册）", "Expected (roster)"),
    "den.submitted": ("收到的自评表", "Self-assessments received"),
    "den.valid": ("有效（计入统计的社区）", "Valid (communities counted)"),
    "den.invalid": ("无效（格式或内容有误）", "Invalid (rejected)"),
    "den.duplicates": ("重复报送（未采用）", "Duplicates (not used)"),
    "den.other_standard": ("按其他标准填报（未计入）", "For another standard (not counted)"),
    "den.audited": ("经实地核查", "Audited on site"),
    "den.missing": ("未报送（名册中有）", "Missing (on the roster)"),
    "den.not_on_roster": ("不在名册中", "Not on the roster"),
    "den.other_documents": ("核查记录、豁免文件（不是自评表）", "Audits and exemption files (not self-assessments)"),
    "den.skipped": ("未读取的条目（链接、管道、设备等）", "Entries not read (links, pipes, devices, …)"),
    "den.internal_errors": ("检查时程序出错（请报告）", "Internal errors (please report)"),
    "den.compliant": ("全部达标（无缺项）", "Fully compliant (no gaps)"),
    "den.with_gaps": ("有缺项", "With gaps"),
    "den.ignored": (
        "另有 {count} 个其他类型的文件未读取（照片、文档等）",
        "{count} other files were not read (photos, documents, …)",
    ),
    "den.none": ("—", "—"),
    # distribution
    "dist.title": ("得分分布", "Distribution of scores"),
    "dist.chart": ("各分数段社区数", "Communities by score band"),
    "dist.unit": ("个社区", "communities"),
    "dist.mean": ("平均分 {mean}，中位数 {median}", "mean {mean}, median {median}"),
    "dist.no_score": (
        "{count} 个社区无适用要求，未计分",
        "{count} communities have no applicable requirement and no score",
    ),
    # districts
    "district.title": ("各区等级分布", "Grades by district"),
    "district.name": ("区", "District"),
    "district.count": ("社区数", "Communities"),
    "district.expected": ("应报", "Expected"),
    "district.missing": ("未报", "Missing"),
    "district.mean": ("平均分", "Mean score"),
    "district.compliant": ("无缺项", "No gaps"),
    "district.audited": ("已核查", "Audited"),
    "district.total": ("合计", "Total"),
    "grade.none": ("未定级", "No grade"),
    # common gaps
    "gaps.title": ("最常见的缺项", "Most common gaps"),
    "gaps.intro": (
        "按缺项社区数排列（前 {limit} 项）；占比以适用该要求的社区为分母。",
        "Ranked by the number of communities with the gap (top {limit}); shares are of the communities the "
        "requirement applies to.",
    ),
    "gaps.none": ("没有缺项：全部社区全部达标。", "No gaps: every community meets every requirement."),
    "gaps.requirement": ("要求", "Requirement"),
    "gaps.department": ("责任单位", "Responsible"),
    "gaps.count": ("缺项社区", "Communities"),
    "gaps.share": ("占比", "Share"),
    # matrix
    "matrix.title": ("要求覆盖矩阵", "Coverage of requirements"),
    "matrix.by_community": (
        "每列一个社区：✓ 达标，◐ 部分达标，✗ 未达标，? 未填报，– 不适用，E 豁免。",
        "One column per community: ✓ met, ◐ partial, ✗ not met, ? unanswered, – not applicable, E exempt.",
    ),
    "matrix.by_district": (
        "社区较多（{count} 个），按区汇总：每格为该区适用该要求的社区中达标的百分比，颜色越深越低。",
        "{count} communities, aggregated by district: each cell is the percentage of the district's communities "
        "(to which the requirement applies) that meet it; darker is lower.",
    ),
    "matrix.folded": (
        "区数较多：最后一列“…”合并了社区最少的 {count} 个区。",
        "Many districts: the last column '…' combines the {count} districts with the fewest communities.",
    ),
    "matrix.requirement": ("要求", "Requirement"),
    # departments
    "work.title": ("各责任单位工作清单", "Work lists by responsible department"),
    "work.intro": (
        "每个责任单位须补齐的缺项及涉及的社区。目录条目（政务服务事项、功能室等）按其主管部门列出。",
        "The gaps each department must close and the communities concerned. Catalogue entries (matters, rooms, …) "
        "are listed under the department that supplies them.",
    ),
    "work.item": ("缺项", "Gap"),
    "work.count": ("社区数", "Communities"),
    "work.communities": ("涉及社区", "Communities concerned"),
    "work.entries": ("目录条目（事项、功能室等）", "Catalogue entries (matters, rooms, …)"),
    "work.by_district": (
        "按区：{counts}（名单见 summary.csv / summary.json）",
        "by district: {counts} (names in summary.csv / summary.json)",
    ),
    "work.more": ("等，共 {count} 个（名单见 summary.json）", "and others, {count} in all (see summary.json)"),
    "work.total": ("共 {count} 项次", "{count} gaps in all"),
    "work.none": ("没有需要补齐的缺项。", "Nothing to close."),
    # progress
    "progress.title": ("与上一轮相比", "Progress since the previous round"),
    "progress.source": ("上一轮：{source}", "Previous round: {source}"),
    "progress.source_titled": ("上一轮：{title}（依据 {source}）", "Previous round: {title} (from {source})"),
    "progress.totals": (
        "比较 {compared} 个两轮都有的社区：新达标 {newly_met} 项次，新增缺项 {newly_missing} 项次，"
        "仍未达标 {still_missing} 项次。",
        "{compared} communities in both rounds: {newly_met} gaps closed, {newly_missing} new gaps, "
        "{still_missing} still open.",
    ),
    "progress.basis": (
        "同类相比：两轮都经实地核查的 {verified} 个社区按核查认定结果比较，其余 {claimed} 个按各自自评比较"
        "（核查发现的问题不计为退步）。",
        "Like with like: {verified} communities audited in both rounds are compared on verified results, the other "
        "{claimed} on their own claims (an audit finding is not counted as a regression).",
    ),
    "progress.mixed": (
        "另有 {count} 个社区上一轮经核查但其 summary.json 未保存自评结果，只能按发布结果比较。",
        "{count} more were audited last round but its summary.json kept no claims: compared as published.",
    ),
    "progress.new": ("本轮新报送 {count} 个社区：{names}", "{count} communities new this round: {names}"),
    "progress.gone": (
        "上一轮有、本轮未报送 {count} 个社区：{names}",
        "{count} communities reported last round but not now: {names}",
    ),
    "progress.by_requirement": ("按要求", "By requirement"),
    "progress.by_community": ("按社区", "By community"),
    "progress.newly_met": ("新达标", "Newly met"),
    "progress.newly_missing": ("新增缺项", "Newly missing"),
    "progress.still_missing": ("仍未达标", "Still missing"),
    "progress.score_before": ("上轮得分", "Score before"),
    "progress.score_now": ("本轮得分", "Score now"),
    "progress.score_change": ("变化", "Change"),
    "progress.capped": (
        "仅列出得分变化最大的 {shown} 个社区（共 {count} 个），完整数据见 summary.json。",
        "Only the {shown} communities whose score changed most are listed ({count} in all); see summary.json.",
    ),
    # missing and rejected
    "missing.title": ("未报送的社区", "Communities that did not report"),
    "rejected.title": ("未采用的文件", "Files not used"),
    "rejected.intro": (
        "以下文件未计入统计：格式或内容有误的须改正后重新报送；重复报送的只采用一份（见“说明”）。",
        "These files were left out: invalid ones must be corrected and sent again; of duplicates only one is "
        "used (see the notes).",
    ),
    "rejected.file": ("文件", "File"),
    "rejected.kind": ("原因", "Reason"),
    "rejected.errors": ("问题", "Problems"),
    "rejected.capped": (
        "仅列出前 {shown} 个（共 {count} 个），完整清单见 summary.json。",
        "Only the first {shown} are listed ({count} in all); see summary.json.",
    ),
    "rejected.more_errors": ("……另有 {count} 个问题", "… and {count} more problems"),
    "kind.invalid": ("无效", "invalid"),
    "kind.duplicate": ("重复报送", "duplicate"),
    "kind.other_standard": ("按其他标准填报", "another standard"),
    "kind.other_document": ("不是自评表（核查记录或豁免文件）", "not a self-assessment (an audit or exemptions)"),
    "kind.skipped": (
        "未读取（链接、管道、设备或无法打开的文件夹）",
        "not read (a link, pipe, device or unreadable folder)",
    ),
    "kind.internal_error": ("程序错误（请报告）", "internal error (please report)"),
    "kind.audit_invalid": ("核查记录无效", "invalid audit"),
    "kind.audit_superseded": ("核查记录被更新的一份取代", "superseded audit"),
    "kind.audit_unmatched": ("核查记录无对应自评表", "unmatched audit"),
    # notes
    "notes.title": ("说明", "Notes"),
    "notes.identity": (
        "社区以“所属区 + 社区名称”识别（忽略首尾空格与全角/半角差异）。",
        "A community is identified by its district and name (ignoring surrounding spaces and full-width forms).",
    ),
    "notes.duplicates": (
        "同一社区有多份自评表时，采用填报日期（filled_on）最晚的一份；日期相同或缺失时，采用文件路径排序在前的一份；其余列为“重复报送”。",
        "Where a community sent several self-assessments, the one with the latest filled_on is used; on equal or "
        "missing dates the one first in path order; the others are listed as duplicates.",
    ),
    "notes.audits": (
        "经实地核查的社区按核查认定的事实计分（自评得分另列）。",
        "Audited communities are scored on the facts the inspectors verified (the claimed score is shown beside).",
    ),
    "notes.gaps": (
        "“缺项”指部分达标、未达标或未填报的要求。",
        "A gap is a requirement that is partly met, not met or unanswered.",
    ),
    # index page
    "index.filter": ("筛选", "Filter"),
    "index.search": ("按名称、街道、缺项编号或缺项名称筛选…", "Filter by name, street, requirement ID or title…"),
    "index.all_districts": ("全部区", "All districts"),
    "index.all_grades": ("全部等级", "All grades"),
    "index.only_gaps": ("只看有缺项的", "Only with gaps"),
    "index.only_audited": ("只看已核查的", "Only audited"),
    "index.shown": ("显示 {shown} / {count} 个社区", "{shown} of {count} communities shown"),
    "index.sort_hint": ("点击表头排序", "Click a column heading to sort"),
    "index.score": ("得分", "Score"),
    "index.previous_score": ("上轮得分", "Previous score"),
    "index.previous_of": (
        "“上轮得分”为上一轮（{title}）发布的得分。",
        "“Previous score” is the score published in the previous round ({title}).",
    ),
    "index.grade": ("等级", "Grade"),
    "index.gaps": ("缺项数", "Gaps"),
    "index.gap_ids": ("缺项", "Gaps"),
    "index.audited": ("核查", "Audited"),
    "index.audited_yes": ("已核查", "audited"),
    "index.audited_no": ("未核查", "not audited"),
    "index.claimed": ("自评 {score}", "claimed {score}"),
    "index.not_on_roster": ("不在名册", "not on roster"),
    "index.notice": ("提示", "Notice"),
    "index.street": ("街道", "Street"),
    "index.community": ("社区", "Community"),
    # CSV
    "csv.district": ("区", "district"),
    "csv.street": ("街道", "street"),
    "csv.name": ("社区", "community"),
    "csv.score": ("得分", "score"),
    "csv.grade": ("等级", "grade"),
    "csv.gap_count": ("缺项数", "gaps"),
    "csv.gaps": ("缺项编号", "gap IDs"),
    "csv.compliant": ("全部达标", "compliant"),
    "csv.audited": ("已核查", "audited"),
    "csv.on_roster": ("在名册中", "on roster"),
    "csv.file": ("文件", "file"),
    "csv.sha256": ("SHA-256", "SHA-256"),
    "csv.page": ("报告页面", "page"),
    "csv.yes": ("是", "yes"),
    "csv.no": ("否", "no"),
}


class Labels(ReportLabels):
    """``t`` in the publication's templates: the gap report's label lookup over the publication's table."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, LABELS)
