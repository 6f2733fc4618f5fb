from django.urls import path

from edu.learning import api

urlpatterns = [
    path("learning/plan", api.PlanApi.as_view(), name="api-learning-plan"),
    path("learning/courses/<int:course_id>", api.CourseDetailApi.as_view(), name="api-learning-course"),
    path("learning/courses/<int:course_id>/exam", api.CourseExamStartApi.as_view(), name="api-learning-course-exam"),
    path("learning/final-exam", api.FinalExamStartApi.as_view(), name="api-learning-final-exam"),
    path("learning/lessons/<int:lesson_id>/progress", api.LessonProgressApi.as_view(), name="api-learning-progress"),
    path("learning/lessons/<int:lesson_id>/heartbeat", api.HeartbeatApi.as_view(), name="api-learning-heartbeat"),
    path("learning/lessons/<int:lesson_id>/complete", api.LessonCompleteApi.as_view(), name="api-learning-complete"),
    path("learning/lessons/<int:lesson_id>/file", api.LessonFileApi.as_view(), name="api-learning-lesson-file"),
]
