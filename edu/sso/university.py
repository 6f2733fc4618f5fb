"""User-info fields that come from the university records: `student_id_number` / `employee_id_number`,
the group and the institution's HEMIS code."""

from __future__ import annotations

from typing import Any

from edu.accounts.models import User


def university_fields(user: User) -> dict[str, Any]:
    from edu.university.models import Employee, Student

    info: dict[str, Any] = {}
    student = Student.objects.filter(user=user).select_related("group", "institution").first()
    if student is not None:
        info["student_id_number"] = student.student_id_number
        info["university_id"] = student.institution.code
        info["groups"] = [{"id": student.group_id, "name": student.group.name}] if student.group else []
    employee = Employee.objects.filter(user=user).select_related("institution").first()
    if employee is not None:
        info["employee_id_number"] = employee.employee_id_number
        info.setdefault("university_id", employee.institution.code)
    return info
