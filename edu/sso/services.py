"""Registering the institution's other systems as single sign-on clients (super administrator only)."""

from __future__ import annotations

import secrets
from urllib.parse import urlparse

from django.db import transaction
from django.utils.translation import gettext as _
from oauth2_provider.models import Application

from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.sso.models import SsoClient


def _redirects(raw: str) -> list[str]:
    uris = [u.strip() for u in raw.split() if u.strip()]
    if not uris:
        raise ApplicationError(_("Give at least one redirect address."), field="redirect_uris")
    for uri in uris:
        parts = urlparse(uri)
        if parts.scheme != "https" or not parts.netloc or parts.fragment or "*" in uri:
            raise ApplicationError(
                _("“%(uri)s” is not allowed: use exact https:// addresses, without # or *.") % {"uri": uri},
                field="redirect_uris",
            )
    return uris


@transaction.atomic
def sso_client_create(*, actor: Actor, name: str, redirect_uris: str) -> tuple[SsoClient, str]:
    """Register a confidential authorization-code client. Returns the client and its secret, shown only once."""
    assignment = actor.require_role(Role.SUPER_ADMIN)
    uris = _redirects(redirect_uris)
    secret = secrets.token_urlsafe(32)
    application = Application(
        name=name.strip()[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        skip_authorization=False,
        algorithm=Application.RS256_ALGORITHM,
        user=actor.user,
    )
    application.full_clean()
    application.save()
    client = SsoClient.objects.create(
        application=application, institution_id=assignment.institution_id, created_by=actor.user
    )
    journal_create(instance=client, actor=actor)
    return client, secret


@transaction.atomic
def sso_client_delete(*, actor: Actor, client: SsoClient) -> None:
    actor.require_role(Role.SUPER_ADMIN)
    journal_delete(instance=client, actor=actor)
    client.application.delete()
