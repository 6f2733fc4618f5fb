from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oauth2_provider.decorators import protected_resource

from edu.core.errors import ApplicationError
from edu.core.forms import add_service_error
from edu.core.types import AuthedRequest
from edu.sso import selectors, services
from edu.sso.forms import SsoClientForm
from edu.sso.userinfo import select_fields, user_info


@protected_resource()
def api_user(request: HttpRequest) -> JsonResponse:
    """GET /oauth/api/user?fields=id,uuid,… — the HEMIS user-info endpoint, for a bearer access token."""
    user = request.resource_owner  # type: ignore[attr-defined]
    return JsonResponse(select_fields(user_info(user, request), request.GET.get("fields")))


@protected_resource()
def api_picture(request: HttpRequest) -> HttpResponseBase:
    user = request.resource_owner  # type: ignore[attr-defined]
    if not user.photo:
        raise Http404
    return FileResponse(user.photo.open("rb"), content_type="image/jpeg")


@login_required
def client_list(request: AuthedRequest) -> HttpResponse:
    clients = selectors.sso_client_list(actor=request.actor)
    form = SsoClientForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = services.sso_client_create(actor=request.actor, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            created = {"client": client, "secret": secret}
            form = SsoClientForm()
    return render(request, "sso/clients.html", {"clients": clients, "form": form, "created": created})


@login_required
@require_POST
def client_delete(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = selectors.access_sso_client_by_id(request.actor, client_id)
    services.sso_client_delete(actor=request.actor, client=client)
    messages.success(request, _("The client has been removed; its tokens no longer work."))
    return redirect("sso:clients")
