"""The one way a view turns an id into a record: through a scoped queryset, or 404."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_in_scope_or_404(queryset: QuerySet[M], pk: object) -> M:
    """Missing and out-of-scope look the same to the caller: 404."""
    try:
        return queryset.get(pk=int(pk))  # type: ignore[call-overload]
    except (ObjectDoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
