"""Reading HEMIS classifiers: names in the user's language, choices for forms, valid codes.

The lists are small and change rarely, so each process keeps them in memory for a short while; the
services that edit them clear the memory at once.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import translation

from edu.core.translit import latin_to_cyrillic

DATA_FILE = Path(__file__).resolve().parent / "data" / "hemis-classifiers.json"
TTL_SECONDS = 60

# Codes HEMIS code relies on but the classifier dump lacks, and English names where the dump has none.
EXTRA_CLASSIFIERS: dict[str, dict[str, Any]] = {
    "h_rating_grade": {
        "names": ("Qaydnoma turlari", "Ведомость турлари", "Виды ведомостей", "Grade sheet types"),
        "options": [
            ("11", "Fan", "Предмет", "Subject"),
            ("12", "Kurs ishi", "Курсовая работа", "Course work"),
            ("13", "Davlat imtihoni", "Государственный экзамен", "State exam"),
            ("14", "Malakaviy amaliyot", "Квалификационная практика", "Qualification practice"),
            ("15", "Bitiruv ishi", "Выпускная работа", "Graduation work"),
            ("16", "Fan (qo‘shimcha)", "Предмет (дополнительный)", "Subject (additional)"),
        ],
    },
    "h_semestr_type": {
        "names": ("Semestr turi", "Семестр тури", "Тип семестра", "Semester type"),
        "options": [("11", "Kuzgi", "Осенний", "Autumn"), ("12", "Bahorgi", "Весенний", "Spring")],
    },
}
EXTRA_OPTIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "h_student_status": [("15", "Kursdan qoldirilgan", "Оставлен на повторный курс", "Held back a year")],
}
ENGLISH: dict[str, dict[str, str]] = {
    "h_decree_type": {
        "11": "Expulsion",
        "12": "Academic leave",
        "13": "Held back a year",
        "14": "Promotion to the next course",
        "15": "Reinstatement",
        "16": "Transfer",
        "17": "Graduation",
        "18": "Stipend assignment",
        "19": "Individual study schedule",
        "20": "Approval of thesis topics",
        "21": "Enrolment",
    },
    "h_exam_type": {
        "10": "Current + midterm",
        "11": "Current assessment",
        "12": "Midterm assessment",
        "13": "Final assessment",
        "14": "Overall",
        "15": "1st current",
        "16": "2nd current",
        "17": "1st midterm",
        "18": "2nd midterm",
    },
    "h_training_type": {
        "11": "Lecture",
        "12": "Laboratory",
        "13": "Practical",
        "14": "Seminar",
        "15": "Training",
        "16": "Course work",
        "17": "Independent study",
    },
    "h_student_status": {
        "10": "Other",
        "11": "Studying",
        "12": "Expelled",
        "13": "Academic leave",
        "14": "Graduated",
    },
    "h_education_form": {
        "11": "Full-time",
        "12": "Evening",
        "13": "Part-time",
        "14": "Special part-time",
        "15": "Second degree",
        "16": "Distance",
        "17": "Joint programme",
    },
    "h_education_type": {"11": "Bachelor's", "12": "Master's", "13": "Residency", "14": "PhD", "15": "DSc"},
    "h_payment_form": {"11": "State grant", "12": "Tuition contract"},
    "h_subject_type": {"10": "Other", "11": "Mandatory", "12": "Elective"},
    "h_exam_finish": {"11": "Exam", "12": "Pass/fail"},
    "h_final_exam_type": {"11": "1st sitting", "12": "2nd sitting", "13": "3rd sitting"},
    "h_course": {code: f"Year {int(code) - 10}" for code in ("11", "12", "13", "14", "15", "16")},
    "h_language": {"11": "Uzbek", "12": "Russian", "13": "Karakalpak", "14": "English"},
    "h_auditorium_type": {
        "10": "Other",
        "11": "Lecture hall",
        "12": "Laboratory",
        "13": "Practice room",
        "14": "Seminar room",
    },
    "h_employment_form": {"11": "Main job", "12": "Internal part-time", "13": "External part-time", "14": "Hourly"},
    "h_employment_staff": {"11": "1.00 rate", "12": "0.75 rate", "13": "0.50 rate", "14": "0.25 rate"},
    "h_teacher_status": {"11": "Working", "12": "On leave", "13": "On a business trip", "14": "Dismissed"},
}

RUSSIAN: dict[str, dict[str, str]] = {
    "h_decree_type": {
        "11": "Отчисление",
        "12": "Академический отпуск",
        "13": "Оставление на повторный курс",
        "14": "Перевод на следующий курс",
        "15": "Восстановление",
        "16": "Перевод",
        "17": "Окончание обучения",
        "18": "Назначение стипендии",
        "19": "Индивидуальный график",
        "20": "Утверждение тем выпускных работ",
        "21": "Зачисление",
    },
}

LANGUAGE_FIELD = {"uz": "name_uz", "uz-cyrl": "name_oz", "ru": "name_ru", "en": "name_en"}


@dataclass(frozen=True)
class Option:
    code: str
    name_uz: str
    name_oz: str
    name_ru: str
    name_en: str
    parent_code: str
    active: bool
    institution_id: int | None

    def name(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "uz").lower()
        if language.startswith("uz-cyrl") or language == "uz_cyrl":
            return self.name_oz or latin_to_cyrillic(self.name_uz)
        if language.startswith("ru"):
            return self.name_ru or self.name_uz
        if language.startswith("en"):
            return self.name_en or self.name_uz
        return self.name_uz


_cache: dict[str, tuple[float, list[Option]]] = {}


def classifier_cache_clear() -> None:
    _cache.clear()


def _options(classifier: str) -> list[Option]:
    hit = _cache.get(classifier)
    now = time.monotonic()
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]
    from edu.university.models import ClassifierOption

    rows = ClassifierOption.objects.filter(classifier__code=classifier).values_list(
        "code", "name_uz", "name_oz", "name_ru", "name_en", "parent_code", "active", "institution_id"
    )
    options = [Option(*row) for row in rows]
    if not options:
        # The table is empty (a database flushed after a transactional test, or not migrated yet): the national
        # lists still hold, straight from the HEMIS dump the migration loads.
        options = _national().get(classifier, [])
    _cache[classifier] = (now, options)
    return options


_national_options: dict[str, list[Option]] | None = None


def _national() -> dict[str, list[Option]]:
    global _national_options
    if _national_options is None:
        _classifiers, rows = load_reference_data()
        by_code: dict[str, list[Option]] = {}
        for r in rows:
            by_code.setdefault(r["classifier"], []).append(
                Option(
                    r["code"],
                    r["name_uz"],
                    r["name_oz"],
                    r["name_ru"],
                    r["name_en"],
                    r["parent_code"],
                    r["active"],
                    None,
                )
            )
        _national_options = by_code
    return _national_options


def classifier_option(classifier: str, code: str | None, institution_id: int | None = None) -> Option | None:
    if not code:
        return None
    found = None
    for option in _options(classifier):
        if option.code == code:
            if option.institution_id == institution_id:
                return option
            if option.institution_id is None:
                found = option
    return found


def classifier_name(classifier: str, code: str | None, institution_id: int | None = None) -> str:
    option = classifier_option(classifier, code, institution_id)
    return option.name() if option else (code or "")


def classifier_codes(classifier: str, institution_id: int | None = None) -> set[str]:
    return {o.code for o in _options(classifier) if o.institution_id in (None, institution_id)}


def classifier_choices(
    classifier: str, institution_id: int | None = None, *, codes: list[str] | None = None
) -> list[tuple[str, str]]:
    """Active options (national and the institution's own) as form choices, in the user's language."""
    options = [o for o in _options(classifier) if o.active and o.institution_id in (None, institution_id)]
    if codes is not None:
        wanted = set(codes)
        options = [o for o in options if o.code in wanted]
    return [(o.code, f"{o.name()}") for o in options]


def load_reference_data() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The national lists from the HEMIS dump plus the extras above: (classifiers, options)."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    classifiers: list[dict[str, Any]] = []
    options: list[dict[str, Any]] = []
    for code, body in raw.items():
        classifiers.append(
            {
                "code": code,
                "name_uz": body.get("uz-UZ") or "",
                "name_oz": body.get("oz-UZ") or "",
                "name_ru": body.get("ru-RU") or "",
                "name_en": body.get("en-US") or "",
            }
        )
        english = ENGLISH.get(code, {})
        russian = RUSSIAN.get(code, {})
        for position, item in enumerate(body.get("options", [])):
            options.append(
                {
                    "classifier": code,
                    "code": str(item["code"]),
                    "name_uz": item.get("uz-UZ") or str(item["code"]),
                    "name_oz": item.get("oz-UZ") or "",
                    "name_ru": item.get("ru-RU") or russian.get(str(item["code"]), ""),
                    "name_en": item.get("en-US") or english.get(str(item["code"]), ""),
                    "parent_code": str(item.get("parent") or ""),
                    "active": bool(item.get("active", True)),
                    "position": position,
                }
            )
        for extra_code, uz, ru, en in EXTRA_OPTIONS.get(code, []):
            options.append(
                {
                    "classifier": code,
                    "code": extra_code,
                    "name_uz": uz,
                    "name_oz": latin_to_cyrillic(uz),
                    "name_ru": ru,
                    "name_en": en,
                    "parent_code": "",
                    "active": True,
                    "position": 1000,
                }
            )
    for code, body in EXTRA_CLASSIFIERS.items():
        if code in raw:
            continue
        uz, oz, ru, en = body["names"]
        classifiers.append({"code": code, "name_uz": uz, "name_oz": oz, "name_ru": ru, "name_en": en})
        for position, (option_code, o_uz, o_ru, o_en) in enumerate(body["options"]):
            options.append(
                {
                    "classifier": code,
                    "code": option_code,
                    "name_uz": o_uz,
                    "name_oz": latin_to_cyrillic(o_uz),
                    "name_ru": o_ru,
                    "name_en": o_en,
                    "parent_code": "",
                    "active": True,
                    "position": position,
                }
            )
    return classifiers, options
