"""H5.4 reports: academic performance, attendance and student movement per group, faculty and institution."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from edu.org.actor import Actor
from edu.university.models import (
    AcademicRecord,
    Attendance,
    Lesson,
    RecordStatus,
    Student,
    StudentGpa,
    StudentMovement,
    StudentStatus,
)
from edu.university.selectors.scope import report_q

LEVELS = ("group", "faculty", "institution")


def _key(level: str) -> tuple[str, str]:
    if level == "group":
        return "group_id", "group__name"
    if level == "faculty":
        return "faculty_id", "faculty__name"
    return "institution_id", "institution__name"


def performance_report(
    *, actor: Actor, level: str, education_year: int | None = None, faculty_id: int | None = None
) -> list[dict[str, Any]]:
    qs: QuerySet[AcademicRecord] = AcademicRecord.objects.filter(report_q(actor), status=RecordStatus.APPROVED)
    if education_year:
        qs = qs.filter(education_year=education_year)
    if faculty_id:
        qs = qs.filter(faculty_id=faculty_id)
    key, name = _key(level)
    rows = list(
        qs.values(key, name)
        .annotate(
            records=Count("pk"),
            students=Count("student_id", distinct=True),
            average=Avg("total_point"),
            g5=Count("pk", filter=Q(grade=5)),
            g4=Count("pk", filter=Q(grade=4)),
            g3=Count("pk", filter=Q(grade=3)),
            g2=Count("pk", filter=Q(grade=2)),
        )
        .order_by(name)
    )
    for row in rows:
        row["name"] = row[name]
        row["average"] = Decimal(row["average"] or 0).quantize(Decimal("0.1"))
        row["pass_rate"] = round(100 * (row["records"] - row["g2"]) / row["records"]) if row["records"] else 0
        row["quality"] = round(100 * (row["g5"] + row["g4"]) / row["records"]) if row["records"] else 0
    return rows


def attendance_report(
    *, actor: Actor, level: str, date_from: dt.date, date_to: dt.date, faculty_id: int | None = None
) -> list[dict[str, Any]]:
    """Hours missed (excused / unexcused) against the hours held (held lessons × 2 h × students)."""
    absences = Attendance.objects.filter(report_q(actor), lesson_date__gte=date_from, lesson_date__lte=date_to)
    lessons = Lesson.objects.filter(report_q(actor), held=True, lesson_date__gte=date_from, lesson_date__lte=date_to)
    if faculty_id:
        absences, lessons = absences.filter(faculty_id=faculty_id), lessons.filter(faculty_id=faculty_id)
    key, name = _key(level)
    missed = {
        r[key]: r
        for r in absences.values(key, name).annotate(
            on=Sum("absent_on"), off=Sum("absent_off"), students=Count("student_id", distinct=True)
        )
    }
    sizes = dict(
        Student.objects.filter(report_q(actor), student_status=StudentStatus.STUDYING)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    held: dict[Any, dict[str, Any]] = defaultdict(lambda: {"hours": 0, "name": ""})
    for r in lessons.values("group_id", key, name).annotate(n=Count("pk")):
        held[r[key]]["hours"] += r["n"] * 2 * sizes.get(r["group_id"], 0)
        held[r[key]]["name"] = r[name]
    rows = []
    for k in set(missed) | set(held):
        m = missed.get(k, {})
        on, off = int(m.get("on") or 0), int(m.get("off") or 0)
        hours = held[k]["hours"] if k in held else 0
        rows.append(
            {
                "name": m.get(name) or held[k]["name"],
                "absent_on": on,
                "absent_off": off,
                "students": m.get("students", 0),
                "hours": hours,
                "share": round(100 * (on + off) / hours, 1) if hours else 0,
                "share_off": round(100 * off / hours, 1) if hours else 0,
            }
        )
    return sorted(rows, key=lambda r: str(r["name"]))


def movement_report(
    *, actor: Actor, level: str, date_from: dt.date, date_to: dt.date, faculty_id: int | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Counts of applied movement orders per type."""
    qs = StudentMovement.objects.filter(report_q(actor), order_date__gte=date_from, order_date__lte=date_to)
    if faculty_id:
        qs = qs.filter(faculty_id=faculty_id)
    if level == "group":
        key, name = "from_group_id", "from_group__name"
    else:
        key, name = _key(level)
    table: dict[Any, dict[str, Any]] = {}
    types: set[str] = set()
    for r in qs.values(key, name, "decree_type").annotate(n=Count("pk")):
        row = table.setdefault(r[key], {"name": r[name] or "—", "counts": {}, "total": 0})
        row["counts"][r["decree_type"]] = r["n"]
        row["total"] += r["n"]
        types.add(r["decree_type"])
    codes = sorted(types)
    rows = sorted(table.values(), key=lambda r: str(r["name"]))
    for row in rows:
        row["cells"] = [row["counts"].get(code, 0) for code in codes]
    return codes, rows


def rating_list(
    *, actor: Actor, scope: str, education_year: int, group_id: int | None = None, faculty_id: int | None = None
) -> QuerySet[StudentGpa]:
    qs = StudentGpa.objects.filter(report_q(actor), scope=scope, education_year=education_year).select_related(
        "student__user", "group", "faculty"
    )
    if group_id:
        qs = qs.filter(group_id=group_id).order_by("rank_in_group", "student__user__surname")
    elif faculty_id:
        qs = qs.filter(faculty_id=faculty_id).order_by("rank_in_faculty", "student__user__surname")
    else:
        qs = qs.order_by("-gpa", "student__user__surname")
    return qs


def group_rating(*, actor: Actor, scope: str, education_year: int) -> list[dict[str, Any]]:
    """Groups ranked by their students' average GPA."""
    qs = (
        StudentGpa.objects.filter(report_q(actor), scope=scope, education_year=education_year)
        .values("group_id", "group__name", "faculty__name")
        .annotate(average=Avg("gpa"), students=Count("pk"), debtors=Count("pk", filter=Q(debt_subjects__gt=0)))
        .order_by("-average")
    )
    rows: list[dict[str, Any]] = [dict(r) for r in qs]
    for row in rows:
        row["average"] = Decimal(row["average"] or 0).quantize(Decimal("0.01"))
    return rows
