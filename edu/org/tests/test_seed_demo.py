from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from edu.org.roles import HEMIS_ROLES, Role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_an_account_per_role_and_lists_them_as_json(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    from edu.university.models import ExamSchedule, RatingScore, TeacherWork

    assert RatingScore.objects.exists()  # the staff ratings page has data (H2.4)
    assert TeacherWork.objects.filter(status="pending").exists()  # the head of department has entries to approve
    teachers = TeacherWork.objects.values("employee").distinct().count()
    assert (
        teachers
        and not RatingScore.objects.filter(employee__isnull=False)
        .exclude(employee__in=TeacherWork.objects.values("employee"))
        .exists()
    )  # every rated teacher (the demo teacher too) finds work entries on "My rating"
    # The exam schedule: a midterm and a final per taught subject.
    assert set(ExamSchedule.objects.values_list("exam_type", flat=True)) == {"12", "13"}
    out = io.StringIO()
    call_command("seed_demo", "--list", "--json", stdout=out)
    accounts = json.loads(out.getvalue())
    roles = {r["role"] for a in accounts for r in a["roles"]}
    assert {str(r) for r in HEMIS_ROLES} <= roles
    assert {Role.LEARNING_EDITOR, Role.EXAM_CENTRE, Role.MINISTRY} <= roles
    assert any(not a["roles"] for a in accounts)  # the demo learner
    for account in accounts:
        assert set(account) >= {"phone", "password", "roles"}
        for role in account["roles"]:
            assert set(role) == {"role", "scope"}
    # Every printed account can sign in
    learner = next(a for a in accounts if not a["roles"])
    response = client.post("/accounts/login/", {"phone": learner["phone"], "password": learner["password"]})
    assert response.status_code == 302
