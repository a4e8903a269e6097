"""The words on the form: the instructions sheet, and each question's requirement and how to answer it."""

from __future__ import annotations

from checker.output import LEVEL_TEXT, tr
from checker.scoring import sheet_lines
from checker.workbook.cells import NONE_WORD, ONLINE_MARK
from checker.workbook.layout import FORM_VERSION, INSTRUCTIONS, PROFILE, FormLayout, Question

_AREA = {"urban": "城市社区", "rural": "农村社区"}
_ESTATE = {"old": "老旧小区", "new": "新建小区", "mixed": "新老混合小区"}


def requirement_text(question: Question) -> str:
    req = question.requirement
    text = f"{req.title}：{req.description}" + ("（一票否决）" if req.veto else "")
    for other in question.sharers:
        text += f"\n同时用于 {other.id} {other.title}：{other.description}"
    return text


def _scope(question: Question) -> str:
    cond = question.requirement.applies_if
    parts = []
    if "area_type" in cond:
        parts.append("、".join(_AREA.get(a, a) for a in cond["area_type"]))
    if "estate_type" in cond:
        parts.append("、".join(_ESTATE.get(e, e) for e in cond["estate_type"]))
    return f"仅适用于{'，'.join(parts)}" if parts else ""


def how_text(question: Question, layout: FormLayout) -> str:
    """What to put in the answer cell, in the clerk's words."""
    req = question.requirement
    params = req.params
    if req.kind == "presence":
        how = "从下拉列表选择 是 或 否"
        if "served_within" in params:
            how += f"；社区内没有、但 {params['served_within']:g} 米内有的，写名称和距离，如“××幼儿园，280米”"
    elif req.kind == "threshold":
        how = f"填数字，不带单位；单位：{params['unit']}" + ("（整数）" if params.get("integer") else "")
    elif req.kind == "survey":
        how = "填问卷得分，0 到 100 的数字，不带 %"
    elif req.kind == "choice":
        how = "从下拉列表选择：" + "、".join(params["options"])
    elif req.kind == "text":
        how = "照实抄写文字"
    elif req.kind == "allowed_set":
        how = f"每行一项（或用“、”分隔）；一项也没有填“{NONE_WORD}”"
    elif question.on_matters_sheet and layout.matters:
        how = f"在“{layout.matters.title}”表中逐项填写"
    else:
        catalogue = layout.standard.catalogues[params["catalogue"]]
        how = f"写出已具备的条目名称，每行一项；一项也没有填“{NONE_WORD}”。可选：" + "、".join(
            e.name for e in catalogue.entries
        )
    lines = [how]
    if req.unit_hint:
        lines.append(f"说明：{req.unit_hint}")
    if req.example:
        lines.append(f"例如：{req.example}")
    if _scope(question):
        lines.append(_scope(question))
    if req.allow_not_applicable:
        lines.append("可申报不适用：在“不适用理由”列写明理由，填报列留空")
    lines += sheet_lines(req)
    who = f"{req.responsible.department}（{tr(LEVEL_TEXT, req.responsible.level, 'zh')}级）"
    lines.append(f"责任单位：{who}")
    return "\n".join(lines)


def _online_mark_line(layout: FormLayout) -> list[str]:
    """The ★ convention, only where the standard counts items done online outside the matters sheet."""
    standard = layout.standard
    for req in standard.requirements:
        on_sheet = layout.matters is not None and req.fact_id == layout.matters.owner.id
        if req.kind == "checklist" and req.params.get("measure") == "online" and not on_sheet:
            return [f"   在清单条目名称后加“{ONLINE_MARK}”表示该条目也可网上办理。"]
    return []


def instruction_lines(layout: FormLayout) -> list[str]:
    standard = layout.standard
    part_sheets = "、".join(f"“{p.title}”" for p in layout.parts)
    lines = [
        f"标准：{standard.title}（编号 {standard.id}，{standard.version} 版）；表单版本 {FORM_VERSION}",
        "本表只填事实（面积、人数、有无、能办理哪些事项），不填“达标/不达标”：由检查工具 sqcheck 判定。",
        "",
        "一、表中各工作表",
        f"“{PROFILE}”：填报周期、填报人和社区概况（社区类型、户数、人口等会影响部分要求是否适用及指标高低）。",
        f"{part_sheets}：按标准的各部分，每行一个问题。灰色列（编号、类别、要求、填写方法）已锁定，"
        "只在“填报”“不适用理由”“佐证材料”“备注”四列填写。",
    ]
    if layout.matters:
        owner = layout.matters.owner
        lines.append(
            f"“{layout.matters.title}”：{owner.id} {owner.title}，每行一个事项，"
            "填写能否在社区办理、能否网上办理（是/否）。"
            "网上可办的事项也必须能在社区办理；整张表都留空视为未填报，已填写时留空的格视为“否”。"
        )
    lines += [
        "",
        "二、怎样填写",
        "1. 是/否题：从下拉列表选择“是”或“否”。",
        "2. 数字题：只填数字，不带单位（单位见“填写方法”列），如 650，不要写“约650”或“650平方米”。",
        "3. 选择题：从下拉列表中选择。文字题：照实抄写，如门头上的文字。",
        f"4. 多项内容（如门口悬挂的牌子、功能室清单）：每行写一项（单元格内换行：Excel 按 Alt+Enter，"
        f"WPS 和 LibreOffice 按 Ctrl+Enter），也可用顿号“、”或分号“；”分隔；一项也没有时填“{NONE_WORD}”。"
        "清单题写条目名称，可选的名称见“填写方法”列。",
        *_online_mark_line(layout),
        "5. 不适用：只有“填写方法”列注明“可申报不适用”的问题可以在“不适用理由”列写明理由（如与相邻社区共用农贸市场，"
        "写明市场名称和距离），此时“填报”列留空。",
        "6. 佐证材料：照片、文件等的文件名或编号，每行一个。备注：需要说明的其他情况。",
        "7. 留空的问题视为“未填报”，按未达标计分。只含空格的单元格视为空。",
        "8. 一项事实同时用于几条要求时只问一次，“要求”列注明“同时用于”哪些要求。",
        "",
        "三、检查工具会拒收的情况",
        "1. 插入、删除、移动或排序行，修改编号，插入或删除列，合并单元格。",
        "2. 新增、删除或重命名工作表（本表共有：" + "、".join(layout.sheet_names) + "）。",
        "3. 公式：检查工具不计算公式、也不读取公式的缓存结果，含公式的单元格一律拒收。"
        "请复制后用“选择性粘贴 → 数值”粘贴为值。",
        "4. 在表格以外的单元格写字（这些内容不会被读取，因此拒收，请改写在“备注”列）。",
        "5. 为另一标准或另一版本生成的表、设置了打开密码的文件、损坏的文件、旧版 .xls 文件。",
        "",
        "四、填好以后",
        "检查：sqcheck check 本文件.xlsx    校验：sqcheck validate 本文件.xlsx",
        "转为 YAML：sqcheck convert 本文件.xlsx 自评表.yaml",
        f"请勿修改“{INSTRUCTIONS}”以外各表的结构；需要新表时，"
        f"请用 sqcheck template {standard.id} --format xlsx 重新生成。",
    ]
    return lines
