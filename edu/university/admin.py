"""Admin of the university data: limited to the super administrator's institution, journaled, and — for data
under a deadline (attendance, points, final grades, orders, timetable, exam schedule) — locked after it like every
other path."""

from __future__ import annotations

from django.contrib import admin

from edu.core.admin import InstitutionScopedAdmin
from edu.regulation.admin import RegulatedAdmin
from edu.university import models as m


@admin.register(m.ClassifierOption)
class ClassifierOptionAdmin(InstitutionScopedAdmin):
    """The institution's own classifier codes (national HEMIS codes are read-only)."""

    list_display = ["classifier", "code", "name_uz", "name_ru", "active"]
    list_filter = ["classifier"]
    search_fields = ["code", "name_uz", "name_ru"]


@admin.register(m.EducationYear)
class EducationYearAdmin(InstitutionScopedAdmin):
    list_display = ["code", "current", "institution"]


@admin.register(m.Term)
class TermAdmin(InstitutionScopedAdmin):
    list_display = ["education_year", "semester_type", "start_date", "end_date", "current"]


@admin.register(m.Building)
class BuildingAdmin(InstitutionScopedAdmin):
    list_display = ["name", "address"]


@admin.register(m.Auditorium)
class AuditoriumAdmin(InstitutionScopedAdmin):
    list_display = ["name", "building", "auditorium_type", "capacity", "active"]
    list_select_related = ["building"]


@admin.register(m.MarkingSystem)
class MarkingSystemAdmin(InstitutionScopedAdmin):
    list_display = ["code", "name", "minimum_limit", "gpa_limit"]


@admin.register(m.Specialty)
class SpecialtyAdmin(InstitutionScopedAdmin):
    list_display = ["code", "name", "education_type", "faculty"]
    search_fields = ["code", "name"]


@admin.register(m.Subject)
class SubjectAdmin(InstitutionScopedAdmin):
    list_display = ["code", "name", "department"]
    search_fields = ["code", "name"]


@admin.register(m.Curriculum)
class CurriculumAdmin(InstitutionScopedAdmin):
    list_display = ["name", "specialty", "education_year", "education_form", "marking_system"]
    list_select_related = ["specialty", "education_year", "marking_system"]


@admin.register(m.StudentGroup)
class StudentGroupAdmin(InstitutionScopedAdmin):
    list_display = ["name", "faculty", "specialty", "active"]
    search_fields = ["name"]


@admin.register(m.Student)
class StudentAdmin(InstitutionScopedAdmin):
    list_display = ["student_id_number", "user", "group", "level", "student_status"]
    list_select_related = ["user", "group"]
    search_fields = ["student_id_number", "user__surname", "user__first_name", "user__pinfl"]
    raw_id_fields = ["user", "group", "curriculum"]


@admin.register(m.Employee)
class EmployeeAdmin(InstitutionScopedAdmin):
    list_display = ["employee_id_number", "user", "department", "employee_status"]
    list_select_related = ["user", "department"]
    search_fields = ["employee_id_number", "user__surname", "user__first_name"]
    raw_id_fields = ["user"]


@admin.register(m.StaffOrder)
class StaffOrderAdmin(RegulatedAdmin):
    list_display = ["kind", "order_number", "order_date", "employee", "created_at"]
    list_select_related = ["employee__user"]
    raw_id_fields = ["employee", "employment"]


@admin.register(m.Decree)
class DecreeAdmin(RegulatedAdmin):
    list_display = ["number", "date", "decree_type", "faculty", "status"]


@admin.register(m.Lesson)
class LessonAdmin(RegulatedAdmin):
    list_display = ["lesson_date", "lesson_pair", "group", "employee", "auditorium", "held"]
    list_select_related = ["lesson_pair", "group", "employee__user", "auditorium"]
    raw_id_fields = ["assignment", "group", "curriculum_subject", "employee", "auditorium", "topic"]


@admin.register(m.Attendance)
class AttendanceAdmin(RegulatedAdmin):
    list_display = ["lesson_date", "student", "absent_on", "absent_off"]
    list_select_related = ["student__user"]
    raw_id_fields = ["lesson", "student", "group", "curriculum_subject"]


@admin.register(m.Performance)
class PerformanceAdmin(RegulatedAdmin):
    list_display = ["exam_date", "student", "curriculum_subject", "exam_type", "points"]
    list_select_related = ["student__user", "curriculum_subject__subject"]
    raw_id_fields = ["student", "group", "curriculum_subject", "employee"]


@admin.register(m.AcademicRecord)
class AcademicRecordAdmin(RegulatedAdmin):
    list_display = ["record_date", "student", "subject_name", "total_point", "grade", "status"]
    list_select_related = ["student__user"]
    raw_id_fields = ["student", "group", "curriculum_subject", "batch"]


@admin.register(m.ExamSchedule)
class ExamScheduleAdmin(RegulatedAdmin):
    list_display = ["exam_date", "lesson_pair", "group", "curriculum_subject", "exam_type", "auditorium", "employee"]
    list_filter = ["exam_type", "final_exam_type"]
    list_select_related = ["lesson_pair", "group", "curriculum_subject__subject", "auditorium", "employee__user"]
    raw_id_fields = ["group", "curriculum_subject", "education_year", "employee", "auditorium"]


@admin.register(m.TeacherWork)
class TeacherWorkAdmin(InstitutionScopedAdmin):
    list_display = ["title", "employee", "kind", "year", "hours", "status"]
    list_filter = ["status", "kind", "year"]
    list_select_related = ["employee__user"]
    search_fields = ["title"]
    raw_id_fields = ["employee", "reviewed_by"]


@admin.register(m.RatingScore)
class RatingScoreAdmin(InstitutionScopedAdmin):
    list_display = ["criterion", "employee", "department", "faculty", "points"]
    list_select_related = ["criterion", "employee__user", "department", "faculty"]
    raw_id_fields = ["criterion", "employee"]
