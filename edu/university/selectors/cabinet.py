"""What a student sees about themselves (H2.13, H5.3): subjects with points and absences, GPA and rating,
tasks, electives, timetable."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from edu.university.models import (
    AcademicRecord,
    Attendance,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumSubjectExamType,
    ElectiveChoice,
    ElectiveWindow,
    GpaScope,
    MarkingSystem,
    Performance,
    Student,
    StudentGpa,
    Submission,
    Task,
)
from edu.university.services.performance import (
    FINAL_EXAM,
    admission_need,
    admitted_to_final,
    auditorium_hours_map,
    current_points,
    excluded_from_final,
    points_by_student,
)


def student_semesters(*, student: Student) -> list[CurriculumSemester]:
    if not student.curriculum_id:
        return []
    return list(
        CurriculumSemester.objects.filter(curriculum_id=student.curriculum_id)
        .select_related("education_year")
        .order_by("code")
    )


def student_subjects(*, student: Student, semester: str) -> list[dict[str, Any]]:
    """The semester's mandatory subjects and the electives the student chose, with points per assessment
    type, absences, the 25 % warning and the final grade."""
    chosen = set(
        ElectiveChoice.objects.filter(student=student, semester=semester).values_list(
            "curriculum_subject_id", flat=True
        )
    )
    subjects = [
        s
        for s in CurriculumSubject.objects.filter(Q(curriculum_id=student.curriculum_id), semester=semester)
        .select_related("subject", "department")
        .prefetch_related(Prefetch("exam_types", queryset=CurriculumSubjectExamType.objects.order_by("exam_type")))
        .order_by("subject_type", "position")
        if not s.is_elective or s.pk in chosen
    ]
    ids = [s.pk for s in subjects]
    points: dict[int, dict[str, Decimal]] = defaultdict(dict)
    performances: dict[int, list[Performance]] = defaultdict(list)
    for p in Performance.objects.filter(student=student, curriculum_subject_id__in=ids).order_by("final_exam_type"):
        points[p.curriculum_subject_id][p.exam_type] = p.points
        performances[p.curriculum_subject_id].append(p)
    system = MarkingSystem.objects.filter(curriculum=student.curriculum_id).first()
    absences = {
        r["curriculum_subject_id"]: (int(r["on"] or 0), int(r["off"] or 0))
        for r in Attendance.objects.filter(student=student, curriculum_subject_id__in=ids)
        .values("curriculum_subject_id")
        .annotate(on=Sum("absent_on"), off=Sum("absent_off"))
    }
    finals = {
        r.curriculum_subject_id: r
        for r in AcademicRecord.objects.filter(student=student, curriculum_subject_id__in=ids)
    }
    hours_by_subject = auditorium_hours_map(ids)
    rows = []
    for subject in subjects:
        on, off = absences.get(subject.pk, (0, 0))
        hours = hours_by_subject.get(subject.pk, 0)
        rows.append(
            {
                "subject": subject,
                "points": [(et, points[subject.pk].get(et.exam_type)) for et in subject.exam_types.all()],
                "absent_on": on,
                "absent_off": off,
                "hours": hours,
                "absent_share": round(100 * off / hours) if hours else 0,
                "bar": min(100, 5 * round(20 * off / hours)) if hours else 0,
                "excluded": excluded_from_final(unexcused=off, hours=hours),
                "final": finals.get(subject.pk),
                "admission": _admission(subject, performances[subject.pk], student.pk, system),
            }
        )
    return rows


def _admission(
    subject: CurriculumSubject, performances: list[Performance], student_id: int, system: MarkingSystem | None
) -> dict[str, Any] | None:
    """JN + ON against what the final assessment needs (DOMAIN §1.3), under a 100-point system with a YN."""
    max_balls = {et.exam_type: et.max_ball for et in subject.exam_types.all()}
    if system is None or system.is_five_point or FINAL_EXAM not in max_balls:
        return None
    mine = points_by_student(student_ids=[student_id], performances=performances, max_balls=max_balls)[student_id]
    percent = system.final_admission_percent
    return {
        "current": current_points(points=mine, max_balls=max_balls),
        "need": admission_need(max_balls=max_balls, percent=percent),
        "admitted": admitted_to_final(points=mine, max_balls=max_balls, percent=percent),
    }


def student_gpa_rows(*, student: Student) -> list[StudentGpa]:
    return list(StudentGpa.objects.filter(student=student).order_by("scope", "-education_year", "semester"))


def student_gpa_total(*, student: Student) -> StudentGpa | None:
    return StudentGpa.objects.filter(student=student, scope=GpaScope.TOTAL).first()


def student_tasks(*, student: Student) -> list[dict[str, Any]]:
    tasks = list(
        Task.objects.filter(assignment__group_id=student.group_id)
        .select_related("assignment__curriculum_subject__subject", "assignment__employee__user")
        .order_by("-deadline")
    )
    mine: dict[int, list[Submission]] = defaultdict(list)
    for s in Submission.objects.filter(student=student, task_id__in=[t.pk for t in tasks]).order_by("attempt"):
        mine[s.task_id].append(s)
    now = timezone.now()
    return [
        {
            "task": t,
            "submissions": mine.get(t.pk, []),
            "open": now <= t.deadline and len(mine.get(t.pk, [])) < t.attempt_limit,
        }
        for t in tasks
    ]


def student_electives(*, student: Student) -> list[dict[str, Any]]:
    """Open (and upcoming) elective windows of the student's curriculum with their subjects by block."""
    if not student.curriculum_id:
        return []
    windows = ElectiveWindow.objects.filter(curriculum_id=student.curriculum_id).order_by("semester")
    chosen = set(ElectiveChoice.objects.filter(student=student).values_list("curriculum_subject_id", flat=True))
    now = timezone.now()
    result = []
    for window in windows:
        subjects = list(
            CurriculumSubject.objects.filter(
                curriculum_id=student.curriculum_id, semester=window.semester, subject_type="12"
            )
            .select_related("subject")
            .order_by("elective_block", "subject__name")
        )
        blocks: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in subjects:
            blocks[s.elective_block].append(
                {
                    "subject": s,
                    "chosen": s.pk in chosen,
                    "left": None if s.capacity is None else max(s.capacity - s.chosen_count, 0),
                }
            )
        result.append(
            {"window": window, "open": window.opens_at <= now <= window.closes_at, "blocks": sorted(blocks.items())}
        )
    return result


def student_records(*, student: Student) -> list[AcademicRecord]:
    return list(AcademicRecord.objects.filter(student=student).order_by("semester", "subject_name"))
