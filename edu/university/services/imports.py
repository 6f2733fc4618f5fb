"""Excel import (staff, students, groups, curriculum subjects): check every row first and show the errors per
row (preview), then import all rows in one transaction — all or nothing.

Each row goes through the same service a page uses, with the same actor, so scope, validation and
deadlines apply exactly as they do on the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.core.xlsx import read_rows
from edu.journal.services import journal_create
from edu.org.actor import Actor
from edu.org.models import Department
from edu.org.roles import Role
from edu.university.models import Curriculum, ImportBatch, ImportKind, ImportStatus, StudentGroup, Subject
from edu.university.services import people as people_svc
from edu.university.services import study as study_svc
from edu.university.services.common import require

PERSON_COLUMNS = ["phone", "surname", "first_name", "patronymic", "birth_date", "gender", "pinfl", "passport"]
COLUMNS: dict[str, list[str]] = {
    ImportKind.STUDENTS: [*PERSON_COLUMNS, "group", "year_of_enter", "payment_form", "student_id_number"],
    ImportKind.STAFF: [
        *PERSON_COLUMNS,
        "department",
        "position",
        "employee_type",
        "employment_form",
        "employment_staff",
        "order_number",
        "order_date",
    ],
    ImportKind.GROUPS: ["name", "curriculum", "education_lang"],
    ImportKind.CURRICULA: [
        "curriculum",
        "subject_code",
        "semester",
        "credit",
        "subject_type",
        "lecture_hours",
        "practical_hours",
        "laboratory_hours",
        "seminar_hours",
        "independent_hours",
        "elective_block",
        "capacity",
    ],
}
REQUIRED: dict[str, set[str]] = {
    ImportKind.STUDENTS: {"phone", "surname", "first_name", "birth_date", "gender", "group", "year_of_enter"},
    ImportKind.STAFF: {
        "phone",
        "surname",
        "first_name",
        "birth_date",
        "gender",
        "department",
        "position",
        "order_number",
        "order_date",
    },
    ImportKind.GROUPS: {"name", "curriculum"},
    ImportKind.CURRICULA: {"curriculum", "subject_code", "semester", "credit"},
}
EXAMPLES: dict[str, list[Any]] = {
    ImportKind.STUDENTS: [
        "+998901234567",
        "Karimov",
        "Aziz",
        "Anvarovich",
        "2005-03-14",
        "11",
        "",
        "AB1234567",
        "DI-24-01",
        2024,
        "11",
        "",
    ],
    ImportKind.STAFF: [
        "+998901234568",
        "Saidova",
        "Zarina",
        "",
        "1985-07-02",
        "12",
        "",
        "",
        "DAS",
        "13",
        "12",
        "11",
        "11",
        "K-15",
        "2025-09-01",
    ],
    ImportKind.GROUPS: ["DI-24-02", "Dasturiy injiniring 2024", "11"],
    ImportKind.CURRICULA: ["Dasturiy injiniring 2024", "DI101", 1, 6, "11", 30, 30, 0, 0, 120, "", ""],
}
ROLES: dict[str, tuple[str, ...]] = {
    ImportKind.STUDENTS: (Role.DEAN,),
    ImportKind.STAFF: (Role.HR,),
    ImportKind.GROUPS: (Role.DEAN,),
    ImportKind.CURRICULA: (Role.DEAN,),
}
MAX_ROWS = 5000


class _Rollback(Exception):
    """Raised to undo the check run."""


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(row: dict[str, Any], name: str) -> dt.date | None:
    value = row.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ApplicationError(_("%(column)s: a date like 2005-03-14 or 14.03.2005.") % {"column": name})


def _int(row: dict[str, Any], name: str, default: int | None = None) -> int | None:
    text = _text(row, name)
    if not text:
        return default
    try:
        return int(Decimal(text))
    except InvalidOperation:
        raise ApplicationError(_("%(column)s: a whole number.") % {"column": name}) from None


def _decimal(row: dict[str, Any], name: str) -> Decimal:
    try:
        return Decimal(_text(row, name).replace(",", "."))
    except InvalidOperation:
        raise ApplicationError(_("%(column)s: a number.") % {"column": name}) from None


def _person(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "surname": _text(row, "surname"),
        "first_name": _text(row, "first_name"),
        "patronymic": _text(row, "patronymic"),
        "birth_date": _date(row, "birth_date"),
        "gender": _text(row, "gender"),
        "pinfl": _text(row, "pinfl"),
        "passport": _text(row, "passport"),
    }


def _curriculum(actor: Actor, name: str) -> Curriculum:
    found = list(Curriculum.objects.filter(Q(institution_id=actor.institution_id), name=name)[:2])
    if len(found) != 1:
        raise ApplicationError(_("Curriculum %(name)s: not found or not unique.") % {"name": name})
    return found[0]


def _row_students(actor: Actor, row: dict[str, Any]) -> None:
    group = StudentGroup.objects.filter(Q(institution_id=actor.institution_id), name=_text(row, "group")).first()
    if group is None:
        raise ApplicationError(_("Group %(name)s not found.") % {"name": _text(row, "group")})
    people_svc.student_create(
        actor=actor,
        phone=_text(row, "phone"),
        person=_person(row),
        group=group,
        year_of_enter=_int(row, "year_of_enter") or timezone.localdate().year,
        student_id_number=_text(row, "student_id_number"),
        payment_form=_text(row, "payment_form") or "11",
    )


def _row_staff(actor: Actor, row: dict[str, Any]) -> None:
    department = Department.objects.filter(
        Q(institution_id=actor.institution_id), code=_text(row, "department")
    ).first()
    if department is None:
        raise ApplicationError(_("Department %(code)s not found.") % {"code": _text(row, "department")})
    order_date = _date(row, "order_date")
    if order_date is None:
        raise ApplicationError(_("order_date is required."))
    people_svc.employee_hire(
        actor=actor,
        phone=_text(row, "phone"),
        person=_person(row),
        department=department,
        position=_text(row, "position"),
        employee_type=_text(row, "employee_type") or "12",
        employment_form=_text(row, "employment_form") or "11",
        employment_staff=_text(row, "employment_staff") or "11",
        order_number=_text(row, "order_number"),
        order_date=order_date,
    )


def _row_groups(actor: Actor, row: dict[str, Any]) -> None:
    study_svc.group_create(
        actor=actor,
        curriculum=_curriculum(actor, _text(row, "curriculum")),
        name=_text(row, "name"),
        education_lang=_text(row, "education_lang") or "11",
    )


def _row_curricula(actor: Actor, row: dict[str, Any]) -> None:
    curriculum = _curriculum(actor, _text(row, "curriculum"))
    subject = Subject.objects.filter(Q(institution_id=actor.institution_id), code=_text(row, "subject_code")).first()
    if subject is None:
        raise ApplicationError(_("Subject %(code)s not found.") % {"code": _text(row, "subject_code")})
    semester = _int(row, "semester") or 0
    study_svc.curriculum_subject_create(
        actor=actor,
        curriculum=curriculum,
        subject=subject,
        semester=str(10 + semester),
        credit=_decimal(row, "credit"),
        subject_type=_text(row, "subject_type") or "11",
        hours={
            "11": _int(row, "lecture_hours", 0) or 0,
            "13": _int(row, "practical_hours", 0) or 0,
            "12": _int(row, "laboratory_hours", 0) or 0,
            "14": _int(row, "seminar_hours", 0) or 0,
            "17": _int(row, "independent_hours", 0) or 0,
        },
        elective_block=_text(row, "elective_block"),
        capacity=_int(row, "capacity"),
    )


HANDLERS: dict[str, Callable[[Actor, dict[str, Any]], None]] = {
    ImportKind.STUDENTS: _row_students,
    ImportKind.STAFF: _row_staff,
    ImportKind.GROUPS: _row_groups,
    ImportKind.CURRICULA: _row_curricula,
}


def _run(actor: Actor, kind: str, rows: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Apply every row; collect each row's error. The caller decides whether to keep the result."""
    handler = HANDLERS[kind]
    required = REQUIRED[kind]
    errors: list[dict[str, Any]] = []
    for number, row in rows:
        missing = [c for c in sorted(required) if not _text(row, c)]
        if missing:
            errors.append({"row": number, "message": _("Empty: %(columns)s") % {"columns": ", ".join(missing)}})
            continue
        try:
            with transaction.atomic():
                handler(actor, row)
        except ApplicationError as exc:
            field = f"{exc.field}: " if exc.field else ""
            errors.append({"row": number, "message": f"{field}{exc.message}"})
    return errors


def import_check(*, actor: Actor, kind: str, file: Any) -> ImportBatch:
    """Read the file, try every row in a transaction that is rolled back, record the errors (the preview)."""
    assignment = require(actor, *ROLES[kind])
    try:
        headers, rows = read_rows(file, max_rows=MAX_ROWS)
    except Exception:
        raise ApplicationError(_("This is not an Excel (.xlsx) file."), field="file") from None
    unknown = [h for h in headers if h and h not in COLUMNS[kind]]
    if not rows:
        raise ApplicationError(_("The file has no rows."), field="file")
    missing_columns = sorted(REQUIRED[kind] - set(headers))
    errors: list[dict[str, Any]] = []
    if missing_columns:
        errors.append(
            {"row": 1, "message": _("Missing columns: %(columns)s") % {"columns": ", ".join(missing_columns)}}
        )
    else:
        try:
            with transaction.atomic():
                errors = _run(actor, kind, rows)
                raise _Rollback
        except _Rollback:
            pass
    if unknown:
        errors.insert(
            0,
            {"row": 1, "message": _("Ignored columns: %(columns)s") % {"columns": ", ".join(unknown)}, "warning": True},
        )
    file.seek(0)
    batch = ImportBatch(
        institution_id=assignment.institution_id,
        kind=kind,
        file=file,
        rows_total=len(rows),
        errors=errors,
        preview=[
            {"row": n, "values": [str(r.get(c, "") if r.get(c) is not None else "") for c in COLUMNS[kind]]}
            for n, r in rows[:50]
        ],
        created_by=actor.user,
    )
    batch.save()
    return batch


def import_commit(*, actor: Actor, batch: ImportBatch) -> int:
    """Import every row, or none: one failing row refuses the whole file (with its errors)."""
    assignment = require(actor, *ROLES[batch.kind])
    if batch.institution_id != assignment.institution_id or batch.created_by_id != actor.user.pk:
        raise ApplicationError(_("This import is not yours."))
    if batch.status != ImportStatus.PREVIEW:
        raise ApplicationError(_("This file has already been imported."))
    if any(not e.get("warning") for e in batch.errors):
        raise ApplicationError(_("Fix the errors in the file and upload it again."))
    with batch.file.open("rb") as fh:
        _headers, rows = read_rows(fh, max_rows=MAX_ROWS)
    errors: list[dict[str, Any]] = []
    try:
        with transaction.atomic():
            errors = _run(actor, batch.kind, rows)
            if errors:
                raise _Rollback
            batch.status = ImportStatus.DONE
            batch.imported_at = timezone.now()
            batch.save(update_fields=["status", "imported_at"])
            journal_create(instance=batch, actor=actor)
    except _Rollback:
        ImportBatch.objects.filter(pk=batch.pk).update(errors=errors)
        raise ApplicationError(
            _("Nothing was imported: %(count)d rows have errors.") % {"count": len(errors)}
        ) from None
    return len(rows)
