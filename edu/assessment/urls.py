from django.urls import path

from edu.assessment.views import editor, taker

app_name = "assessment"

urlpatterns = [
    # takers
    path("tests/", taker.my_tests, name="my_tests"),
    path("tests/<int:blueprint_id>/", taker.test_start, name="test_start"),
    path("tests/attempts/<int:attempt_id>/", taker.exam, name="exam"),
    path("tests/attempts/<int:attempt_id>/finish/", taker.exam_submit, name="exam_submit"),
    path("tests/attempts/<int:attempt_id>/result/", taker.result, name="result"),
    # editors
    path("banks/", editor.pool_list, name="pools"),
    path("banks/template.xlsx", editor.import_template, name="import_template"),
    path("banks/<int:pool_id>/", editor.pool_detail, name="pool"),
    path("banks/<int:pool_id>/export/", editor.pool_export, name="pool_export"),
    path("banks/<int:pool_id>/import/", editor.import_upload, name="import_upload"),
    path("banks/<int:pool_id>/questions/new/", editor.question_edit, name="question_new"),
    path("banks/<int:pool_id>/questions/<int:question_id>/", editor.question_edit, name="question_edit"),
    path("banks/questions/<int:question_id>/delete/", editor.question_delete, name="question_delete"),
    path("banks/imports/<int:import_id>/", editor.import_detail, name="import"),
    path("banks/imports/<int:import_id>/progress.json", editor.import_progress, name="import_progress"),
    path("blueprints/", editor.blueprint_list, name="blueprints"),
    path("blueprints/new/", editor.blueprint_edit, name="blueprint_new"),
    path("blueprints/<int:blueprint_id>/", editor.blueprint_detail, name="blueprint"),
    path("blueprints/<int:blueprint_id>/edit/", editor.blueprint_edit, name="blueprint_edit"),
    path("blueprints/<int:blueprint_id>/paper/", editor.paper_variants_generate, name="paper_generate"),
    path("blueprints/<int:blueprint_id>/paper/<int:number>.pdf", editor.paper_booklet, name="paper_booklet"),
    path("blueprints/<int:blueprint_id>/paper/keys.xlsx", editor.paper_keys, name="paper_keys"),
    path("attempts/<int:attempt_id>/", editor.attempt_review, name="attempt_review"),
]
