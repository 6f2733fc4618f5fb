"""Build a large university for benchmarks: `manage.py generate_scale_data --students 30000`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from edu.accounts.models import User
from edu.org.models import Institution, RoleAssignment
from edu.org.roles import Role
from edu.university.demo import DEMO_PASSWORD, Size, UniversityBuilder
from edu.university.models import Student

SCALE_CODE = "998"


class Command(BaseCommand):
    help = "Create a separate large institution (code 998) with students, teachers, a semester of timetable, grades."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--students", type=int, default=30000)
        parser.add_argument("--code", default=SCALE_CODE, help="Institution code (default 998).")

    def handle(self, *args: Any, **options: Any) -> None:
        students = options["students"]
        institution, _ = Institution.objects.get_or_create(
            code=options["code"], defaults={"name": "Katta namuna universiteti", "short_name": "KNU"}
        )
        have = Student.objects.filter(institution=institution).count()
        if have:
            self.stdout.write(f"Institution {institution.code} already has {have} students; nothing to do.")
            return
        started = time.perf_counter()
        size = Size(
            students=students, groups=max(1, students // 25), teachers_per_department=max(4, students // 250), rooms=0
        )
        builder = UniversityBuilder(institution, size, seed=998)
        counts = builder.build(phone_prefixes=("97", "98"), area_base=500)
        with transaction.atomic():
            admin, _ = User.objects.get_or_create(
                phone="+998990009998",
                defaults={"surname": "Benchmark", "first_name": "Admin", "password": builder.password},
            )
            for role in (Role.SUPER_ADMIN, Role.ACADEMIC_OFFICE):
                RoleAssignment.objects.get_or_create(user=admin, role=role, institution=institution)
        self.stdout.write(
            self.style.SUCCESS(
                "Built in {:.0f} s: {students} students, {teachers} teachers, {groups} groups, {lessons} lessons, "
                "{gpa_rows} GPA rows. Password of its accounts: {password}.".format(
                    time.perf_counter() - started, password=DEMO_PASSWORD, **counts
                )
            )
        )
