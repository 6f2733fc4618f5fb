"""What each role finds in the cabinet and the top bar.

Each app adds its own links by registering a provider in its AppConfig.ready():
`register(cabinet=fn, nav=fn)`, where fn(actor) returns a list of Link.
Two more hooks: `landing=fn` (fn(actor) → a URL to send the signed-in user to instead of the cabinet, or None)
and `profile=fn` (fn(actor) → a list of Panel, sections shown under the profile).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from edu.org.actor import Actor
from edu.org.roles import Role

StrOrPromise = str | Promise


@dataclass(frozen=True)
class Link:
    title: StrOrPromise
    url: str
    description: StrOrPromise = ""


@dataclass(frozen=True)
class Panel:
    """A section another app adds to a page: a template and its context."""

    template: str
    context: dict[str, object]


Provider = Callable[[Actor], list[Link]]
LandingProvider = Callable[[Actor], str | None]
PanelProvider = Callable[[Actor], list[Panel]]
_cabinet: list[Provider] = []
_nav: list[Provider] = []
_landing: list[LandingProvider] = []
_profile: list[PanelProvider] = []


def register(
    *,
    cabinet: Provider | None = None,
    nav: Provider | None = None,
    landing: LandingProvider | None = None,
    profile: PanelProvider | None = None,
) -> None:
    if cabinet is not None and cabinet not in _cabinet:
        _cabinet.append(cabinet)
    if nav is not None and nav not in _nav:
        _nav.append(nav)
    if landing is not None and landing not in _landing:
        _landing.append(landing)
    if profile is not None and profile not in _profile:
        _profile.append(profile)


def landing_url(actor: Actor) -> str | None:
    """Where a signed-in user goes from the home page, when an app says so (e.g. a first test to take)."""
    for provider in _landing:
        url = provider(actor)
        if url:
            return url
    return None


def profile_panels(actor: Actor) -> list[Panel]:
    panels: list[Panel] = []
    for provider in _profile:
        panels += provider(actor)
    return panels


def cabinet_sections(actor: Actor) -> list[Link]:
    links: list[Link] = []
    for provider in _cabinet:
        links += provider(actor)
    links.append(Link(_("My profile"), reverse("accounts:profile"), _("Personal data, photo and password")))
    if actor.assignment is not None:
        links.append(Link(_("Structure"), reverse("org:structure"), _("Faculties and departments in your scope")))
    if actor.has_role(Role.SUPER_ADMIN):
        links += [
            Link(_("Roles"), reverse("org:roles"), _("Who holds which role")),
            Link(_("Journal"), reverse("journal:list"), _("Every change, with filters and Excel export")),
            Link(_("Administration"), reverse("admin:index"), _("Reference data of your institution")),
        ]
    return links


def nav_links(actor: Actor) -> list[Link]:
    """The top bar: the cabinet and the few places the active role visits most."""
    links = [Link(_("Cabinet"), reverse("core:home"))]
    for provider in _nav:
        links += provider(actor)
    if actor.has_role(Role.SUPER_ADMIN):
        links += [Link(_("Roles"), reverse("org:roles")), Link(_("Journal"), reverse("journal:list"))]
    elif actor.assignment is not None:
        links.append(Link(_("Structure"), reverse("org:structure")))
    return links
