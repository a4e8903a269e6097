"""A blank self-assessment with every question, commented in Chinese. Its prompts (（请填写社区名称） …) are refused
by validation until replaced: a blank form is not a community."""

from __future__ import annotations

import json

from checker.model import Requirement, Standard
from checker.output import LEVEL_TEXT, tr
from checker.scoring import sheet_lines
from checker.validation import placeholder

_HOW = {
    "presence": "填 是 或 否",
    "threshold": "填数字",
    "survey": "填问卷得分（0 到 100 的数字，不带 %）",
    "checklist": "在 handled 下列出本社区能办理的条目编号，在 online 下列出其中可网上办理的编号",
    "allowed_set": "列出实际内容，每行一项",
    "choice": "从下列选项中选一项",
    "text": "照实抄写文字",
}


def _q(text: str) -> str:
    """A YAML-safe double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def _question(standard: Standard, req: Requirement) -> list[str]:
    sharers = [r for r in standard.requirements if r.fact_id == req.id and r.id != req.id]
    mark = "（一票否决）" if req.veto else "（必备项）" if req.core else ""
    lines = [f"  # ── {req.id} {_comment(req.title)}{mark}"]
    lines.append(f"  #    {_comment(req.description)}")
    for other in sharers:
        lines.append(f"  #    本项同时用于 {other.id} {_comment(other.title)}")
    how = _HOW[req.kind]
    params = req.params
    if req.kind == "presence" and "served_within" in params:
        radius = f"{params['served_within']:g}"
        how += f"；社区内没有、但 {radius} 米内有的，写名称和距离，如“××幼儿园，280米”"
    if req.kind == "threshold":
        how += f"，单位：{params['unit']}"
    if req.kind == "choice":
        how += "：" + "、".join(params["options"])
    if req.kind == "checklist" and standard.catalogues[params["catalogue"]].kind != "matters":
        how = "在 handled 下列出本社区已具备的条目编号"
    example = req.example
    lines.append(f"  #    填写：{how}" + (f"；例如 {_comment(example)}" if example else ""))
    if req.unit_hint:
        lines.append(f"  #    提示：{_comment(req.unit_hint)}")
    lines += [f"  #    {_comment(line)}" for line in sheet_lines(req)]
    if req.allow_not_applicable:
        lines.append("  #    如不适用：删去 value，改填 not_applicable: 理由")
    who = f"{req.responsible.department}（{tr(LEVEL_TEXT, req.responsible.level, 'zh')}级）"
    lines.append(f"  #    责任单位：{who}")
    if req.kind == "checklist":
        catalogue = standard.catalogues[params["catalogue"]]
        legend = "（编号 名称，★ 为指定网上可办）" if catalogue.kind == "matters" else "（编号 名称）"
        lines.append(f"  #    {catalogue.title}{legend}：")
        for entry in catalogue.entries:
            dept = f"［{entry.dept_current}］" if entry.dept_current else ""
            star = " ★" if entry.online else ""
            lines.append(f"  #      {entry.id} {_comment(entry.name)}{dept}{star}")
        example_ids = ", ".join(e.id for e in catalogue.entries[:2])
        online = ", online: []" if catalogue.kind == "matters" else ""
        lines.append(f"  #    例如：value: {{handled: [{example_ids}]{online}}}")
    lines += [f"  {req.id}:", "    value:", "    evidence: []", '    note: ""']
    return lines


def render_template(standard: Standard, period: str | None = None) -> str:
    """The blank form. Without ``period`` the field is left to fill (its prompt is refused until replaced): the
    clock does not decide which round a file belongs to."""
    head = [
        f"# 社区自评表 — {standard.title}（{standard.id}，{standard.version} 版）",
        "# 只填写事实（面积、人数、有无、办理了哪些事项），不要填写“达标/不达标”：由检查工具判定。",
        "# 留空的 value 视为“未填报”，计为未达标。可在 evidence 中列出照片、文件等佐证材料的文件名。",
        "# 请用 UTF-8 编码保存；冒号用半角“:”并在其后加一个空格。",
        f"standard: {_q(standard.id)}",
        f"standard_version: {_q(standard.version)}",
        f"period: {_q(period or placeholder('填报周期'))}          # 填报周期，如 2024 或 2024-上半年",
        'filled_by: ""          # 填报人',
        'filled_on: ""          # 填报日期，如 2024-06-30',
        "community:",
        f"  name: {_q(placeholder('社区名称'))}",
        f"  district: {_q(placeholder('所属区'))}",
        f"  street: {_q(placeholder('所属街道'))}",
        "  area_type: urban        # urban 城市社区 / rural 农村社区",
        "  estate_type:            # old 老旧小区 / new 新建小区 / mixed 混合；可空",
        "  households:             # 户数（整数）",
        "  population:             # 常住人口（整数）",
        '  contact: ""             # 联系人',
        '  phone: ""               # 联系电话（按文字填写，保留区号前的 0）',
        "facts:",
    ]
    body: list[str] = []
    for part in standard.parts:
        body.append(f"  # ════ {part.title} ════")
        for category in part.categories:
            body.append(f"  # ── {category.title}")
            for req_id in category.requirement_ids:
                req = standard.index[req_id]
                if req.fact_id == req.id:
                    body += _question(standard, req)
    return "\n".join(head + body) + "\n"
