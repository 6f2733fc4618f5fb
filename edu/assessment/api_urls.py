from django.urls import path

from edu.assessment import api

urlpatterns = [
    path("attempts", api.AttemptStartApi.as_view(), name="api-attempt-start"),
    path("attempts/<int:attempt_id>", api.AttemptDetailApi.as_view(), name="api-attempt"),
    path("attempts/<int:attempt_id>/answers/<int:question_id>", api.AnswerSaveApi.as_view(), name="api-answer"),
    path("attempts/<int:attempt_id>/flags/<int:question_id>", api.FlagSetApi.as_view(), name="api-flag"),
    path("attempts/<int:attempt_id>/submit", api.AttemptSubmitApi.as_view(), name="api-attempt-submit"),
    path("attempts/<int:attempt_id>/events", api.AttemptEventApi.as_view(), name="api-attempt-events"),
]
