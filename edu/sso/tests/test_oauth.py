"""Single sign-on: a full OAuth2 authorization-code round trip, OpenID Connect, and client scope."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from edu.accounts.tests.factories import UserFactory
from edu.journal.models import JournalEntry
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.roles import Role
from edu.org.tests.factories import InstitutionFactory, RoleAssignmentFactory
from edu.sso.models import SsoClient

pytestmark = pytest.mark.django_db
REDIRECT = "https://library.example.uz/oauth/callback"


def act_as(client, assignment):
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()


@pytest.fixture
def admin():
    return RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(code="321"), faculty=None)


def register(client, admin) -> tuple[str, str]:
    act_as(client, admin)
    page = client.post(reverse("sso:clients"), {"name": "Kutubxona", "redirect_uris": REDIRECT}).content.decode()
    client_id = re.search(r"client_id</dt><dd><code>([^<]+)</code>", page).group(1)
    secret = re.search(r"client_secret</dt><dd><code>([^<]+)</code>", page).group(1)
    return client_id, secret


def authorize(browser: Client, client_id: str, scope: str) -> str:
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT, "state": "s1", "scope": scope}
    page = browser.get("/oauth/authorize", params)
    assert page.status_code == 200 and "Kutubxona" in page.content.decode()
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.content.decode()))
    response = browser.post("/oauth/authorize", {**form, "allow": "Authorize"})
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["s1"]
    return query["code"][0]


def test_authorization_code_round_trip_gives_hemis_user_fields(client, admin):
    client_id, secret = register(client, admin)
    student = RoleAssignmentFactory(role=Role.STUDENT, institution=admin.institution, faculty=None).user
    browser = Client()
    browser.force_login(student)
    code = authorize(browser, client_id, "read")
    system = Client()  # the other system, server to server
    token = system.post(
        "/oauth/access-token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": client_id,
            "client_secret": secret,
        },
    )
    assert token.status_code == 200, token.content
    access = token.json()["access_token"]
    assert token.json()["refresh_token"]
    info = system.get(
        "/oauth/api/user",
        {"fields": "id,uuid,type,roles,name,login,university_id,phone"},
        HTTP_AUTHORIZATION=f"Bearer {access}",
    ).json()
    assert info == {
        "id": student.pk,
        "uuid": info["uuid"],
        "type": "student",
        "roles": ["student"],
        "name": student.get_full_name(),
        "login": student.phone,
        "university_id": "321",
        "phone": student.phone,
    }
    full = system.get("/oauth/api/user", HTTP_AUTHORIZATION=f"Bearer {access}").json()
    assert {"firstname", "surname", "patronymic", "birth_date", "email", "picture"} <= set(full)
    # A used code cannot be exchanged again; a wrong secret gets nothing
    again = system.post(
        "/oauth/access-token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": client_id,
            "client_secret": secret,
        },
    )
    assert again.status_code == 400
    assert system.get("/oauth/api/user", HTTP_AUTHORIZATION="Bearer nope").status_code in (401, 403)


def test_openid_connect_discovery_and_id_token(client, admin):
    client_id, secret = register(client, admin)
    user = UserFactory()
    browser = Client()
    browser.force_login(user)
    code = authorize(browser, client_id, "openid")
    token = (
        Client()
        .post(
            "/oauth/access-token",
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT,
                "client_id": client_id,
                "client_secret": secret,
            },
        )
        .json()
    )
    assert token["id_token"].count(".") == 2
    discovery = Client().get("/oauth/.well-known/openid-configuration").json()
    assert discovery["authorization_endpoint"].endswith("/oauth/authorize")
    assert discovery["token_endpoint"].endswith("/oauth/access-token")
    claims = Client().get("/oauth/userinfo", HTTP_AUTHORIZATION=f"Bearer {token['access_token']}").json()
    assert claims["phone_number"] == user.phone and claims["sub"]


def test_clients_are_scoped_and_journaled(client, admin):
    register(client, admin)
    sso = SsoClient.objects.get()
    assert JournalEntry.objects.filter(content_type__model="ssoclient", action="create").exists()
    other = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(), faculty=None)
    act_as(client, other)
    assert "Kutubxona" not in client.get(reverse("sso:clients")).content.decode()
    assert client.post(reverse("sso:client_delete", args=[sso.pk])).status_code == 404
    teacher = RoleAssignmentFactory(role=Role.TEACHER)
    act_as(client, teacher)
    assert client.get(reverse("sso:clients")).status_code == 404


def test_bad_redirect_addresses_are_refused(client, admin):
    act_as(client, admin)
    response = client.post(reverse("sso:clients"), {"name": "X", "redirect_uris": "http://evil.example.com/cb"})
    assert response.status_code == 200 and not SsoClient.objects.exists()
    assert 'class="errors"' in response.content.decode()
