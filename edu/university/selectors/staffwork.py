"""Teachers' work entries and the staff ratings computed from the rating criteria (H2.4, H2.6)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.models import Department, Faculty
from edu.university.models import Employee, RatingCriterion, RatingScore, RatingTarget, TeacherWork, WorkStatus
from edu.university.selectors.scope import STAFF_RATING_READERS, staff_rating_q, teacher_work_q


def teacher_work_list(*, actor: Actor, status: str = "", kind: str = "", q: str = "") -> QuerySet[TeacherWork]:
    qs = TeacherWork.objects.filter(teacher_work_q(actor)).select_related("employee__user", "department", "reviewed_by")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(employee__user__surname__icontains=q) | Q(employee__user__first_name__icontains=q)
        )
    return qs


def access_teacher_work_by_id(actor: Actor, pk: object) -> TeacherWork:
    return get_in_scope_or_404(teacher_work_list(actor=actor), pk)


def criterion_list(*, actor: Actor, year_id: int | None) -> QuerySet[RatingCriterion]:
    return RatingCriterion.objects.filter(staff_rating_q(actor), education_year_id=year_id).order_by("target", "name")


@dataclass
class RatingRow:
    name: str
    own: Decimal  # points on this level's own criteria
    inherited: Decimal  # the average of the level below (teachers of a department, departments of a faculty)
    total: Decimal
    rank: int = 0
    works: int = 0  # approved work entries (teachers)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def _ranked(rows: list[RatingRow]) -> list[RatingRow]:
    rows.sort(key=lambda r: (-r.total, r.name))
    for i, row in enumerate(rows, 1):
        row.rank = i
    return rows


def staff_ratings(*, actor: Actor, year_id: int | None, calendar_year: int | None = None) -> dict[str, list[RatingRow]]:
    """Teachers: Σ points on the teacher criteria. Departments: Σ own points + the average of their teachers'
    totals. Faculties: Σ own points + the average of their departments' totals. Each list ranked, best first."""
    scores = RatingScore.objects.filter(staff_rating_q(actor), criterion__education_year_id=year_id)
    by_teacher = dict(
        scores.filter(criterion__target=RatingTarget.TEACHER)
        .values("employee_id")
        .annotate(s=Sum("points"))
        .values_list("employee_id", "s")
    )
    by_department = dict(
        scores.filter(criterion__target=RatingTarget.DEPARTMENT)
        .values("department_id")
        .annotate(s=Sum("points"))
        .values_list("department_id", "s")
    )
    by_faculty = dict(
        scores.filter(criterion__target=RatingTarget.FACULTY)
        .values("faculty_id")
        .annotate(s=Sum("points"))
        .values_list("faculty_id", "s")
    )
    if actor.assignment is None or actor.role not in STAFF_RATING_READERS:
        return {"teachers": [], "departments": [], "faculties": []}
    institution_id: int = actor.assignment.institution_id
    works: dict[int, int] = {}
    if calendar_year:
        works = dict(
            TeacherWork.objects.filter(institution_id=institution_id, status=WorkStatus.APPROVED, year=calendar_year)
            .values("employee_id")
            .annotate(n=Count("id"))
            .values_list("employee_id", "n")
        )
    teachers = []
    teacher_totals: dict[int, list[Decimal]] = defaultdict(list)
    employee_ids = set(by_teacher) | set(works)
    for e in Employee.objects.filter(pk__in=employee_ids, institution_id=institution_id).select_related("user"):
        total = Decimal(by_teacher.get(e.pk) or 0)
        teachers.append(RatingRow(str(e), total, Decimal(0), total, works=works.get(e.pk, 0)))
        if e.department_id:
            teacher_totals[e.department_id].append(total)
    departments = []
    department_totals: dict[int, list[Decimal]] = defaultdict(list)
    dept_ids = set(by_department) | set(teacher_totals)
    for d in Department.objects.filter(pk__in=dept_ids, institution_id=institution_id):
        own = Decimal(by_department.get(d.pk) or 0)
        values = teacher_totals.get(d.pk, [])
        inherited = _q(sum(values, Decimal(0)) / len(values)) if values else Decimal(0)
        total = own + inherited
        departments.append(RatingRow(d.name, own, inherited, total))
        if d.faculty_id:
            department_totals[d.faculty_id].append(total)
    faculties = []
    for f in Faculty.objects.filter(pk__in=set(by_faculty) | set(department_totals), institution_id=institution_id):
        own = Decimal(by_faculty.get(f.pk) or 0)
        values = department_totals.get(f.pk, [])
        inherited = _q(sum(values, Decimal(0)) / len(values)) if values else Decimal(0)
        faculties.append(RatingRow(f.name, own, inherited, own + inherited))
    return {"teachers": _ranked(teachers), "departments": _ranked(departments), "faculties": _ranked(faculties)}
