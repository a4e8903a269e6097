"""The web UI's words, in the same mechanism as the core's messages (checker/messages.py): a stable code, the
Chinese and the English text, placeholders filled by ``str.format``. See docs/web.md, "One translation
mechanism", for why this and not gettext catalogues."""

from __future__ import annotations

from typing import Any

from checker.messages import render

LANGS = ("zh", "en")

WEB_MESSAGES: dict[str, tuple[str, str]] = {
    "web.app": ("社区基本公共服务自评", "Community self-assessment"),
    "web.review": ("审核", "Review"),
    "web.review_title": ("审核：{community} 第 {number} 版", "Review: {community}, version {number}"),
    "web.review_history": ("审核记录", "Review history"),
    "web.review_form": ("审核意见", "Review"),
    "web.review_hint": (
        "需要修改的项目，请在该项下填写意见：退回后社区会在填报页面对应问题旁看到。",
        "Write a comment under each item to correct: the community sees it beside that question.",
    ),
    "web.review_comment": ("总体意见", "Overall comment"),
    "web.review_superseded": (
        "社区已提交更新的版本，此版本不再审核。",
        "The community has submitted a newer version: this one is no longer reviewed.",
    ),
    "web.review_nothing": ("此版本{state}，没有可执行的审核操作。", "This version is {state}: nothing to do."),
    "web.reviewed": ("已处理：该版本现为“{state}”。", "Done: the version is now {state}."),
    "web.reported": ("填报", "Reported"),
    "web.review_state": ("审核状态", "Review"),
    "web.reviewer_says": ("审核意见", "Reviewer's comment"),
    "web.login": ("登录", "Log in"),
    "web.logout": ("退出", "Log out"),
    "web.username": ("用户名", "User name"),
    "web.password": ("密码", "Password"),
    "web.login_failed": ("用户名或密码不正确", "Wrong user name or password"),
    "web.locked": (
        "登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试或联系管理员。",
        "Too many failed logins: the account is locked for a while. Try again in 15 minutes or ask an administrator.",
    ),
    "web.change_password": ("修改密码", "Change password"),
    "web.must_change_password": ("首次登录请先修改初始密码。", "Please change your initial password first."),
    "web.old_password": ("原密码", "Current password"),
    "web.new_password": ("新密码", "New password"),
    "web.new_password2": ("再次输入新密码", "New password again"),
    "web.password_changed": ("密码已修改。", "Password changed."),
    "web.language": ("English", "中文"),
    "web.home": ("首页", "Home"),
    "web.rounds": ("填报轮次", "Rounds"),
    "web.no_rounds": ("当前没有需要填报的轮次。", "No round to file for now."),
    "web.round": ("轮次", "Round"),
    "web.standard": ("标准", "Standard"),
    "web.period": ("填报周期", "Period"),
    "web.deadline": ("截止日期", "Deadline"),
    "web.state": ("状态", "State"),
    "web.state.open": ("填报中", "open"),
    "web.state.closed": ("已截止", "closed"),
    "web.state.published": ("已发布", "published"),
    "web.deadline_passed": (
        "已过截止日期，不能再保存或提交。",
        "The deadline has passed: no more saving or submitting.",
    ),
    "web.community": ("社区", "Community"),
    "web.district": ("区", "District"),
    "web.street": ("街道", "Street"),
    "web.open_form": ("填报", "Fill in"),
    "web.view": ("查看", "View"),
    "web.status": ("填报情况", "Status"),
    "web.status.not_started": ("未开始", "not started"),
    "web.status.draft": ("草稿", "draft"),
    "web.status.submitted": ("已提交", "submitted"),
    "web.score": ("得分", "Score"),
    "web.grade": ("等级", "Grade"),
    "web.gaps": ("缺项", "Gaps"),
    "web.version": ("版本", "Version"),
    "web.submitted_at": ("提交时间", "Submitted"),
    "web.submitted_by": ("提交人", "Submitted by"),
    "web.profile": ("基本信息", "Profile"),
    "web.save_draft": ("保存草稿", "Save draft"),
    "web.saved": ("草稿已保存（第 {version} 次保存）。", "Draft saved (save {version})."),
    "web.stale": (
        "保存未成功：在您打开本页之后，{who} 已于 {when} 保存过这份草稿。为避免覆盖对方的修改，本次内容未保存。"
        "请复制您的修改，重新打开本页后再填写。",
        "Not saved: {who} saved this draft at {when}, after you opened this page. To avoid overwriting their "
        "changes nothing was saved. Copy your changes, reopen the page and enter them again.",
    ),
    "web.submit": ("提交", "Submit"),
    "web.submit_confirm": (
        "提交后将作为正式版本保存；截止日期前仍可提交新版本。确定提交？",
        "The submitted version is kept for good; you may submit a new version until the deadline. Submit?",
    ),
    "web.submitted": ("已提交第 {number} 版。", "Version {number} submitted."),
    "web.cannot_submit": (
        "有 {count} 个问题，请改正后再提交（问题显示在对应填写项旁）。",
        "{count} problem(s): correct them before submitting (each is shown beside its field).",
    ),
    "web.problems": ("发现的问题", "Problems found"),
    "web.no_problems": ("未发现问题。", "No problems found."),
    "web.upload_form": ("上传填好的自评表", "Upload a filled-in self-assessment"),
    "web.upload_hint": (
        "Excel 表（.xlsx，用“下载 Excel 表”得到）或 YAML/JSON 文件；上传后内容载入下方表单，可继续修改再提交。",
        "The Excel form (.xlsx, from 'Download the Excel form') or a YAML/JSON file; its content is loaded into "
        "the form below to review and submit.",
    ),
    "web.upload": ("上传", "Upload"),
    "web.uploaded": ("已载入“{name}”。", "Loaded '{name}'."),
    "web.upload_refused": ("“{name}”未能载入：", "'{name}' could not be loaded:"),
    "web.no_file": ("请选择文件。", "Please choose a file."),
    "web.download_xlsx": ("下载 Excel 表（含已填内容）", "Download the Excel form (with the draft)"),
    "web.report": ("缺项报告", "Gap report"),
    "web.report_pdf": ("下载 PDF", "Download PDF"),
    "web.live_result": ("按当前草稿计算", "From the current draft"),
    "web.live_left_out": (
        "（{count} 项有问题，暂按未填报计）",
        "({count} answer(s) with problems counted as unanswered)",
    ),
    "web.no_result": ("基本信息有问题，改正后显示得分。", "Correct the profile to see the score."),
    "web.evidence": ("佐证材料", "Evidence"),
    "web.attach": ("上传照片或 PDF", "Attach a photo or PDF"),
    "web.attached": ("已上传佐证材料“{name}”。", "Evidence '{name}' attached."),
    "web.evidence_type": (
        "佐证材料只接受 JPEG、PNG、WebP 照片或 PDF 文件（按文件内容判断，而非扩展名）",
        "evidence must be a JPEG, PNG or WebP photo or a PDF (judged by the content, not the name)",
    ),
    "web.evidence_size": (
        "文件过大（{size} 字节），上限为 {limit} 字节",
        "file too large ({size} bytes); the limit is {limit}",
    ),
    "web.versions": ("已提交的版本", "Submitted versions"),
    "web.no_versions": ("尚未提交。", "Not submitted yet."),
    "web.rectification": ("整改事项", "Rectification items"),
    "web.rect_issue": ("下发整改通知", "Issue the rectification notice"),
    "web.rect_issued": ("已下发 {count} 项整改事项。", "{count} rectification items issued."),
    "web.rect_moved": ("“{title}”：{state}", "'{title}': {state}"),
    "web.rect_none": ("暂无整改事项。", "No rectification items."),
    "web.rect_item": ("事项", "Item"),
    "web.rect_state": ("状态", "State"),
    "web.rect_overdue": ("已逾期", "overdue"),
    "web.rect_comment": ("说明", "Comment"),
    "web.yes": ("是", "yes"),
    "web.no": ("否", "no"),
    "web.requirement": ("要求", "Requirement"),
    "web.how": ("填写方法", "How to answer"),
    "web.answer": ("填报", "Answer"),
    "web.not_applicable": ("不适用理由", "Reason not applicable"),
    "web.note": ("备注", "Note"),
    "web.evidence_names": ("佐证材料（文件名，每行一个）", "Evidence (file names, one per line)"),
    "web.matters_hint": (
        "勾选本社区能办理的事项，及其中能网上办理的；一项也未勾选视为未填报。",
        "Tick the matters the community handles, and those also done online; nothing ticked counts as unanswered.",
    ),
    "web.handled": ("能在社区办理", "handled here"),
    "web.online": ("能网上办理", "online"),
    "web.guidance": ("怎样补齐", "How to close the gap"),
    "web.new_round": ("新建轮次", "New round"),
    "web.bundled_standard": ("内置标准", "Bundled standard"),
    "web.or_upload_standard": ("或上传标准文件（YAML）", "or upload a standard (YAML)"),
    "web.roster": (
        "名册（CSV、YAML 或 JSON：区、街道、社区）",
        "Roster (CSV, YAML or JSON: district, street, community)",
    ),
    "web.create": ("创建", "Create"),
    "web.round_created": ("已创建轮次 {id}。", "Round {id} created."),
    "web.create_clerks": ("为名册中的社区创建填报账号", "Create clerk accounts for the roster"),
    "web.clerks_created": (
        "已创建 {count} 个账号；初始密码只显示这一次，请下载保存。",
        "{count} account(s) created; the initial passwords are shown only now: download them.",
    ),
    "web.no_new_clerks": (
        "名册中每个社区都已有填报账号。",
        "Every community on the roster already has a clerk account.",
    ),
    "web.download_passwords": ("下载初始密码（CSV）", "Download the initial passwords (CSV)"),
    "web.print": ("打印", "Print"),
    "web.counts": (
        "名册 {total} 个社区：已提交 {submitted}，草稿 {draft}，未开始 {not_started}",
        "{total} communities on the roster: {submitted} submitted, {draft} draft, {not_started} not started",
    ),
    "web.field_required": ("请填写此项", "This field is required"),
    "web.bad_date": ("日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD"),
    "web.bad_period": ("请填写填报周期", "the period is required"),
    "web.bad_choice": ("请从列表中选择", "choose from the list"),
    "web.checking": ("正在检查……", "Checking…"),
    "web.working": ("正在处理，请稍候……", "Working, please wait…"),
    "web.filled_by_you": ("您", "you"),
    "web.demo_logins": ("演示账号", "Demo accounts"),
    "web.audit_log": ("操作记录", "Activity log"),
    "web.evidence_of": ("{id} 的佐证材料", "evidence for {id}"),
    "web.unknown_scope": (
        "名册中没有“{scope}”这一层级（省/市/区/街道）：请先按名册创建轮次，或写成 区 或 区/街道",
        "No place “{scope}” (province/city/district/street) in any roster: create a round from the roster first, "
        "or write district or district/street",
    ),
    "web.ambiguous_scope": (
        "“{scope}”不止一处：{paths}；请写出上一级，如 市/区",
        "“{scope}” names more than one place: {paths}; add the level above, e.g. city/district",
    ),
    "web.unknown_round": ("没有编号为 {round} 的填报轮次", "No round {round}"),
    "web.bad_path": (
        "“{path}”不是有效的路径：应为 区/街道/社区（或 区、区/街道）",
        "'{path}' is not a valid path: expected district/street/community (or district, district/street)",
    ),
    "web.unknown_community": (
        "没有社区“{path}”：请先用名册创建轮次",
        "no community '{path}': create a round from a roster first",
    ),
    "web.bad_role": (
        "角色应为 clerk、inspector 或 bureau，实际为“{role}”",
        "the role must be clerk, inspector or bureau, not '{role}'",
    ),
    "web.clerk_needs_community": (
        "社区填报员需要 --community 区/街道/社区",
        "a clerk needs --community district/street/community",
    ),
    "web.user_exists": ("用户名“{username}”已存在", "the user name '{username}' is taken"),
    "web.unknown_user": ("没有用户“{username}”", "no user '{username}'"),
    "web.empty_password": ("密码不能为空（从标准输入读取）", "the password is empty (read from standard input)"),
    "web.bad_deadline": ("截止日期“{value}”应为 YYYY-MM-DD", "the deadline '{value}' must be YYYY-MM-DD"),
    # on-site audits (实地核查, #14 §1–§2)
    "web.assign_title": ("实地核查安排", "On-site audit plan"),
    "web.assign_hint": (
        "勾选下表中的社区，选择核查人员和计划日期后点“安排核查”；不选核查人员则取消所勾选社区的安排。",
        "Tick communities in the table, choose an inspector and a planned date, then Assign; with no inspector the "
        "ticked communities' plans are removed.",
    ),
    "web.inspector": ("核查人员", "Inspector"),
    "web.planned_on": ("计划核查日期", "Planned date"),
    "web.no_inspector": ("（取消安排）", "(remove the plan)"),
    "web.assign": ("安排核查", "Assign"),
    "web.assigned": ("已为 {count} 个社区安排核查。", "Audits planned for {count} communities."),
    "web.unassigned": ("已取消 {count} 个社区的核查安排。", "Plans removed for {count} communities."),
    "web.assign_no_inspector": ("所选用户不是核查人员", "the user chosen is not an inspector"),
    "web.assign_no_community": ("请先勾选要安排的社区", "tick the communities to plan first"),
    "web.planned_bad_date": ("计划日期“{value}”应为 YYYY-MM-DD", "the planned date '{value}' must be YYYY-MM-DD"),
    "web.audit": ("实地核查", "On-site audit"),
    "web.my_visits": ("我的核查任务", "My audits"),
    "web.not_planned": ("未定日期", "no date"),
    "web.pick": ("选择", "Choose"),
    "web.visit.not_submitted": ("社区尚未提交自评", "not submitted yet"),
    "web.visit.to_audit": ("待核查", "to audit"),
    "web.visit.in_progress": ("核查中", "in progress"),
    "web.visit.finished": ("已完成核查", "audited"),
    "web.visit.outdated": ("已核查（社区其后提交了新版本）", "audited (a newer version came since)"),
}


def t(code: str, lang: str = "zh", **args: Any) -> str:
    """The web UI's text for ``code`` in ``lang``; codes of the core's catalogue are rendered by the core."""
    if code not in WEB_MESSAGES:
        return render(code, lang, **args)
    zh, en = WEB_MESSAGES[code]
    template = en if lang == "en" else zh
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template
