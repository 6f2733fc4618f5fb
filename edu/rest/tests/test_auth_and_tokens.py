"""The HEMIS API's conventions: envelope, errors in it, 429 on sign-in abuse, refresh, language, data tokens."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from edu.accounts.tests.factories import PASSWORD, UserFactory
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.roles import Role
from edu.org.tests.factories import InstitutionFactory, RoleAssignmentFactory
from edu.rest.models import DataApiToken

pytestmark = pytest.mark.django_db


def test_login_by_phone_gives_token_and_refresh_in_the_envelope():
    user = UserFactory()
    api = APIClient()
    response = api.post("/rest/v1/auth/login", {"login": user.phone, "password": PASSWORD}, format="json")
    body = response.json()
    assert response.status_code == 200
    assert body["success"] is True and body["error"] is None and body["code"] == 200
    assert set(body["data"]) == {"token", "refresh_token"}
    refreshed = api.post(
        "/rest/v1/auth/refresh-token", {"refresh_token": body["data"]["refresh_token"]}, format="json"
    ).json()
    assert refreshed["success"] and refreshed["data"]["token"] != body["data"]["token"]
    again = api.post("/rest/v1/auth/refresh-token", {"refresh_token": body["data"]["refresh_token"]}, format="json")
    assert again.status_code == 401
    assert again.json() == {"success": False, "error": again.json()["error"], "data": None, "code": 401}


def test_wrong_password_and_bad_input_are_errors_in_the_envelope_in_the_asked_language():
    user = UserFactory()
    api = APIClient()
    wrong = api.post("/rest/v1/auth/login?l=ru-RU", {"login": user.phone, "password": "x"}, format="json")
    assert wrong.status_code == 401
    assert wrong.json()["success"] is False and wrong.json()["data"] is None
    assert "пароль" in wrong.json()["error"].lower()
    english = api.post("/rest/v1/auth/login?l=en-US", {"login": user.phone, "password": "x"}, format="json")
    assert "password" in english.json()["error"].lower()
    form = api.post("/rest/v1/auth/login", {"login": user.phone, "password": PASSWORD})  # multipart form
    assert form.status_code == 200 and form.json()["data"]["token"]
    missing = api.post("/rest/v1/auth/login", {}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == 400 and missing.json()["error"]


@override_settings(LOGIN_MAX_FAILURES=3)
def test_too_many_sign_in_attempts_answer_429():
    user = UserFactory()
    api = APIClient()
    for _ in range(3):
        api.post("/rest/v1/auth/login", {"login": user.phone, "password": "x"}, format="json")
    response = api.post("/rest/v1/auth/login", {"login": user.phone, "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response.json()["code"] == 429 and response.json()["success"] is False


def act_as(client, assignment):
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()


def test_super_admin_issues_and_revokes_data_tokens_of_own_institution(client):
    admin = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(), faculty=None)
    act_as(client, admin)
    page = client.post(reverse("rest_pages:tokens"), {"name": "Kutubxona tizimi"}).content.decode()
    token = DataApiToken.objects.get()
    assert token.institution == admin.institution and token.key_prefix in page
    other = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(), faculty=None)
    act_as(client, other)
    assert client.post(reverse("rest_pages:token_revoke", args=[token.pk])).status_code == 404
    act_as(client, admin)
    client.post(reverse("rest_pages:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    teacher = RoleAssignmentFactory(role=Role.TEACHER)
    act_as(client, teacher)
    assert client.get(reverse("rest_pages:tokens")).status_code == 404


def test_swagger_ui_and_schema_are_served_from_the_code(client):
    assert client.get("/rest/docs").status_code == 200
    schema = client.get("/rest/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/rest/v1/auth/login" in schema
