"""Sign-up (three steps), sign-in, password reset and the account pages (L1, L15)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.accounts import services
from edu.accounts.forms import (
    CodePasswordForm,
    LoginForm,
    PasswordChangeForm,
    PhoneForm,
    PhotoForm,
    ProfileForm,
)
from edu.accounts.models import CodePurpose
from edu.accounts.selectors import phone_code_resend_wait, user_fresh_copy
from edu.core.context import client_ip
from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.i18n import language_cookie_set, supported_language
from edu.core.types import AuthedRequest
from edu.core.validators import format_phone

FLOW: dict[str, dict[str, str]] = {
    CodePurpose.SIGNUP: {"session": "signup_phone", "start": "accounts:signup", "verify": "accounts:signup_verify"},
    CodePurpose.RESET: {"session": "reset_phone", "start": "accounts:reset", "verify": "accounts:reset_verify"},
}


def _phone_step(request: HttpRequest, purpose: str, template: str) -> HttpResponse:
    flow = FLOW[purpose]
    form = PhoneForm(request.POST or None, initial={"phone": request.session.get(flow["session"], "")})
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            services.phone_code_send(phone=phone, purpose=purpose, ip=client_ip(request))
        except ApplicationError as exc:
            # A code sent moments ago is still good: go on to enter it.
            if (
                exc.status_code == 429
                and request.session.get(flow["session"]) == phone
                and phone_code_resend_wait(phone, purpose)
            ):
                messages.info(request, str(exc.message))
                return redirect(flow["verify"])
            add_service_error(form, exc)
        else:
            request.session[flow["session"]] = phone
            messages.success(request, _("We sent a code to %(phone)s.") % {"phone": format_phone(phone)})
            return redirect(flow["verify"])
    return render(request, template, {"form": form, "step": 1})


def _verify_step(request: HttpRequest, purpose: str, template: str, done: Any, success: Any) -> HttpResponse:
    """Code + new password; `done` is the service, `success` the response once it worked."""
    flow = FLOW[purpose]
    phone = request.session.get(flow["session"])
    if not phone:
        return redirect(flow["start"])
    form = CodePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = done(phone=phone, code=form.cleaned_data["code"], password=form.cleaned_data["password1"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            del request.session[flow["session"]]
            login(request, user, backend="edu.accounts.backends.PhoneBackend")
            return success(request)
    return render(
        request,
        template,
        {"form": form, "phone": format_phone(phone), "resend_wait": phone_code_resend_wait(phone, purpose), "step": 2},
    )


def signup_phone(request: HttpRequest) -> HttpResponse:
    """Step 1: the phone number; an SMS code is sent."""
    if request.user.is_authenticated:
        return redirect("core:home")
    return _phone_step(request, CodePurpose.SIGNUP, "accounts/signup_phone.html")


def signup_verify(request: HttpRequest) -> HttpResponse:
    """Step 2: the code and a new password create the account."""
    return _verify_step(
        request,
        CodePurpose.SIGNUP,
        "accounts/signup_verify.html",
        partial(services.user_signup, language=getattr(request, "LANGUAGE_CODE", "")),
        lambda request: redirect("accounts:signup_profile"),
    )


@login_required
def signup_profile(request: AuthedRequest) -> HttpResponse:
    """Step 3: personal data. Until it is filled, every page leads here."""
    user = user_fresh_copy(request.user)  # the form may change it; the page header must not
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Registration is complete. Welcome!"))
            return redirect("core:home")
    return render(request, "accounts/signup_profile.html", {"form": form, "step": 3})


@require_POST
def code_resend(request: HttpRequest, purpose: str) -> HttpResponse:
    if purpose not in FLOW:
        raise Http404
    flow = FLOW[purpose]
    phone = request.session.get(flow["session"])
    if not phone:
        return redirect(flow["start"])
    try:
        services.phone_code_send(phone=phone, purpose=purpose, ip=client_ip(request))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("We sent a new code to %(phone)s.") % {"phone": format_phone(phone)})
    return redirect(flow["verify"])


def reset_phone(request: HttpRequest) -> HttpResponse:
    """Forgotten password, step 1: the registered phone number."""
    return _phone_step(request, CodePurpose.RESET, "accounts/reset_phone.html")


def reset_verify(request: HttpRequest) -> HttpResponse:
    def success(request: HttpRequest) -> HttpResponse:
        messages.success(request, _("Your password has been changed."))
        return redirect("core:home")

    return _verify_step(request, CodePurpose.RESET, "accounts/reset_verify.html", services.user_password_reset, success)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("core:home")


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        ip = client_ip(request)
        try:
            services.login_lockout_check(phone=phone, ip=ip)
        except ApplicationError as exc:
            add_service_error(form, exc)
            status = exc.status_code
        else:
            user = authenticate(request, phone=phone, password=form.cleaned_data["password"])
            if user is None:
                services.login_failure_record(phone=phone, ip=ip)
                form.add_error(None, _("The phone number or the password is wrong."))
            else:
                services.login_failures_reset(phone)
                login(request, user)
                response = redirect(_safe_next(request))
                if user.language and supported_language(user.language):  # type: ignore[attr-defined]
                    language_cookie_set(response, user.language)  # type: ignore[attr-defined]
                return response
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"profile": request.user})


@login_required
def profile_edit(request: AuthedRequest) -> HttpResponse:
    user = user_fresh_copy(request.user)  # the form may change it; the page header must not
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your personal data has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def password_change(request: AuthedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["password1"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def photo_change(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("remove"):
        services.user_photo_remove(user=request.user)
        messages.success(request, _("Your photo has been removed."))
        return redirect("accounts:profile")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_photo_set(user=request.user, upload=form.cleaned_data["photo"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your photo has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/photo.html", {"form": form})


@login_required
def photo_file(request: AuthedRequest) -> HttpResponseBase:
    """The signed-in user's own photo. Photos are personal data and are not published under /media."""
    user = request.user
    if not user.photo:
        raise Http404
    response = FileResponse(user.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response
