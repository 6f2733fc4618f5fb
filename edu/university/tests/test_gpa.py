"""GPA as HEMIS computes it (DOMAIN §1.5), on cases computed by hand, and the ratings built on it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from edu.org.roles import Role
from edu.university.models import AcademicRecord, GpaScope, RecordStatus, StudentGpa
from edu.university.services.gpa import SubjectResult, compute_gpa, gpa_recalculate, semester_gpas
from edu.university.services.performance import admitted_to_final, grade_for, subject_total
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import build_world, student_in

D = Decimal
CREDIT = {"credit_system": True, "gpa_limit": D("2.4")}
FIVE = {"credit_system": False, "gpa_limit": D("2.4")}


@pytest.mark.parametrize(
    ("subjects", "system", "gpa", "debts", "can_transfer"),
    [
        # (6×5 + 4×4 + 5×3) / 15 = 61 / 15 = 4.0666… → 4.1
        ([("6", 5), ("4", 4), ("5", 3)], CREDIT, "4.1", 0, True),
        # (6×5 + 6×2) / 12 = 3.5; under the credit system grade 2 < 2.4 is a debt, GPA 3.5 ≥ 2.4 moves on
        ([("6", 5), ("6", 2)], CREDIT, "3.5", 1, True),
        # the same grades under the 5-point system: a debt keeps the student back
        ([("6", 5), ("6", 2)], FIVE, "3.5", 1, False),
        # (1×4 + 3×3) / 4 = 3.25 → 3.3 (half up, as HEMIS's PHP round(), not banker's 3.2)
        ([("1", 4), ("3", 3)], CREDIT, "3.3", 0, True),
        # (5×2 + 5×3) / 10 = 2.5 ≥ 2.4 moves on with one debt; at limit 3.0 it would not
        ([("5", 2), ("5", 3)], CREDIT, "2.5", 1, True),
        ([("5", 2), ("5", 3)], {"credit_system": True, "gpa_limit": D("3.0")}, "2.5", 1, False),
        ([], CREDIT, "0.0", 0, False),
    ],
)
def test_gpa_hand_computed(subjects, system, gpa, debts, can_transfer):
    result = compute_gpa([SubjectResult(D(c), g) for c, g in subjects], **system)
    assert result.gpa == D(gpa)
    assert result.debt_subjects == debts
    assert result.can_transfer is can_transfer
    assert result.credit_sum == sum((D(c) for c, _ in subjects), D(0))


def test_only_subject_course_work_and_practice_sheets_count():
    results = [
        SubjectResult(D("6"), 5, "11"),
        SubjectResult(D("3"), 4, "12"),  # course work
        SubjectResult(D("3"), 3, "14"),  # practice
        SubjectResult(D("6"), 2, "13"),  # state exam: not in GPA
        SubjectResult(D("2"), 2, "15"),  # graduation work: not in GPA
    ]
    result = compute_gpa(results, **CREDIT)
    assert result.subjects == 3
    assert result.gpa == D("4.3")  # (30 + 12 + 9) / 12 = 4.25 → 4.3
    assert result.debt_subjects == 0


@pytest.mark.parametrize(
    ("points", "max_balls", "five_point", "total"),
    [
        ({"11": D(25), "12": D(15), "13": D(40)}, {"11": D(30), "12": D(20), "13": D(50)}, False, D("80.0")),
        # maxima add up to 50: the total is scaled to 100
        ({"11": D(25), "12": D(15)}, {"11": D(30), "12": D(20)}, False, D("80.0")),
        # 5-point system: the average of the marks
        ({"11": D(5), "12": D(4), "13": D(4)}, {"11": D(5), "12": D(5), "13": D(5)}, True, D("4.33")),
    ],
)
def test_subject_totals(points, max_balls, five_point, total):
    assert subject_total(points=points, max_balls=max_balls, five_point=five_point) == total


PLAN = {"11": D(30), "12": D(20), "13": D(50)}


@pytest.mark.parametrize(
    ("points", "max_balls", "percent", "admitted"),
    [
        ({"11": D(20), "12": D(10)}, PLAN, 60, True),  # 30 of 50 = exactly 60 %
        ({"11": D(20), "12": D("9.9")}, PLAN, 60, False),  # 29.9 < 30
        ({"11": D(20), "12": D("9.9")}, PLAN, 50, True),  # the share is configurable: 25 needed
        ({"15": D(8), "16": D(7), "12": D(4)}, {"15": D(15), "16": D(15), "12": D(20), "13": D(50)}, 60, False),
        ({}, {"13": D(100)}, 60, True),  # no JN/ON planned: nothing to reach
    ],
)
def test_admission_to_the_final_assessment(points, max_balls, percent, admitted):
    assert admitted_to_final(points=points, max_balls=max_balls, percent=percent) is admitted


@pytest.mark.parametrize(
    ("total", "borders", "grade"),
    [
        (D("86"), [(5, D(86)), (4, D(71)), (3, D(55)), (2, D(0))], 5),  # rating system 11
        (D("85.9"), [(5, D(86)), (4, D(71)), (3, D(55)), (2, D(0))], 4),
        (D("89"), [(5, D(90)), (4, D(70)), (3, D(60)), (2, D(0))], 4),  # credit system 13
        (D("59.9"), [(5, D(90)), (4, D(70)), (3, D(60)), (2, D(0))], 2),
        (D("4.5"), [(5, D("4.5")), (4, D("3.5")), (3, D("2.5")), (2, D(0))], 5),  # 5-point system 12
    ],
)
def test_grade_borders(total, borders, grade):
    assert grade_for(total, borders) == grade


@pytest.mark.django_db
def test_recalculation_stores_year_semester_and_cumulative_gpa_with_competition_ranks(client):
    world = build_world()
    a = world.a
    year = a.curriculum.education_year.code
    students = [a.student, student_in(a.group), student_in(a.group), student_in(a.group)]
    grades = [[5, 5], [4, 4], [4, 4], [3, 2]]  # GPA 5.0, 4.0, 4.0, 2.5
    for student, marks in zip(students, grades, strict=True):
        for n, grade in enumerate(marks):
            AcademicRecord.objects.create(
                institution=world.institution,
                faculty=a.faculty,
                department=a.department,
                student=student,
                group=a.group,
                curriculum_subject=a.subject,
                education_year=year,
                semester="11" if n == 0 else "12",
                subject_name=f"S{n}",
                credit=D("5"),
                total_point=D("80"),
                grade=grade,
                record_date=a.lesson.lesson_date,
                status=RecordStatus.APPROVED,
            ) if n == 0 else AcademicRecord.objects.create(
                institution=world.institution,
                faculty=a.faculty,
                department=a.department,
                student=student,
                group=a.group,
                curriculum_subject=_other_subject(a, n),
                education_year=year,
                semester="12",
                subject_name=f"S{n}",
                credit=D("5"),
                total_point=D("80"),
                grade=grade,
                record_date=a.lesson.lesson_date,
                status=RecordStatus.APPROVED,
            )
    # A pending (not approved) grade does not count.
    AcademicRecord.objects.create(
        institution=world.institution,
        faculty=a.faculty,
        department=a.department,
        student=students[0],
        group=a.group,
        curriculum_subject=_other_subject(a, 9),
        education_year=year,
        semester="12",
        subject_name="pending",
        credit=D("5"),
        total_point=D("10"),
        grade=2,
        record_date=a.lesson.lesson_date,
        status=RecordStatus.PENDING,
    )
    gpa_recalculate(institution_id=world.institution.pk)
    rows = {r.student_id: r for r in StudentGpa.objects.filter(scope=GpaScope.YEAR, education_year=year)}
    assert [rows[s.pk].gpa for s in students] == [D("5.0"), D("4.0"), D("4.0"), D("2.5")]
    assert [rows[s.pk].rank_in_group for s in students] == [1, 2, 2, 4]
    assert rows[students[3].pk].debt_subjects == 1 and rows[students[3].pk].can_transfer
    assert [(sem, r.gpa) for _y, sem, r in semester_gpas(student=students[3])] == [("11", D("3.0")), ("12", D("2.0"))]
    assert StudentGpa.objects.get(scope=GpaScope.TOTAL, student=students[0]).gpa == D("5.0")
    # The student sees their GPA and place; the ratings page lists them by place.
    act_as(client, world.actors[Role.STUDENT])
    overview = client.get(reverse("university:my_overview"))
    assert overview.context["gpa"].gpa == D("5.0") and overview.context["gpa"].rank_in_group == 1
    act_as(client, world.actors[Role.ACADEMIC_OFFICE])
    page = client.get(reverse("university:ratings") + f"?year={year}&group={a.group.pk}").context["page"]
    assert [r.student_id for r in page][:1] == [students[0].pk]


def _other_subject(side, n):  # type: ignore[no-untyped-def]
    from edu.university.tests.factories import SubjectFactory, add_subject

    return add_subject(
        side.curriculum, SubjectFactory(department=side.department, institution=side.faculty.institution), semester="12"
    )
