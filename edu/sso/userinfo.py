"""What a signed-in person looks like to the institution's other systems (HEMIS `oauth/api/user` fields).

Other apps add fields (student_id_number, employee_id_number, groups, …) by registering a provider:
`PROVIDERS.append(fn)` where fn(user) -> dict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from edu.accounts.models import User
from edu.org.models import RoleAssignment
from edu.sso.models import SsoIdentity

PROVIDERS: list[Callable[[User], dict[str, Any]]] = []
FIELDS = (
    "id",
    "uuid",
    "type",
    "roles",
    "name",
    "login",
    "email",
    "picture",
    "firstname",
    "surname",
    "patronymic",
    "birth_date",
    "university_id",
    "phone",
    "student_id_number",
    "employee_id_number",
    "groups",
)


def user_info(user: User, request: HttpRequest | None = None) -> dict[str, Any]:
    identity, _created = SsoIdentity.objects.get_or_create(user=user)
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("institution"))
    roles = sorted({a.role for a in assignments})
    institution = assignments[0].institution if assignments else None
    picture = None
    if user.photo and request is not None:
        picture = request.build_absolute_uri(reverse("oauth2_provider:picture"))
    info: dict[str, Any] = {
        "id": user.pk,
        "uuid": str(identity.uuid),
        "type": "student" if roles == ["student"] else "employee" if roles else "user",
        "roles": roles,
        "name": user.get_full_name(),
        "login": user.phone,
        "email": user.email or None,
        "picture": picture,
        "firstname": user.first_name,
        "surname": user.surname,
        "patronymic": user.patronymic,
        "birth_date": user.birth_date.isoformat() if user.birth_date else None,
        "university_id": institution.code if institution else None,
        "phone": user.phone,
    }
    for provider in PROVIDERS:
        info.update(provider(user))
    return info


def select_fields(info: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """`?fields=id,uuid,name` as HEMIS clients ask; every known field when absent."""
    if not fields:
        return info
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    return {f: info.get(f) for f in wanted if f in FIELDS}
