"""Public statistics, and the generated OpenAPI document: every GET operation answers the envelope, never a 500."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from edu.rest.tests.conftest import failed, ok

pytestmark = pytest.mark.django_db


def test_public_statistics_count_by_breakdowns_without_a_token(uni):
    api = APIClient()
    code = uni.world.institution.code
    students = ok(api.get(f"/rest/v1/public/stat-student?university={code}"))
    assert students["total"] == 2
    assert sum(row["count"] for row in students["gender"]) == 2
    assert set(students["educationForm"][0]) == {"code", "name", "count"}
    assert ok(api.get("/rest/v1/public/stat-student"))["total"] == 3
    employees = ok(api.get(f"/rest/v1/public/stat-employee?university={code}"))
    assert employees["total"] == 2 and employees["teachers"] == 2
    structure = ok(api.get(f"/rest/v1/public/stat-structure?university={code}"))
    assert structure == {"universities": 1, "faculties": 2, "departments": 2, "specialties": 2, "groups": 2}
    profile = ok(api.get(f"/rest/v1/public/university-profile?university={code}"))
    assert profile["name"] == uni.world.institution.name and profile["students"] == 2
    failed(api.get("/rest/v1/public/university-profile?university=nope"), 404)
