"""Editors build banks and tests through the pages; takers start, answer and see results."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from edu.assessment.formats import excel
from edu.assessment.models import Blueprint, Question, QuestionImport, QuestionPool
from edu.assessment.services import attempts as services
from edu.assessment.tests.factories import PoolFactory, make_blueprint, pool_with_questions
from edu.assessment.tests.test_formats import _xlsx
from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.roles import Role
from edu.org.tests.factories import DepartmentFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def act_as(client, assignment):
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()


@pytest.fixture
def editor():
    return RoleAssignmentFactory(role=Role.LEARNING_EDITOR, faculty=None)


def upload(name, data):
    buf = io.BytesIO(data)
    buf.name = name
    return buf


def test_editor_creates_a_pool_adds_a_question_and_sees_it(client, editor):
    act_as(client, editor)
    response = client.post(reverse("assessment:pools"), {"name": "Konstitutsiya", "code": "C01"})
    pool = QuestionPool.objects.get(name="Konstitutsiya")
    assert response.status_code == 302 and pool.institution_id == editor.institution_id
    response = client.post(
        reverse("assessment:question_new", args=[pool.pk]),
        {
            "kind": "single",
            "text": "Davlat tili qaysi? $x^2$",
            "difficulty": 2,
            "language": "uz",
            "points": "1",
            "is_active": "on",
            "choice_0": "O‘zbek tili",
            "correct_0": "on",
            "choice_1": "Rus tili",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(pool=pool)
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [("O‘zbek tili", True), ("Rus tili", False)]
    page = client.get(reverse("assessment:pool", args=[pool.pk])).content.decode()
    assert "Davlat tili qaysi?" in page and "<math" in page  # the formula is MathML


def test_question_without_a_correct_answer_is_refused_with_a_message(client, editor):
    act_as(client, editor)
    pool = PoolFactory(institution=editor.institution)
    response = client.post(
        reverse("assessment:question_new", args=[pool.pk]),
        {
            "kind": "single",
            "text": "?",
            "difficulty": 2,
            "language": "uz",
            "points": "1",
            "choice_0": "a",
            "choice_1": "b",
        },
    )
    assert response.status_code == 200
    assert 'class="alert alert--error"' in response.content.decode()
    assert not Question.objects.exists()


def test_import_checks_then_imports_everything_or_nothing(client, editor):
    act_as(client, editor)
    pool = PoolFactory(institution=editor.institution)
    bad = _xlsx(
        [
            ["single", "Good?", "Yes", "No", "", "", "", "", "A", 1, "", "uz", 1, ""],
            ["single", "Bad?", "Yes", "No", "", "", "", "", "", 1, "", "uz", 1, ""],
        ]
    )
    response = client.post(reverse("assessment:import_upload", args=[pool.pk]), {"file": upload("q.xlsx", bad)})
    record = QuestionImport.objects.get()
    assert response["Location"] == reverse("assessment:import", args=[record.pk])
    page = client.get(response["Location"]).content.decode()
    assert "3-qator" in page  # the row with the problem, in Uzbek
    assert record.status == "invalid"
    client.post(reverse("assessment:import", args=[record.pk]))  # confirming a bad file does nothing
    assert not Question.objects.filter(pool=pool).exists()

    response = client.post(
        reverse("assessment:import_upload", args=[pool.pk]), {"file": upload("good.xlsx", excel.template())}
    )
    good = QuestionImport.objects.exclude(pk=record.pk).get()
    assert good.status == "preview" and good.total == 3
    assert "Toshkent" in client.get(response["Location"]).content.decode()  # preview
    client.post(reverse("assessment:import", args=[good.pk]))
    good.refresh_from_db()
    assert good.status == "done" and Question.objects.filter(pool=pool).count() == 3
    assert client.get(reverse("assessment:import_progress", args=[good.pk])).json()["done"] == 3


def test_unknown_file_type_is_refused(client, editor):
    act_as(client, editor)
    pool = PoolFactory(institution=editor.institution)
    response = client.post(
        reverse("assessment:import_upload", args=[pool.pk]), {"file": upload("q.docx", b"whatever")}, follow=True
    )
    assert not QuestionImport.objects.exists()
    assert ".xlsx" in response.content.decode()


@pytest.mark.parametrize("fmt", ["xlsx", "gift", "moodle", "qti"])
def test_export_downloads(client, editor, fmt):
    act_as(client, editor)
    pool = pool_with_questions(editor.institution, 3)
    response = client.get(reverse("assessment:pool_export", args=[pool.pk]), {"format": fmt})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert len(response.content) > 100


def test_editor_builds_a_blueprint_with_sections(client, editor):
    act_as(client, editor)
    pool = pool_with_questions(editor.institution, 12)
    data = {
        "title": "Oraliq nazorat",
        "pass_percent": "71",
        "navigation": "free",
        "audience": "everyone",
        "review_policy": "after_submit",
        "integrity_policy": "log",
        "shuffle_questions": "on",
        "is_published": "on",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-0-title": "Asosiy",
        "sections-0-pool": pool.pk,
        "sections-0-draw_count": "10",
    }
    response = client.post(reverse("assessment:blueprint_new"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    blueprint = Blueprint.objects.get(title="Oraliq nazorat")
    assert blueprint.question_count() == 10 and blueprint.effective_time_limit() == 20
    assert "Asosiy" in client.get(reverse("assessment:blueprint", args=[blueprint.pk])).content.decode()


def test_scope_a_teacher_sees_only_own_department_pools(client):
    department = DepartmentFactory()
    teacher = RoleAssignmentFactory(role=Role.TEACHER, department=department)
    own = PoolFactory(institution=department.institution, department=department)
    other = PoolFactory(institution=department.institution, department=DepartmentFactory(faculty=department.faculty))
    act_as(client, teacher)
    assert client.get(reverse("assessment:pool", args=[own.pk])).status_code == 200
    assert client.get(reverse("assessment:pool", args=[other.pk])).status_code == 404
    learner = RoleAssignmentFactory(role=Role.STUDENT, faculty=department.faculty)
    act_as(client, learner)
    assert client.get(reverse("assessment:pool", args=[own.pk])).status_code == 404


def test_taker_sees_conditions_starts_and_gets_results_with_a_chart(client, editor):
    blueprint = make_blueprint(
        editor.institution, sections=((6, 3), (6, 3)), review_policy="after_submit", instructions="60 savol, 60 daqiqa"
    )
    from edu.accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("assessment:test_start", args=[blueprint.pk])).content.decode()
    assert "60 savol, 60 daqiqa" in page
    response = client.post(reverse("assessment:test_start", args=[blueprint.pk]))
    attempt = user.attempts.get()
    assert response["Location"] == reverse("assessment:exam", args=[attempt.pk])
    exam = client.get(response["Location"]).content.decode()
    assert 'id="attempt-data"' in exam and "exam.js" in exam
    services.attempt_submit(attempt_id=attempt.pk)
    result = client.get(reverse("assessment:result", args=[attempt.pk])).content.decode()
    assert "chart__svg" in result and "Bo‘lim 1" in result
    # the exam page of a finished attempt leads to the result
    assert client.get(reverse("assessment:exam", args=[attempt.pk]))["Location"] == reverse(
        "assessment:result", args=[attempt.pk]
    )
    # another user cannot see it
    client.force_login(UserFactory())
    assert client.get(reverse("assessment:result", args=[attempt.pk])).status_code == 404


def test_proctor_withholds_and_the_taker_sees_why(client, editor):
    blueprint = make_blueprint(editor.institution)
    from edu.accounts.tests.factories import UserFactory

    taker = UserFactory()
    attempt = services.attempt_submit(attempt_id=services.attempt_start(blueprint=blueprint, user=taker).pk)
    proctor = RoleAssignmentFactory(role=Role.EXAM_CENTRE, institution=editor.institution, faculty=None)
    act_as(client, proctor)
    response = client.post(
        reverse("assessment:attempt_review", args=[attempt.pk]),
        {"action": "withhold", "reason": "Qoidabuzarlik dalolatnomasi"},
    )
    assert response.status_code == 302
    client.force_login(taker)
    page = client.get(reverse("assessment:result", args=[attempt.pk])).content.decode()
    assert "Qoidabuzarlik dalolatnomasi" in page and "chart__svg" not in page


def test_blueprint_with_fixed_questions_and_listed_takers(client, editor):
    from edu.accounts.tests.factories import UserFactory

    act_as(client, editor)
    pool = pool_with_questions(editor.institution, 6)
    ids = list(pool.questions.values_list("pk", flat=True))[:3]
    invited, stranger = UserFactory(), UserFactory()
    data = {
        "title": "Yopiq test",
        "pass_percent": "60",
        "navigation": "sequential",
        "audience": "listed",
        "review_policy": "none",
        "integrity_policy": "log",
        "is_published": "on",
        "listed_phones": f"{invited.phone}\n+998 99 000 00 00",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-title": "A",
        "sections-0-pool": pool.pk,
        "sections-0-draw_count": "1",
        "sections-0-fixed": ", ".join(map(str, ids)),
    }
    response = client.post(reverse("assessment:blueprint_new"), data)
    assert response.status_code == 200  # the unknown phone is explained
    assert "+998990000000" in response.content.decode()
    data["listed_phones"] = invited.phone
    response = client.post(reverse("assessment:blueprint_new"), data)
    assert response.status_code == 302
    blueprint = Blueprint.objects.get(title="Yopiq test")
    assert blueprint.question_count() == 3
    attempt = services.attempt_start(blueprint=blueprint, user=invited)
    assert sorted(attempt.items.values_list("question_id", flat=True)) == sorted(ids)
    client.force_login(stranger)
    assert client.get(reverse("assessment:test_start", args=[blueprint.pk])).status_code == 404
