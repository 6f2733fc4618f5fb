"""Teachers' work entries and the staff ratings computed from the rating criteria (H2.4, H2.6)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from edu.core.access import get_in_scope_or_404
from edu.org.actor import Actor
from edu.org.models import Department, Faculty
from edu.university.models import (
    Employee,
    RatingCriterion,
    RatingScore,
    RatingTarget,
    TeacherWork,
    WorkKind,
    WorkStatus,
)
from edu.university.selectors.scope import (
    STAFF_RATING_READERS,
    rating_score_q,
    settings_q,
    staff_rating_q,
    teacher_work_q,
)


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
    if actor.assignment is None or actor.role not in STAFF_RATING_READERS:
        return {"teachers": [], "departments": [], "faculties": []}
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
    scope = staff_rating_q(actor)
    works: dict[int, int] = {}
    if calendar_year:
        works = dict(
            TeacherWork.objects.filter(scope, status=WorkStatus.APPROVED, year=calendar_year)
            .values("employee_id")
            .annotate(n=Count("id"))
            .values_list("employee_id", "n")
        )
    teachers = []
    teacher_totals: dict[int, list[Decimal]] = defaultdict(list)
    employee_ids = set(by_teacher) | set(works)
    for e in Employee.objects.filter(scope, pk__in=employee_ids).select_related("user"):
        total = Decimal(by_teacher.get(e.pk) or 0)
        teachers.append(RatingRow(str(e), total, Decimal(0), total, works=works.get(e.pk, 0)))
        if e.department_id:
            teacher_totals[e.department_id].append(total)
    departments = []
    department_totals: dict[int, list[Decimal]] = defaultdict(list)
    dept_ids = set(by_department) | set(teacher_totals)
    for d in Department.objects.filter(scope, pk__in=dept_ids):
        own = Decimal(by_department.get(d.pk) or 0)
        values = teacher_totals.get(d.pk, [])
        inherited = _q(sum(values, Decimal(0)) / len(values)) if values else Decimal(0)
        total = own + inherited
        departments.append(RatingRow(d.name, own, inherited, total))
        if d.faculty_id:
            department_totals[d.faculty_id].append(total)
    faculties = []
    for f in Faculty.objects.filter(scope, pk__in=set(by_faculty) | set(department_totals)):
        own = Decimal(by_faculty.get(f.pk) or 0)
        values = department_totals.get(f.pk, [])
        inherited = _q(sum(values, Decimal(0)) / len(values)) if values else Decimal(0)
        faculties.append(RatingRow(f.name, own, inherited, own + inherited))
    return {"teachers": _ranked(teachers), "departments": _ranked(departments), "faculties": _ranked(faculties)}


@dataclass
class CriterionPoints:
    criterion: RatingCriterion
    points: Decimal | None  # None: the academic office has not entered them yet


@dataclass
class WorkTotals:
    """A teacher's work entries of one kind in one year, by status; the approved ones count in the rating."""

    kind: str
    approved: int = 0
    approved_hours: Decimal = Decimal(0)
    pending: int = 0
    rejected: int = 0

    @property
    def label(self) -> str:
        return str(WorkKind(self.kind).label)


@dataclass
class RatingYear:
    code: int  # the academic year's starting year; work entries of this calendar year belong to it
    points: list[CriterionPoints] = field(default_factory=list)
    works: list[WorkTotals] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.code}-{self.code + 1}"

    @property
    def total(self) -> Decimal:
        return sum((p.points for p in self.points if p.points is not None), Decimal(0))

    @property
    def max_total(self) -> Decimal:
        return sum((p.criterion.max_points for p in self.points), Decimal(0))

    @property
    def approved_works(self) -> int:
        return sum(w.approved for w in self.works)

    @property
    def approved_hours(self) -> Decimal:
        return sum((w.approved_hours for w in self.works), Decimal(0))


def teacher_rating(*, actor: Actor, employee: Employee) -> list[RatingYear]:
    """One teacher's rating year by year, newest first: the points on every teacher criterion of the year (or
    that they are not entered yet) and the work entries per kind and status, as the staff ratings count them
    (Σ points; approved entries of the year's calendar year). Empty for what the actor may not read."""
    years: dict[int, RatingYear] = {}

    def year(code: int) -> RatingYear:
        return years.setdefault(code, RatingYear(code))

    criteria = (
        RatingCriterion.objects.filter(settings_q(actor), institution_id=employee.institution_id)
        .filter(target=RatingTarget.TEACHER)
        .select_related("education_year")
        .order_by("-education_year__code", "name", "id")
    )
    points = dict(
        RatingScore.objects.filter(rating_score_q(actor), employee=employee).values_list("criterion_id", "points")
    )
    for criterion in criteria:
        year(criterion.education_year.code).points.append(CriterionPoints(criterion, points.get(criterion.pk)))
    works = (
        teacher_work_list(actor=actor)
        .filter(employee=employee)
        .order_by()
        .values("year", "kind", "status")
        .annotate(n=Count("id"), hours=Sum("hours"))
    )
    kinds: dict[tuple[int, str], WorkTotals] = {}
    for row in works:
        totals = kinds.get((row["year"], row["kind"]))
        if totals is None:
            totals = kinds[(row["year"], row["kind"])] = WorkTotals(row["kind"])
            year(row["year"]).works.append(totals)
        if row["status"] == WorkStatus.APPROVED:
            totals.approved, totals.approved_hours = row["n"], row["hours"] or Decimal(0)
        elif row["status"] == WorkStatus.PENDING:
            totals.pending = row["n"]
        else:
            totals.rejected = row["n"]
    order = {kind: i for i, kind in enumerate(WorkKind.values)}
    for item in years.values():
        item.works.sort(key=lambda w: order.get(w.kind, len(order)))
    return sorted(years.values(), key=lambda y: -y.code)
