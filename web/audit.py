"""The append-only activity log: every change, with who, when, what and from where."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from web.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def log(request: HttpRequest | None, action: str, target: str = "", user: Any = None, **detail: Any) -> AuditEvent:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user is not None else "",
        action=action,
        target=target[:300],
        ip=client_ip(request),
        detail=detail,
    )
