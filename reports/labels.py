"""The fixed wording of reports in Chinese and English, looked up by key from templates as ``t("key")``.

Texts from a standard or a self-assessment never live here: they reach templates through the view-model.
Other report kinds (audits, published reports, notices) add their keys in a block of their own.

>>> Labels("en")("gaps.count", count=3)
'3 gaps'
>>> Labels("zh")("gaps.count", count=3)
'共 3 项缺项'
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # gap report: cover
    "report.title": ("社区基本公共服务标准检查报告", "Community Basic Public Service Standard: Check Report"),
    "report.kicker": ("缺什么，补什么", "What is missing and who supplies it"),
    "cover.community": ("社区", "Community"),
    "cover.location": ("所属区、街道", "District, street"),
    "cover.area_type": ("社区类型", "Type of community"),
    "cover.size": ("户数 / 常住人口", "Households / residents"),
    "cover.standard": ("检查标准", "Standard"),
    "cover.period": ("填报周期", "Reporting period"),
    "cover.filled": ("填报人、日期", "Filled in by, on"),
    "cover.score": ("总得分", "Score"),
    "cover.grade": ("等级", "Grade"),
    "cover.no_grade": ("未定级", "no grade"),
    "cover.counts": ("结果分布", "Results"),
    "cover.chart": ("各类别得分", "Score by category"),
    "cover.illustrative": (
        "示例数据：部分事实为示意，不代表该社区的实际情况，不得作为考评依据。",
        "Example data: some facts are illustrative and do not describe the community; not for assessment.",
    ),
    "cover.chart_note": ("虚线为等级分数线", "Dashed lines: grade thresholds"),
    "area.urban": ("城市社区", "urban"),
    "area.rural": ("农村社区", "rural"),
    "unit.households": ("户", "households"),
    "unit.people": ("人", "residents"),
    "unit.points": ("分", "points"),
    # gap report: gaps
    "gaps.title": ("缺什么，补什么", "What is missing, and who must supply it"),
    "gaps.count": ("共 {count} 项缺项", "{count} gaps"),
    "gaps.veto": ("其中一票否决 {count} 项", "{count} of them veto items"),
    "gaps.owners": ("涉及 {count} 个责任单位", "{count} responsible bodies"),
    "gaps.intro": (
        "按责任单位分组；组内按优先级排列（一票否决优先，其次按扣分多少），序号为全表优先级。",
        "Grouped by the body that must act; within a group by priority (veto items first, then points lost). "
        "Numbers are the overall priority.",
    ),
    "gaps.none": ("全部达标，没有缺项。", "Fully compliant: nothing is missing."),
    "gaps.group_count": ("{count} 项", "{count}"),
    "gap.required": ("标准要求", "Required"),
    "gap.reported": ("填报情况", "Reported"),
    "gap.shortfall": ("差距", "Shortfall"),
    "gap.points_lost": ("扣分", "Points lost"),
    "gap.guidance": ("整改指引", "How to close it"),
    "gap.missing": ("缺少的条目（按主管部门）", "Missing entries (by department)"),
    "gap.category": ("类别", "Category"),
    "level.community": ("社区级", "community level"),
    "level.street": ("街道级", "street level"),
    "level.district": ("区级", "district level"),
    "level.city": ("市级", "city level"),
    "dept.unknown": ("未注明部门", "department not given"),
    # gap report: next grade
    "next.title": ("升级的最短路径", "Shortest path to the next grade"),
    "next.summary": (
        "升到“{grade}”最少需补 {count} 项，补齐后约 {score} 分。",
        "To reach '{grade}', close at least {count} gaps; the score would then be about {score}.",
    ),
    "next.top": ("已达到最高等级。", "The community already holds the highest grade."),
    "next.none": ("仅补齐缺项也无法升到更高等级，请核对等级门槛。", "No set of closed gaps reaches a higher grade."),
    "col.priority": ("优先级", "Priority"),
    "col.priority_short": ("序号", "No."),
    "col.id": ("编号", "ID"),
    "col.requirement": ("要求", "Requirement"),
    "col.responsible": ("责任单位", "Responsible"),
    "col.points_lost": ("可得分", "Points"),
    # gap report: full results
    "results.title": ("逐项检查结果", "Full results by category"),
    "results.category_score": ("得分 {score}（{points} / {max_points} 分）", "score {score} ({points} / {max_points})"),
    "results.category_score_md": ("得分 {score}，{points} / {max_points} 分", "score {score}, {points} / {max_points}"),
    "col.required": ("标准要求", "Required"),
    "col.reported": ("填报", "Reported"),
    "col.status": ("结果", "Result"),
    "col.points": ("得分", "Points"),
    "badge.veto": ("一票否决", "veto"),
    # gap report: matters
    "matters.title": ("政务服务事项办理情况", "Government service matters"),
    "matters.intro": (
        "{catalogue}，按现主管部门列出。",
        "{catalogue}, by the department now in charge.",
    ),
    "matters.unanswered": ("自评表未填报事项办理情况，以下按均未办理列出。", "The assessment does not list matters."),
    "matters.dept_counts": ("可办 {handled} / {total}", "{handled} of {total} handled"),
    "matters.online_missing": ("应网办未开通", "expected online, missing"),
    "matters.count": ("{count} 项", "{count}"),
    "col.department": ("主管部门", "Department"),
    "col.handled": ("社区可办", "Handled"),
    "col.online": ("网上可办", "Online"),
    "col.missing": ("社区尚不能办", "Not handled"),
    "matters.total": ("合计", "Total"),
    # gap report: evidence and footer
    "evidence.title": ("佐证材料", "Evidence referenced"),
    "evidence.none": ("自评表未列出佐证材料。", "The assessment lists no evidence."),
    "col.evidence": ("材料", "Evidence"),
    "col.note": ("说明", "Note"),
    "signoff.community": ("社区（盖章）", "Community (seal)"),
    "signoff.reviewer": ("审核单位（盖章）", "Reviewing office (seal)"),
    "signoff.date": ("日期", "Date"),
    "footer.title": ("报告依据", "Provenance of this report"),
    "footer.input": ("自评表文件", "Self-assessment file"),
    "footer.sha256": ("文件 SHA-256", "File SHA-256"),
    "footer.standard": ("标准", "Standard"),
    "footer.content_hash": ("标准内容哈希", "Standard content hash"),
    "footer.generated": ("生成时间", "Generated"),
    "footer.generator": (
        "由 sqcheck 依据自评表自动生成；结论以实地核查为准。",
        "Generated by sqcheck from the self-assessment; an on-site inspection prevails.",
    ),
    "footer.reconstructed": (
        "注意：本标准文本部分为重构（官方正文未公开），正式考评前须以官方文本核对。",
        "Note: parts of this standard's text are reconstructed; check against the official text before formal use.",
    ),
    "sep.comma": ("，", ", "),
    "sep.stop": ("。", "."),
    "sep.list": ("、", ", "),
    "sep.names": ("；", "; "),  # between catalogue names, which may hold 、 themselves
    "sep.colon": ("：", ": "),
    "sep.semicolon": ("；", "; "),
}


class Labels:
    """``t`` in templates: the label in one language, with ``{placeholders}`` filled. Unknown keys raise."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **args: object) -> str:
        zh, en = LABELS[key]
        text = en if self.lang == "en" else zh
        return text.format(**args) if args else text
