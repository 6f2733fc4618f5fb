from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.core.navigation import Link
from edu.org.actor import Actor
from edu.org.roles import Role


def cabinet(actor: Actor) -> list[Link]:
    if not actor.has_role(Role.SUPER_ADMIN):
        return []
    return [Link(_("Single sign-on"), reverse("sso:clients"), _("Systems that sign users in through this platform"))]
