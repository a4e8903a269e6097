"""``sqcheck publish``: a district's or city's bureau publishes where its communities stand (docs/publish.md).

Exit codes: 0 when every valid community is compliant, 1 when gaps were found (or no file was valid), 2 for
usage errors (no files, unknown format, a bad roster or --previous). Files that cannot be used do not make it 2:
they are listed in rejected[].
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.commands.options import (
    EXIT_GAPS,
    EXIT_INTERNAL,
    EXIT_OK,
    common,
    echo_problems,
    lang,
    resolve_standard,
    say,
    standards_dirs,
)
from checker.messages import render
from checker.publish.run import FORMATS, Options, StandardCounts, parse_formats, publish


class ProgressBar:
    """click's progress bar on standard error, only when that is a terminal (quiet in pipes, logs and tests)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Any = None

    def start(self, total: int, label: str) -> None:
        if sys.stderr.isatty() and total > 1:
            self.bar = click.progressbar(length=total, label=render(label, self.lang), file=sys.stderr)
            self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command("publish")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出目录"
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="输出哪些（逗号分隔）：html=index.html 与各社区页面，pdf=report.pdf，csv=summary.csv，json=summary.json",
)
@click.option("--audits", type=click.Path(exists=True, file_okay=False, path_type=Path), help="实地核查记录目录")
@click.option(
    "--previous",
    type=click.Path(exists=True, path_type=Path),
    help="上一轮：其发布目录（含 summary.json）或其自评表目录",
)
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="应报社区名册（CSV/YAML）")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="并行进程数")
@click.option("--standard", "standard_id", help="按此标准发布（默认：各自评表写明的标准，仅一个时；多个则停止）")
@click.option("--community-pdfs", is_flag=True, help="另为每个社区生成 PDF 报告（communities/*.pdf）")
@click.option("--issuer", default="", help="发布单位，印在通报和首页上（如：徐州市泉山区民政局）")
@click.option("--title", "round_title", default="", help="本轮通报的标题（默认：社区基本公共服务标准达标情况通报）")
@click.option("--timezone", default="Asia/Shanghai", show_default=True, help="发布单位所在时区：生成时间按此时区显示")
@common
def publish_cmd(
    inputs: tuple[Path, ...],
    outdir: Path,
    formats: str,
    audits: Path | None,
    previous: Path | None,
    roster: Path | None,
    jobs: int,
    standard_id: str | None,
    community_pdfs: bool,
    issuer: str,
    round_title: str,
    timezone: str,
) -> None:
    """发布一轮检查结果：批量检查各社区自评表，生成汇总网页、通报 PDF、CSV 与 JSON。

    Publishes a round: checks every self-assessment under the folders and writes index.html (with a page per
    community), report.pdf, summary.csv and summary.json into the output folder.
    """
    if standard_id:
        resolve_standard(standard_id)  # an unknown one stops here; one found by its title is named
    options = Options(
        inputs=inputs,
        outdir=outdir,
        formats=parse_formats(formats),
        standard_id=standard_id,
        audits=audits,
        previous=previous,
        roster=roster,
        jobs=jobs,
        community_pdfs=community_pdfs,
        lang=lang(),
        standards_dirs=standards_dirs(),
        issuer=issuer,
        title=round_title,
        timezone=timezone,
    )
    published = publish(options, ProgressBar(lang()))
    if published.roster:
        echo_problems(published.roster.notices)
    pub = published.publication
    d = pub.denominators
    say(render("publish.done", lang(), outdir=outdir, valid=d.valid, submitted=d.submitted, with_gaps=d.with_gaps))
    if len(pub.standards_found) > 1:
        found = StandardCounts(pub.standards_found)
        say(render("publish.standards_found", lang(), found=found), err=True)
    if pub.rejected:
        say(render("publish.rejected", lang(), count=len(pub.rejected)), err=True)
    if d.missing:
        say(render("publish.missing", lang(), count=d.missing), err=True)
    if d.internal_errors:
        echo_problems([p for r in pub.rejected if r.kind == "internal_error" for p in r.problems])
        say(render("publish.internal_errors", lang(), count=d.internal_errors), err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK if pub.compliant else EXIT_GAPS)
