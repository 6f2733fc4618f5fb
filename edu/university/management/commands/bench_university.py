"""`make bench-university`: GPA and rating for all students of the large institution, and the p95 of the
student cabinet pages and of the teacher's journal, with query counts. Prints a Markdown table."""

from __future__ import annotations

import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Avg
from django.test import Client
from django.test.utils import CaptureQueriesContext

from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.org.models import Institution, RoleAssignment
from edu.org.roles import Role
from edu.university.management.commands.generate_scale_data import SCALE_CODE
from edu.university.models import EducationYear, GpaScope, Student, StudentGpa, TeachingAssignment
from edu.university.services.gpa import gpa_recalculate

GPA_TARGET_S = 10.0
PAGE_TARGET_MS = 150.0
STUDENT_PAGES = [
    "/university/me/",
    "/university/me/timetable/",
    "/university/me/subjects/",
    "/university/me/tasks/",
    "/university/me/electives/",
    "/university/me/documents/",
]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Benchmark GPA/rating and the cabinet and journal pages on the large institution (generate_scale_data)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--code", default=SCALE_CODE)
        parser.add_argument("--samples", type=int, default=40, help="Students and journals to sample.")

    def _client(self, assignment: RoleAssignment) -> Client:
        client = Client()
        client.force_login(assignment.user)
        session = client.session
        session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
        session.save()
        return client

    def _measure(self, client: Client, url: str) -> tuple[float, int]:
        client.get(url)  # warm the connection and templates
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return elapsed, len(queries)

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DEBUG = False
        institution = Institution.objects.filter(code=options["code"]).first()
        if institution is None:
            raise CommandError("Run `manage.py generate_scale_data --students 30000` first.")
        students = Student.objects.filter(institution=institution).count()
        rng = random.Random(7)
        rows: list[tuple[str, str, str, str]] = []

        current = (
            EducationYear.objects.filter(institution=institution, current=True).values_list("code", flat=True).first()
        )
        last_year = (current or 0) - 1  # the last academic year with final grades
        started = time.perf_counter()
        written = gpa_recalculate(institution_id=institution.pk, education_year=last_year)
        year_s = time.perf_counter() - started
        started = time.perf_counter()
        full = gpa_recalculate(institution_id=institution.pk)
        gpa_s = time.perf_counter() - started
        started = time.perf_counter()
        top = list(
            StudentGpa.objects.filter(institution=institution, scope=GpaScope.TOTAL)
            .order_by("faculty_id", "rank_in_faculty")
            .select_related("student__user", "group")[:50]
        )
        groups = (
            StudentGpa.objects.filter(institution=institution, scope=GpaScope.TOTAL)
            .values("group_id")
            .annotate(average=Avg("gpa"))
            .order_by("-average")
        )
        best = list(groups[:30])
        rating_s = time.perf_counter() - started
        rows.append(
            (
                f"GPA + group/faculty ranks for all {students} students: every academic year and cumulative "
                f"({full} rows)",
                f"{gpa_s:.1f} s",
                f"≤ {GPA_TARGET_S:.0f} s",
                f"{gpa_s / GPA_TARGET_S:.2f}",
            )
        )
        rows.append((f"the same for one academic year ({last_year}) ({written} rows)", f"{year_s:.1f} s", "—", "—"))
        rows.append(("rating read (top 50 students, top 30 groups)", f"{rating_s * 1000:.0f} ms", "—", "—"))
        assert top and best

        student_ids = list(
            Student.objects.filter(institution=institution, student_status="11").values_list("pk", flat=True)
        )
        sample = rng.sample(student_ids, min(options["samples"], len(student_ids)))
        timings: dict[str, list[float]] = {u: [] for u in STUDENT_PAGES}
        queries: dict[str, int] = dict.fromkeys(STUDENT_PAGES, 0)
        for sid in sample:
            assignment = RoleAssignment.objects.get(user__student__pk=sid, role=Role.STUDENT)
            client = self._client(assignment)
            for url in STUDENT_PAGES:
                ms, q = self._measure(client, url)
                timings[url].append(ms)
                queries[url] = max(queries[url], q)
        for url in STUDENT_PAGES:
            value = p95(timings[url])
            rows.append(
                (
                    f"student {url} p95 (max {queries[url]} queries)",
                    f"{value:.0f} ms",
                    f"≤ {PAGE_TARGET_MS:.0f} ms",
                    f"{value / PAGE_TARGET_MS:.2f}",
                )
            )

        items = list(TeachingAssignment.objects.filter(institution=institution).values_list("pk", "employee__user_id"))
        journal: dict[str, list[float]] = {"attendance": [], "points": []}
        journal_q = {"attendance": 0, "points": 0}
        for pk, user_id in rng.sample(items, min(options["samples"], len(items))):
            assignment = RoleAssignment.objects.get(user_id=user_id, role=Role.TEACHER)
            client = self._client(assignment)
            for tab in journal:
                ms, q = self._measure(client, f"/university/journal/{pk}/?tab={tab}")
                journal[tab].append(ms)
                journal_q[tab] = max(journal_q[tab], q)
        for tab, values in journal.items():
            value = p95(values)
            rows.append(
                (
                    f"teacher journal ({tab}) p95 (max {journal_q[tab]} queries)",
                    f"{value:.0f} ms",
                    f"≤ {PAGE_TARGET_MS:.0f} ms",
                    f"{value / PAGE_TARGET_MS:.2f}",
                )
            )

        journals = len(journal["points"])
        self.stdout.write(
            f"\nDatabase: {connection.vendor}; {students} students; "
            f"samples: {len(sample)} students, {journals} journals\n"
        )
        self.stdout.write("| measure | result | target | ratio |\n|---|---|---|---|")
        for row in rows:
            self.stdout.write("| " + " | ".join(row) + " |")
