from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from edu.accounts.services import user_language_set
from edu.core.i18n import language_cookie_set, supported_language
from edu.core.navigation import cabinet_sections, landing_url


def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors see what the platform is; signed-in users see their cabinet."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    actor = request.actor  # type: ignore[attr-defined]
    target = landing_url(actor)
    if target:
        return redirect(target)
    return render(request, "core/cabinet.html", {"sections": cabinet_sections(actor)})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: remembered in a cookie, and on the account when signed in."""
    code = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if supported_language(code):
        language_cookie_set(response, code)
        if request.user.is_authenticated:
            user_language_set(user=request.user, language=code)  # type: ignore[arg-type]
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(static("img/logo.svg"))


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
