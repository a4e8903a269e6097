"""The fixed wording of reports in Chinese and English, looked up by key from templates as ``t("key")``.

Texts from a standard or a self-assessment never live here: they reach templates through the view-model.
Other report kinds (audits, published reports, notices) add their keys in a block of their own.

>>> Labels("en")("gaps.count", count=3)
'3 gaps'
>>> Labels("zh")("gaps.count", count=3)
'共 3 项缺项'
"""

from __future__ import annotations

from collections.abc import Mapping

LABELS: dict[str, tuple[str, str]] = {
    # gap report: cover
    "report.title": ("社区基本公共服务标准检查报告", "Community Basic Public Service Standard: Check Report"),
    "cover.location": ("所属区、街道", "District, street"),
    "cover.area_type": ("社区类型", "Type of community"),
    "cover.size": ("户数 / 常住人口", "Households / residents"),
    "cover.standard": ("检查标准", "Standard"),
    "cover.version": ("{version} 版", "version {version}"),
    "cover.period": ("填报周期", "Reporting period"),
    "cover.filled": ("填报人、日期", "Filled in by, on"),
    "cover.score": ("总得分", "Score"),
    "cover.score_verified": ("核查得分", "Verified score"),
    "cover.score_claimed": ("自评 {score}（{grade}）", "self-assessed {score} ({grade})"),
    "cover.grade": ("等级", "Grade"),
    "cover.no_grade": ("未定级", "no grade"),
    "cover.counts": ("结果分布", "Results"),
    "cover.chart": ("各类别得分", "Score by category"),
    "cover.illustrative": (
        "示例数据：部分事实为示意，不代表该社区的实际情况，不得作为考评依据。",
        "Example data: some facts are illustrative and do not describe the community; not for assessment.",
    ),
    "cover.chart_note": ("虚线为等级分数线", "Dashed lines: grade thresholds"),
    "cover.abstract": ("摘要", "Summary"),
    "area.urban": ("城市社区", "urban"),
    "area.rural": ("农村社区", "rural"),
    "unit.households": ("户", "households"),
    "unit.people": ("人", "residents"),
    # gap report: gaps
    "gaps.title": ("缺什么，补什么", "What is missing, and who must supply it"),
    "gaps.count": ("共 {count} 项缺项", "{count} gaps"),
    "gaps.veto": ("其中一票否决 {count} 项", "veto items among them: {count}"),
    "gaps.owners": ("涉及 {count} 个责任单位", "{count} responsible bodies involved"),
    "gaps.intro": (
        "按责任单位分组；组内按优先级排列（一票否决优先，其次按扣分多少），序号为全表优先级。",
        "Grouped by the body that must act; within a group by priority (veto items first, then points lost). "
        "Numbers are the overall priority.",
    ),
    "gaps.none": ("全部达标，没有缺项。", "Fully compliant: nothing is missing."),
    "gaps.group_count": ("{count} 项", "{count} gaps"),
    "gap.required": ("标准要求", "Required"),
    "gap.reported": ("填报情况", "Reported"),
    "gap.shortfall": ("差距", "Shortfall"),
    "gap.points_lost": ("扣分", "Points lost"),
    "gap.guidance": ("整改指引", "How to close it"),
    "gap.missing": ("缺少的条目（按主管部门）", "Missing entries (by department)"),
    "gap.missing_plain": ("缺少的条目", "Missing entries"),
    "gap.category": ("类别", "Category"),
    "gap.deductions": ("扣分明细", "Deductions"),
    "gap.unsupported": ("佐证", "Evidence"),
    "gap.evidence_required": ("应提供", "required"),
    "gap.method": ("考核办法", "Checked by"),
    "cover.bonus": ("{title} +{points} 分（另计，不计入基本分）", "{title}: +{points} (apart from the base score)"),
    "cover.bonus_cap": ("上限 {cap} 分", "cap {cap}"),
    "cover.bonus_points": ("+{points} 分（另计，不计入基本分）", "+{points} (apart from the base score)"),
    "level.community": ("社区级", "community level"),
    "level.street": ("街道级", "street level"),
    "level.district": ("区级", "district level"),
    "level.city": ("市级", "city level"),
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
    "results.appendix_title": ("附：逐项检查结果与佐证材料", "Appendix: full results and evidence by category"),
    "col.item": ("检查项目", "Requirement"),
    "col.required_reported": ("标准要求与填报", "Required and reported"),
    "results.required": ("要求 {value}", "required {value}"),
    "results.reported": ("填报 {value}", "reported {value}"),
    "col.evidence_note": ("佐证材料与说明", "Evidence and note"),
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
        "注意：本标准部分内容为重构或整理（见标准文件的来源说明），正式考评前须以官方文本核对。",
        "Note: parts of this standard are reconstructed or compiled (see the standard's provenance); "
        "check them against the official text before formal use.",
    ),
    # audits: on-site sheet, audit section, rectification notice (issue #6)
    "sheet.title": ("实地核查表", "On-site audit checklist"),
    "sheet.evidence_required": ("应查佐证材料", "Evidence to see"),
    "sheet.subtitle": ("{title}（{id}，{version}）", "{title} ({id}, version {version})"),
    "notice.addressee": ("（{district} {street}）：", " ({district}, {street}):"),
    "sheet.location": ("所属区、街道", "District, street"),
    "sheet.period": ("填报周期", "Reporting period"),
    "sheet.file": ("自评表文件", "Self-assessment file"),
    "sheet.inspector": ("检查人", "Inspector"),
    "sheet.organisation": ("检查单位", "Inspecting body"),
    "sheet.date": ("核查日期", "Date of visit"),
    "sheet.accompanied": ("社区陪同人员", "Accompanied by"),
    "sheet.intro": (
        "逐项核对社区的自评申报：在“核查值”栏记录实际情况（写法同自评申报），勾选结论；“不符”和“无法核实”须在"
        "“核查说明”栏写明，并记下照片或文件编号。未核查的项目留空。本表由上列自评表文件生成，SHA-256 把核查"
        "与该文件绑定：自评表如有修改，须重新生成本表。",
        "Check each claim on site: record what you find under 'Verified value' (written like the claim), tick a "
        "finding, explain 'not confirmed' and 'unverifiable' under 'Finding in words', and note photo or document "
        "numbers. Leave unchecked items blank. The SHA-256 ties this sheet to the file above: if the "
        "self-assessment changes, print a new sheet.",
    ),
    "sheet.evidence": ("佐证：", "Evidence: "),
    "sheet.see_catalogue": ("见“目录逐项核对”", "see the catalogue check"),
    "sheet.catalogue_title": ("目录逐项核对", "Catalogue check"),
    "sheet.catalogue_intro": (
        "{catalogue}：在核查栏勾选实际情况，与自评一致的可不填。",
        "{catalogue}: tick what you find; entries as claimed may be left blank.",
    ),
    "sheet.catalogue_online": ("★ 为应网上可办的事项。", " ★ marks entries due online."),
    "sheet.yes": ("是", "yes"),
    "sheet.no": ("否", "no"),
    "sheet.present": ("有", "yes"),
    "sheet.absent": ("无", "no"),
    "col.claimed": ("自评申报", "Claimed"),
    "col.verified": ("核查值", "Verified value"),
    "col.finding": ("核查结论", "Finding"),
    "col.comment": ("核查说明", "Finding in words"),
    "col.refs": ("照片/文件编号", "Photo/doc refs"),
    "col.number": ("序号", "No."),
    "col.name": ("名称", "Name"),
    "col.claimed_handled": ("自评可办理", "Claimed: handled"),
    "col.claimed_online": ("自评网上可办", "Claimed: online"),
    "col.found_handled": ("核查可办理", "Found: handled"),
    "col.found_online": ("核查网上可办", "Found: online"),
    "col.claimed_present": ("自评有无", "Claimed: in place"),
    "col.found_present": ("核查有无", "Found: in place"),
    "finding.confirmed": ("确认", "confirmed"),
    "finding.not_confirmed": ("不符", "not confirmed"),
    "finding.unverifiable": ("无法核实", "unverifiable"),
    "sign.inspector": ("检查人（签字）", "Inspector (signature)"),
    "sign.accompanied": ("社区陪同人员（签字）", "Community representative (signature)"),
    "sign.community": ("社区（盖章）", "Community (seal)"),
    "sign.head": ("社区负责人（签字）", "Head of the community (signature)"),
    "sign.street": ("街道审核意见", "Street office's review"),
    "sign.reviewer": ("审核人（签字）", "Reviewed by (signature)"),
    "audit.title": ("实地核查：核查与自评对照", "Site audit: verified against claimed"),
    "audit.summary": (
        "{date}，{inspector}实地核查。本报告的得分与缺项按核查值判定；未核查的项目按自评采信，标为“未核实”。",
        "Audited on site on {date} by {inspector}. Scores and gaps in this report follow the verified values; "
        "items not checked keep the community's claim and are marked unverified.",
    ),
    "audit.claimed_score": ("自评得分", "Claimed score"),
    "audit.verified_score": ("核查得分", "Verified score"),
    "audit.credibility": ("可信度", "Credibility"),
    "audit.credibility_note": (
        "确认 {confirmed} ÷（确认 {confirmed} + 不符 {not_confirmed}）；无法核实 {unverifiable} 项不计",
        "confirmed {confirmed} ÷ (confirmed {confirmed} + not confirmed {not_confirmed}); "
        "{unverifiable} unverifiable not counted",
    ),
    "audit.discrepancies": ("核查与自评不符（{count} 项）", "Discrepancies ({count})"),
    "audit.none": ("核查未发现与自评不符之处。", "The audit found no discrepancy with the claims."),
    "audit.unverified": (
        "未经核实、按自评采信的要求 {count} 项。",
        "{count} requirements rest on claims nobody verified.",
    ),
    "audit.points_diff": ("分差", "Points"),
    "exempt.title": ("豁免（评估日 {date}）", "Exemptions (evaluated on {date})"),
    "exempt.applied": ("适用 {count} 项，已从计分中剔除：", "{count} applied, left out of the score:"),
    "exempt.expired": (
        "{id}：豁免已于 {date} 到期，未适用，按正常要求判定。",
        "{id}: the exemption expired on {date}; not applied, judged normally.",
    ),
    "exempt.not_yet_valid": (
        "{id}：豁免自 {date} 起生效，未适用，按正常要求判定。",
        "{id}: the exemption starts on {date}; not applied, judged normally.",
    ),
    "rect.title": ("整改事项", "Rectification items"),
    "rect.state": ("整改状态", "State"),
    "rect.last": ("最新说明", "Latest comment"),
    "rect.overdue": ("已逾期", "overdue"),
    "rect.overdue_count": ("逾期 {count} 项", "{count} overdue"),
    "rect.photos": ("照片 {count} 张", "{count} photos"),
    "notice.title": ("整改通知书", "Rectification notice"),
    "notice.number_blank": ("　　〔{year}〕　　号", "No. ______ ({year})"),
    "notice.copy_to": ("抄送：{office}。", "Copy to: {office}."),
    "notice.printed_on": ("{date}印发", "Issued {date}"),
    "notice.attachment_label": ("附件", "Attachment"),
    "notice.we": ("我单位", "this office"),
    "notice.title_none": ("实地核查结果通知书", "Audit result notice"),  # nothing to put right: no 整改
    "notice.body": (
        "根据《{standard}》，{organisation}于{audit_date}对你社区{period}自评情况进行了实地核查（检查人：{inspector}）。"
        "经核查，你社区核查得分 {verified} 分（自评 {claimed} 分），等级为“{grade}”；自评事项经核查确认的比例为"
        " {credibility}，与自评不符 {discrepancies} 项。",
        "Under the {standard}, {organisation} audited your community's self-assessment for {period} on site on "
        "{audit_date} (inspector: {inspector}). The verified score is {verified} (claimed {claimed}), grade "
        "'{grade}'; {credibility} of the checked claims were confirmed and {discrepancies} did not match. ",
    ),
    "notice.body_action": (
        "现将须整改的问题通知如下，请按期整改到位，并在整改期限届满前填写所附《整改情况回复》报送{authority}。",
        "The problems below must be put right by their deadlines; report back to {authority} on the attached reply "
        "form before the deadline.",
    ),
    "notice.body_self": (
        "根据《{standard}》，经审核你社区{period}自评情况（自评得分 {score} 分，等级为“{grade}”），现将自评中未达标的"
        "问题通知如下，请按期整改到位，并在整改期限届满前填写所附《整改情况回复》报送{authority}。",
        "Under the {standard}, your community's self-assessment for {period} was reviewed (score {score}, grade "
        "'{grade}'). The requirements it does not meet are listed below and must be put right by their deadlines; "
        "report back to {authority} on the attached reply form before the deadline.",
    ),
    "notice.basis_self": (
        "依据：自评表 {file}（SHA-256 {sha}），未经实地核查。由 sqcheck 生成。",
        "Based on self-assessment {file} (SHA-256 {sha}), not audited on site. Generated by sqcheck.",
    ),
    "notice.none": (
        "核查未发现须整改的问题，本次无须整改，也无须回复。",
        "The audit found nothing that needs putting right: no rectification and no reply are required.",
    ),
    "notice.group": (
        "{ordinal}、{level}问题（{count} 项）：{days} 日内整改，即 {deadline} 前完成",
        "{ordinal}. {level} ({count}): within {days} days, by {deadline}",
    ),
    "notice.claimed": ("自评申报：{claimed}", "claimed: {claimed}"),
    "notice.unverified": ("（该项未经核查，按自评认定）", "(not verified on site; as claimed)"),
    "notice.closing": ("特此通知。", "Notice is hereby given."),
    "notice.attachment": ("附件：整改情况回复", "Attachment: reply on rectification"),
    "notice.basis": (
        "依据：自评表 {file}（SHA-256 {sha}）；核查记录 {audit}。由 sqcheck 生成。",
        "Based on self-assessment {file} (SHA-256 {sha}) and audit record {audit}. Generated by sqcheck.",
    ),
    "col.problem": ("问题", "Problem"),
    "col.found": ("核查情况", "Found"),
    "col.deadline": ("整改期限", "Deadline"),
    "col.measures": ("整改措施", "Measures taken"),
    "col.done": ("完成情况", "Status"),
    "col.done_on": ("完成日期", "Completed on"),
    "reply.title": ("整改情况回复", "Reply on rectification"),
    "reply.body": (
        "{community}收到《整改通知书》（{number}）后，对照所列问题逐项整改，现将整改情况报告如下：",
        "Having received rectification notice {number}, {community} reports on each problem as follows:",
    ),
    "reply.done": ("已完成", "done"),
    "reply.not_done": ("未完成（说明原因）", "not done (why)"),
    "ordinal.1": ("一", "1"),
    "ordinal.2": ("二", "2"),
    "ordinal.3": ("三", "3"),
    "col.evidence_refs": ("佐证材料", "Evidence"),
    "sep.comma": ("，", ", "),
    "sep.open": ("（", " ("),
    "sep.close": ("）", ")"),
    "sep.mark_open": ("【", " ["),
    "sep.mark_close": ("】", "]"),
    "sep.stop": ("。", "."),
    "sep.list": ("、", ", "),
    "sep.names": ("；", "; "),  # between catalogue names, which may hold 、 themselves
    "sep.colon": ("：", ": "),
    "sep.semicolon": ("；", "; "),
}


# English that changes with a count of one (Chinese does not): the key, the count's name, the text for 1.
EN_ONE: dict[str, tuple[str, str]] = {
    "gaps.count": ("count", "1 gap"),
    "gaps.owners": ("count", "1 responsible body involved"),
    "gaps.group_count": ("count", "1 gap"),
    "next.summary": ("count", "To reach '{grade}', close at least 1 gap; the score would then be about {score}."),
    "audit.unverified": ("count", "1 requirement rests on a claim nobody verified."),
    "rect.photos": ("count", "1 photo"),
}


class Labels:
    """``t`` in templates: the label in one language, with ``{placeholders}`` filled. Unknown keys raise.

    Other documents (the published district report) pass their own ``table``."""

    def __init__(self, lang: str, table: Mapping[str, tuple[str, str]] = LABELS) -> None:
        self.lang = lang
        self.table = table

    def __call__(self, key: str, **args: object) -> str:
        zh, en = self.table[key]
        text = en if self.lang == "en" else zh
        one = EN_ONE.get(key) if self.lang == "en" and self.table is LABELS else None
        if one is not None and args.get(one[0]) == 1:
            text = one[1]
        return text.format(**args) if args else text
