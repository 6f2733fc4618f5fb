from django.urls import path

from edu.learning.views import editor, learner

app_name = "learning"

urlpatterns = [
    # learners
    path("", learner.dashboard, name="dashboard"),
    path("placement/start/", learner.placement_start, name="placement_start"),
    path("plan/", learner.plan, name="plan"),
    path("additional/", learner.additional, name="additional"),
    path("courses/<int:course_id>/", learner.course, name="course"),
    path("courses/<int:course_id>/exam/", learner.course_exam_start, name="course_exam_start"),
    path("lessons/<int:lesson_id>/", learner.lesson, name="lesson"),
    path("lessons/<int:lesson_id>/file/", learner.lesson_file, name="lesson_file"),
    path("lessons/<int:lesson_id>/read/", learner.lesson_read, name="lesson_read"),
    path("certificate/", learner.certificate, name="certificate"),
    path("certificate/exam/", learner.final_exam_start, name="final_exam_start"),
    path("certificate/<int:certificate_id>/pdf/", learner.certificate_download, name="certificate_pdf"),
    # editors
    path("programmes/", editor.programme_list, name="programmes"),
    path("programmes/<int:programme_id>/", editor.programme_detail, name="programme"),
    path("programmes/<int:programme_id>/build-exams/", editor.programme_exams_build, name="programme_exams_build"),
    path("programmes/<int:programme_id>/courses/new/", editor.course_edit, name="course_new"),
    path("programmes/<int:programme_id>/courses/<int:course_id>/edit/", editor.course_edit, name="course_edit"),
    path("programmes/<int:programme_id>/learners/", editor.learner_list, name="learners"),
    path("manage/courses/<int:course_id>/", editor.course_admin, name="course_admin"),
    path("manage/courses/<int:course_id>/results.xlsx", editor.course_results_export, name="course_results_export"),
    path("manage/courses/<int:course_id>/lessons/new/", editor.lesson_edit, name="lesson_new"),
    path("manage/courses/<int:course_id>/lessons/<int:lesson_id>/", editor.lesson_edit, name="lesson_edit"),
    path("manage/lessons/<int:lesson_id>/file/", editor.lesson_preview_file, name="lesson_preview_file"),
    path("manage/lessons/<int:lesson_id>/delete/", editor.lesson_delete, name="lesson_delete"),
    path("manage/learners/<int:plan_id>/", editor.learner_detail, name="learner"),
    path("manage/certificates/", editor.certificate_list, name="certificates"),
    path("manage/certificates/<int:certificate_id>/revoke/", editor.certificate_revoke_view, name="certificate_revoke"),
]
