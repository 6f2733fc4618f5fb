"""The university data API: items + pagination, limits, underscore filters, the token's institution only."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from edu.rest.models import DataApiToken
from edu.rest.tests.conftest import bearer, data_client, failed, ok
from edu.university.tests.factories import student_in

pytestmark = pytest.mark.django_db

PAGINATION = {"totalCount", "pageSize", "pageCount", "page"}


def test_student_list_is_paginated_filtered_and_limited_to_the_tokens_institution(uni, data_api):
    for _ in range(3):
        student_in(uni.world.a.group)
    data = ok(data_api.get("/rest/v1/data/student-list?limit=2&page=2"))
    assert set(data) == {"items", "pagination"} and set(data["pagination"]) == PAGINATION
    # a and b sides' students + 3 more; c (other institution) is never there
    assert data["pagination"] == {"totalCount": 5, "pageSize": 2, "pageCount": 3, "page": 2}
    every = ok(data_api.get("/rest/v1/data/student-list?limit=500"))
    assert every["pagination"]["pageSize"] == 200
    numbers = {s["student_id_number"] for s in every["items"]}
    assert uni.foreign_student.student_id_number not in numbers and uni.student.student_id_number in numbers
    group = ok(data_api.get(f"/rest/v1/data/student-list?_group={uni.world.a.group.pk}"))
    assert group["pagination"]["totalCount"] == 4
    assert {s["group"]["id"] for s in group["items"]} == {uni.world.a.group.pk}
    faculty = ok(data_api.get(f"/rest/v1/data/student-list?_department={uni.world.b.faculty.pk}"))
    assert [s["student_id_number"] for s in faculty["items"]] == [uni.other_student.student_id_number]
    assert ok(data_api.get("/rest/v1/data/student-list?_student_status=12"))["items"] == []
    failed(data_api.get("/rest/v1/data/student-list?_group=abc"), 400)
    failed(data_api.get("/rest/v1/data/student-list?page=x"), 400)


def test_student_info_of_another_institution_is_404(uni, data_api):
    info = ok(data_api.get(f"/rest/v1/data/student-info?student_id_number={uni.student.student_id_number}"))
    assert info["full_name"] == uni.student.user.get_full_name() and set(info["studentStatus"]) == {"code", "name"}
    failed(data_api.get(f"/rest/v1/data/student-info?student_id_number={uni.foreign_student.student_id_number}"), 404)


def test_every_list_answers_items_of_its_own_institution(uni, data_api):
    employees = ok(data_api.get("/rest/v1/data/employee-list?type=teacher"))["items"]
    assert {e["employee_id_number"] for e in employees} == {
        uni.world.a.teacher.employee_id_number,
        uni.world.b.teacher.employee_id_number,
    }
    assert ok(data_api.get("/rest/v1/data/employee-list?type=employee"))["items"] == []
    failed(data_api.get("/rest/v1/data/employee-list?type=robot"), 400)
    departments = ok(data_api.get("/rest/v1/data/department-list"))["items"]
    assert {d["id"] for d in departments} == {uni.world.a.department.pk, uni.world.b.department.pk}
    faculties = ok(data_api.get("/rest/v1/data/department-list?_structure_type=11"))["items"]
    assert {f["id"] for f in faculties} == {uni.world.a.faculty.pk, uni.world.b.faculty.pk}
    groups = ok(data_api.get("/rest/v1/data/group-list"))["items"]
    assert {g["name"] for g in groups} == {uni.world.a.group.name, uni.world.b.group.name}
    assert set(groups[0]["educationLang"]) == {"code", "name"}
    curricula = ok(data_api.get(f"/rest/v1/data/curriculum-list?_department={uni.world.a.faculty.pk}"))["items"]
    assert [c["id"] for c in curricula] == [uni.world.a.curriculum.pk]
    subjects = ok(data_api.get(f"/rest/v1/data/curriculum-subject-list?_curriculum={uni.world.a.curriculum.pk}"))
    item = subjects["items"][0]
    assert item["subject"]["name"] == uni.world.a.subject.subject.name and item["subjectExamTypes"]
    today = timezone.localdate().isoformat()
    lessons = ok(
        data_api.get(
            f"/rest/v1/data/schedule-list?_group={uni.world.a.group.pk}&lesson_date_from={today}&lesson_date_to={today}"
        )
    )["items"]
    assert [x["id"] for x in lessons] == [uni.world.a.lesson.pk] and isinstance(lessons[0]["lesson_date"], int)
    assert ok(data_api.get(f"/rest/v1/data/schedule-list?_employee={uni.world.c.teacher.pk}"))["items"] == []
    year = uni.world.a.curriculum.education_year.code
    assert len(ok(data_api.get(f"/rest/v1/data/schedule-list?_education_year={year}"))["items"]) == 2
    assert ok(data_api.get(f"/rest/v1/data/schedule-list?_education_year={year - 1}"))["items"] == []
    refused = failed(data_api.get("/rest/v1/data/schedule-list?_education_year=20245"), 400)
    assert "_education_year" in refused and "2000" in refused and "2100" in refused
    absences = ok(data_api.get("/rest/v1/data/attendance-list"))["items"]
    assert [a["absent_off"] for a in absences] == [2]
    classifiers = ok(data_api.get("/rest/v1/data/classifier-list?classifier=h_gender&l=ru-RU"))["items"]
    assert classifiers[0]["classifier"] == "h_gender"
    assert {"code": "11", "name": "Мужчина"} in classifiers[0]["options"]


def test_the_other_institutions_token_sees_only_its_own(uni):
    api, _token = data_client(uni.world.other_institution)
    numbers = [s["student_id_number"] for s in ok(api.get("/rest/v1/data/student-list"))["items"]]
    assert numbers == [uni.foreign_student.student_id_number]
    failed(api.get(f"/rest/v1/data/student-info?student_id_number={uni.student.student_id_number}"), 404)


def test_missing_wrong_or_revoked_token_is_401_and_a_student_token_is_refused(uni):
    failed(APIClient().get("/rest/v1/data/student-list"), 401)
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Bearer nonsense")
    failed(wrong.get("/rest/v1/data/student-list"), 401)
    api, token = data_client(uni.world.institution)
    DataApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    failed(api.get("/rest/v1/data/group-list"), 401)
    failed(bearer(uni.student.user).get("/rest/v1/data/student-list"), 401)
