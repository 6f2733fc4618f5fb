"""Schemathesis over /rest/v1: cases generated from the OpenAPI document the code produces, a few per
operation, sent through Django's test client with a student's or a data token — never a server error, and
every JSON answer is the envelope."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from rest_framework.test import APIClient

from edu.rest.tests.conftest import bearer, data_client

pytestmark = pytest.mark.django_db
EXAMPLES = 3


def send(api: APIClient, case: Any) -> Any:
    path = case.formatted_path
    query = {k: v for k, v in (case.query or {}).items() if v is not None}
    if case.method.upper() == "GET":
        return api.get(path, query)
    body = case.body if isinstance(case.body, dict) else {}
    if case.media_type == "multipart/form-data":
        form = {
            str(k) or "field": (v if isinstance(v, str | bytes | int | float) else json.dumps(v, default=str))
            for k, v in body.items()
            if v is not None
        }
        form = {k: (SimpleUploadedFile("f.txt", v) if isinstance(v, bytes) else v) for k, v in form.items()}
        return api.post(path + "?" + "&".join(f"{k}={v}" for k, v in query.items()), form, format="multipart")
    return api.post(path, body, format="json", QUERY_STRING="&".join(f"{k}={v}" for k, v in query.items()))


def checker(api: APIClient, path: str, operation: Any) -> Any:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = send(api, case)
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}"
        if response["Content-Type"].startswith("application/json"):
            body = response.json()
            assert set(body) == {"success", "error", "data", "code"}, path
            assert body["code"] == response.status_code

    return check


def test_no_operation_answers_a_server_error_and_json_is_always_the_envelope(uni):
    document = APIClient().get("/rest/schema/?format=json").json()
    schema = schemathesis.openapi.from_dict(document)
    student = bearer(uni.student.user)
    data, _token = data_client(uni.world.institution)
    public = APIClient()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 39
    seen: list[str] = []
    for operation in operations:
        path = operation.path
        if path.endswith(("auth/login", "auth/refresh-token")):
            continue  # sign-in abuse is tested separately; here it would lock the fixture's accounts out
        api = data if "/data/" in path else public if "/public/" in path else student

        check = checker(api, path, operation)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check()
        seen.append(path)
    assert any("/data/student-list" in p for p in seen) and any("/education/schedule" in p for p in seen)
