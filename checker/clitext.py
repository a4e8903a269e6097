"""click's own words — usage errors, help headings, "Show this message and exit." — in Chinese unless the command
line asks for English with ``--lang en``.

click translates its strings with :func:`gettext.gettext`, which finds a catalogue only through the process
locale and an installed ``.mo`` file: a clerk's terminal says nothing reliable about either. So the modules'
``_``/``ngettext`` are pointed at this catalogue instead (:func:`install`), and the language is chosen from the
arguments before click parses them (``--help`` is eager: it is handled before ``--lang`` is ever seen).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import click

# fmt: off
ZH: dict[str, str] = {
    "Usage:": "用法:",  # click puts a space after it
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为其中之一：{possibilities}？）",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不应有值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是是/否值，可用：{states}",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，应为文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，应为文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "unknown error": "未知错误",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认。",
}
# fmt: on

_CLICK_EN = {zh: en for en, zh in ZH.items()}
_language = {"current": "zh"}


def gettext(message: str) -> str:
    return ZH.get(message, message) if _language["current"] == "zh" else message


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def language_of(args: Sequence[str]) -> str:
    """'en' when the arguments ask for English (``--lang en`` or ``--lang=en``), else 'zh'.

    >>> language_of(["check", "a.yaml", "--lang", "en"]), language_of(["--lang=en", "-h"]), language_of(["-h"])
    ('en', 'en', 'zh')
    """
    args = list(args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.removeprefix("--lang=") == "en" else "zh"
    return "zh"


def use(language: str) -> None:
    _language["current"] = language


def current() -> str:
    return _language["current"]


def install() -> None:
    """Point click's translation functions at this catalogue (once; harmless to repeat)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    click.Context.formatter_class = HelpFormatter  # a documented hook: every context formats help with it


def _key(text: str) -> str:
    return "".join(text.split())


# Our own help texts in English, by their Chinese (compared without spaces or line breaks). A text written as
# "中文 / English", or as Chinese paragraphs followed by English ones, needs no entry: each language takes its part.
_HELP_EN: dict[str, str] = {
    "检查一份自评表：得分、等级、缺项清单（缺什么，补什么）；可按实地核查记录和豁免清单判定。": (
        "Check a self-assessment: score, grade and the list of gaps (what is missing and who supplies it); "
        "optionally judged on an on-site audit and bureau exemptions."
    ),
    "校验自评表（可给文件夹）：一次列出全部问题，每处给出 文件:行:列（或 工作表!单元格）、栏目、应为与实际，"
    "并说明还有多少项未填报。": (
        "Validate self-assessments (files or folders): every problem at once, each at file:line:col (or "
        "sheet!cell) with the field, what was expected and what was found, and how many questions are unanswered."
    ),
    "生成空白自评表（YAML 含中文注释；--format xlsx 为供社区填写的 Excel 表）。": (
        "Write a blank self-assessment (YAML commented in Chinese; --format xlsx for the Excel form)."
    ),
    "生成实地核查表（PDF/HTML 打印；XLSX 可回读为核查记录；XLSForm 供 ODK/Kobo 手机核查；YAML 为核查记录）。": (
        "Write the on-site audit sheet (PDF/HTML to print; XLSX that reads back as an audit; XLSForm for ODK "
        "Collect / KoboToolbox on a phone; YAML, an audit record to fill in)."
    ),
    "把 ODK/Kobo/Enketo 导出的核查数据（CSV 或 ZIP）转为核查记录（YAML），每个提交一份；"
    "给出自评表时，逐份按 --audit 的规则核对。": (
        "Turn an ODK/Kobo/Enketo export of the audit form (CSV or ZIP) into audit records (YAML), one per "
        "submission; with the self-assessments given, each is checked as --audit checks it."
    ),
    "输出文件夹": "output folder",
    "输出文件": "output file",
    "输出的标准 YAML（默认打印）": "the standard as YAML (default: print)",
    "导出可打印的评分细则 Excel 表（可改后用 standards import 读回）。": (
        "Export the printable scoring sheet (评分细则) as Excel (edit it, then read it back with standards import)."
    ),
    "把按 standards export 格式编写的 Excel 评分细则转为标准 YAML；问题逐一指出到单元格。": (
        "Read an Excel scoring sheet in the standards export layout into a standard (YAML); every problem at its cell."
    ),
    "生成整改通知书：核查后的缺项按优先级列出责任单位和整改期限，附签发盖章栏和整改情况回复。": (
        "Write a rectification notice: the verified gaps by priority with the responsible bodies and deadlines, "
        "a signature and seal area, and the reply form."
    ),
    "在 YAML、JSON 与 Excel（.xlsx）之间转换自评表（按输出文件的扩展名），内容不丢失。"
    "输入须先通过校验；输出为规范形式（是/否 写作 true/false，数字不带多余的 .0，清单按目录顺序）。": (
        "Convert a self-assessment between YAML, JSON and Excel (.xlsx), by the output file's suffix, losing "
        "nothing.\n\nThe input must validate; the output is canonical (yes/no as true/false, no trailing .0, "
        "lists in catalogue order)."
    ),
    "发布一轮检查结果：批量检查各社区自评表，生成汇总网页、通报 PDF、CSV 与 JSON。": (
        "Publish a round: check every community's self-assessment and write the summary web page, the report PDF, "
        "CSV and JSON."
    ),
    "填报轮次：创建。": "Reporting rounds: create one.",
    "接口令牌：创建。": "API tokens: create one.",
    "网页用户：添加账号。": "Web users: add an account.",
    "启动网页服务（首次启动时建立数据库）；生产环境请放在反向代理之后，见 README。": (
        "Start the web service (the database is made on first start); in production, behind a reverse proxy "
        "(see the README)."
    ),
    "处理后台任务（发布、导出）；可在多台机器上各启动若干个，共用同一个数据库。": (
        "Run background jobs (publications, exports); start several, on several machines, sharing one database."
    ),
    "数据库：SQLite 文件路径或 postgresql:// 地址（默认 SQCHECK_DATABASE_URL，或 sqcheck.sqlite3）": (
        "database: a SQLite file path or a postgresql:// URL (default: SQCHECK_DATABASE_URL, else sqcheck.sqlite3)"
    ),
    "处理完队列中的任务后退出": "exit once the queue is empty",
    "队列为空时每隔几秒查看一次": "seconds between looks at an empty queue",
    "列出可用的标准（--format json 供程序读取）。": "List the available standards (--format json for programs).",
    "显示标准内容与统计（--format json 供程序读取）。": "Show a standard and its summary (--format json for programs).",
    "检查标准文件或目录：先结构（JSON Schema），再语义。": (
        "Lint standard files or folders: structure (JSON Schema), then meaning."
    ),
    "输出文件（默认打印）": "output file (default: print)",
    "按此标准检查（默认：自评表中写明的标准）": "check against this standard (default: the one the file names)",
    "按此标准校验（默认：自评表中写明的标准）": "validate against this standard (default: the one the file names)",
    "按此标准发布（默认：各自评表写明的标准，仅一个时；多个则停止）": (
        "publish against this standard (default: the one the files name, if only one; several stop the round)"
    ),
    "按此标准读取（默认：自评表中写明的标准）": "read with this standard (default: the one the file names)",
    "按此标准（默认：自评表中写明的标准）": "use this standard (default: the one the file names)",
    "实地核查记录：按核查结果判定": "on-site audit record: judge on what was verified",
    "实地核查记录（YAML/JSON/XLSX）": "on-site audit record (YAML/JSON/XLSX)",
    "豁免清单": "bureau exemptions",
    "出错时显示调用栈": "show the traceback of an internal error",
    "填报周期，如 2024": "reporting period, e.g. 2024",
    "整改期限天数，按优先级：veto=30 high=60 normal=90（默认）": (
        "days to rectify, by priority: veto=30 high=60 normal=90 (the defaults)"
    ),
    "签发机关，如 某某区民政局（默认：核查记录中的检查单位）": (
        "issuing authority, e.g. a district civil-affairs bureau (default: the audit's inspecting body)"
    ),
    "文号，如 某民整〔2024〕12号": "document number, as the bureau writes it",
    "通知日期（默认：今天），期限自此日起算": "date of the notice (default: today); deadlines count from it",
}
HELP_EN = {_key(zh): en for zh, en in _HELP_EN.items()}
# A pattern, not compiled here: compiling its CJK ranges takes ~1.7 ms, which only help needs (re keeps it compiled)
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


def help_text(text: str, language: str | None = None) -> str:
    """One of our help texts in the language in use.

    >>> help_text("输出语言 / output language", "zh"), help_text("输出语言 / output language", "en")
    ('输出语言', 'output language')
    >>> help_text("豁免清单  [default: x]", "en")
    'bureau exemptions  [default: x]'
    """
    language = language or current()
    base, sep, extra = text.partition("  [")  # click appends "  [default: …]" to an option's help
    if base in ZH or base in _CLICK_EN:  # click's own help texts, made once and kept in either language
        return (ZH.get(base, base) if language == "zh" else _CLICK_EN.get(base, base)) + sep + extra
    chinese, slash, english = base.partition(" / ")
    if slash and not re.search(_CJK, english):
        return (english if language == "en" else chinese) + sep + extra
    paragraphs = base.split("\n\n")
    mixed = len({bool(re.search(_CJK, p)) for p in paragraphs}) == 2
    if mixed:
        chosen = [p for p in paragraphs if bool(re.search(_CJK, p)) == (language == "zh")]
        return "\n\n".join(chosen) + sep + extra
    if language == "en":
        return HELP_EN.get(_key(base), base) + sep + extra
    return text


class HelpFormatter(click.HelpFormatter):
    """click's formatter, writing our help texts in the language in use."""

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _row_text(term, text)) for term, text in rows], col_max, col_spacing)


def _row_text(term: str, text: str) -> str:
    """An option's help, or a command's line in a command list: short, as click makes it from the Chinese."""
    translated = help_text(text)
    if translated == text and current() == "en" and not term.startswith("-"):  # click shortened the Chinese
        start = _key(text.removesuffix("..."))
        translated = next((en for zh, en in HELP_EN.items() if zh.startswith(start)), text)
    if term.startswith("-") or translated == text or len(translated) <= 45:
        return translated
    return re.split(r": | \(|\. ", translated, maxsplit=1)[0]
