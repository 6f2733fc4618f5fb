from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

from edu.core.types import AuthedRequest
from edu.org.actor import Actor


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def wants_export(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def acting(request: AuthedRequest, *roles: str) -> Actor:
    """The actor, when they act in one of `roles` (any role if none given); otherwise 404."""
    actor = request.actor
    if roles:
        actor.require_role(*roles)
    elif actor.assignment is None:
        raise Http404
    return actor


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
