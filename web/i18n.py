"""The web UI's words, in the same mechanism as the core's messages (checker/messages.py): a stable code, the
Chinese and the English text, placeholders filled by ``str.format``. See docs/web.md, "One translation
mechanism", for why this and not gettext catalogues."""

from __future__ import annotations

from typing import Any

from checker.messages import render, sizes_said

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
    # background jobs: publication and exports (web/jobs.py, web/exports.py)
    "web.jobs": ("发布与导出", "Publication and exports"),
    "web.jobs_hint": (
        "在后台生成，可离开本页；完成后在此下载。范围：{scope}。",
        "Made in the background: you may leave this page and download here when done. Scope: {scope}.",
    ),
    "web.scope_all": ("全部", "Everything"),
    "web.job_scope": ("范围", "Scope"),
    "web.job_publish_here": ("发布此范围的结果", "Publish this scope"),
    "web.job.publish": ("发布结果（报告、索引页、汇总表，ZIP）", "Publication (report, index, summaries; ZIP)"),
    "web.job.worklists": ("各责任单位工作清单（XLSX）", "Work list of each responsible body (XLSX)"),
    "web.not_found_title": ("未找到此页面", "Page not found"),
    "web.not_found_text": (
        "该页面不存在，或不在您的账号可查看的范围内。",
        "This page does not exist, or it is outside what your account may see.",
    ),
    "web.not_allowed_title": ("此地址不能直接打开", "This address cannot be opened directly"),
    "web.not_allowed_text": (
        "此地址只接收页面上按钮提交的内容，不能从地址栏或链接打开。请回到原来的页面，用页面上的按钮操作。",
        "This address only takes what a button on a page sends; it cannot be opened from the address bar or a "
        "link. Go back to the page and use its buttons.",
    ),
    "web.not_found_home": ("返回首页", "Back to the home page"),
    "web.job.notices": ("已下发的整改通知书（PDF）", "Rectification notices issued (PDF)"),
    "web.job_no_notices": (
        "本范围内本轮尚未下发整改通知书，没有可打包的文件。",
        "No rectification notice has been issued in this scope for this round: nothing to pack.",
    ),
    "web.job.pdfs": ("各社区缺项报告（PDF）", "Each community's gap report (PDF)"),
    "web.job.queued": ("排队中", "Queued"),
    "web.job.running": ("处理中", "Running"),
    "web.job.done": ("已完成", "Done"),
    "web.job.failed": ("未完成", "Failed"),
    "web.job_progress": ("已处理 {done}/{total}", "{done} of {total} done"),
    "web.job_attempt": ("第 {attempts} 次尝试", "attempt {attempts}"),
    "web.job_asked": ("已开始在后台生成：{kind}。", "Started in the background: {kind}."),
    "web.job_download": ("下载", "Download"),
    "web.job_previous_published": (
        "与上一轮（{title}）比较：用该轮本范围已发布的结果",
        "Compared with the previous round ({title}): its publication for this scope",
    ),
    "web.job_previous_database": (
        "与上一轮（{title}）比较：该轮本范围未发布过，按数据库中的版本评定",
        "Compared with the previous round ({title}): never published for this scope, judged from the database",
    ),
    "web.job_previous_refused": (
        "未与上一轮（{title}）比较：其标准版本含本轮没有的要求 {ids}",
        "Not compared with the previous round ({title}): its standard version has requirements this one lacks: {ids}",
    ),
    "web.job_no_previous": (
        "没有同一标准的更早轮次，未做跨轮比较",
        "No earlier round of this standard to compare with",
    ),
    "web.job_made": ("生成时间", "Made at"),
    "web.job_what": ("内容", "What"),
    "web.job_gave_up": (
        "后台处理已中断 {attempts} 次（处理进程被终止），不再重试：请重新生成或联系管理员。",
        "The background work was interrupted {attempts} times (its worker was stopped): ask for it again or tell your administrator.",
    ),
    "web.job_internal": (
        "未能完成（内部错误：{error}），请联系管理员。",
        "Not done (internal error: {error}): please tell your administrator.",
    ),
    "web.job_no_worker": (
        "提示：后台任务由 sqcheck worker 处理；若长时间排队，请确认它在运行。",
        "Background jobs are run by `sqcheck worker`: if one stays queued, check that it is running.",
    ),
    "web.job_public": ("公开页面", "Public page"),
    "web.job_make_public": ("生成公开链接", "Make a public link"),
    "web.job_public_hint": (
        "任何拿到链接的人无需登录即可查看这次发布的结果（只读，仅限这份发布的文件）。",
        "Anyone with the link can see this publication without logging in (read only, only its files).",
    ),
    "web.job_unpublish": ("停止公开", "Stop sharing"),
    "web.worklist_sheet": ("工作清单", "Work list"),
    "web.worklist_item": ("编号", "ID"),
    "web.worklist_requirement": ("要求", "Requirement"),
    "web.worklist_entry": ("缺少的事项或设施", "Missing matter or facility"),
    "web.worklist_role": ("职责", "Responsibility"),
    "web.worklist_title": ("{body}工作清单：{round}", "Work list of {body}: {round}"),
    "web.worker_started": (
        "sqcheck worker：处理后台任务（Ctrl+C 停止）",
        "sqcheck worker: running background jobs (Ctrl+C stops)",
    ),
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
    "web.state.open": ("填报中", "Open"),
    "web.state.closed": ("已截止", "Closed"),
    "web.state.published": ("已发布", "Published"),
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
    "web.status.not_started": ("未开始", "Not started"),
    "web.status.draft": ("草稿", "Draft"),
    "web.status.submitted": ("已提交", "Submitted"),
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
        "{count} problems: correct them before submitting (each is shown beside its field).",
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
    "web.standing_submitted": ("第 {number} 版（已提交）", "Version {number} (submitted)"),
    "web.standing_audited": ("第 {number} 版 · 实地核查后", "Version {number}, as audited"),
    "web.standing_claimed": ("自评得分 {score}", "claimed score {score}"),
    "web.live_left_out": (
        "（{count} 项有问题，暂按未填报计）",
        "({count} answers with problems counted as unanswered)",
    ),
    "web.no_result": ("基本信息有问题，改正后显示得分。", "Correct the profile to see the score."),
    "web.evidence": ("佐证材料", "Evidence"),
    "web.attach": ("上传照片或 PDF", "Attach a photo or PDF"),
    "web.attached": ("已上传佐证材料“{name}”。", "Evidence '{name}' attached."),
    "web.evidence_type": (
        "佐证材料只接受 JPEG、PNG、WebP 照片或 PDF 文件（按文件内容判断，而非扩展名）",
        "evidence must be a JPEG, PNG or WebP photo or a PDF (judged by the content, not the name)",
    ),
    "web.evidence_size": ("文件过大，上限为 {limit}", "file too large; the limit is {limit}"),
    "web.versions": ("已提交的版本", "Submitted versions"),
    "web.no_versions": ("尚未提交。", "Not submitted yet."),
    "web.rectification": ("整改事项", "Rectification items"),
    "web.rect_issue": ("下发整改通知", "Issue the rectification notice"),
    "web.rect_issued": ("已下发 {count} 项整改事项。", "{count} rectification items issued."),
    "web.rect_moved": ("“{title}”：{state}", "'{title}': {state}"),
    "web.rect_none": ("暂无整改事项。", "No rectification items."),
    "web.rect_item": ("事项", "Item"),
    "web.rect_state": ("状态", "State"),
    "web.rect_overdue": ("已逾期", "Overdue"),
    "web.rect_comment": ("说明", "Comment"),
    "web.rect_issue_version": ("下发整改通知（第 {number} 版）", "Issue the rectification notice (version {number})"),
    "web.exempt_window": ("（{granted} 至 {expires}）", "({granted} to {expires})"),
    "web.rect_days": ("整改期限（天，按问题优先级）", "Days to put right, by priority"),
    "web.rect_days_hint": (
        "留空即用默认期限：一票否决 {veto} 天，重要 {high} 天，一般 {normal} 天；期限自下发之日起算。",
        "Left empty: the defaults, veto {veto} days, high {high}, normal {normal}; counted from the day issued.",
    ),
    "web.rect_authority": (
        "签发机关（留空：核查单位或标准发布单位）",
        "Issuing authority (empty: the auditing body or the standard's issuer)",
    ),
    "web.rect_number": ("文号（留空：由文书登记填写）", "Document number (empty: left for the registry to fill in)"),
    "web.rect_bad_days": (
        "整改期限应为 1 至 {limit} 的整数天数，实际为“{value}”",
        "the days to put right must be a whole number from 1 to {limit}, not '{value}'",
    ),
    "web.rect_already": ("第 {number} 版的整改通知已下发。", "The notice of version {number} was issued already."),
    "web.rect_nothing": (
        "第 {number} 版没有须整改的问题，未下发通知。",
        "Version {number} has nothing to put right: no notice issued.",
    ),
    "web.rect_from_audit": ("依据实地核查结果", "from the audited check"),
    "web.rect_from_self": ("依据自评结果，尚未实地核查", "from the self-assessment, not audited yet"),
    "web.rect_notice": ("整改通知书", "Rectification notice"),
    "web.rect_notice_line": (
        "{date} 下发（第 {number} 版，{basis}），期限：一票否决 {veto} 天、重要 {high} 天、一般 {normal} 天",
        "Issued {date} (version {number}, {basis}); days: veto {veto}, high {high}, normal {normal}",
    ),
    "web.rect_photos": ("整改照片（可多张）", "Photos of the work (several allowed)"),
    "web.rect_too_many": ("一次最多上传 {limit} 张照片", "at most {limit} photos per answer"),
    "web.rect_photos_answer_only": ("照片只能随整改答复上传", "photos go with an answer only"),
    "web.rect_priority": ("优先级", "Priority"),
    "web.rect_list": ("整改事项一览", "Rectification items"),
    "web.rect_all": ("全部", "All"),
    "web.rect_filter_overdue": ("已逾期", "Overdue"),
    "web.rect_counts": (
        "共 {total} 项：待整改 {open}，已答复 {answered}，已销号 {closed}；其中逾期 {overdue} 项",
        "{total} items: {open} open, {answered} answered, {closed} closed; {overdue} overdue",
    ),
    "web.rect_overdue_count": ("{count} 项整改逾期", "{count} rectification items overdue"),
    "web.rect_open_count": ("{count} 项整改未销号", "{count} rectification items not closed"),
    "web.rect_answer_hint": (
        "说明做了什么（必填），可附现场照片；核查人员回头看后销号或继续整改。",
        "Say what was done (required), with photos if you have them; the inspector re-checks and closes it or keeps it open.",
    ),
    "web.rect_goto": ("去处理", "Go to it"),
    "web.rect_basis": (
        "第 {number} 版尚未下发整改通知（{basis}）。",
        "No rectification notice for version {number} yet ({basis}).",
    ),
    "web.rect_items_of": ("查看整改事项", "See the rectification items"),
    "web.rect_to_issue": ("待下发整改通知", "Notice to issue"),
    "web.rect_issued_by_bureau": (
        "整改通知由民政部门在此页或社区填报页下发。",
        "The bureau issues the rectification notice from this page or the community's page.",
    ),
    "web.rect_wait_recheck": (
        "已答复，正等待核查人员回头看：核查人员“继续整改”后才能再次答复。",
        "Answered, waiting for the inspector's re-check: you can answer again once it is kept open.",
    ),
    "web.exemptions": ("豁免", "Exemptions"),
    "web.exempt_none": ("暂无豁免。", "No exemptions."),
    "web.exempt_grant": ("批准豁免", "Grant an exemption"),
    "web.exempt_requirement": ("豁免的要求", "Requirement"),
    "web.exempt_justification": ("豁免理由", "Justification"),
    "web.exempt_approved_by": ("批准单位", "Approved by"),
    "web.exempt_reference": ("批准文号（可选）", "Reference (optional)"),
    "web.exempt_granted_on": ("批准日期", "Granted on"),
    "web.exempt_expires_on": ("失效日期", "Expires on"),
    "web.exempt_hint": (
        "豁免只在批准日至失效日（含）之间适用，期间该项判为“豁免”，不计入缺项；过期后按正常要求判定。",
        "An exemption applies from the day granted to its expiry (inclusive): the requirement is then judged "
        "exempt, not a gap; once expired it is judged normally again.",
    ),
    "web.exempt_state.applied": ("有效", "In force"),
    "web.exempt_state.expired": ("已过期", "Expired"),
    "web.exempt_state.not_yet_valid": ("尚未生效", "Not yet valid"),
    "web.exempt_state.revoked": ("已撤销", "Revoked"),
    "web.exempt_revoke": ("撤销豁免", "Revoke"),
    "web.exempt_revoke_reason": ("撤销理由", "Reason for revoking"),
    "web.exempt_revoke_hint": (
        "撤销自今日起生效：此后该项按正常要求判定；撤销前已截止的轮次不受影响。撤销记录保留，不可删除。",
        "A revocation holds from today: the requirement is judged normally again; rounds whose deadline passed "
        "before are unchanged. The revocation is kept and cannot be deleted.",
    ),
    "web.exempt_revoked_line": ("{on} 由 {user} 撤销：{reason}", "Revoked on {on} by {user}: {reason}"),
    "web.exempt_revoked": ("已撤销 {id} 的豁免。", "Exemption for {id} revoked."),
    "web.exempt_no_revoke_reason": ("请填写撤销理由", "say why it is revoked"),
    "web.exempt_revoked_already": ("{id} 的豁免已撤销", "the exemption for {id} is already revoked"),
    "web.exempt_day": (
        "本轮按 {day} 判定豁免（进行中的轮次按当天，截止后按截止日）。",
        "This round judges exemptions on {day} (today while it runs, its deadline after).",
    ),
    "web.exempt_granted": ("已批准 {id} 的豁免，有效期至 {expires}。", "Exemption for {id} granted until {expires}."),
    "web.exempt_unknown": ("本标准没有要求“{id}”", "the standard has no requirement '{id}'"),
    "web.exempt_no_justification": ("请填写豁免理由", "the justification is required"),
    "web.exempt_no_approved_by": ("请填写批准单位", "say who approved it"),
    "web.exempt_bad_granted_on": ("批准日期“{value}”应为 YYYY-MM-DD", "the grant date '{value}' must be YYYY-MM-DD"),
    "web.exempt_bad_expires_on": ("失效日期“{value}”应为 YYYY-MM-DD", "the expiry date '{value}' must be YYYY-MM-DD"),
    "web.status.returned": ("已退回修改", "Returned"),
    "web.status.accepted": ("已通过审核", "Accepted"),
    "web.status.audited": ("已实地核查", "Audited"),
    "web.yes": ("是", "Yes"),
    "web.no": ("否", "No"),
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
        "{count} accounts created; the initial passwords are shown only now: download them.",
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
    "web.counts_returned": ("，已退回修改 {count}", ", {count} returned for changes"),
    "web.rows_shown": ("第 {first}–{last} 个，共 {count} 个社区", "Communities {first}–{last} of {count}"),
    "web.fingerprint": ("版本指纹", "Version fingerprint"),
    "web.fingerprint_hint": (
        "核查记录凭此对应到这一版自评表：自评表改动一个字，指纹就不同，旧的核查记录不会被用到新版本上。",
        "The audit record is tied to this version of the self-assessment by it: change one character and the "
        "fingerprint differs, so an old audit record is never applied to a new version.",
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
    "dash.dashboard": ("汇总看板", "Dashboard"),
    "dash.all": ("全部", "All"),
    "dash.level.root": ("全部", "All"),
    "dash.level.province": ("省", "Province"),
    "dash.level.city": ("市", "City"),
    "dash.level.district": ("区", "District"),
    "dash.level.street": ("街道", "Street"),
    "dash.level.community": ("社区", "Community"),
    "dash.roster": ("名册社区", "On the roster"),
    "dash.reported": ("已提交（含已退回、已通过、已核查）", "Reported (any version in)"),
    "dash.denominators": (
        "各项比例的分母都是名册社区数（{roster} 个）；点击任一数字可查看对应的社区。",
        "Every share is of the {roster} communities on the roster; click any figure for the communities behind it.",
    ),
    "dash.progress": ("填报进度", "Progress"),
    "dash.mean_score": ("平均分", "Mean score"),
    "dash.verified_mean": ("核查后平均分", "Mean verified score"),
    "dash.mean_gaps": ("平均缺项", "Mean gaps"),
    "dash.scores": ("得分分布（自评）", "Scores (claimed)"),
    "dash.grades": ("等级分布", "Grades"),
    "dash.claimed": ("自评", "Claimed"),
    "dash.verified": ("核查", "Verified"),
    "dash.no_grade": ("未达等级", "No grade"),
    "dash.top_gaps": ("最常见的缺项", "Most common gaps"),
    "dash.communities_missing": ("缺此项的社区", "Communities missing it"),
    "dash.bodies": ("各责任单位的任务", "Work per responsible body"),
    "dash.body": ("责任单位", "Responsible body"),
    "dash.body_items": ("缺项（社区 × 项目）", "Gaps (community × item)"),
    "dash.body_requirements": ("涉及项目", "Items"),
    "dash.rectification": ("整改事项", "Rectification items"),
    "dash.rect_issued": ("已下发", "Issued"),
    "dash.items": ("项（点击查看社区）", "items (click for the communities)"),
    "dash.rect_open": ("未销号", "Not closed"),
    "dash.rect_overdue": ("已逾期", "Overdue"),
    "dash.side_by_side": ("下一级对比：{level}", "Side by side: {level}"),
    "dash.filter": ("查看", "Show"),
    "dash.place": ("区 / 街道", "District / street"),
    "dash.compare": ("与其他轮次对比", "Compare with another round"),
    "dash.compare_title": ("{now} 与 {before} 对比", "{now} against {before}"),
    "dash.no_previous": ("本范围内没有同一标准的更早轮次可对比。", "No earlier round of this standard to compare."),
    "dash.other_round": ("对比轮次", "Compare with"),
    "dash.change": ("变化", "Change"),
    "dash.change_points": ("变化（百分点）", "Change (points)"),
    "dash.gap_changes": ("缺项变化最大的项目", "Gaps that changed most"),
    "dash.this_round": ("本轮", "This round"),
    "dash.previous_round": ("对比轮", "Other round"),
    "dash.rate": ("提交率", "Reported"),
    "dash.communities": ("社区名单", "Communities"),
    "dash.list_title": ("{figure}：共 {count} 个社区", "{figure}: {count} communities"),
    "dash.score_range": ("得分 {low}–{high}", "Score {low}–{high}"),
    "dash.page": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "dash.prev_page": ("上一页", "Previous"),
    "dash.next_page": ("下一页", "Next"),
    "dash.history": ("历次结果", "History"),
    "dash.history_title": ("{community}：历次结果", "{community}: history"),
    "dash.closed_gaps": ("较上轮补齐", "Closed since last round"),
    "dash.new_gaps": ("较上轮新增", "New since last round"),
    "dash.not_comparable": ("（无上一轮可比）", "(nothing earlier to compare)"),
    "dash.none": ("无", "none"),
    "dash.colon": ("：", ": "),
    "dash.and": ("；", "; "),
    "dash.back": ("返回看板", "Back to the dashboard"),
    "web.bad_path": (
        "“{path}”不是有效的路径：应为 区/街道/社区（或 区、区/街道）",
        "'{path}' is not a valid path: expected district/street/community (or district, district/street)",
    ),
    "web.ambiguous_community": (
        "“{path}”可指多个社区：{paths}；请在前面写上市（或省/市）",
        "'{path}' names more than one community: {paths}; put the city (or province/city) in front",
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
        "勾选下表中的社区，选择核查人员和计划日期后点“安排核查”；选“（取消安排）”则取消所勾选社区的安排。",
        "Tick communities in the table, choose an inspector and a planned date, then Assign; choose “(remove the "
        "plan)” to remove the ticked communities' plans.",
    ),
    "web.inspector": ("核查人员", "Inspector"),
    "web.planned_on": ("计划核查日期", "Planned date"),
    "web.no_inspector": ("（取消安排）", "(remove the plan)"),
    "web.pick_inspector": ("请选择核查人员", "Choose an inspector"),
    "web.assign": ("安排核查", "Assign"),
    "web.assigned": ("已为 {count} 个社区安排核查。", "Audits planned for {count} communities."),
    "web.unassigned": ("已取消 {count} 个社区的核查安排。", "Plans removed for {count} communities."),
    "web.assign_no_inspector": ("所选用户不是核查人员", "the user chosen is not an inspector"),
    "web.assign_no_community": ("请先勾选要安排的社区", "tick the communities to plan first"),
    "web.planned_bad_date": ("计划日期“{value}”应为 YYYY-MM-DD", "the planned date '{value}' must be YYYY-MM-DD"),
    "web.audit": ("实地核查", "On-site audit"),
    "web.my_visits": ("我的核查任务", "My audits"),
    "web.not_planned": ("未定日期", "No date"),
    "web.no_visits": ("本轮暂无安排给你的核查任务。", "No audits planned for you in this round."),
    "web.other_visits": ("其他可查看的社区（{count} 个）", "Other communities you may see ({count})"),
    "web.other_visits_hint": (
        "不是安排给你的核查任务：你负责的社区（账号设置），或安排给其他核查人员的社区。",
        "Not audits planned for you: the communities of your account, or those planned for another inspector.",
    ),
    "web.planned_for": ("已安排给 {inspector}", "planned for {inspector}"),
    "web.pick": ("选择", "Choose"),
    "web.visit.not_submitted": ("社区尚未提交自评", "Not submitted yet"),
    "web.visit.to_audit": ("待核查", "To audit"),
    "web.visit.in_progress": ("核查中", "In progress"),
    "web.visit.finished": ("已完成核查", "Audited"),
    "web.visit.outdated": ("已核查（社区其后提交了新版本）", "Audited (a newer version came since)"),
    "web.audit_title": ("实地核查：{community}", "On-site audit: {community}"),
    "web.audit_of_version": ("核查第 {number} 版自评", "auditing version {number}"),
    "web.audit_progress": ("已核查", "Checked"),
    "web.audit_read_only": ("核查进行中，只有核查人员可以填写。", "Audit in progress: only the inspector answers."),
    "web.audit_offline": (
        "未联网：{count} 项答案已暂存在本机，恢复联网后自动上传。",
        "Offline: {count} answers kept on this phone; they are sent when the connection is back.",
    ),
    "web.audit_pending": ("{count} 项答案待上传……", "{count} answers waiting to be sent…"),
    "web.audit_saving": ("正在保存……", "Saving…"),
    "web.audit_all_saved": ("全部答案已保存", "Every answer is saved"),
    "web.audit_veto": ("（一票否决）", "(veto)"),
    "web.audit_required": ("要求", "Required"),
    "web.audit_claimed": ("自评", "Claimed"),
    "web.audit_how": ("核查方法", "How to check"),
    "web.audit_finding": ("核查结论", "Finding"),
    "web.audit_checklist_hint": (
        "已按社区自评勾选；请按现场所见修改。",
        "Ticked as the community claimed; change what you find on site.",
    ),
    "web.audit_found": ("现场核实", "Found"),
    "web.audit_verified": ("核查值", "Verified value"),
    "web.audit_verified_hint": (
        "已填入自评值；选“不符”时请改为实际核查值。",
        "Pre-filled with the claim; for “not confirmed” change it to what you found.",
    ),
    "web.audit_comment": ("核查说明", "Comment"),
    "web.audit_photo": ("拍照", "Take a photo"),
    "web.audit_save_item": ("保存此项", "Save this item"),
    "web.audit_saved": ("已保存 {when}", "Saved {when}"),
    "web.audit_finish_title": ("完成核查", "Finish the audit"),
    "web.audit_finish_hint": (
        "完成后生成实地核查记录，此后不能再修改；未作结论的项目记为未核查。",
        "Finishing writes the audit record; it cannot be changed afterwards. Items without a finding count as not "
        "checked.",
    ),
    "web.audit_inspector_name": ("检查人", "Inspector"),
    "web.audit_organisation": ("检查单位", "Inspecting body"),
    "web.audit_accompanied_by": ("社区陪同人员", "Accompanied by"),
    "web.audit_date": ("核查日期", "Date of the visit"),
    "web.audit_finish": ("完成核查", "Finish"),
    "web.audit_sheet_xlsx": (
        "下载核查表（Excel，可离线填写后上传）",
        "Download the audit sheet (Excel, to fill in and upload)",
    ),
    "web.audit_report_title": ("核查报告：{community}", "Audited report: {community}"),
    "web.audit_summary": ("检查人：{inspector} · 核查日期：{date}", "Inspector: {inspector} · date: {date}"),
    "web.audit_scores": ("自评得分 {claimed} → 核查得分 {verified}", "claimed score {claimed} → verified {verified}"),
    "web.audit_credibility": ("自评可信度", "Credibility"),
    "web.audit_discrepancies": ("不符 {count} 项", "{count} discrepancies"),
    "web.audit_record": ("核查记录（YAML）", "Audit record (YAML)"),
    "web.audit_upload_refused": ("“{name}”未能读入", "'{name}' could not be read"),
    "web.audit_no_submission": (
        "该社区尚未提交自评，暂不能核查。",
        "The community has not submitted yet: nothing to audit.",
    ),
    "web.audit_closed": ("本次核查已完成，记录不能再修改。", "This audit is finished: its record cannot be changed."),
    "web.audit_stale": (
        "未保存：{who} 已于 {when} 修改过此项，页面已显示其答案，请核对后再改。",
        "Not saved: {who} changed this item at {when}; their answer is shown, check it and change it again.",
    ),
    "web.audit_photos_offline": (
        "未联网：{count} 张照片已暂存在本机，联网后自动上传。",
        "Offline: {count} photos kept on this phone; they are sent when the connection is back.",
    ),
    "web.audit_photos_pending": ("{count} 张照片待上传…", "{count} photos waiting to be sent…"),
    "web.audit_photo_waiting": ("待上传", "waiting to be sent"),
    "web.audit_not_saved": ("未保存：请按红字说明改正此项。", "Not saved: correct this item as the note in red says."),
    "web.audit_refused_count": (
        "{count} 项答案未保存，请按红字说明改正",
        "{count} answers not saved: correct them as the notes in red say",
    ),
    "web.audit_unanswered": (
        "尚未作结论 {count} 项（完成核查时记为未核查）",
        "{count} items without a finding (they count as not checked when you finish)",
    ),
    "web.audit_problem_items": ("以下项目须先改正：", "Correct these items first:"),
    "web.audit_cannot_finish": (
        "不能完成核查：有 {count} 处问题，已在对应项目下标出。",
        "Cannot finish: {count} problems, shown under their items.",
    ),
    "web.audit_finished": ("核查已完成，核查记录已保存。", "The audit is finished and its record kept."),
    "web.audit_upload_kind": (
        "“{name}”不是核查表：应为核查表 Excel（.xlsx）或 ODK/Kobo 导出的 .csv、.zip",
        "'{name}' is not an audit: upload the audit sheet (.xlsx) or an ODK/Kobo export (.csv, .zip)",
    ),
    "web.audit_upload_size": ("“{name}”过大，上限为 {limit}", "'{name}' is too large; the limit is {limit}"),
    "web.audit_upload_none": (
        "“{name}”中的 {count} 份提交都不是该社区本轮已提交版本的核查",
        "none of the {count} submissions in '{name}' audits a version this community submitted in this round",
    ),
    "web.audit_start": ("开始核查", "Start the audit"),
    "web.back": ("返回", "Back"),
    "web.audit_continue": ("继续核查", "Continue the audit"),
    "web.audit_result": ("核查报告", "Audited report"),
    "web.audit_upload": ("上传已填写的核查表", "Upload a filled audit sheet"),
    "web.audit_upload_hint": (
        "核查表 Excel（.xlsx），或 ODK Collect / KoboToolbox 导出的 .csv、.zip。",
        "The audit sheet workbook (.xlsx), or an ODK Collect / KoboToolbox export (.csv, .zip).",
    ),
}


# The audit record's rules about findings, shown at the item on the phone: the core's Chinese (it names the
# findings as the buttons do), and in English the buttons' names instead of the record's codes (not_confirmed).
FINDING_RULES_EN: dict[str, str] = {
    "audit.no_finding": "a verified value without a finding: choose Confirmed, Not confirmed or Unverifiable",
    "audit.verified_required": "“Not confirmed” needs the verified value (what was found)",
    "audit.verified_forbidden": "“Unverifiable” must not carry a verified value",
    "audit.comment_required": "“Not confirmed” and “Unverifiable” need a comment",
    "audit.nothing_to_confirm": (
        "the self-assessment left this unanswered, so there is nothing to confirm: enter what was found and "
        "choose “Not confirmed”"
    ),
    "audit.confirmed_differs": "“Confirmed”, but the verified value changes the verdict: choose “Not confirmed”",
    "audit.not_confirmed_same": (
        "“Not confirmed”, but the verified value equals the claim: choose “Confirmed” or enter what was found"
    ),
}


def finding_rule(code: str, lang: str = "zh") -> str:
    """A finding rule's words for the item it is shown at ('' for any other code)."""
    if code not in FINDING_RULES_EN:
        return ""
    return FINDING_RULES_EN[code] if lang == "en" else render(code, lang)


# English that changes with a number (Chinese does not): the code, the number's name, the text when it is 1.
EN_ONE: dict[str, tuple[str, str]] = {
    "web.cannot_submit": ("count", "1 problem: correct it before submitting (it is shown beside its field)."),
    "web.live_left_out": ("count", "(1 answer with problems counted as unanswered)"),
    "web.rect_issued": ("count", "1 rectification item issued."),
    "web.rect_counts": ("total", "{total} item: {open} open, {answered} answered, {closed} closed; {overdue} overdue"),
    "web.rect_overdue_count": ("count", "1 rectification item overdue"),
    "web.rect_open_count": ("count", "1 rectification item not closed"),
    "web.clerks_created": ("count", "1 account created; its initial password is shown only now: download it."),
    "web.counts": (
        "total",
        "{total} community on the roster: {submitted} submitted, {draft} draft, {not_started} not started",
    ),
    "dash.denominators": (
        "roster",
        "Every share is of the {roster} community on the roster; click any figure for the communities behind it.",
    ),
    "dash.list_title": ("count", "{figure}: 1 community"),
    "web.assigned": ("count", "Audit planned for 1 community."),
    "web.unassigned": ("count", "Plan removed for 1 community."),
    "web.audit_offline": ("count", "Offline: 1 answer kept on this phone; it is sent when the connection is back."),
    "web.audit_pending": ("count", "1 answer waiting to be sent…"),
    "web.audit_discrepancies": ("count", "1 discrepancy"),
    "web.audit_cannot_finish": ("count", "Cannot finish: 1 problem, shown under its item."),
    "web.audit_unanswered": ("count", "1 item without a finding (it counts as not checked when you finish)"),
    "web.audit_upload_none": (
        "count",
        "the one submission in '{name}' does not audit a version this community submitted in this round",
    ),
    "web.other_visits": ("count", "Another community you may see (1)"),
    "web.audit_photos_offline": (
        "count",
        "Offline: 1 photo kept on this phone; it is sent when the connection is back.",
    ),
    "web.audit_photos_pending": ("count", "1 photo waiting to be sent…"),
    "web.audit_refused_count": ("count", "1 answer not saved: correct it as the note in red says"),
}


def label(text: str, lang: str = "zh") -> str:
    """A word shown alone (a state, an action on a button, a role): capitalised in English, where the core's
    words are lowercase to sit inside sentences (open → Open); Chinese as it is."""
    return text[:1].upper() + text[1:] if lang == "en" else text


_SIZE_MESSAGES = frozenset({"web.evidence_size", "web.audit_upload_size"})  # their "limit" counts bytes


def t(code: str, lang: str = "zh", **args: Any) -> str:
    """The web UI's text for ``code`` in ``lang``; codes of the core's catalogue are rendered by the core."""
    if code not in WEB_MESSAGES:
        return render(code, lang, **args)
    zh, en = WEB_MESSAGES[code]
    template = en if lang == "en" else zh
    if code in _SIZE_MESSAGES:
        args = sizes_said(args, lang)
    one = EN_ONE.get(code)
    if lang == "en" and one is not None and args.get(one[0]) in (1, "1"):
        template = one[1]
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template
