"""Question and answer text: a small safe HTML subset, with LaTeX formulas between $…$ shown as MathML.

Stored text is always cleaned (so imported HTML cannot carry scripts); display turns formulas into MathML,
which browsers render natively — nothing is loaded from elsewhere.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "sub", "sup", "br", "p", "code", "pre", "ul", "ol", "li"}
_FORMULA = re.compile(r"\$([^$\n]+?)\$")
_TAG = re.compile(r"<[^>]+>")


def clean(text: str) -> str:
    """Keep only harmless formatting; everything else becomes plain, escaped text."""
    return nh3.clean((text or "").strip(), tags=ALLOWED_TAGS, attributes={}).strip()


def from_plain(text: str) -> str:
    return clean(html.escape(text or "", quote=False))


@lru_cache(maxsize=4096)
def _formula(latex: str) -> str:
    from latex2mathml.converter import convert

    try:
        return convert(html.unescape(latex))
    except Exception:
        return f"<code>${latex}$</code>"


def render(text: str) -> SafeString:
    """Stored (clean) text → HTML for the page."""
    return mark_safe(_FORMULA.sub(lambda m: _formula(m.group(1)), text or ""))


def to_plain(text: str) -> str:
    """For exports and PDFs: tags dropped, entities decoded, formulas kept as $…$."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", text or "")
    return html.unescape(_TAG.sub("", text)).strip()
