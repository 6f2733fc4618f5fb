from django.urls import path

from edu.university import api
from edu.university.views import (
    cabinet,
    exams,
    imports,
    journal,
    movement,
    people,
    reports,
    settings,
    staffwork,
    study,
    teaching,
)

app_name = "university"

urlpatterns = [
    # Super administrator: classifiers
    path("classifiers/", settings.classifier_list, name="classifiers"),
    path("classifiers/<str:code>/", settings.classifier_detail, name="classifier"),
    path("classifiers/<str:code>/options/<int:option_id>/", settings.classifier_option_edit, name="classifier_option"),
    # Academic office: calendar, rooms, grading, rating criteria
    path("calendar/", settings.calendar, name="calendar"),
    path("calendar/terms/<int:term_id>/current/", settings.term_current, name="term_current"),
    path("calendar/pairs/<int:pair_id>/", settings.lesson_pair_edit, name="lesson_pair"),
    path("rooms/", settings.rooms, name="rooms"),
    path("rooms/<int:auditorium_id>/", settings.auditorium_edit, name="auditorium"),
    path("grading/", settings.grading, name="grading"),
    path("grading/<int:system_id>/", settings.marking_system_edit, name="marking_system"),
    path("rating-criteria/", settings.rating_criteria, name="rating_criteria"),
    # Dean's office: study plans and people
    path("specialties/", study.specialty_list, name="specialties"),
    path("subjects/", study.subject_list, name="subjects"),
    path("curricula/", study.curriculum_list, name="curricula"),
    path("curricula/<int:curriculum_id>/", study.curriculum_detail, name="curriculum"),
    path(
        "curricula/<int:curriculum_id>/subjects/<int:item_id>/delete/",
        study.curriculum_subject_delete,
        name="curriculum_subject_delete",
    ),
    path("groups/", study.group_list, name="groups"),
    path("groups/<int:group_id>/", study.group_detail, name="group"),
    path("students/", people.student_list, name="students"),
    path("students/new/", people.student_create, name="student_new"),
    path("students/<int:student_id>/", people.student_detail, name="student"),
    path("students/<int:student_id>/edit/", people.student_edit, name="student_edit"),
    path("orders/", movement.decree_list, name="decrees"),
    path("orders/<int:decree_id>/", movement.decree_detail, name="decree"),
    path("orders/<int:decree_id>/submit/", movement.decree_submit, name="decree_submit"),
    path("orders/<int:decree_id>/delete/", movement.decree_delete, name="decree_delete"),
    # HR
    path("staff/", people.staff_list, name="staff"),
    path("staff/hire/", people.staff_hire, name="staff_hire"),
    path("staff/<int:employee_id>/", people.employee_detail, name="employee"),
    path("staff/<int:employee_id>/rating/", staffwork.employee_rating, name="employee_rating"),
    # Teachers' methodological and research work (head of department approves); staff ratings
    path("teacher-works/", staffwork.teacher_works, name="teacher_works"),
    path("teacher-works/<int:work_id>/review/", staffwork.teacher_work_review, name="teacher_work_review"),
    path("teacher-works/<int:work_id>/delete/", staffwork.teacher_work_delete, name="teacher_work_delete"),
    path("teacher-works/<int:work_id>/file/", staffwork.teacher_work_file, name="teacher_work_file"),
    path("staff-ratings/", staffwork.staff_ratings, name="staff_ratings"),
    # Teaching: assignments, timetable, journals
    path("assignments/", teaching.assignment_list, name="assignments"),
    path("assignments/<int:assignment_id>/change/", teaching.assignment_change, name="assignment_change"),
    path("timetable/", teaching.timetable, name="timetable"),
    path("timetable/lessons/<int:lesson_id>/edit/", teaching.lesson_edit, name="lesson_edit"),
    path("timetable/lessons/<int:lesson_id>/delete/", teaching.lesson_delete, name="lesson_delete"),
    # Exam schedule (imtihon jadvali)
    path("exams/", exams.exam_list, name="exams"),
    path("exams/new/", exams.exam_create, name="exam_new"),
    path("exams/subjects/", exams.exam_subjects, name="exam_subjects"),
    path("exams/<int:exam_id>/edit/", exams.exam_edit, name="exam_edit"),
    path("exams/<int:exam_id>/delete/", exams.exam_delete, name="exam_delete"),
    path("teaching/", journal.my_teaching, name="my_teaching"),
    path("journal/<int:assignment_id>/", journal.journal, name="journal"),
    path("journal/<int:assignment_id>/lessons/<int:lesson_id>/", journal.attendance, name="attendance"),
    path("journal/<int:assignment_id>/points/", journal.points_save, name="points"),
    path("journal/<int:assignment_id>/final/", journal.final_submit, name="final_submit"),
    path("journal/<int:assignment_id>/<str:kind>/add/", journal.content_add, name="content_add"),
    path("journal/<int:assignment_id>/resources/<int:resource_id>/", journal.resource_file, name="resource_file"),
    path("final-sheets/<int:sheet_id>/", journal.final_sheet, name="final_sheet"),
    path("tasks/<int:task_id>/", journal.task_detail, name="task"),
    path("tasks/<int:task_id>/file/", journal.task_file, name="task_file"),
    path("tasks/<int:task_id>/submissions/<int:submission_id>/", journal.submission_file, name="submission_file"),
    # Student cabinet
    path("me/", cabinet.overview, name="my_overview"),
    path("me/timetable/", cabinet.timetable, name="my_timetable"),
    path("me/exams/", exams.my_exams, name="my_exams"),
    path("me/rating/", staffwork.my_rating, name="my_rating"),
    path("me/subjects/", cabinet.subjects, name="my_subjects"),
    path("me/resources/<int:resource_id>/", cabinet.resource_file, name="my_resource"),
    path("me/tasks/", cabinet.tasks, name="my_tasks"),
    path("me/electives/", cabinet.electives, name="my_electives"),
    path("me/documents/", cabinet.documents, name="my_documents"),
    path("me/documents/<str:kind>/", cabinet.document_issue, name="my_document_issue"),
    # Reports and ratings
    path("reports/", reports.reports, name="reports"),
    path("ratings/", reports.ratings, name="ratings"),
    path("ratings/recalculate/", reports.ratings_recalculate, name="ratings_recalculate"),
    # JSON API of the journal
    path("api/journal/<int:assignment_id>/points/", api.PerformanceSetApi.as_view(), name="api_points"),
    path("api/lessons/<int:lesson_id>/attendance/", api.AttendanceMarkApi.as_view(), name="api_attendance"),
    # Excel import
    path("import/<str:kind>/", imports.upload, name="import"),
    path("import/batches/<int:batch_id>/", imports.batch_detail, name="import_batch"),
    path("import/batches/<int:batch_id>/commit/", imports.batch_commit, name="import_commit"),
]
