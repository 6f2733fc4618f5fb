"""The real HEMIS API's shapes, defined once: records → the nested dicts public HEMIS clients read.

Conventions: nested references are `{id, code, name}` (or `{code, name}` for classifier codes), dates and
times are Unix seconds, names follow the language chosen with `l`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from edu.university.classifiers import classifier_name


def nullable(shape: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any] | None]:
    """A nested reference that is `null` when the record is missing."""

    @functools.wraps(shape)
    def wrapper(obj: Any) -> dict[str, Any] | None:
        return None if obj is None else shape(obj)

    return wrapper


def ts(value: dt.date | dt.datetime | None) -> int | None:
    """Unix seconds; a date counts from its local midnight."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return int(value.timestamp())


def localized(row: dict[str, Any]) -> str:
    """A name from `name_uz`/`name_oz`/`name_ru`/`name_en` in the active language."""
    from django.utils import translation

    language = translation.get_language() or "uz"
    field = {"uz-cyrl": "name_oz", "ru": "name_ru", "en": "name_en"}.get(language, "name_uz")
    return str(row.get(field) or row.get("name_uz") or "")


def number(value: Decimal | int | float | None) -> float | None:
    return None if value is None else float(value)


def code(classifier: str, value: str | None, institution_id: int | None = None) -> dict[str, Any] | None:
    """A classifier reference `{code, name}` (`gender`, `educationForm`, `studentStatus`, …)."""
    if value in (None, ""):
        return None
    return {"code": str(value), "name": classifier_name(classifier, str(value), institution_id)}


def _id_code_name(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "code": obj.code, "name": obj.name}


def _structure(obj: Any, **extra: Any) -> dict[str, Any]:
    """A faculty or a department: `{id, code, name, structureType, …extra, active}`."""
    return {
        **_id_code_name(obj),
        "structureType": code("h_structure_type", obj.structure_type),
        **extra,
        "active": obj.active,
    }


@nullable
def faculty(obj: Any) -> dict[str, Any]:
    return _structure(obj)


@nullable
def department(obj: Any) -> dict[str, Any]:
    return _structure(obj, parent=obj.faculty_id)


specialty = nullable(_id_code_name)


@nullable
def group(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.name, "educationLang": code("h_language", obj.education_lang)}


subject = nullable(_id_code_name)


@nullable
def employee(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.user.get_full_name(), "employee_id_number": obj.employee_id_number}


@nullable
def education_year(obj: Any) -> dict[str, Any]:
    return {"code": str(obj.code), "name": obj.name, "current": obj.current}


def education_year_code(year: int, current: int | None = None) -> dict[str, Any] | None:
    if not year:
        return None
    return {"code": str(year), "name": f"{year}-{year + 1}", "current": year == current}


def semester(obj: Any, current_code: str | None = None) -> dict[str, Any] | None:
    """`{id, code, name, current, education_year}` of a curriculum semester."""
    if obj is None:
        return None
    return {
        "id": obj.pk,
        "code": obj.code,
        "name": classifier_name("h_semester", obj.code),
        "current": obj.code == current_code,
        "education_year": education_year(obj.education_year),
    }


def semester_code(value: str | None, current_code: str | None = None) -> dict[str, Any] | None:
    if not value:
        return None
    return {"code": value, "name": classifier_name("h_semester", value), "current": value == current_code}


@nullable
def lesson_pair(obj: Any) -> dict[str, Any]:
    return {
        "id": obj.pk,
        "code": obj.code,
        "name": str(obj.number),
        "start_time": f"{obj.start_time:%H:%M}",
        "end_time": f"{obj.end_time:%H:%M}",
    }


@nullable
def auditorium(obj: Any) -> dict[str, Any]:
    return {
        "code": obj.pk,
        "name": obj.name,
        "auditoriumType": code("h_auditorium_type", obj.auditorium_type),
        "building": {"id": obj.building_id, "name": obj.building.name},
    }


def week(semester_id: int, index: int, start: dt.date, end: dt.date, today: dt.date) -> dict[str, Any]:
    """A study week of a semester; its id is `semester id × 100 + week number`, what `schedule?week=` takes."""
    return {
        "id": semester_id * 100 + index,
        "start_date": ts(start),
        "end_date": ts(end),
        "current": start <= today <= end,
    }


def lesson(obj: Any, current_semester: str | None = None) -> dict[str, Any]:
    """A timetable line (`e_subject_schedule`)."""
    return {
        "id": obj.pk,
        "subject": subject(obj.curriculum_subject.subject),
        "semester": semester_code(obj.curriculum_subject.semester, current_semester),
        "trainingType": code("h_training_type", obj.training_type),
        "lessonPair": lesson_pair(obj.lesson_pair),
        "employee": employee(obj.employee),
        "auditorium": auditorium(obj.auditorium),
        "group": group(obj.group),
        "faculty": {"id": obj.faculty_id},
        "department": {"id": obj.department_id},
        "lesson_date": ts(obj.lesson_date),
    }


def curriculum_subject(obj: Any, current_semester: str | None = None) -> dict[str, Any]:
    return {
        "id": obj.pk,
        "subject": subject(obj.subject),
        "subjectType": code("h_subject_type", obj.subject_type),
        "semester": semester_code(obj.semester, current_semester),
        "credit": number(obj.credit),
        "total_acload": obj.total_acload,
        "examFinish": code("h_exam_finish", obj.exam_finish),
        "ratingGrade": code("h_rating_grade", obj.rating_grade),
    }


def person_names(user: Any) -> dict[str, Any]:
    initials = "".join(f"{part[0]}." for part in (user.first_name, user.patronymic) if part)
    return {
        "first_name": user.first_name,
        "second_name": user.surname,
        "third_name": user.patronymic,
        "full_name": user.get_full_name(),
        "short_name": f"{user.surname} {initials}".strip(),
    }


def gender(user: Any) -> dict[str, Any] | None:
    """`h_gender`: 11 male, 12 female."""
    return code("h_gender", user.gender)


def student(obj: Any, *, image: str | None = None, identity: bool = True) -> dict[str, Any]:
    """`account/me` and the data API's student: the person, the study record, the nested classifiers."""
    user = obj.user
    return {
        "id": obj.pk,
        "meta_id": obj.pk,
        **person_names(user),
        "student_id_number": obj.student_id_number,
        "image": image,
        "birth_date": ts(user.birth_date),
        "passport_number": user.passport if identity else None,
        "passport_pin": (user.pinfl or "") if identity else None,
        "gender": gender(user),
        "phone": user.phone,
        "email": user.email or None,
        "country": code("h_country", obj.country),
        "province": code("h_soato", obj.province),
        "district": None,
        "address": obj.address,
        "citizenship": code("h_citizenship_type", obj.citizenship),
        "university": obj.institution.name,
        "faculty": faculty(obj.faculty),
        "specialty": specialty(obj.specialty),
        "group": group(obj.group),
        "educationForm": code("h_education_form", obj.education_form),
        "educationType": code("h_education_type", obj.education_type),
        "educationLang": code("h_language", obj.education_lang),
        "paymentForm": code("h_payment_form", obj.payment_form),
        "studentType": code("h_student_type", obj.student_type),
        "socialCategory": code("h_social_category", obj.social_category),
        "accommodation": code("h_accommodation", obj.accommodation),
        "level": code("h_course", obj.level),
        "semester": semester_code(obj.semester, obj.semester),
        "studentStatus": code("h_student_status", obj.student_status),
        "year_of_enter": obj.year_of_enter,
        "curriculum": obj.curriculum_id,
        "created_at": ts(obj.created_at),
        "updated_at": ts(obj.updated_at),
    }


def employee_full(obj: Any) -> dict[str, Any]:
    user = obj.user
    return {
        "id": obj.pk,
        "meta_id": obj.pk,
        **person_names(user),
        "employee_id_number": obj.employee_id_number,
        "birth_date": ts(user.birth_date),
        "gender": gender(user),
        "image": None,
        "department": department(obj.department),
        "faculty": faculty(obj.faculty),
        "employeeType": code("h_employee_type", obj.employee_type),
        "academicDegree": code("h_academic_degree", obj.academic_degree),
        "academicRank": code("h_academic_rank", obj.academic_rank),
        "employeeStatus": code("h_teacher_status", obj.employee_status),
        "created_at": ts(obj.created_at),
    }


def decree(obj: Any) -> dict[str, Any]:
    return {
        "id": obj.pk,
        "number": obj.number,
        "name": obj.title or str(obj),
        "date": ts(obj.date),
        "decreeType": code("h_decree_type", obj.decree_type),
        "status": obj.status,
        "file": None,
    }


def document(obj: Any) -> dict[str, Any]:
    return {
        "id": obj.pk,
        "type": obj.kind,
        "name": obj.get_kind_display(),
        "number": obj.number,
        "verification_code": str(obj.token),
        "created_at": ts(obj.issued_at),
    }


def exam(obj: Any, current_semester: str | None = None) -> dict[str, Any]:
    """An exam sitting (`e_exam_schedule`, `education/exam-table` and `data/exam-list`)."""
    return {
        "id": obj.pk,
        "subject": subject(obj.curriculum_subject.subject),
        "semester": semester_code(obj.curriculum_subject.semester, current_semester),
        "educationYear": education_year(obj.education_year),
        "group": group(obj.group),
        "faculty": {"id": obj.faculty_id},
        "department": {"id": obj.curriculum_subject.department_id},
        "auditorium": auditorium(obj.auditorium),
        "examType": code("h_exam_type", obj.exam_type),
        "finalExamType": code("h_final_exam_type", obj.final_exam_type),
        "lessonPair": lesson_pair(obj.lesson_pair),
        "employee": employee(obj.employee),
        "examDate": ts(obj.exam_date),
        "created_at": ts(obj.created_at),
    }


def absence(obj: Any, current_semester: str | None = None) -> dict[str, Any]:
    """A missed lesson (`e_attendance`): the student API's `attendance` and the data API's list."""
    return {
        "id": obj.pk,
        "subject": subject(obj.curriculum_subject.subject),
        "semester": semester_code(obj.curriculum_subject.semester, current_semester),
        "trainingType": code("h_training_type", obj.lesson.training_type),
        "lessonPair": lesson_pair(obj.lesson.lesson_pair),
        "employee": employee(obj.lesson.employee),
        "lesson_date": ts(obj.lesson_date),
        "absent_on": obj.absent_on,
        "absent_off": obj.absent_off,
        "explicable": obj.absent_on > 0 and obj.absent_off == 0,
    }
