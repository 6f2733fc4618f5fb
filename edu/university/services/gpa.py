"""GPA exactly as HEMIS computes it (`EStudentGpa::reCalculateGpa`, DOMAIN §1.5) and the ratings built on it.

GPA = Σ(credit × 5-point grade) / Σ credit over the subjects whose grade sheet is a subject (11, 16), course
work (12) or practice (14), rounded to one decimal. Under the credit system (13) a debt is a grade below the
GPA limit (default 2.4) and the student moves on when GPA ≥ limit; under the other systems a debt is a grade
below 3 and the student moves on with no debts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction

from edu.journal.services import journal_record
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.bulk import fast_insert
from edu.university.models import AcademicRecord, GpaScope, RecordStatus, Student, StudentGpa
from edu.university.services.common import require

GPA_SHEETS = frozenset({"11", "12", "14", "16"})
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class SubjectResult:
    credit: Decimal
    grade: int
    rating_grade: str = "11"
    name: str = ""


@dataclass
class GpaResult:
    subjects: int
    credit_sum: Decimal
    gpa: Decimal
    debt_subjects: int
    can_transfer: bool
    debts: list[str] = field(default_factory=list)


def compute_gpa(results: Iterable[SubjectResult], *, credit_system: bool, gpa_limit: Decimal) -> GpaResult:
    included = [r for r in results if r.rating_grade in GPA_SHEETS]
    credit_sum = sum((r.credit for r in included), Decimal(0))
    weighted = sum((r.credit * r.grade for r in included), Decimal(0))
    gpa = (weighted / credit_sum).quantize(ONE_DECIMAL, ROUND_HALF_UP) if credit_sum else Decimal("0.0")
    threshold = gpa_limit if credit_system else Decimal(3)
    debts = [r.name for r in included if r.grade < threshold]
    can_transfer = gpa >= gpa_limit if credit_system else not debts
    return GpaResult(len(included), credit_sum, gpa, len(debts), can_transfer, debts)


def _ranks(rows: list[dict[str, Any]], key: str) -> None:
    """Competition ranking (1, 2, 2, 4) by GPA within each group / faculty."""
    buckets: dict[object, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        buckets[row[f"{key}_id"]].append(row)
    for bucket in buckets.values():
        bucket.sort(key=lambda r: -r["gpa"])
        previous, place = None, 0
        for index, row in enumerate(bucket, start=1):
            if row["gpa"] != previous:
                place, previous = index, row["gpa"]
            row[f"rank_in_{key}"] = place


def _exact(value: Any) -> Decimal:
    """Sums of one-decimal credits × whole grades, exact (SQLite hands back floats, PostgreSQL Decimals)."""
    return Decimal(str(value)).quantize(ONE_DECIMAL)


def _sums(institution_id: int, keys: tuple[str, ...], education_year: int | None) -> list[tuple[Any, ...]]:
    """Per student (and period keys): Σ credit × grade, Σ credit, subjects, and how many grades 2, 3 and 4.

    One GROUP BY over the approved grades whose sheet counts in GPA; plain SQL because at 30,000 students the
    ORM's per-value converters cost more than the query.
    """
    table = AcademicRecord._meta.db_table
    group = ", ".join(["student_id", *keys])
    sheets = sorted(GPA_SHEETS)
    params: list[Any] = [institution_id, RecordStatus.APPROVED, *sheets]
    where = f"institution_id = %s AND status = %s AND rating_grade IN ({', '.join(['%s'] * len(sheets))})"
    if education_year is not None:
        where += " AND education_year = %s"
        params.append(education_year)
    sql = (
        f"SELECT {group}, SUM(credit * grade), SUM(credit), COUNT(*), "  # noqa: S608 - names are constants
        "SUM(CASE WHEN grade = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN grade = 3 THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN grade = 4 THEN 1 ELSE 0 END) FROM {table} WHERE {where} GROUP BY {group}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _debts(counts: dict[int, int], threshold: Decimal) -> int:
    return sum(n for grade, n in counts.items() if grade < threshold)


@transaction.atomic
def gpa_recalculate(*, institution_id: int, education_year: int | None = None) -> int:
    """Recompute the institution's GPA table from the approved final grades, with group and faculty ranks.

    Per academic year (all years, or only `education_year`) — as HEMIS stores it — and cumulatively; these are
    what ratings rank. A semester's GPA is computed when shown (`semester_gpas`), from the same grades.
    The database sums credits and credit × grade per student and period (one pass over the grades); Python
    divides exactly (Decimal), rounds half up to one decimal as `compute_gpa` does, counts debts against
    the student's marking system and ranks. The table is derived data: rewritten in bulk, not journaled.
    Returns how many rows were written.
    """
    students = {
        sid: (faculty_id, group_id, level, code == "13", limit if limit is not None else Decimal("2.4"))
        for sid, faculty_id, group_id, level, code, limit in Student.objects.filter(institution_id=institution_id)
        .values_list(
            "pk",
            "faculty_id",
            "group_id",
            "level",
            "curriculum__marking_system__code",
            "curriculum__marking_system__gpa_limit",
        )
        .iterator(chunk_size=10000)
    }
    rows: list[dict[str, Any]] = []
    for scope, keys, year_filter in (
        (GpaScope.YEAR, ("education_year",), education_year),
        (GpaScope.TOTAL, (), None),
    ):
        for student_id, *key, weighted, credits, subjects, g2, g3, g4 in _sums(institution_id, keys, year_filter):
            info = students.get(student_id)
            if info is None or not credits:
                continue
            faculty_id, group_id, level, credit_system, gpa_limit = info
            weighted, credits = _exact(weighted), _exact(credits)
            gpa = (weighted / credits).quantize(ONE_DECIMAL, ROUND_HALF_UP)
            debts = _debts({2: g2, 3: g3, 4: g4}, gpa_limit if credit_system else Decimal(3))
            rows.append(
                {
                    "institution_id": institution_id,
                    "faculty_id": faculty_id,
                    "group_id": group_id,
                    "student_id": student_id,
                    "scope": scope,
                    "education_year": key[0] if key else 0,
                    "semester": key[1] if len(key) > 1 else "",
                    "level": level,
                    "subjects": subjects,
                    "credit_sum": credits,
                    "gpa": gpa,
                    "debt_subjects": debts,
                    "can_transfer": gpa >= gpa_limit if credit_system else debts == 0,
                    "rank_in_group": None,
                    "rank_in_faculty": None,
                }
            )
    by_period: dict[tuple[str, int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_period[(row["scope"], row["education_year"], row["semester"])].append(row)
    for period_rows in by_period.values():
        _ranks(period_rows, "group")
        _ranks(period_rows, "faculty")
    stale = StudentGpa.objects.filter(institution_id=institution_id)
    if education_year is not None:
        stale = stale.filter(education_year__in=[education_year, 0])
    stale._raw_delete(stale.db)  # derived rows with nothing pointing at them: one DELETE, no cascade walk
    fast_insert(StudentGpa, rows)
    return len(rows)


def semester_gpas(*, student: Student) -> list[tuple[int, str, GpaResult]]:
    """The student's GPA per semester, from the approved final grades (computed live, not stored)."""
    system = student.curriculum.marking_system if student.curriculum is not None else None
    credit_system, limit = bool(system and system.is_credit), system.gpa_limit if system else Decimal("2.4")
    by_semester: dict[tuple[int, str], list[SubjectResult]] = defaultdict(list)
    for year, semester, credit, grade, sheet, name in AcademicRecord.objects.filter(
        student=student, status=RecordStatus.APPROVED
    ).values_list("education_year", "semester", "credit", "grade", "rating_grade", "subject_name"):
        by_semester[(year, semester)].append(SubjectResult(credit, grade, sheet, name))
    return [
        (year, semester, compute_gpa(results, credit_system=credit_system, gpa_limit=limit))
        for (year, semester), results in sorted(by_semester.items())
    ]


def gpa_recalculate_by(*, actor: Actor, education_year: int | None = None) -> int:
    """The academic office (or a dean, or the super administrator) recomputes the institution's GPA table."""
    assignment = require(actor, Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN, Role.DEAN)
    count = gpa_recalculate(institution_id=assignment.institution_id, education_year=education_year)
    journal_record(
        action="update",
        instance=assignment.institution,
        after={"gpa_recalculated": count, "education_year": education_year},
        actor=actor,
    )
    return count
