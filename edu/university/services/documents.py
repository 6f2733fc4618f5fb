"""Documents a student downloads (H2.13): a reference from the place of study and the transcript.

Each issue is recorded with a snapshot of what it says; the QR code on the PDF opens the public verification
page, which shows that same snapshot — a forged or altered paper does not match it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_create
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.classifiers import classifier_name
from edu.university.models import AcademicRecord, DocumentKind, IssuedDocument, RecordStatus, Student, StudentStatus
from edu.university.services.common import require
from edu.university.services.gpa import SubjectResult, compute_gpa


def _common(student: Student) -> dict[str, Any]:
    user = student.user
    return {
        "full_name": user.get_full_name(),
        "birth_date": date_format(user.birth_date, "SHORT_DATE_FORMAT") if user.birth_date else "",
        "student_id_number": student.student_id_number,
        "institution": student.institution.name,
        "faculty": student.faculty.name,
        "specialty": f"{student.specialty.code} {student.specialty.name}",
        "group": student.group.name if student.group else "",
        "level": classifier_name("h_course", student.level),
        "education_type": classifier_name("h_education_type", student.education_type),
        "education_form": classifier_name("h_education_form", student.education_form),
        "payment_form": classifier_name("h_payment_form", student.payment_form),
        "status": classifier_name("h_student_status", student.student_status),
        "year_of_enter": student.year_of_enter,
    }


def transcript_rows(student: Student) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    records = AcademicRecord.objects.filter(student=student, status=RecordStatus.APPROVED).order_by(
        "semester", "subject_name"
    )
    rows = [
        {
            "semester": int(r.semester) - 10,
            "subject": r.subject_name,
            "credit": str(r.credit),
            "total": str(r.total_point),
            "grade": r.grade,
        }
        for r in records
    ]
    system = student.curriculum.marking_system if student.curriculum is not None else None
    result = compute_gpa(
        [SubjectResult(r.credit, r.grade, r.rating_grade, r.subject_name) for r in records],
        credit_system=bool(system and system.is_credit),
        gpa_limit=system.gpa_limit if system else Decimal("2.4"),
    )
    summary = {"gpa": str(result.gpa), "credits": str(result.credit_sum), "debts": result.debt_subjects}
    return rows, summary


@transaction.atomic
def document_issue(*, actor: Actor, student: Student, kind: str) -> IssuedDocument:
    require(actor, Role.STUDENT)
    if student.user_id != actor.user.pk:
        raise ApplicationError(_("This is another student's record."))
    if kind == DocumentKind.REFERENCE and student.student_status != StudentStatus.STUDYING:
        raise ApplicationError(_("A reference from the place of study is issued only to a studying student."))
    data = _common(student)
    if kind == DocumentKind.TRANSCRIPT:
        rows, summary = transcript_rows(student)
        data["records"] = rows
        data["summary"] = summary
    now = timezone.now()
    data["issued"] = date_format(timezone.localtime(now), "SHORT_DATE_FORMAT")
    count = IssuedDocument.objects.filter(institution_id=student.institution_id, issued_at__year=now.year).count()
    document = IssuedDocument(
        institution_id=student.institution_id,
        student=student,
        kind=kind,
        number=f"{now:%y}-{count + 1:06d}",
        data=data,
    )
    document.full_clean()
    document.save()
    journal_create(instance=document, actor=actor)
    return document
