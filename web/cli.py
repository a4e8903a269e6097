"""The web app's commands: ``sqcheck serve``, ``worker``, ``users add``, ``rounds create``, ``tokens create``.

Only click is imported here; Django is set up inside each command, so ``sqcheck check`` never loads it. Every
command takes ``--db`` (a SQLite file or a PostgreSQL URL; else SQCHECK_DATABASE_URL) and exits 0, or 2 with
the problem (bad input), like the rest of the CLI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.commands.options import common

DB_HELP = "数据库：SQLite 文件路径或 postgresql:// 地址（默认 SQCHECK_DATABASE_URL，或 sqcheck.sqlite3）"


def _db_option(func):
    return click.option("--db", "db", envvar="SQCHECK_DATABASE_URL", help=DB_HELP)(func)


def _setup(db: str | None, migrate: bool = True) -> None:
    import web

    web.setup(db, migrate=migrate)


@click.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="处理请求的线程数")
@common
def serve(db: str | None, host: str, port: int, threads: int) -> None:
    """启动网页服务（首次启动时建立数据库）；生产环境请放在反向代理之后，见 README。"""
    _setup(db)
    from waitress import serve as waitress_serve

    from web.wsgi import application

    click.echo(f"sqcheck: http://{host}:{port}/  (Ctrl+C 停止)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="sqcheck")


@click.command("worker")
@_db_option
@click.option("--batch", is_flag=True, help="处理完队列中的任务后退出")
@click.option(
    "--interval", default=1.0, show_default=True, type=click.FloatRange(0.1, 60), help="队列为空时每隔几秒查看一次"
)
@common
def worker(db: str | None, batch: bool, interval: float) -> None:
    """处理后台任务（发布、导出）；可在多台机器上各启动若干个，共用同一个数据库。"""
    _setup(db)
    from web.i18n import t
    from web.jobs import work

    click.echo(t("web.worker_started"), err=True)
    work(batch=batch, interval=interval)


@click.group("users")
def users() -> None:
    """网页用户：添加账号。"""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["clerk", "inspector", "bureau"]), required=True, help="角色")
@click.option(
    "--community",
    help="社区（区/街道/社区；两市有同名区和社区时前加市：市/区/街道/社区）：填报员的社区、核查员负责的社区",
)
@click.option("--scope", help="管辖范围（区 或 区/街道）：民政部门账号；不填为全市")
@click.option("--password-stdin", is_flag=True, required=True, help="从标准输入读取密码")
@_db_option
@common
def users_add(
    username: str, role: str, community: str | None, scope: str | None, password_stdin: bool, db: str | None
) -> None:
    """添加用户（密码从标准输入读取，不出现在命令行里）。"""
    password = sys.stdin.readline().rstrip("\r\n")
    _setup(db)
    from web.services import WebUsageError, add_user

    if not password:
        raise WebUsageError("web.empty_password")
    add_user(username, role, password, community=community, scope=scope)
    click.echo(username)


@click.group("rounds")
def rounds() -> None:
    """填报轮次：创建、重新计算汇总。"""


@rounds.command("create")
@click.option("--standard", "standard_id", required=True, help="标准编号（内置）或标准文件路径")
@click.option("--roster", required=True, type=click.Path(dir_okay=False, path_type=Path), help="名册（CSV/YAML/JSON）")
@click.option("--period", required=True, help="填报周期，如 2026")
@click.option("--deadline", required=True, help="截止日期 YYYY-MM-DD")
@_db_option
@common
def rounds_create(standard_id: str, roster: Path, period: str, deadline: str, db: str | None) -> None:
    """按标准和名册创建填报轮次，输出新轮次的编号。"""
    _setup(db)
    from web.services import WebUsageError, create_round, parse_deadline, standard_version

    due = parse_deadline(deadline)
    if due is None:
        raise WebUsageError("web.bad_deadline", value=deadline)
    round_ = create_round(standard_version(standard_id), roster, period, due)
    click.echo(round_.pk)


@rounds.command("rebuild")
@click.argument("round_ids", nargs=-1, type=int)
@_db_option
@common
def rounds_rebuild(round_ids: tuple[int, ...], db: str | None) -> None:
    """从填报记录重新计算轮次的汇总表（不写轮次编号则全部轮次），如恢复备份之后。"""
    _setup(db)
    from web import rollup
    from web.models import Round
    from web.services import WebUsageError

    found = Round.objects.filter(pk__in=round_ids) if round_ids else Round.objects.all()
    missing = sorted(set(round_ids) - set(found.values_list("pk", flat=True)))
    if missing:
        raise WebUsageError("web.unknown_round", round=missing[0])
    for round_ in found.order_by("pk"):
        click.echo(f"{round_.pk}\t{rollup.rebuild(round_)}")


@click.group("tokens")
def tokens() -> None:
    """接口令牌：创建。"""


@tokens.command("create")
@click.argument("username")
@_db_option
@common
def tokens_create(username: str, db: str | None) -> None:
    """为用户创建接口令牌（只显示这一次），用法：Authorization: Bearer 令牌。"""
    _setup(db)
    from web.services import create_token

    click.echo(create_token(username))
