"""User-facing messages in Chinese (default) and English, keyed by a stable code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SHOWN = 40  # characters of a found value shown in a message

MESSAGES: dict[str, tuple[str, str]] = {
    # files and encodings
    "file.unreadable": ("无法读取文件：{error}", "cannot read the file: {error}"),
    "file.missing": ("找不到文件（请检查文件名和所在文件夹）", "no such file (check the name and the folder)"),
    "file.denied": ("没有读取此文件的权限", "permission denied: the file cannot be read"),
    "file.is_folder": ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    "file.too_large": (
        "文件过大（{size}），上限为 {limit}，已拒绝读取",
        "file too large ({size}); the limit is {limit}",
    ),
    "file.symlink": (
        "是符号链接（快捷方式），未读取：请直接提供文件本身",
        "a symbolic link, not read: give the file itself",
    ),
    "file.fifo": ("是管道（FIFO），不是普通文件，未读取", "a pipe (FIFO), not a regular file: not read"),
    "file.device": ("是设备文件，不是普通文件，未读取", "a device, not a regular file: not read"),
    "file.special": ("不是普通文件，未读取", "not a regular file: not read"),
    "folder.unreadable": ("无法打开文件夹：{error}", "cannot open the folder: {error}"),
    "file.empty": ("文件是空的，没有任何内容", "the file is empty: there is nothing in it"),
    "file.binary": ("文件含有二进制内容（NUL 字节），不是文本文件", "the file holds binary data (NUL bytes)"),
    "file.encoding": (
        "无法识别文件编码：应为 UTF-8（或 GBK/GB18030）",
        "unknown text encoding: expected UTF-8 (or GBK/GB18030)",
    ),
    "file.encoding_unclear": (
        "无法确定文件编码：按 GBK 读出的大多是生僻字和符号（可能是繁体 Big5 等编码），为免读错已拒绝；请另存为 UTF-8",
        "cannot tell the text encoding: read as GBK it is mostly rare characters and symbols (Big5, perhaps); "
        "refused rather than misread: please re-save it as UTF-8",
    ),
    "file.gbk_notice": (
        "提示：文件为 GBK/GB18030 编码，已按该编码读取；请另存为 UTF-8",
        "notice: the file is GBK/GB18030-encoded and was read as such; please re-save it as UTF-8",
    ),
    "file.format": (
        "不支持的文件类型“{suffix}”：应为 .yaml、.yml、.json 或 .xlsx",
        "unsupported file type '{suffix}': expected .yaml, .yml, .json or .xlsx",
    ),
    # YAML
    "yaml.syntax": ("YAML 语法错误：{zh}", "YAML syntax error: {detail}"),
    "yaml.tab": ("不能用 Tab 键缩进：请改用空格", "YAML forbids tabs for indentation ({detail})"),
    "yaml.fullwidth_colon": (
        "此处用了全角冒号“：”（中文输入法）：YAML 需要半角冒号“:”，并在其后加一个空格",
        "a full-width colon '：' (a Chinese input method) where YAML needs ':' followed by a space ({detail})",
    ),
    "yaml.duplicate_key": (
        "键“{key}”重复出现：后一个会覆盖前一个，请删除或合并",
        "duplicate key '{key}': the later one would silently replace the earlier",
    ),
    "yaml.alias": (
        "不允许使用 YAML 别名/锚点（* 与 &），请直接写出内容",
        "YAML aliases/anchors (* and &) are not allowed; write the value out",
    ),
    "yaml.tag": (
        "不允许使用 YAML 标签 {tag}：请直接写出值（文字加引号）",
        "YAML tags such as {tag} are not allowed: write the plain value (quote text)",
    ),
    "yaml.number_range": (
        "数字“{text}”超出可处理的范围（绝对值不超过 {limit}）；编号、证件号等请加引号写成文字",
        "the number '{text}' is out of range (at most {limit} in absolute value); quote codes and ID numbers as text",
    ),
    "yaml.key_type": ("键必须是文字或数字", "keys must be text or numbers"),
    "yaml.too_deep": ("嵌套层次过深（上限 {limit} 层）", "nested too deep (the limit is {limit} levels)"),
    "yaml.too_deep_here": ("此处嵌套层次过深，无法校验", "nested too deep here to be checked"),
    # JSON Schema (shape)
    "schema.required": ("缺少必填项“{key}”", "missing required key '{key}'"),
    # a filing checked against the round it is filed in (the web app's rounds; sqcheck itself has no round)
    "round.period": (
        "应为本轮的填报周期“{expected}”，填的是“{found}”",
        "must be this round's reporting period '{expected}', found '{found}'",
    ),
    "schema.unknown_key": ("未知的键“{key}”", "unknown key '{key}'"),
    "schema.type": ("应为{expected}，实际为{found}", "expected {expected}, found {found}"),
    "schema.enum": ("应为 {expected} 之一，实际为{found}", "expected one of {expected}, found {found}"),
    "schema.other": ("{zh}", "{en}"),
    "hint.did_you_mean": ("（是否应为“{suggestion}”？）", " (did you mean '{suggestion}'?)"),
    "hint.fullwidth_colon": (
        "（含全角冒号“：”，YAML 需要半角冒号“:”加空格）",
        " (contains a full-width colon '：'; YAML needs ':' followed by a space)",
    ),
    # standards: semantics
    "std.body_missing": (
        "要求 {id} 的 responsible 没有写明责任单位编号 body（本标准有 bodies 目录）",
        "requirement {id}: responsible names no body ID (this standard has a bodies catalogue)",
    ),
    "std.body_name_twice": (
        "责任单位名称或简称“{name}”已在第 {first} 行用过：每个名称只能指一个单位",
        "the body name or alias '{name}' is already used on line {first}: a name may stand for one body only",
    ),
    "std.entry_body": (
        "部门“{name}”不是 bodies 中任何责任单位的名称或简称",
        "the department '{name}' is neither the name nor an alias of any body in bodies",
    ),
    "std.duplicate_id": (
        "{what} ID“{id}”重复，首次出现在第 {first} 行",
        "duplicate {what} ID '{id}' (first on line {first})",
    ),
    "std.unknown_kind": ("未知的规则类型“{kind}”，可用：{known}", "unknown rule kind '{kind}'; known: {known}"),
    "std.param": ("规则“{kind}”的参数{detail}", "parameter of rule kind '{kind}': {detail}"),
    "std.unknown_ref": ("引用的{what}“{ref}”不存在", "{what} '{ref}' does not exist"),
    "std.fact_kind": (
        "共用事实“{fact}”的规则类型为“{other}”，与本要求的“{kind}”不一致",
        "shared fact '{fact}' belongs to kind '{other}', not '{kind}'",
    ),
    "std.grades_order": (
        "等级应按 min_score 从高到低排列（“{id}”的 {score} 不低于上一档）",
        "grade bands must go from the highest min_score down ('{id}' has {score})",
    ),
    "std.zero_points": (
        "要求“{id}”的分值为 0：只有一票否决项可以不计分",
        "requirement '{id}' is worth 0 points: only a veto item may score nothing",
    ),
    "std.dept_date": (
        "条目“{id}”的主管部门由“{before}”改为“{after}”，须用 dept_current_from 写明改变的日期",
        "entry '{id}' moved from '{before}' to '{after}': say from when with dept_current_from",
    ),
    "std.grades_floor": ("最后一个等级的 min_score 应为 0", "the last grade band must have min_score 0"),
    "std.not_found": (
        "未找到标准“{id}”：请写标准 ID 或标准名称中的几个字。可用：{known}",
        "no standard '{id}': give a standard's ID or part of its title. Available: {known}",
    ),
    "std.by_title": ("“{text}”：按标准 {id}（{title}）", "'{text}': standard {id} ({title})"),
    "std.ambiguous": (
        "“{text}”可指多个标准，请写得更具体或直接写标准 ID：{candidates}",
        "'{text}' fits several standards; be more specific or give the ID: {candidates}",
    ),
    "std.replaced": (
        "提示：标准 ID“{id}”已由 {first} 声明，现改用此文件",
        "notice: standard ID '{id}' was already declared by {first}; this file replaces it",
    ),
    "std.no_files": ("在 {path} 下没有找到标准文件（*.yaml）", "no standard files (*.yaml) under {path}"),
    "stdx.number": ("应为数字，实际为“{found}”", "expected a number, found '{found}'"),
    "stdx.yes_no": ("应填 是 或 否，实际为“{found}”", "expected 是 or 否, found '{found}'"),
    "stdx.option": ("“{found}”不是可选项，应为 {options} 之一", "'{found}' is not one of {options}"),
    "stdx.json": ("不是有效的 JSON：{detail}", "not valid JSON: {detail}"),
    "stdx.evidence": (
        "佐证材料“{found}”应写作“种类≥份数”，种类为 {kinds} 之一，如“照片≥2”",
        "evidence '{found}' should read kind≥count, kind one of {kinds}, e.g. 照片≥2",
    ),
    "stdx.column": ("缺少列“{column}”（表头在第 2 行）", "missing column '{column}' (headers are in row 2)"),
    "std.band_order": (
        "分档 min {min} 应低于最低值和上一档，按从高到低排列",
        "band min {min} must lie below the minimum and the band before it, highest first",
    ),
    "std.bonus_conflict": (
        "附加分项不能同时设置 {key}（附加分只加不减，不否决）",
        "a bonus item cannot also set {key} (bonus points only add)",
    ),
    "std.bonus_each": (
        "附加分的 each（每项加分）只适用于数值类规则（threshold、survey），本要求为“{kind}”",
        "bonus 'each' needs a numeric rule kind (threshold, survey), not '{kind}'",
    ),
    # self-assessments
    "sa.unknown_standard": (
        "未找到标准“{id}”：标准只能写标准 ID，可用：{known}",
        "no standard '{id}': name a standard by its ID; available: {known}",
    ),
    "sa.unknown_requirement": ("未知的要求 ID“{id}”", "unknown requirement ID '{id}'"),
    "sa.wrong_standard": (
        "自评表对应的标准为“{found}”，而不是“{expected}”",
        "the self-assessment answers standard '{found}', not '{expected}'",
    ),
    "sa.wrong_version": (
        "自评表对应标准“{id}”的版本 {found}，当前标准版本为 {expected}",
        "the self-assessment answers version {found} of '{id}'; the standard is version {expected}",
    ),
    "sa.na_not_allowed": (
        "该要求不允许申报“不适用”",
        "this requirement does not allow a not-applicable claim",
    ),
    "sa.na_with_value": (
        "已申报“不适用”，就不应再填写 value",
        "a not-applicable claim must not also carry a value",
    ),
    "sa.fact_shared": (
        "该要求与“{owner}”共用一项事实，请在“{owner}”下填写",
        "this requirement shares the fact of '{owner}': answer it there",
    ),
    "sa.placeholder": (
        "仍是空白表中的提示文字“{found}”，请改为实际内容",
        "still the blank form's prompt '{found}': write the actual value",
    ),
    "sa.served": (
        "应填 是 或 否，或写明就近服务的设施和距离（如“彭城幼儿园，280米”），实际为“{found}”",
        "expected yes or no, or the facility that serves the community and its distance (e.g. '彭城幼儿园，280米'), "
        "found '{found}'",
    ),
    "sa.bool": ("应填 是 或 否，实际为“{found}”", "expected yes or no (是/否, true/false), found '{found}'"),
    "sa.number": ("应为数字（单位：{unit}），实际为“{found}”", "expected a number (unit: {unit}), found '{found}'"),
    "sa.percent": (
        "问卷得分应在 0 到 100 之间，实际为 {found}",
        "a survey score lies between 0 and 100, found {found}",
    ),
    "sa.negative": ("数值不能为负数，实际为 {found}", "the number cannot be negative, found {found}"),
    "sa.integer": ("应为整数，实际为 {found}", "expected a whole number, found {found}"),
    "sa.unknown_entry": (
        "“{catalogue}”中没有“{entry}”",
        "'{entry}' is not in catalogue '{catalogue}'",
    ),
    "sa.online_not_handled": (
        "事项“{entry}”填为网上可办，但未列入已办理事项",
        "matter '{entry}' is listed online but not as handled",
    ),
    "sa.duplicate_entry": ("“{entry}”重复列出", "'{entry}' is listed twice"),
    "sa.choice": ("应为 {options} 之一，实际为“{found}”", "expected one of {options}, found '{found}'"),
    "sa.text": ("应为文字，实际为{found}", "expected text, found {found}"),
    "sa.list": ("应为文字列表，实际为{found}", "expected a list of texts, found {found}"),
    "sa.checklist": (
        "应填写已办理事项与其中网上可办事项两个清单（YAML 中写作 handled: [编号…] 与 online: [编号…]），实际为{found}",
        "expected an object with lists 'handled' and 'online', found {found}",
    ),
    # audits, exemptions and rectification notices (issue #6)
    "input.date": (
        "应为日期，如 2024-06-30 或 2024年6月30日，实际为“{found}”",
        "expected a date such as 2024-06-30, found '{found}'",
    ),
    "cli.fixed_time": (
        "环境变量 {name} 的值“{value}”不是日期（应为 {expected}）",
        "{name}='{value}' is not a date (expected {expected})",
    ),
    "cli.notice_date": (
        "--date 应为日期 YYYY-MM-DD，实际为“{value}”",
        "--date takes a date YYYY-MM-DD, found '{value}'",
    ),
    "cli.deadline": (
        "--deadline 应写作 级别=天数（级别为 veto、high、normal，天数为正整数），实际为“{value}”",
        "--deadline takes level=days (level veto, high or normal; days a positive whole number), found '{value}'",
    ),
    "exemption.wrong_standard": (
        "豁免清单对应的标准为“{found}”，而不是“{expected}”",
        "the exemptions are for standard '{found}', not '{expected}'",
    ),
    "exemption.unknown_requirement": ("标准中没有要求“{id}”", "the standard has no requirement '{id}'"),
    "exemption.blank": ("不能为空白", "must not be blank"),
    "exemption.order": (
        "失效日期 {expires} 早于批准日期 {granted}",
        "expires on {expires}, before it was granted on {granted}",
    ),
    "exemption.duplicate": (
        "同一社区的要求“{id}”已在第 {first} 行豁免过",
        "requirement '{id}' is already exempted for this community on line {first}",
    ),
    "exemption.expired": (
        "警告：要求“{id}”的豁免已于 {expires} 到期（评估日 {on}），本次未适用，按正常要求判定",
        "warning: the exemption from '{id}' expired on {expires} (evaluated on {on}); "
        "not applied, the requirement is judged normally",
    ),
    "exemption.not_yet_valid": (
        "警告：要求“{id}”的豁免自 {granted} 起生效（评估日 {on}），本次未适用，按正常要求判定",
        "warning: the exemption from '{id}' starts on {granted} (evaluated on {on}); "
        "not applied, the requirement is judged normally",
    ),
    "exemption.no_match": (
        "提示：豁免清单中没有社区“{community}”的豁免",
        "notice: the exemptions file holds none for community '{community}'",
    ),
    "audit.wrong_standard": (
        "核查记录对应的标准为“{found}”，而不是“{expected}”",
        "the audit is for standard '{found}', not '{expected}'",
    ),
    "audit.hash_mismatch": (
        "核查记录所核对的自评表（SHA-256 {found}…）与 {file}（{expected}…）不一致："
        "自评表在核查后被修改过，或核查记录属于另一份自评表",
        "the audit verifies a self-assessment with SHA-256 {found}…, but {file} has {expected}…: "
        "the file was edited after the audit, or the audit belongs to another file",
    ),
    "audit.unknown_fact": ("标准中没有事实“{id}”", "the standard has no fact '{id}'"),
    "audit.no_finding": (
        "填写了核查值，但没有核查结论（确认 / 不符 / 无法核实）",
        "a verified value without a finding (confirmed / not_confirmed / unverifiable)",
    ),
    "audit.verified_required": (
        "结论为“不符”时必须填写核查值（实际情况）",
        "a not_confirmed finding needs the verified value (what was found)",
    ),
    "audit.verified_forbidden": (
        "结论为“无法核实”时不应填写核查值",
        "an unverifiable finding must not carry a verified value",
    ),
    "audit.comment_required": (
        "结论为“不符”或“无法核实”时必须填写核查说明",
        "a not_confirmed or unverifiable finding needs a comment",
    ),
    "audit.nothing_to_confirm": (
        "自评表未填报此项，无可“确认”：请填写核查值并选“不符”，或删去此项",
        "the self-assessment left this unanswered, so there is nothing to confirm: "
        "record the verified value as not_confirmed, or drop the check",
    ),
    "audit.confirmed_differs": (
        "结论为“确认”，但核查值改变了判定结果：应选“不符”",
        "finding is confirmed, but the verified value changes the verdict: use not_confirmed",
    ),
    "audit.not_confirmed_same": (
        "结论为“不符”，但核查值与自评申报相同：应选“确认”或填写实际核查值",
        "finding is not_confirmed, but the verified value equals the claim: confirm it or record what was found",
    ),
    "audit.sheet_unreadable": (
        "无法作为 Excel 工作簿读取：{error}",
        "cannot read the file as an Excel workbook: {error}",
    ),
    "audit.sheet_missing": (
        "不是核查表工作簿：缺少工作表“{sheet}”",
        "not an audit-sheet workbook: sheet '{sheet}' is missing",
    ),
    # CLI
    "cli.internal": (
        "内部错误：{error}（加 --debug 查看详细信息，并请报告此问题）",
        "internal error: {error} (run with --debug for the traceback, and please report it)",
    ),
    "cli.summary_bad": ("{count} 个文件有错误", "{count} file(s) with errors"),
    "cli.valid": ("{file}：格式正确", "{file}: valid"),
    "cli.problem_count": ("{file}：共 {count} 处问题", "{file}: {count} problem(s) in all"),
    "cli.unanswered": ("；还有 {count} 项未填报", "; {count} question(s) still unanswered"),
    "cli.no_assessments": (
        "文件夹 {path} 中没有自评表（.yaml、.yml、.json 或 .xlsx）",
        "no self-assessments (.yaml, .yml, .json or .xlsx) in the folder {path}",
    ),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.binary_to_terminal": (
        "{fmt} 是二进制文件，不能直接显示在终端：请用 -o 文件名 指定输出文件（或重定向到文件）",
        "{fmt} is a binary format and cannot be shown on a terminal: name an output file with -o (or redirect)",
    ),
    "cli.lint_ok": ("{count} 个标准文件检查通过", "{count} standard file(s) passed"),
    "cli.output_exists_dir": ("输出路径是一个目录：{path}", "the output path is a directory: {path}"),
    "cli.xlsform_needs_output": (
        "XLSForm 表单须用 -o 指定输出文件：其旁还要写入自评数据附件（CSV）",
        "an XLSForm needs -o: the claims attachment (CSV) is written beside it",
    ),
    "cli.imported": (
        "{path}：{community} 的核查记录（第 {row} 行）",
        "{path}: the audit record of {community} (row {row})",
    ),
    "cli.imported_unmatched": (
        "提示：{path} 未找到对应的自评表（SHA-256 {sha}），只检查了格式；用 --audit 时会再核对",
        "notice: no self-assessment given for {path} (SHA-256 {sha}): only its shape was checked",
    ),
    # review and rectification states (checker/audits/states.py)
    "state.unknown": ("未知状态“{state}”", "unknown state '{state}'"),
    "state.needs_comment": ("“{action}”须填写说明", "'{action}' needs a comment"),
    "submission.not_from_here": (
        "“{state}”的自评表不能“{action}”",
        "a self-assessment that is {state} cannot be given '{action}'",
    ),
    "submission.not_your_move": (
        "{role}不能对“{state}”的自评表执行“{action}”",
        "{role} cannot {action} a self-assessment that is {state}",
    ),
    "rectification.not_from_here": (
        "“{state}”的整改事项不能“{action}”",
        "a rectification item that is {state} cannot be given '{action}'",
    ),
    "rectification.not_your_move": (
        "{role}不能对“{state}”的整改事项执行“{action}”",
        "{role} cannot {action} a rectification item that is {state}",
    ),
    # XLSForm exports (ODK Central, KoboToolbox, Enketo)
    "xlsform.no_submissions": ("导出文件中没有任何提交", "the export holds no submission"),
    "xlsform.not_our_form": (
        "不是 sqcheck 核查表（XLSForm）的导出：找不到 assessment_sha256 列",
        "not an export of a sqcheck audit form (XLSForm): no assessment_sha256 column",
    ),
    "xlsform.bad_zip": ("ZIP 文件已损坏，无法打开", "the ZIP file is damaged and cannot be opened"),
    "xlsform.unknown_standard": (
        "表单所依据的标准“{found}”未找到（应为内置标准或 --standards-dir 中的标准）。可用：{known}",
        "the form's standard '{found}' is not known (bundled or in --standards-dir). Available: {known}",
    ),
    "xlsform.bad_finding": (
        "核查结论应为 确认 / 不符 / 无法核实（confirmed / not_confirmed / unverifiable），实际为“{found}”",
        "the finding must be confirmed, not_confirmed or unverifiable, not '{found}'",
    ),
    "xlsform.not_a_number": ("核查值应为数字，实际为“{found}”", "the value found must be a number, not '{found}'"),
    # reports (HTML, PDF, Markdown)
    "report.no_cjk_font": (
        "无法生成 PDF：系统中没有中文字体，PDF 中的汉字会显示为方框。"
        "请安装 Noto Sans CJK 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk fontconfig），"
        "或改用 --format html",
        "cannot write a PDF: no Chinese font is installed, so every Chinese character would print as a box. "
        "Install Noto Sans CJK (Debian/Ubuntu: apt-get install fonts-noto-cjk fontconfig) or use --format html",
    ),
    "report.format": (
        "不支持的报告格式“{fmt}”：应为 {formats} 之一",
        "unknown report format '{fmt}': expected one of {formats}",
    ),
    "report.fixed_time": (
        "环境变量 {name} 的值“{value}”不是日期时间（应为 {expected}）",
        "{name}='{value}' is not a date and time (expected {expected})",
    ),
    # Excel workbooks: the form, reading it back, convert (issue #5)
    "xlsx.encrypted": (
        "文件设置了打开密码（已加密），无法读取：请在 Excel/WPS 中取消密码，另存为 .xlsx 后再提交",
        "the workbook is password-protected (encrypted): remove the password and save it as .xlsx again",
    ),
    "xlsx.legacy": (
        "这是旧版 Excel（.xls）文件，不是 .xlsx：请用 Excel/WPS 另存为“Excel 工作簿（*.xlsx）”",
        "this is an old Excel (.xls) file, not .xlsx: save it as an Excel workbook (*.xlsx)",
    ),
    "xlsx.corrupt": (
        "文件已损坏或不是 Excel 工作簿（.xlsx）：{detail}",
        "the file is damaged or not an Excel workbook (.xlsx): {detail}",
    ),
    "xlsx.bomb": (
        "文件解压后过大或压缩比异常（{detail}），疑似压缩炸弹，已拒绝读取（自评表解压后通常不到 1 MB）",
        "the workbook expands too much ({detail}): refused as a possible decompression bomb",
    ),
    "xlsx.not_a_form": (
        "不是 sqcheck 生成的自评表：找不到“{sheet}”表中的标准编号；"
        "请用 sqcheck template 标准编号 --format xlsx 生成表单",
        "not a sqcheck self-assessment workbook: no standard ID on sheet '{sheet}'; "
        "make a form with sqcheck template STANDARD --format xlsx",
    ),
    "xlsx.form_version": (
        "表单版本为“{found}”，本工具只能读取版本 {expected} 的表单：请用 sqcheck template 重新生成表单后誊写",
        "form version '{found}': this tool reads form version {expected}; make a new form with sqcheck template",
    ),
    "xlsx.other_standard": (
        "该表是为标准“{found}”（{found_version} 版）生成的，不能按标准“{expected}”（{expected_version} 版）读取",
        "this form was made for standard '{found}' (version {found_version}), "
        "not '{expected}' (version {expected_version})",
    ),
    "xlsx.other_version": (
        "该表是为标准“{id}”的 {found} 版生成的，当前标准为 {expected} 版：请用 sqcheck template {id} --format xlsx "
        "重新生成表单后誊写",
        "this form was made for version {found} of '{id}'; the standard is version {expected}: "
        "make a new form with sqcheck template {id} --format xlsx",
    ),
    "xlsx.sheet_missing": (
        "缺少工作表：{sheets}（工作表被删除或改名）",
        "missing sheet(s): {sheets} (deleted or renamed)",
    ),
    "xlsx.sheet_extra": (
        "多出工作表：{sheets}；表单只应有：{expected}。请删除多出的工作表（需要说明的写在“备注”列）",
        "extra sheet(s): {sheets}; the form has only: {expected}",
    ),
    "xlsx.merged": ("合并了单元格 {range}：表单中不应有合并单元格，请取消合并", "merged cells {range}: unmerge them"),
    "xlsx.formula": (
        "单元格含公式“{formula}”：检查工具不计算公式，也不读取公式的缓存结果，"
        "请改为直接填写数值（复制后“选择性粘贴 → 数值”）",
        "the cell holds a formula '{formula}': formulas are refused (neither computed nor read from their cached "
        "value); type the value instead (paste special → values)",
    ),
    "xlsx.header": (
        "表头应为“{expected}”，实际为“{found}”：列被插入、删除或移动",
        "the column header should be '{expected}', found '{found}': a column was inserted, deleted or moved",
    ),
    "xlsx.row_id": (
        "此行编号应为“{expected}”，实际为“{found}”：编号被改动，或插入、清空了行；请勿增删行或修改编号",
        "this row's ID should be '{expected}', found '{found}': a row was deleted or inserted, or the ID edited",
    ),
    "xlsx.row_deleted": (
        "此行编号应为“{expected}”，实际为“{found}”：“{expected}”一行被删除了；请勿删除行，用原表重新填写",
        "this row's ID should be '{expected}', found '{found}': the row '{expected}' was deleted",
    ),
    "xlsx.row_moved": (
        "此行编号应为“{expected}”，实际为“{found}”：行被移动或排序，请恢复原来的顺序",
        "this row's ID should be '{expected}', found '{found}': rows were moved or sorted",
    ),
    "xlsx.outside": (
        "表格以外的单元格有内容“{found}”：这些内容不会被读取，请删除或移到“备注”列",
        "a cell outside the table holds '{found}': it would not be read; delete it or move it to the note column",
    ),
    "xlsx.option": (
        "应为 {options} 之一（从下拉列表选择），实际为“{found}”",
        "expected one of {options} (pick from the list), found '{found}'",
    ),
    "xlsx.yes_no": (
        "应填 是 或 否（从下拉列表选择），实际为“{found}”",
        "expected 是 or 否 (yes or no), found '{found}'",
    ),
    "convert.format": (
        "不支持的输出格式“{suffix}”：应为 .yaml、.yml、.json 或 .xlsx",
        "unsupported output format '{suffix}': expected .yaml, .yml, .json or .xlsx",
    ),
    "convert.done": ("已转换：{source} → {target}", "converted: {source} -> {target}"),
    "convert.cell_chars": (
        "含有 Excel 不能保存的控制字符，无法无损写入 Excel 表",
        "holds control characters a workbook cannot store; it cannot be written to Excel without loss",
    ),
    "convert.cell_long": (
        "超过 Excel 单元格上限 {limit} 个字，无法写入 Excel 表",
        "longer than an Excel cell's limit of {limit} characters",
    ),
    "convert.item_separator": (
        "条目“{item}”含有换行、“、”或“；”，在 Excel 表中会被拆成几项，无法无损写入",
        "item '{item}' holds a line break, 、 or ；, which would split it into several items in a workbook",
    ),
    "convert.item_none": (
        "条目“{item}”在 Excel 表中表示“一项也没有”，无法无损写入",
        "item '{item}' means 'none' in a workbook cell; it cannot be written without loss",
    ),
    "convert.blank_text": (
        "只含空格的文字在 Excel 表中与空单元格无法区分，无法无损写入",
        "text of spaces only cannot be told from an empty cell in a workbook",
    ),
    "convert.big_int": (
        "整数 {value} 超出 Excel 能精确保存的范围（15 位有效数字），无法无损写入",
        "the whole number {value} is beyond what Excel stores exactly (15 significant digits)",
    ),
    # publish: a bureau's publication of a round (issue #7)
    "publish.no_files": (
        "在 {paths} 下没有找到自评表（.yaml、.yml、.json 或 .xlsx）",
        "no self-assessments (.yaml, .yml, .json or .xlsx) under {paths}",
    ),
    "publish.no_standard": (
        "无法确定按哪个标准发布：没有一份自评表写明可用的标准，请用 --standard 指定",
        "cannot tell which standard to publish against: no file names a known standard; use --standard",
    ),
    "publish.format": (
        "未知的输出格式：{found}；可用：{formats}",
        "unknown output format(s): {found}; known: {formats}",
    ),
    "publish.duplicate": (
        "与“{kept}”是同一社区（{district} {name}）的重复报送，未采用（采用的是“{kept}”）",
        "a second submission for {district} {name}: not used ('{kept}' is used)",
    ),
    "publish.audit_no_sha": (
        "核查记录没有写明所核查自评表的 SHA-256（assessment.sha256，64 位十六进制）",
        "the audit does not name the SHA-256 of the self-assessment it verifies (assessment.sha256, 64 hex digits)",
    ),
    "publish.audit_superseded": (
        "同一份自评表另有更新的核查记录“{kept}”，本记录未采用",
        "a later audit of the same self-assessment, '{kept}', is used instead",
    ),
    "publish.audit_unmatched": (
        "本轮没有与之对应的有效自评表（按 SHA-256）：自评表可能在核查后被修改，或未被采用",
        "no accepted self-assessment of this round has the SHA-256 it names: edited after the audit, or not used",
    ),
    "publish.previous_missing": (
        "--previous {path}：既不是上一轮的发布目录（含 summary.json），也不是自评表目录",
        "--previous {path}: neither a previous publication (with summary.json) nor a folder of self-assessments",
    ),
    "publish.previous_format": (
        "无法读取上一轮的 summary.json：{detail}",
        "cannot read the previous round's summary.json: {detail}",
    ),
    "publish.previous_standard": (
        "上一轮（{file}）按标准“{found}”发布，本轮按“{expected}”，无法比较",
        "the previous round ({file}) was published against '{found}', this one against '{expected}': not comparable",
    ),
    "publish.internal_error": (
        "检查此文件时程序出错（{error}）：这是 sqcheck 的缺陷，请报告；该文件未计入，其余文件照常发布",
        "an internal error while checking this file ({error}): a bug in sqcheck, please report it; the file is "
        "left out and the rest is published",
    ),
    "publish.internal_errors": (
        "{count} 个文件在检查时遇到程序错误（见 rejected[] 中的 internal_error），请报告",
        "{count} file(s) hit an internal error (see internal_error in rejected[]); please report it",
    ),
    "publish.several_standards": (
        "这些文件按不同的标准填报：{found}。一次发布只按一个标准统计，请用 --standard 指定"
        "（其余文件将列为“按其他标准填报”），或把各标准的文件分开发布",
        "these files answer different standards: {found}. A publication counts against one standard: choose it with "
        "--standard (the other files are then listed as for another standard), or publish each standard's files apart",
    ),
    "publish.is_audit": (
        "这是实地核查记录，不是自评表：请放到 --audits 指定的文件夹",
        "this is an audit record, not a self-assessment: put it in the folder given to --audits",
    ),
    "publish.is_exemptions": (
        "这是豁免文件，不是自评表：发布不读取豁免文件（检查时用 sqcheck check --exemptions）",
        "this is an exemptions file, not a self-assessment: publish does not read exemptions (use check --exemptions)",
    ),
    "publish.standards_found": ("按标准：{found}", "standards: {found}"),
    "publish.timezone": (
        "未知的时区“{zone}”：应为如 Asia/Shanghai 的时区名",
        "unknown time zone '{zone}': expected a name such as Asia/Shanghai",
    ),
    "publish.busy": (
        "另一次发布正在写入输出目录 {output}：请等它结束后再发布",
        "another publication is being written into {output}: wait for it to finish, then publish again",
    ),
    "publish.output_failed": (
        "无法写入输出目录 {output}：{reason}。原有的发布内容未改动",
        "cannot write the output folder {output}: {reason}. The publication already there is unchanged",
    ),
    "publish.disk_full": ("磁盘空间已满（{detail}）", "the disk is full ({detail})"),
    "publish.read_only": ("所在磁盘为只读（{detail}）", "the disk is read-only ({detail})"),
    "publish.forbidden": ("没有写入权限（{detail}）", "no permission to write there ({detail})"),
    "publish.os_error": ("{detail}", "{detail}"),
    "publish.output_link": (
        "输出目录 {output} 是符号链接：请指定实际目录",
        "the output folder {output} is a symbolic link: give the real folder",
    ),
    "publish.output_not_folder": (
        "输出目录 {output} 已存在且不是文件夹",
        "the output {output} exists and is not a folder",
    ),
    "publish.output_foreign": (
        "输出目录 {output} 中已有不属于发布结果的文件（如 {names}）：发布会整体替换该目录，请指定一个新目录或空目录",
        "the output folder {output} holds files that are not part of a publication (such as {names}): "
        "publishing replaces the whole folder, so give a new or empty folder",
    ),
    "publish.meter_round": ("检查自评表", "Checking self-assessments"),
    "publish.meter_previous": ("检查上一轮自评表", "Checking the previous round"),
    "publish.done": (
        "已发布到 {outdir}：有效 {valid} 个社区（收到 {submitted} 份），其中 {with_gaps} 个有缺项",
        "published to {outdir}: {valid} communities ({submitted} files received), {with_gaps} with gaps",
    ),
    "publish.rejected": (
        "{count} 个文件未采用（原因见 summary.json 的 rejected[] 和 index.html）",
        "{count} file(s) not used (see rejected[] in summary.json, and index.html)",
    ),
    "publish.missing": ("名册中 {count} 个社区未报送", "{count} communities on the roster did not report"),
    "cli.internal_file": (
        "内部错误（{file}）：{error}（加 --debug 查看详细信息，并请报告此问题）；其余文件照常检查",
        "internal error with {file}: {error} (add --debug for details, and please report it); the other files are "
        "still checked",
    ),
    "roster.csv": (
        "名册不是有效的 CSV（从这一行起）：引号不成对或单元格过长（{detail}）",
        "the roster is not valid CSV (from this line): an unbalanced quote or an oversized cell ({detail})",
    ),
    "roster.empty": ("名册是空的", "the roster is empty"),
    "roster.column": (
        "名册缺少列“{column}”（第一行应为列名）",
        "the roster has no column '{column}' (the first row names the columns)",
    ),
    "roster.blank": ("名册中“{column}”为空", "'{column}' is empty in the roster"),
    "roster.shape": (
        "名册应为社区列表，每项含 district、street、name",
        "the roster must be a list of communities, each with district, street and name",
    ),
    "roster.duplicate": (
        "名册中 {district} {name} 重复（首次在第 {first} 行）",
        "{district} {name} is listed twice in the roster (first on line {first})",
    ),
}

TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("文字", "text"),
    "number": ("数字", "a number"),
    "integer": ("整数", "a whole number"),
    "boolean": ("是/否", "true/false"),
    "object": ("键值对象", "a mapping"),
    "array": ("列表", "a list"),
    "null": ("空值", "empty"),
}


def suggest(close: list[str]) -> dict[str, str]:
    """Problem args for a "did you mean" hint from difflib's close matches (nothing if none)."""
    return {"suggestion": close[0]} if close else {}


@dataclass(frozen=True)
class Found:
    """A found value, named in the reader's language when the message is rendered.

    Only what a message shows is kept: a list or mapping becomes an empty one of its type, text its first
    characters. A problem then never holds a user's nested or huge value (repr, hashing and pickling of a
    value nested a thousand deep would raise RecursionError)."""

    value: Any

    def __post_init__(self) -> None:
        value = self.value
        if isinstance(value, list | dict):
            object.__setattr__(self, "value", type(value)())
        elif isinstance(value, str) and len(value) > _SHOWN:
            object.__setattr__(self, "value", value[: _SHOWN + 1])

    def localize(self, lang: str) -> str:
        return describe_value(self.value, lang)


TERMS: dict[str, tuple[str, str]] = {
    "requirement": ("要求", "requirement"),
    "source": ("来源", "source"),
    "catalogue": ("目录", "catalogue"),
    "entry": ("目录条目", "catalogue entry"),
    "group": ("分组", "group"),
    "part": ("部分", "part"),
    "category": ("类别", "category"),
    "grade": ("等级", "grade"),
    "option": ("选项", "option"),
    "allowed": ("允许项", "allowed item"),
    "body": ("责任单位", "responsible body"),
    # what a clock pin looks like (SQCHECK_FIXED_TIME, SOURCE_DATE_EPOCH)
    "pin.date": ("YYYY-MM-DD", "YYYY-MM-DD"),
    "pin.datetime": ("如 2024-07-01T09:30:00 的日期时间", "a date and time such as 2024-07-01T09:30:00"),
    "pin.epoch": ("自 1970-01-01 UTC 起的整秒数", "whole seconds since 1970-01-01 UTC"),
}


# The words of the forms for the fields of a file, by path: "*" stands for any key (a requirement ID: {0}),
# "#" for a list position ({n}, counted from 1). Paths not listed keep their raw name (standards' fields).
_FACT_PARTS: dict[tuple[str, ...], tuple[str, str]] = {
    (): ("第 {0} 项", "question {0}"),
    ("value",): ("第 {0} 项的填报内容", "the answer to {0}"),
    ("value", "#"): ("第 {0} 项填报内容的第 {n} 条", "item {n} of the answer to {0}"),
    ("value", "handled"): ("第 {0} 项的已办理事项", "the matters handled under {0}"),
    ("value", "handled", "#"): ("第 {0} 项已办理事项的第 {n} 项事项", "matter {n} handled under {0}"),
    ("value", "online"): ("第 {0} 项的网上可办事项", "the matters online under {0}"),
    ("value", "online", "#"): ("第 {0} 项网上可办事项的第 {n} 项事项", "matter {n} online under {0}"),
    ("not_applicable",): ("第 {0} 项的不适用理由", "the not-applicable reason of {0}"),
    ("evidence",): ("第 {0} 项的佐证材料", "the evidence of {0}"),
    ("evidence", "#"): ("第 {0} 项的第 {n} 份佐证材料", "evidence {n} of {0}"),
    ("note",): ("第 {0} 项的备注", "the note of {0}"),
}
_CHECK_PARTS: dict[tuple[str, ...], tuple[str, str]] = {
    (): ("第 {0} 项的核查", "the check of {0}"),
    ("finding",): ("第 {0} 项的核查结论", "the finding on {0}"),
    ("verified",): ("第 {0} 项的核查值", "the verified value of {0}"),
    ("verified", "#"): ("第 {0} 项核查值的第 {n} 条", "item {n} of the verified value of {0}"),
    ("verified", "handled", "#"): ("第 {0} 项核查值中已办理的第 {n} 项事项", "matter {n} verified handled under {0}"),
    ("verified", "online", "#"): ("第 {0} 项核查值中网上可办的第 {n} 项事项", "matter {n} verified online under {0}"),
    ("comment",): ("第 {0} 项的核查说明", "the comment on {0}"),
    ("references",): ("第 {0} 项的核查依据", "the references of {0}"),
}
_EXEMPTION_PARTS: dict[tuple[str, ...], tuple[str, str]] = {
    (): ("第 {n} 条豁免", "exemption {n}"),
    ("requirement",): ("第 {n} 条豁免的要求编号", "the requirement of exemption {n}"),
    ("community",): ("第 {n} 条豁免的社区", "the community of exemption {n}"),
    ("district",): ("第 {n} 条豁免的所属区", "the district of exemption {n}"),
    ("justification",): ("第 {n} 条豁免的理由", "the justification of exemption {n}"),
    ("approved_by",): ("第 {n} 条豁免的批准单位", "the approver of exemption {n}"),
    ("reference",): ("第 {n} 条豁免的批准文号", "the reference of exemption {n}"),
    ("granted_on",): ("第 {n} 条豁免的批准日期", "the grant date of exemption {n}"),
    ("expires_on",): ("第 {n} 条豁免的失效日期", "the expiry date of exemption {n}"),
}
FIELD_LABELS: dict[tuple[str, ...], tuple[str, str]] = {
    ("standard",): ("标准编号", "standard ID"),
    ("standard_version",): ("标准版本", "standard version"),
    ("period",): ("填报周期", "reporting period"),
    ("filled_by",): ("填报人", "filled in by"),
    ("filled_on",): ("填报日期", "date filled in"),
    ("illustrative",): ("示例说明", "illustration note"),
    ("community",): ("社区基本信息", "community details"),
    ("community", "name"): ("社区名称", "community name"),
    ("community", "district"): ("所属区（县）", "district"),
    ("community", "street"): ("所属街道（镇）", "street"),
    ("community", "city"): ("所在城市", "city"),
    ("community", "area_type"): ("社区类型", "type of community"),
    ("community", "estate_type"): ("小区类型", "type of estate"),
    ("community", "households"): ("户数", "households"),
    ("community", "population"): ("常住人口", "resident population"),
    ("community", "contact"): ("联系人", "contact person"),
    ("community", "phone"): ("联系电话", "phone number"),
    ("facts",): ("填报事项", "answers"),
    **{("facts", "*", *rest): label for rest, label in _FACT_PARTS.items()},
    # audit records
    ("assessment",): ("所核查的自评表", "the self-assessment audited"),
    ("assessment", "sha256"): ("所核查自评表的 SHA-256", "the SHA-256 of the self-assessment audited"),
    ("assessment", "file"): ("所核查自评表的文件名", "the file name of the self-assessment audited"),
    ("assessment", "community"): ("所核查的社区", "the community audited"),
    ("inspector",): ("核查人", "inspector"),
    ("organisation",): ("核查单位", "inspecting body"),
    ("accompanied_by",): ("陪同人员", "accompanied by"),
    ("date",): ("核查日期", "date of the audit"),
    ("checks",): ("核查项目", "checks"),
    **{("checks", "*", *rest): label for rest, label in _CHECK_PARTS.items()},
    # exemptions
    ("issued_by",): ("发布单位", "issued by"),
    ("exemptions",): ("豁免清单", "exemptions"),
    **{("exemptions", "#", *rest): label for rest, label in _EXEMPTION_PARTS.items()},
}
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def field_steps(path: str) -> tuple[str | int, ...]:
    """The steps of a field path as :func:`checker.errors.field_path` writes it.

    >>> field_steps("facts.XZ-S-101.value.online[1]")
    ('facts', 'XZ-S-101', 'value', 'online', 1)
    """
    return tuple(int(index) if index else key for index, key in _STEP.findall(path))


def field_label(path: str, lang: str = "zh") -> str | None:
    """The form's words for a field (社区名称, 第 XZ-S-101 项网上可办事项的第 2 项事项); None if it has none.
    A path deeper than any listed is named by its longest listed beginning.

    >>> field_label("community.households"), field_label("facts.XZ-S-101.value.online[1]")
    ('户数', '第 XZ-S-101 项网上可办事项的第 2 项事项')
    >>> field_label("exemptions[0].expires_on", "en"), field_label("requirements[3].params") is None
    ('the expiry date of exemption 1', True)
    """
    steps = field_steps(path)
    for length in range(len(steps), 0, -1):
        head = steps[:length]
        pattern = tuple("#" if isinstance(s, int) else s for s in head)
        numbers = [s + 1 for s in head if isinstance(s, int)]
        for candidate in _patterns(pattern):
            label = FIELD_LABELS.get(candidate)
            if label is not None:
                wildcard = [i for c, i in zip(candidate, head, strict=True) if c == "*"]
                zh, en = label
                return (en if lang == "en" else zh).format(*map(str, wildcard), n=numbers[-1] if numbers else "")
    return None


def _patterns(pattern: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The pattern itself, and with its second step as any key (facts.X…, checks.X…)."""
    if len(pattern) > 1 and pattern[1] != "#":
        return (pattern, (pattern[0], "*", *pattern[2:]))
    return (pattern,)


# Coded values people write in Chinese: the word is accepted for the code, and messages name the word
VALUE_LABELS: dict[str, tuple[str, str]] = {
    "urban": ("城市社区", "urban"),
    "rural": ("农村社区", "rural"),
    "old": ("老旧小区", "old"),
    "new": ("新建小区", "new"),
    "mixed": ("新老混合", "mixed"),
    "confirmed": ("确认", "confirmed"),
    "not_confirmed": ("不符", "not_confirmed"),
    "unverifiable": ("无法核实", "unverifiable"),
}


@dataclass(frozen=True)
class Options:
    """The values a field allows, in the reader's language: 城市社区、农村社区 (never None: empty is not a choice
    one writes)."""

    values: tuple[Any, ...]

    def localize(self, lang: str) -> str:
        shown = [v for v in self.values if v is not None]
        if lang == "en":
            return ", ".join(str(v) for v in shown)
        return "、".join(VALUE_LABELS[v][0] if isinstance(v, str) and v in VALUE_LABELS else str(v) for v in shown)


@dataclass(frozen=True)
class FieldName:
    """A field named in a message in the reader's language: its form label, else its key as written."""

    path: str

    def localize(self, lang: str) -> str:
        steps = field_steps(self.path)
        return field_label(self.path, lang) or (str(steps[-1]) if steps else self.path)


@dataclass(frozen=True)
class Term:
    """A domain word (requirement, source, ...) named in the reader's language."""

    key: str

    def localize(self, lang: str) -> str:
        zh, en = TERMS.get(self.key.partition("@")[0], (self.key, self.key))
        return en if lang == "en" else zh


@dataclass(frozen=True)
class TypeNames:
    """Expected JSON types, named in the reader's language when the message is rendered."""

    types: tuple[str, ...]

    def localize(self, lang: str) -> str:
        return "/".join(type_name(t, lang) for t in self.types)


# The messages whose "size" and "limit" count bytes: said as people read sizes (a problem's args stay the exact
# counts, for the JSON output); the "limit" of other messages is a count of levels, characters or photos
SIZE_MESSAGES = frozenset({"file.too_large"})


def byte_size(count: Any, lang: str = "zh") -> Any:
    """A count of bytes as people read it; anything else as it is.

    >>> byte_size(10 * 1024 * 1024), byte_size(12_000_000), byte_size(2_500), byte_size(900), byte_size(900, "en")
    ('10 MB', '11.4 MB', '2.4 KB', '900 字节', '900 bytes')
    """
    if isinstance(count, bool) or not isinstance(count, int):
        return count
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= size:
            return f"{count / size:.1f}".removesuffix(".0") + " " + unit
    return f"{count} bytes" if lang == "en" else f"{count} 字节"


def sizes_said(args: dict[str, Any], lang: str) -> dict[str, Any]:
    """A size message's args with its byte counts as :func:`byte_size` says them."""
    return {k: byte_size(v, lang) if k in ("size", "limit") else v for k, v in args.items()}


def render(code: str, lang: str = "zh", **args: Any) -> str:
    """The message for ``code`` in ``lang`` ('zh' or 'en'), with ``args`` filled in."""
    zh, en = MESSAGES.get(code, (code, code))
    template = en if lang == "en" else zh
    args = {k: v.localize(lang) if hasattr(v, "localize") else v for k, v in args.items()}
    if code in SIZE_MESSAGES:
        args = sizes_said(args, lang)
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template


def type_name(json_type: str, lang: str = "zh") -> str:
    zh, en = TYPE_NAMES.get(json_type, (json_type, json_type))
    return en if lang == "en" else zh


def describe_value(value: Any, lang: str = "zh") -> str:
    """How a found value is named in a message: its type, and the value itself when short."""
    if value is None:
        return type_name("null", lang)
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int | float):
        kind = "number"
    elif isinstance(value, str):
        kind = "string"
    elif isinstance(value, list):
        kind = "array"
    elif isinstance(value, dict):
        kind = "object"
    else:
        kind = type(value).__name__
    shown = ""
    if isinstance(value, str | int | float | bool):
        if isinstance(value, bool):  # 是/否 in Chinese: a clerk never typed "true"
            text = ("是" if value else "否") if lang == "zh" else str(value).lower()
        else:
            text = str(value)
        shown = f"“{text[:_SHOWN]}”" if lang == "zh" else f" '{text[:_SHOWN]}'"
    return f"{type_name(kind, lang)}{shown}"
