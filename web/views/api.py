"""The JSON API for a city's platforms: token auth (``Authorization: Bearer TOKEN``), the same scope as the
pages, the same validation and the result JSON of ``sqcheck check --format json``: for a submitted version, as
its gap report shows it (exemptions granted in the app and a finished audit applied, rectification items
beside the gaps; see web.gap_report)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from checker.errors import InputError
from checker.output import to_dict
from web import gap_report, scope, services
from web.models import Submission

View = Callable[..., HttpResponse]


def token_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        kind, _, token = header.partition(" ")
        user = services.user_for_token(token.strip()) if kind.lower() == "bearer" and token.strip() else None
        if user is None:
            response = JsonResponse({"error": "unauthorized"}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="sqcheck"'
            return response
        request.user = user
        return view(request, *args, **kwargs)

    return wrapped


def _problem(problem: Any, lang: str) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "col": problem.col,
        "cell": problem.cell,
        "path": problem.path,
        "code": problem.code,
        "message": problem.message(lang),
        "text": problem.format(lang),
    }


def _lang(request: HttpRequest) -> str:
    return "en" if request.GET.get("lang") == "en" else "zh"


def _submission_json(submission: Submission, lang: str) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "round": submission.round_id,
        "community": submission.community.path,
        "number": submission.number,
        "sha256": submission.sha256,
        "submitted_at": submission.submitted_at.isoformat(),
        "submitted_by": submission.submitted_by.get_username() if submission.submitted_by else None,
        "result": to_dict(gap_report.submitted(submission, lang)),
    }


@csrf_exempt
@require_POST
@token_required
def submit(request: HttpRequest, round_id: int, community_id: int) -> HttpResponse:
    """A self-assessment file (multipart field ``file``): 201 with the result, or 422 with every problem."""
    round_, community = scope.get_filing(request.user, round_id, community_id)
    if not scope.may_file(request.user, community) or not round_.accepts_filing():
        return JsonResponse({"error": "not allowed to file for this community now"}, status=403)
    lang = _lang(request)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": "no file: send it as multipart field 'file'"}, status=400)
    standard = round_.standard.load()
    try:
        doc, _ = services.read_upload(upload.chunks(), upload.name or "", standard)
        done = services.submit_document(round_, community, doc, request.user, "api", request, lang)
    except InputError as error:
        return JsonResponse(
            {
                "problems": [_problem(p, lang) for p in error.problems],
                "notices": [_problem(p, lang) for p in error.notices],
            },
            status=422,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(_submission_json(done.submission, lang), status=201, json_dumps_params={"ensure_ascii": False})


@require_GET
@token_required
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    found = scope.get_submission(request.user, submission_id)
    return JsonResponse(_submission_json(found, _lang(request)), json_dumps_params={"ensure_ascii": False})


@require_GET
@token_required
def round_status(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = scope.get_round(request.user, round_id)
    rows = services.status_rows(round_, scope.communities(request.user, round_))
    body = {
        "round": round_.pk,
        "standard": {
            "id": round_.standard.standard_id,
            "version": round_.standard.version,
            "sha256": round_.standard.sha256,
        },
        "period": round_.period,
        "deadline": round_.deadline.isoformat(),
        "state": round_.state,
        "communities": [
            {
                "id": r["community"].pk,
                "path": r["community"].path,
                "status": r["status"],
                "submission": r["submission"].pk if r["submission"] else None,
                "number": r["submission"].number if r["submission"] else None,
                "score": r["submission"].score if r["submission"] else None,
                "grade": r["submission"].grade if r["submission"] else None,
            }
            for r in rows
        ],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    return HttpResponse(json.dumps(OPENAPI, ensure_ascii=False, indent=2), content_type="application/json")


_PROBLEM = {
    "type": "object",
    "properties": {k: {"type": "string"} for k in ("file", "cell", "path", "code", "message", "text")}
    | {"line": {"type": "integer"}, "col": {"type": "integer"}},
}
_SUBMISSION = {
    "type": "object",
    "required": ["id", "round", "community", "number", "sha256", "result"],
    "properties": {
        "id": {"type": "integer"},
        "round": {"type": "integer"},
        "community": {"type": "string", "description": "区/街道/社区"},
        "number": {"type": "integer", "description": "version number, 1 for the first submission"},
        "sha256": {"type": "string"},
        "submitted_at": {"type": "string", "format": "date-time"},
        "submitted_by": {"type": ["string", "null"]},
        "result": {
            "description": "the same JSON as `sqcheck check --format json` (checker/schemas/result.schema.json)",
            "type": "object",
        },
    },
}
_LANG = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["zh", "en"]}, "required": False}
_ID = {"in": "path", "required": True, "schema": {"type": "integer"}}
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "sqcheck API",
        "version": "1",
        "description": "社区自评的提交与查询。Token: `sqcheck tokens create --db PATH USERNAME`.",
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {"Problem": _PROBLEM, "Submission": _SUBMISSION},
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/rounds/{round}/communities/{community}/submissions": {
            "post": {
                "summary": "Submit a self-assessment file (.xlsx, .yaml, .yml or .json) as a new version",
                "parameters": [{"name": "round", **_ID}, {"name": "community", **_ID}, _LANG],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "submitted",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submission"}}},
                    },
                    "422": {
                        "description": "refused: every problem, placed as the CLI places it",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "problems": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Problem"},
                                        },
                                        "notices": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}},
                                    },
                                }
                            }
                        },
                    },
                    "401": {"description": "no or unknown token"},
                    "403": {"description": "the token's user does not file for this community, or the round is closed"},
                    "404": {"description": "no such round or community in the token's scope"},
                },
            }
        },
        "/api/submissions/{submission}": {
            "get": {
                "summary": "A submitted version and its result",
                "parameters": [{"name": "submission", **_ID}, _LANG],
                "responses": {
                    "200": {
                        "description": "the submission",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submission"}}},
                    },
                    "404": {"description": "not found in the token's scope"},
                },
            }
        },
        "/api/rounds/{round}/status": {
            "get": {
                "summary": "Per community of the roster (in the token's scope): not_started, draft or submitted",
                "parameters": [{"name": "round", **_ID}],
                "responses": {"200": {"description": "the round's status"}, "404": {"description": "not in scope"}},
            }
        },
    },
}
