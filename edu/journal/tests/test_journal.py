from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from edu.accounts.services import user_profile_update
from edu.accounts.tests.factories import UserFactory
from edu.journal.models import JournalEntry
from edu.org import services
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.roles import Role
from edu.org.tests.factories import FacultyFactory, InstitutionFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def act_as(client, assignment):
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()


@pytest.fixture
def admin():
    return RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(), faculty=None)


def test_change_through_a_page_is_journaled_with_who_ip_and_values(client, admin):
    act_as(client, admin)
    response = client.post(
        reverse("org:structure"),
        {"kind": "faculty", "faculty-name": "Fizika fakulteti", "faculty-code": "FIZ"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(action="create", content_type__model="faculty")
    assert entry.actor == admin.user
    assert entry.actor_role == Role.SUPER_ADMIN
    assert entry.ip == "192.0.2.10"
    assert entry.institution_id == admin.institution_id
    assert entry.before is None and entry.after["name"] == "Fizika fakulteti"


def test_update_records_only_changed_fields_and_never_the_password():
    user = UserFactory(position="Mutaxassis")
    user_profile_update(user=user, data={"position": "Bosh mutaxassis", "surname": user.surname})
    entry = JournalEntry.objects.get(action="update", object_id=str(user.pk))
    assert entry.before == {"position": "Mutaxassis"}
    assert entry.after == {"position": "Bosh mutaxassis"}
    user_profile_update(user=user, data={"position": "Bosh mutaxassis"})
    assert JournalEntry.objects.filter(action="update", object_id=str(user.pk)).count() == 1
    assert all(
        "password" not in (e.after or {}) or e.after["password"] != user.password for e in JournalEntry.objects.all()
    )


def test_journal_page_filters_and_scope(client, admin):
    other = RoleAssignmentFactory(role=Role.SUPER_ADMIN, institution=InstitutionFactory(), faculty=None)
    services.faculty_create(actor=None, institution=admin.institution, name="Tarix fakulteti", code="TAR")
    services.faculty_create(actor=None, institution=admin.institution, name="Kimyo fakulteti", code="KIM")
    services.faculty_create(actor=None, institution=other.institution, name="Begona fakultet", code="BEG")
    act_as(client, admin)
    body = client.get(reverse("journal:list")).content.decode()
    assert "Tarix fakulteti" in body and "Kimyo fakulteti" in body
    assert "Begona fakultet" not in body
    body = client.get(reverse("journal:list"), {"q": "Kimyo"}).content.decode()
    assert "Kimyo fakulteti" in body and "Tarix fakulteti" not in body
    body = client.get(reverse("journal:list"), {"action": "delete"}).content.decode()
    assert "Tarix fakulteti" not in body
    foreign = JournalEntry.objects.get(object_repr="Begona fakultet")
    assert client.get(reverse("journal:detail", args=[foreign.pk])).status_code == 404
    # Not a super administrator: no journal
    dean = RoleAssignmentFactory(role=Role.DEAN, faculty=FacultyFactory(institution=admin.institution))
    act_as(client, dean)
    assert client.get(reverse("journal:list")).status_code == 404


def test_journal_exports_the_filtered_rows_to_excel(client, admin):
    services.faculty_create(actor=None, institution=admin.institution, name="Tarix fakulteti", code="TAR")
    services.faculty_create(actor=None, institution=admin.institution, name="Kimyo fakulteti", code="KIM")
    act_as(client, admin)
    response = client.get(reverse("journal:export"), {"q": "Tarix"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2  # header + one entry
    assert "Tarix fakulteti" in rows[1]


def test_journal_bad_filter_input_is_explained(client, admin):
    act_as(client, admin)
    response = client.get(reverse("journal:list"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
