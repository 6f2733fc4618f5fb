from __future__ import annotations

from typing import Any

from django import template

from edu.university.classifiers import classifier_name

register = template.Library()


@register.filter
def clf(code: Any, classifier: str) -> str:
    """A classifier code's name in the user's language: {{ student.education_form|clf:"h_education_form" }}."""
    return classifier_name(classifier, str(code) if code is not None else "")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def semester_number(code: Any) -> int | str:
    try:
        return int(code) - 10
    except (TypeError, ValueError):
        return ""
