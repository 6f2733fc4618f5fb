"""Uzbek Latin → Uzbek Cyrillic, for generating the Cyrillic catalogue from the Latin one.

The mapping follows the 1995 Latin alphabet's correspondence. It is mechanical: loanwords written
differently in Cyrillic (e.g. "funksiya" / "функция") need a hand correction in the catalogue, which
the generator keeps (it fills only empty entries unless asked to redo all).
"""

from __future__ import annotations

import re
from functools import partial

APOSTROPHES = "'’ʻʼ`‘"
_A = f"[{APOSTROPHES}]"

# Pieces that must stay as they are: format placeholders, HTML, entities, URLs, e-mail addresses.
_PROTECTED = re.compile(
    r"(%%[sdifr]|%\([^)]+\)[sdifr]|%[sdifr%]|\{[^{}]*\}|<[^<>]+>|&[a-zA-Z]+;|&#\d+;|https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\b(?:SMS|PDF|IP|QR|Excel|GPA|HEMIS|API|ID|PNG|JPEG|JPG|WebP|TIFF|ZIP|OMR|GIFT|QTI|Moodle|XML|URL|CSV|"
    r"OpenID|OAuth2?|REST|JSON|HTTP|HTTPS|CSRF|Django|UTC|XLSX|DPI|dpi|AM|PM|ON|OFF)\b)"
)

_VOWELS = set("aeiouAEIOUаеиоуўэюяёАЕИОУЎЭЮЯЁ")

_DIGRAPHS = [
    (re.compile(f"([Oo]){_A}"), {"o": "ў", "O": "Ў"}),
    (re.compile(f"([Gg]){_A}"), {"g": "ғ", "G": "Ғ"}),
]
_PAIRS = {
    "sh": "ш",
    "ch": "ч",
    "yo": "ё",
    "yu": "ю",
    "ya": "я",
    "ye": "е",
}
_SINGLE = {
    "a": "а",
    "b": "б",
    "c": "ц",
    "d": "д",
    "f": "ф",
    "g": "г",
    "h": "ҳ",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "х",
    "y": "й",
    "z": "з",
}


def _case(source: str, target: str) -> str:
    if source.isupper() and (len(source) == 1 or source[1:].isupper()):
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


# Russian loanwords keep their Cyrillic spelling: -tsiya → -ция, -ksiya → -кция, obyekt → объект.
_LOANWORDS = [
    (re.compile(r"ts(?=i[oy])", re.IGNORECASE), "ц"),
    (re.compile(r"(?<=k)s(?=i[oy])", re.IGNORECASE), "ц"),
    (re.compile(r"(?<=[bcdfgjklmnpqrstvxz])ye", re.IGNORECASE), "ъе"),
]


def _loan_case(target: str, match: re.Match[str]) -> str:
    return target.upper() if match.group(0).isupper() else target


def _digraph(table: dict[str, str], match: re.Match[str]) -> str:
    return table[match.group(1)]


def _loanwords(text: str) -> str:
    for pattern, target in _LOANWORDS:
        text = pattern.sub(partial(_loan_case, target), text)
    return text


def _plain(text: str) -> str:
    text = _loanwords(text)
    for pattern, table in _DIGRAPHS:
        text = pattern.sub(partial(_digraph, table), text)
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        pair = text[i : i + 2]
        low_pair = pair.lower()
        if low_pair in _PAIRS and len(pair) == 2:
            out.append(_case(pair, _PAIRS[low_pair]))
            i += 2
            continue
        low = ch.lower()
        if low == "e":
            prev = out[-1] if out else ""
            at_start = not prev or not prev.isalpha()
            after_vowel = prev in _VOWELS
            target = "э" if (at_start or after_vowel) else "е"
            out.append(target.upper() if ch.isupper() else target)
        elif low in _SINGLE:
            target = _SINGLE[low]
            out.append(target.upper() if ch.isupper() else target)
        elif ch in APOSTROPHES:
            prev = out[-1] if out else ""
            out.append("ъ" if prev.isalpha() else ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Uzbek text, leaving placeholders, markup and technical words untouched."""
    parts = _PROTECTED.split(text)
    # re.split with one capture group alternates: plain, protected, plain, …
    return "".join(part if index % 2 else _plain(part) for index, part in enumerate(parts) if part is not None)
