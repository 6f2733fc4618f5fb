from django.urls import path

from edu.paper import views

app_name = "paper"

urlpatterns = [
    path("", views.exam_list, name="exams"),
    path("new/<int:blueprint_id>/", views.exam_create, name="exam_create"),
    path("<int:exam_id>/", views.exam_detail, name="exam"),
    path("<int:exam_id>/candidates/", views.candidates_import, name="candidates"),
    path("<int:exam_id>/answer-sheets.pdf", views.answer_sheets, name="answer_sheets"),
    path("<int:exam_id>/upload/", views.batch_upload, name="upload"),
    path("batches/<int:batch_id>/progress/", views.batch_progress, name="batch_progress"),
    path("<int:exam_id>/review/", views.review_queue, name="review"),
    path("review/<int:item_id>/", views.review_decide, name="review_decide"),
    path("review/<int:item_id>/crop.png", views.review_crop, name="review_crop"),
    path("<int:exam_id>/results/", views.results, name="results"),
    path("<int:exam_id>/results.xlsx", views.results_export, name="results_export"),
    path("<int:exam_id>/publish/", views.publish, name="publish"),
    path("candidates/<int:candidate_id>/violation/", views.violation, name="violation"),
]
