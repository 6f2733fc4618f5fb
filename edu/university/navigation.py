"""What each role finds of the university in the cabinet and the top bar (called from edu.core.navigation)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.core.navigation import Link
from edu.org.actor import Actor
from edu.org.roles import Role
from edu.university.selectors.scope import (
    REPORT_READERS,
    STAFF_RATING_READERS,
    STAFF_READERS,
    STUDENT_READERS,
    STUDY_READERS,
)


def university_sections(actor: Actor) -> list[Link]:
    a = actor.assignment
    if a is None:
        return []
    role = a.role
    links: list[Link] = []
    u = "university:"
    if role == Role.STUDENT:
        return [
            Link(_("My study"), reverse(u + "my_overview"), _("Personal data, GPA and rating")),
            Link(_("Timetable"), reverse(u + "my_timetable"), _("This week's lessons")),
            Link(_("Exams"), reverse(u + "my_exams"), _("Midterm and final exam sittings")),
            Link(_("Subjects and grades"), reverse(u + "my_subjects"), _("Points, attendance, final grades")),
            Link(_("Tasks"), reverse(u + "my_tasks"), _("Hand in your work")),
            Link(_("Electives"), reverse(u + "my_electives"), _("Choose elective subjects")),
            Link(_("Documents"), reverse(u + "my_documents"), _("Reference and transcript (PDF)")),
        ]
    if role == Role.SUPER_ADMIN:
        links += [
            Link(_("Classifiers"), reverse(u + "classifiers"), _("HEMIS reference lists")),
            Link(_("Maker–checker"), reverse("regulation:maker_checker"), _("Which data need a second approval")),
        ]
    if role in (Role.ACADEMIC_OFFICE, Role.SUPER_ADMIN):
        links += [
            Link(_("Academic calendar"), reverse(u + "calendar"), _("Academic years, semesters, lesson pairs")),
            Link(_("Buildings and auditoriums"), reverse(u + "rooms"), _("The auditorium fund")),
            Link(_("Grading system"), reverse(u + "grading"), _("Marking systems, grade borders, assessment weights")),
            Link(_("Rating criteria"), reverse(u + "rating_criteria"), _("For teachers, departments, faculties")),
        ]
    if role == Role.HR or role in STAFF_READERS:
        links.append(Link(_("Staff"), reverse(u + "staff"), _("Employees and teachers, positions, orders")))
    if role in STUDY_READERS or role == Role.HEAD_OF_DEPARTMENT:
        links += [
            Link(_("Curricula"), reverse(u + "curricula"), _("Semesters, subjects, credits, hours")),
            Link(_("Specialties"), reverse(u + "specialties"), _("Directions and specialties")),
            Link(_("Subjects"), reverse(u + "subjects"), _("The subject catalogue")),
        ]
    if role in STUDENT_READERS or role in (Role.TEACHER, Role.HEAD_OF_DEPARTMENT):
        links += [
            Link(_("Groups"), reverse(u + "groups"), _("Academic groups")),
            Link(_("Students"), reverse(u + "students"), _("Search, filters, Excel")),
        ]
    if role in (Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT, Role.SUPER_ADMIN):
        links.append(Link(_("Movement orders"), reverse(u + "decrees"), _("Admission, transfer, leave, expulsion…")))
    if role in (Role.HEAD_OF_DEPARTMENT, Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT, Role.SUPER_ADMIN):
        links.append(
            Link(
                _("Teaching assignments"),
                reverse(u + "assignments"),
                _("Who teaches what; topics, tasks, classes held"),
            )
        )
    if role == Role.TEACHER:
        links += [
            Link(_("My teaching"), reverse(u + "my_teaching"), _("Journals, attendance, grades")),
            Link(_("My rating"), reverse(u + "my_rating"), _("Rating points and approved work by year")),
        ]
    if role == Role.TEACHER or role in STAFF_READERS:
        links.append(
            Link(_("Methodological and research work"), reverse(u + "teacher_works"), _("Entries and approvals"))
        )
    if role in STAFF_RATING_READERS:
        links.append(Link(_("Staff ratings"), reverse(u + "staff_ratings"), _("Teachers, departments and faculties")))
    if role != Role.MINISTRY:
        links.append(Link(_("Timetable"), reverse(u + "timetable"), _("Per group, teacher, auditorium and week")))
    if role in (Role.TEACHER, Role.HEAD_OF_DEPARTMENT, Role.DEAN, Role.ACADEMIC_OFFICE, Role.MANAGEMENT):
        links.append(Link(_("Exam schedule"), reverse(u + "exams"), _("Midterm and final exam sittings")))
    if role in REPORT_READERS:
        links += [
            Link(_("Reports"), reverse(u + "reports"), _("Performance, attendance, movement")),
            Link(_("GPA and rating"), reverse(u + "ratings"), _("Per group and faculty")),
        ]
    if role in (Role.DEAN,):
        links.append(
            Link(_("Import from Excel"), reverse(u + "import", args=["students"]), _("Students, groups, curricula"))
        )
    if role == Role.HR:
        links.append(Link(_("Import from Excel"), reverse(u + "import", args=["staff"]), _("Staff")))
    links += [
        Link(_("Approvals"), reverse("regulation:approvals"), _("Data waiting for a second person")),
        Link(_("Deadlines"), reverse("regulation:deadlines"), _("When data lock; late entry")),
    ]
    return links


def university_nav(actor: Actor) -> list[Link]:
    a = actor.assignment
    if a is None:
        return []
    u = "university:"
    if a.role == Role.STUDENT:
        return [Link(_("My study"), reverse(u + "my_overview")), Link(_("Timetable"), reverse(u + "my_timetable"))]
    if a.role == Role.TEACHER:
        return [
            Link(_("My teaching"), reverse(u + "my_teaching")),
            Link(_("Timetable"), reverse(u + "timetable")),
            Link(_("My rating"), reverse(u + "my_rating")),
        ]
    if a.role == Role.HR:
        return [Link(_("Staff"), reverse(u + "staff"))]
    if a.role == Role.DEAN:
        return [Link(_("Students"), reverse(u + "students")), Link(_("Groups"), reverse(u + "groups"))]
    if a.role == Role.HEAD_OF_DEPARTMENT:
        return [Link(_("Teaching assignments"), reverse(u + "assignments"))]
    if a.role in (Role.MANAGEMENT, Role.MINISTRY):
        return [Link(_("Reports"), reverse(u + "reports"))]
    if a.role == Role.ACADEMIC_OFFICE:
        return [Link(_("Timetable"), reverse(u + "timetable")), Link(_("Reports"), reverse(u + "reports"))]
    return []
