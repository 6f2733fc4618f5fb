from django import template
from django.utils.safestring import SafeString

from edu.assessment.richtext import render

register = template.Library()


@register.filter
def rich(text: str) -> SafeString:
    """Stored question text (cleaned) with formulas as MathML."""
    return render(text)
