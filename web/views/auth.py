"""Logging in and out, the password change forced at first login, and the language choice."""

from __future__ import annotations

from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from web import scope
from web.audit import log
from web.i18n import t
from web.views.common import flash, lang_of, page, require_POST


def login_view(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    failed = False
    if request.method == "POST":
        if form.is_valid():
            login(request, form.get_user())
            log(request, "login", request.user.get_username())
            target = request.GET.get("next", "/")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = "/"
            return redirect(target)
        failed = True
    return page(request, "login.html", form=form, failed=failed, status=200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    log(request, "logout", request.user.get_username())
    logout(request)
    return redirect("login")


def password_view(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        acct = scope.account(user)
        if acct is not None and acct.must_change_password:
            acct.must_change_password = False
            acct.save(update_fields=["must_change_password"])
        log(request, "password.change", user.get_username())
        flash(request, t("web.password_changed", lang_of(request)))
        return redirect("home")
    return page(request, "password.html", form=form)


@require_POST
def lang_view(request: HttpRequest) -> HttpResponse:
    acct = scope.account(request.user)
    if acct is not None:
        acct.lang = "en" if acct.lang == "zh" else "zh"
        acct.save(update_fields=["lang"])
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)
