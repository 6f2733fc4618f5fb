"""Who sees which university records (SPEC H1, H2; 002 §4.1 "personal data only to roles entitled to it").

One place decides, per kind of record, which roles read it and how far: the whole institution, their faculty,
their department, their own teaching, or only themselves. Anything else is the empty set — and a page that
asks for a record outside it answers 404, exactly like a missing one.
"""

from __future__ import annotations

from django.db.models import Q, Subquery

from edu.org.actor import Actor
from edu.org.roles import Role

NOTHING = Q(pk__in=[])

# Roles that read student records within their institution (narrowed to the faculty for faculty-level holders).
STUDENT_READERS = frozenset(
    {
        Role.SUPER_ADMIN,
        Role.ICT_CENTRE,
        Role.ACADEMIC_OFFICE,
        Role.DEAN,
        Role.MANAGEMENT,
        Role.ACCOUNTING,
        Role.MARKETING,
        Role.DIPLOMA_OFFICE,
        Role.LIBRARY,
        Role.DORMITORY,
    }
)
# Of those, the roles entitled to identity documents (PINFL, passport): 002 §4.1 "personal data only to roles
# entitled to it". The others (library, dormitory, marketing, management, teachers) see the study record.
IDENTITY_READERS = frozenset(
    {Role.SUPER_ADMIN, Role.ICT_CENTRE, Role.DEAN, Role.ACADEMIC_OFFICE, Role.ACCOUNTING, Role.DIPLOMA_OFFICE, Role.HR}
)

# Roles that read staff records.
STAFF_READERS = frozenset(
    {
        Role.SUPER_ADMIN,
        Role.ICT_CENTRE,
        Role.HR,
        Role.ACADEMIC_OFFICE,
        Role.DEAN,
        Role.HEAD_OF_DEPARTMENT,
        Role.MANAGEMENT,
        Role.RESEARCH_OFFICE,
    }
)
# Roles that read curricula, groups' plans and the organisation of teaching.
STUDY_READERS = frozenset({Role.SUPER_ADMIN, Role.ICT_CENTRE, Role.ACADEMIC_OFFICE, Role.DEAN, Role.MANAGEMENT})
# Roles that read movement orders.
DECREE_READERS = frozenset({Role.SUPER_ADMIN, Role.ACADEMIC_OFFICE, Role.DEAN, Role.MANAGEMENT})
# Roles that read reports of the institution (the ministry's approver reads statistics, H4.3).
REPORT_READERS = frozenset({Role.SUPER_ADMIN, Role.ACADEMIC_OFFICE, Role.DEAN, Role.MANAGEMENT, Role.MINISTRY})

# Who writes what.
DEAN_OFFICE = frozenset({Role.DEAN})
TIMETABLE_EDITORS = frozenset({Role.ACADEMIC_OFFICE, Role.DEAN})
SETTINGS_EDITORS = frozenset({Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN})


def _taught_group_ids(actor: Actor) -> Subquery:
    """Groups taught by the actor (teacher) or by the actor's department (head of department)."""
    from edu.university.models import TeachingAssignment

    a = actor.assignment
    assert a is not None
    qs = TeachingAssignment.objects.filter(institution_id=a.institution_id)
    qs = qs.filter(employee__user=actor.user) if a.role == Role.TEACHER else qs.filter(Q(department_id=a.department_id))
    return Subquery(qs.values("group_id"))


def student_q(actor: Actor, prefix: str = "") -> Q:
    """Students (or rows carrying `<prefix>` student links) the actor may read."""
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in STUDENT_READERS:
        return actor.scope_q(institution=f"{prefix}institution", faculty=f"{prefix}faculty", department=None)
    if a.role in (Role.TEACHER, Role.HEAD_OF_DEPARTMENT):
        return Q(**{f"{prefix}institution_id": a.institution_id, f"{prefix}group_id__in": _taught_group_ids(actor)})
    if a.role == Role.STUDENT:
        return Q(**{f"{prefix}user": actor.user, f"{prefix}institution_id": a.institution_id})
    return NOTHING


def group_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in STUDENT_READERS:
        return actor.scope_q(institution="institution", faculty="faculty", department=None)
    if a.role in (Role.TEACHER, Role.HEAD_OF_DEPARTMENT):
        return Q(institution_id=a.institution_id, pk__in=_taught_group_ids(actor))
    if a.role == Role.STUDENT:
        return Q(students__user=actor.user, institution_id=a.institution_id)
    return NOTHING


def employee_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in STAFF_READERS:
        return actor.scope_q(institution="institution", faculty="faculty", department="department")
    if a.role == Role.TEACHER:
        return Q(user=actor.user, institution_id=a.institution_id)
    return NOTHING


def study_q(actor: Actor, *, department_field: str | None = None) -> Q:
    """Curricula, specialties and curriculum subjects: the study organisers in scope; a head of department
    sees what their department teaches (when the model links a teaching department)."""
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in STUDY_READERS:
        return actor.scope_q(institution="institution", faculty="faculty", department=None)
    if a.role == Role.HEAD_OF_DEPARTMENT and department_field:
        return Q(**{department_field: a.department_id})
    return NOTHING


def assignment_q(actor: Actor) -> Q:
    """Teaching assignments and what hangs off them (journals): the teacher's own, the department's for its
    head, the faculty's groups for the dean, the institution's for the academic office and management."""
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role == Role.TEACHER:
        return Q(institution_id=a.institution_id, employee__user=actor.user)
    if a.role == Role.HEAD_OF_DEPARTMENT:
        return Q(department_id=a.department_id)
    if a.role in (Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT, Role.SUPER_ADMIN):
        return actor.scope_q(institution="institution", faculty="faculty", department=None)
    return NOTHING


def lesson_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role == Role.STUDENT:
        return Q(institution_id=a.institution_id, group__students__user=actor.user)
    return assignment_q(actor)


def decree_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None or a.role not in DECREE_READERS:
        return NOTHING
    return actor.scope_q(institution="institution", faculty="faculty", department=None)


def report_q(actor: Actor, *, faculty: str | None = "faculty") -> Q:
    a = actor.assignment
    if a is None or a.role not in REPORT_READERS:
        return NOTHING
    return actor.scope_q(institution="institution", faculty=faculty, department=None)


def settings_q(actor: Actor) -> Q:
    """Institution settings (calendar, rooms, grading): readable by every role of the institution."""
    a = actor.assignment
    if a is None:
        return NOTHING
    return Q(institution_id=a.institution_id)


def sees_identity(actor: Actor, *, own: bool = False) -> bool:
    """Whether the actor may see a person's PINFL and passport (their own always)."""
    return own or actor.role in IDENTITY_READERS


# Staff ratings (H2.4): the institution's leadership and whoever reads staff records.
STAFF_RATING_READERS = STAFF_READERS | {Role.MANAGEMENT}


def teacher_work_q(actor: Actor) -> Q:
    """Teachers' work entries: the teacher's own, the department's for its head, the staff readers' scope."""
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role == Role.TEACHER:
        return Q(institution_id=a.institution_id, employee__user=actor.user)
    if a.role in STAFF_READERS:
        return actor.scope_q(institution="institution", faculty="faculty", department="department")
    return NOTHING


def staff_rating_q(actor: Actor) -> Q:
    a = actor.assignment
    if a is None or a.role not in STAFF_RATING_READERS:
        return NOTHING
    return Q(institution_id=a.institution_id)


def rating_score_q(actor: Actor) -> Q:
    """Rating points of individual records: the staff rating readers' institution; a teacher's own points."""
    a = actor.assignment
    if a is None:
        return NOTHING
    if a.role in STAFF_RATING_READERS:
        return Q(institution_id=a.institution_id)
    if a.role == Role.TEACHER:
        return Q(institution_id=a.institution_id, employee__user=actor.user)
    return NOTHING
