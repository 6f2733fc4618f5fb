"""Demo data of the learning face: the programme of 10 courses from the engine's demo bank, each with a short
video (a coloured test pattern with the course title, made by ffmpeg at seed time), three texts and a PDF handbook
(made by reportlab), a course exam (71 %, 3 attempts) and the final exam (the placement's form, 70 %).

Runs after `edu.assessment.demo.seed` (settings.DEMO_EXTENSIONS); idempotent: an existing programme is kept."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from edu.assessment.demo import PLACEMENT_TITLE, demo_bank
from edu.assessment.models import Blueprint, QuestionPool
from edu.core.pdf import font_file
from edu.learning.models import LessonKind, Programme
from edu.learning.pdf import handbook_pdf
from edu.learning.services import catalogue
from edu.org.models import Institution

VIDEO_SECONDS = 10
COLOURS = ["#0b6e69", "#1d4f91", "#8a5a00", "#7a1f5c", "#1f7a3a", "#b42318", "#3b3f99", "#5b6775", "#c98a12", "#08524e"]


def make_video(path: Path, *, title: str, colour: str, seconds: int = VIDEO_SECONDS) -> bool:
    """A WebM (VP8) of `seconds`: SMPTE colour bars, a coloured band with the title and a running clock.
    False when ffmpeg is missing."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return False
    font = font_file(bold=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(title)
        text_file = handle.name
    draw = (
        f"drawbox=x=0:y=ih-80:w=iw:h=80:color={colour}@0.9:t=fill,"
        f"drawtext=fontfile={font}:textfile={text_file}:fontcolor=white:fontsize=18:x=(w-text_w)/2:y=h-64,"
        f"drawtext=fontfile={font}:text='%{{pts\\:hms}}':fontcolor=white:fontsize=16:x=(w-text_w)/2:y=h-30"
    )
    try:
        result = subprocess.run(  # noqa: S603 - fixed program and arguments
            [
                ffmpeg,
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"smptebars=size=480x270:rate=15:duration={seconds}",
                "-vf",
                draw,
                "-c:v",
                "libvpx",
                "-b:v",
                "250k",
                "-deadline",
                "realtime",
                "-cpu-used",
                "16",
                "-an",
                str(path),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        Path(text_file).unlink(missing_ok=True)
    return result.returncode == 0 and path.exists() and path.stat().st_size > 0


def seed(*, institution: Institution, stdout: Any = None) -> Programme:
    with translation.override("uz"):  # the demo's generated titles (course exams, final exam) in Uzbek
        return _seed(institution=institution, stdout=stdout)


@transaction.atomic
def _seed(*, institution: Institution, stdout: Any = None) -> Programme:
    bank = demo_bank()
    title = bank["programme"]["title"]
    existing = Programme.objects.filter(institution=institution, title=title).first()
    if existing is not None:
        if stdout is not None:
            stdout.write(f"  Programme: {existing.title} (exists)")
        return existing

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    placement = Blueprint.objects.filter(institution=institution, title=PLACEMENT_TITLE).first()
    programme = Programme.objects.create(
        institution=institution,
        title=title,
        description=bank["programme"].get("description", ""),
        placement_blueprint=placement,
        required_count=5,
    )
    videos_made = 0
    with tempfile.TemporaryDirectory(prefix="edu-demo-video-") as tmp:
        say("  Making the demo videos with ffmpeg …")
        jobs = [
            (Path(tmp) / f"{c['code'].lower()}.webm", c["title"], COLOURS[i % len(COLOURS)])
            for i, c in enumerate(bank["courses"])
        ]
        with ThreadPoolExecutor(max_workers=2) as pool_of_workers:
            made = list(pool_of_workers.map(lambda job: make_video(job[0], title=job[1], colour=job[2]), jobs))
        for index, data in enumerate(bank["courses"], start=1):
            pool = QuestionPool.objects.get(institution=institution, code=data["code"])
            course = catalogue.course_save(
                actor=None,
                programme=programme,
                course=None,
                data={
                    "code": data["code"],
                    "title": data["title"],
                    "description": data.get("description", ""),
                    "order": index,
                    "pool": pool,
                    "exam_question_count": 20,
                    "exam_time_minutes": 30,
                    "pass_percent": Decimal(71),
                    "attempts_allowed": 3,
                },
            )
            order = 1
            video = jobs[index - 1][0]
            if made[index - 1]:
                with video.open("rb") as handle:
                    catalogue.lesson_save(
                        actor=None,
                        course=course,
                        lesson=None,
                        data={
                            "kind": LessonKind.VIDEO,
                            "title": f"Kirish: {data['title']}",
                            "text": data.get("description", ""),
                            "order": order,
                            "duration_seconds": VIDEO_SECONDS,
                        },
                        upload=File(handle, name=f"{data['code'].lower()}-kirish.webm"),  # type: ignore[arg-type]
                    )
                videos_made += 1
                order += 1
            for lesson in data["lessons"]:
                catalogue.lesson_save(
                    actor=None,
                    course=course,
                    lesson=None,
                    data={"kind": LessonKind.TEXT, "title": lesson["title"], "text": lesson["text"], "order": order},
                )
                order += 1
            pdf = handbook_pdf(
                title=data["title"],
                description=data.get("description", ""),
                chapters=[(lesson["title"], lesson["text"]) for lesson in data["lessons"]],
            )
            catalogue.lesson_save(
                actor=None,
                course=course,
                lesson=None,
                data={
                    "kind": LessonKind.DOCUMENT,
                    "title": f"{data['title']}: o‘quv qo‘llanma",
                    "text": "Kursning barcha mavzulari bitta hujjatda.",
                    "order": order,
                },
                upload=ContentFile(pdf, name=f"{data['code'].lower()}-qollanma.pdf"),  # type: ignore[arg-type]
            )
    catalogue.final_exam_build(actor=None, programme=programme, per_course=6, minutes=60, final_pass=Decimal(70))
    programme.is_published = True
    programme.save(update_fields=["is_published", "updated_at"])
    say(f"  Programme: {programme.title} ({programme.courses.count()} courses, final exam: 60 questions)")
    if videos_made == 0:
        say("  Note: ffmpeg was not found, so the demo courses have no video lessons (apt-get install ffmpeg).")
    return programme
