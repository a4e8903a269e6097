"""``sqcheck audit-import``: audit records from a field tool's export of the XLSForm (ODK Central, KoboToolbox,
Enketo), one YAML record per submission, checked as ``--audit`` checks them where the self-assessment is given."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import yaml

from checker import pipeline
from checker.audits import record
from checker.audits.xlsform_read import Submission, read_export
from checker.commands.options import common, echo_problems, lang, say, standards_dirs, write_output
from checker.errors import InputError, Problem
from checker.messages import render
from checker.model import Assessment, Standard
from checker.yamlio import parse

EXIT_INPUT = 2
_UNSAFE = re.compile(r"[^\w.-]+")


def record_yaml(submission: Submission, export: Path) -> str:
    head = (
        f"# 实地核查记录，由 `sqcheck audit-import` 自 {export.name} 第 {submission.row} 行导入"
        "（ODK/Kobo/Enketo 核查表）。\n"
        "# finding：confirmed 确认 / not_confirmed 不符 / unverifiable 无法核实；未列出的项目未核查。\n"
    )
    return head + yaml.safe_dump(submission.data, allow_unicode=True, sort_keys=False, width=1000)


def record_name(submission: Submission) -> str:
    community = _UNSAFE.sub("_", submission.community)[:40].strip("_") or "audit"
    return f"{community}-{submission.sha256[:8] or 'unknown'}-{submission.row}.audit.yaml"


def _assessments(paths: tuple[Path, ...]) -> tuple[dict[str, tuple[Standard, Assessment]], int]:
    known: dict[str, tuple[Standard, Assessment]] = {}
    bad = 0
    for path in paths:
        try:
            loaded = pipeline.load(path, None, standards_dirs())
        except InputError as error:
            echo_problems(error.problems)
            bad += 1
            continue
        known[loaded.assessment.sha256] = (loaded.standard, loaded.assessment)
    return known, bad


def _problems(submission: Submission, text: str, name: str, known: dict[str, tuple[Standard, Assessment]]) -> list:
    if submission.problems:
        return submission.problems
    match = known.get(submission.sha256)
    if match is None:
        say(render("cli.imported_unmatched", lang(), path=name, sha=submission.sha256[:16] or "—"), err=True)
        return []
    standard, assessment = match
    return record.problems(parse(text, name), standard, assessment)


@click.command("audit-import")
@click.argument("export", type=click.Path(path_type=Path))
@click.argument("assessments", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "folder", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出文件夹"
)
@common
def audit_import_cmd(export: Path, assessments: tuple[Path, ...], folder: Path) -> None:
    """把 ODK/Kobo/Enketo 导出的核查数据（CSV 或 ZIP）转为核查记录（YAML），每个提交一份；
    给出自评表时，逐份按 --audit 的规则核对。"""
    submissions = read_export(export, standards_dirs())
    known, bad = _assessments(assessments)
    for submission in submissions:
        target = folder / record_name(submission)
        text = record_yaml(submission, export)
        found: list[Problem] = _problems(submission, text, str(target), known)
        if found:
            echo_problems(found)
            bad += 1
            continue
        write_output(text, target, announce=False)
        say(render("cli.imported", lang(), path=target, community=submission.community, row=submission.row))
    if bad:
        say(render("cli.summary_bad", lang(), count=bad), err=True)
        sys.exit(EXIT_INPUT)
