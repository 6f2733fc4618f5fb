from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edu.core.errors import ApplicationError
from edu.core.types import AuthedRequest
from edu.rest import selectors, services


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    """The super administrator issues and revokes the data API's tokens (H2.2)."""
    listing = selectors.data_token_list(actor=request.actor)
    created = None
    if request.method == "POST":
        try:
            token, key = services.data_token_issue(actor=request.actor, name=request.POST.get("name", ""))
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            created = {"token": token, "key": key}
    return render(request, "rest/tokens.html", {"tokens": listing, "created": created})


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = selectors.access_data_token_by_id(request.actor, token_id)
    services.data_token_revoke(actor=request.actor, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("rest_pages:tokens")
