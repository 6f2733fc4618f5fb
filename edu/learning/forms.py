from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from edu.learning.models import Course, Lesson, LessonKind, Programme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "description", "placement_blueprint", "final_blueprint", "required_count", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, blueprints: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["placement_blueprint"].queryset = blueprints  # type: ignore[attr-defined]
        self.fields["final_blueprint"].queryset = blueprints  # type: ignore[attr-defined]


class ExamsBuildForm(forms.Form):
    per_course = forms.IntegerField(label=_("Questions from each course"), min_value=1, max_value=100, initial=6)
    minutes = forms.IntegerField(label=_("Time, minutes"), min_value=1, max_value=600, initial=60)
    final_pass = forms.DecimalField(
        label=_("Final exam pass mark, %"), min_value=0, max_value=100, decimal_places=2, initial=Decimal(70)
    )
    final_attempts = forms.IntegerField(label=_("Final exam attempts"), min_value=1, max_value=100, initial=3)


class CourseForm(forms.ModelForm):
    exam_question_count = forms.IntegerField(
        label=_("Exam questions"), min_value=1, max_value=500, initial=20, help_text=_("Drawn at random from the pool.")
    )
    exam_time_minutes = forms.IntegerField(label=_("Exam time, minutes"), min_value=1, max_value=600, initial=30)
    pass_percent = forms.DecimalField(
        label=_("Pass mark, %"), min_value=0, max_value=100, decimal_places=2, initial=Decimal(71)
    )
    attempts_allowed = forms.IntegerField(
        label=_("Attempts"),
        min_value=1,
        max_value=100,
        initial=3,
        help_text=_("After the last failed attempt the learner studies the course again and gets as many new ones."),
    )

    class Meta:
        model = Course
        fields = ["code", "title", "description", "order", "pool", "time_allotment_minutes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, pools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = pools  # type: ignore[attr-defined]
        blueprint = self.instance.exam_blueprint if self.instance and self.instance.pk else None
        if blueprint is not None:
            self.initial.setdefault("exam_question_count", blueprint.question_count())
            self.initial.setdefault("exam_time_minutes", blueprint.time_limit_minutes)
            self.initial.setdefault("pass_percent", blueprint.pass_percent)
            self.initial.setdefault("attempts_allowed", blueprint.attempts_allowed)

    def validate_unique(self) -> None:
        """The service sets the programme; uniqueness of the code is checked by the database there."""


class LessonForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Video: MP4 or WebM up to %(video)d MB. Document: PDF up to %(pdf)d MB.")
        % {"video": settings.LEARNING_VIDEO_MAX_MB, "pdf": settings.LEARNING_DOCUMENT_MAX_MB},
        widget=forms.ClearableFileInput(attrs={"accept": ".mp4,.webm,.pdf,video/mp4,video/webm,application/pdf"}),
    )
    video_seconds = forms.IntegerField(
        label=_("Video length, seconds"),
        required=False,
        min_value=1,
        help_text=_("Measured from the file when possible; enter it only if asked."),
    )

    class Meta:
        model = Lesson
        fields = ["kind", "title", "order", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


__all__ = ["CourseForm", "ExamsBuildForm", "LessonForm", "LessonKind", "ProgrammeForm", "RevokeForm", "SearchForm"]
