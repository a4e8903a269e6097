"""The bureau's part: a round from a standard and a roster, clerk accounts in one step, the round's status."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from checker import standard as standards
from checker.errors import InputError, SqcheckError
from checker.output import title
from web import inspection, rectification, scope, services
from web.i18n import t
from web.models import Round
from web.views import jobs as job_views
from web.views.common import flash, lang_of, page, require_POST

# what the round page's table can be narrowed to: a status as counted above the table
STATUS_FILTERS = ("submitted", "returned", "draft", "not_started")
PAGE_SIZE = 200  # rows of the round page's table; a city's 10,000 in one table took seconds to lay out


def round_page(request: HttpRequest, round_id: int) -> HttpResponse:
    """Per community of the roster within the user's scope: status, score, grade, link to the report. The
    counts are of every community in scope; the table shows one page of them, all or those of one status."""
    round_ = scope.get_round(request.user, round_id)
    rows = services.standings(round_, scope.communities(request.user, round_))
    # a version sent back (已退回修改) waits for the clerk: counted apart, not as 已提交
    shown = ["returned" if r["review"] == "returned" else r["status"] for r in rows]
    counts = {key: shown.count(key) for key in STATUS_FILTERS}
    which = request.GET.get("status", "")
    which = which if which in STATUS_FILTERS else ""
    picked = [row for row, status in zip(rows, shown, strict=True) if status == which] if which else rows
    listed = Paginator(picked, PAGE_SIZE).get_page(request.GET.get("page"))
    listed.object_list = services.with_communities(list(listed.object_list))  # the shown rows' communities only
    passwords = request.session.pop("passwords", None) if scope.may_manage(request.user) else None
    items = rectification.in_scope(request.user).filter(round=round_)
    today = timezone.localdate()
    return page(
        request,
        "round.html",
        round=round_,
        listed=listed,
        which=which,
        filters=STATUS_FILTERS,
        query={"status": which} if which else {},
        counts=counts,
        total=len(rows),
        passwords=passwords,
        links=_link_patterns(round_),
        plans=inspection.plans(round_),
        audits=inspection.audits_of(round_),
        noticed=rectification.noticed(round_),
        inspectors=list(inspection.inspectors()) if scope.may_manage(request.user) else [],
        rect_counts=rectification.counts(items, today),
        overdue=rectification.overdue_by_filing(items, today),
        **(job_views.context(request, round_) if scope.may_manage(request.user) else {}),
    )


_SLOT = 987654321


def _link_patterns(round_: Round) -> dict[str, str]:
    """URL patterns with a slot for the ID, made once from urls.py (reverse() per row of 10,000 rows took
    seconds)."""
    return {
        "filing": reverse("filing", args=(round_.pk, _SLOT)).replace(str(_SLOT), "{}"),
        "html": reverse("submission_report", args=(_SLOT, "html")).replace(str(_SLOT), "{}"),
        "pdf": reverse("submission_report", args=(_SLOT, "pdf")).replace(str(_SLOT), "{}"),
        "review": reverse("review", args=(_SLOT,)).replace(str(_SLOT), "{}"),
    }


def round_new(request: HttpRequest) -> HttpResponse:
    scope.require_bureau(request.user)
    lang = lang_of(request)
    bundled = []  # the ID is the value sent; people read the title and its version
    for standard_id, path in sorted(standards.available().items()):
        found = standards.load_standard(path)
        version = f" ({found.version})" if lang == "en" else f"（{found.version}）"
        bundled.append((standard_id, title(found, lang) + version))
    problems: list[str] = []
    if request.method == "POST":
        try:
            round_ = _create_round(request)
        except InputError as error:
            problems = [p.format(lang) for p in [*error.notices, *error.problems]]
        except SqcheckError as error:
            problems = [error.message(lang) if hasattr(error, "message") else str(error)]
        else:
            flash(request, t("web.round_created", lang, id=round_.pk))
            return redirect("round", round_.pk)
    return page(
        request,
        "round_new.html",
        bundled=bundled,
        problems=problems,
        posted=request.POST,
        status=422 if problems else 200,
    )


def _create_round(request: HttpRequest) -> Round:
    uploaded = request.FILES.get("standard_file")
    if uploaded is not None:
        text = uploaded.read(4 * 1024 * 1024 + 1).decode("utf-8", errors="replace")
        std = services.standard_from_stored_text(text)
    else:
        std = services.standard_version(request.POST.get("standard", ""))
    deadline = services.parse_deadline(request.POST.get("deadline", ""))
    if deadline is None:
        raise services.WebUsageError("web.bad_deadline", value=request.POST.get("deadline", ""))
    period = request.POST.get("period", "").strip()
    if not period:
        raise services.WebUsageError("web.bad_period")
    roster = request.FILES.get("roster")
    if roster is None:
        raise services.WebUsageError("web.no_file")
    with tempfile.TemporaryDirectory(prefix="sqcheck-roster-") as folder:
        path = Path(folder) / services.upload_name(roster.name or "roster.csv")
        with path.open("wb") as out:
            for chunk in roster.chunks():
                out.write(chunk)
        return services.create_round(std, path, period, deadline, request.user, request)


@require_POST
def create_clerks(request: HttpRequest, round_id: int) -> HttpResponse:
    """Clerk accounts for every community of the roster without one; the passwords shown once."""
    scope.require_bureau(request.user)
    round_ = scope.get_round(request.user, round_id)
    made = services.create_clerks(round_, scope.communities(request.user), request)  # only within the bureau's scope
    lang = lang_of(request)
    if not made:
        flash(request, t("web.no_new_clerks", lang))
        return redirect("round", round_.pk)
    request.session["passwords"] = [[c.district, c.street, c.name, u, p] for c, u, p in made]
    flash(request, t("web.clerks_created", lang, count=len(made)))
    return redirect("round", round_.pk)


@require_POST
def passwords_csv(request: HttpRequest, round_id: int) -> HttpResponse:
    """The initial passwords just shown, as CSV (UTF-8 with BOM so Excel opens it in Chinese)."""
    scope.require_bureau(request.user)
    round_ = scope.get_round(request.user, round_id)
    rows = request.POST.getlist("row")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["区", "街道", "社区", "用户名", "初始密码"])
    for row in rows:
        writer.writerow(row.split("\t")[:5])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"初始密码-轮次{round_.pk}.csv")
    return response
