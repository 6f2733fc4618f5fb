"""Demo data: an institution with one account per role and a demo learner.

Idempotent: running it again changes nothing that exists. Later faces (learning, university,
exams) add their own demo data through `DEMO_EXTENSIONS`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from edu.accounts.models import Gender, User
from edu.core.validators import make_pinfl
from edu.org.models import Department, Faculty, Institution, RoleAssignment
from edu.org.roles import Role

DEMO_PASSWORD = "Demo-2026"  # noqa: S105 - printed for the demo on purpose
INSTITUTION_CODE = "999"

# (phone, surname, first name, role or None, scope: "institution" | "faculty" | "department")
PEOPLE: list[tuple[str, str, str, str | None, str]] = [
    ("+998900000001", "Karimov", "Aziz", Role.SUPER_ADMIN, "institution"),
    ("+998900000002", "Rahimova", "Dilnoza", Role.ICT_CENTRE, "institution"),
    ("+998900000003", "Toshmatov", "Bekzod", Role.HR, "institution"),
    ("+998900000004", "Yusupova", "Malika", Role.ACADEMIC_OFFICE, "institution"),
    ("+998900000005", "Qodirov", "Sardor", Role.DEAN, "faculty"),
    ("+998900000006", "Ergasheva", "Nilufar", Role.HEAD_OF_DEPARTMENT, "department"),
    ("+998900000007", "Abdullayev", "Jasur", Role.TEACHER, "department"),
    ("+998900000008", "Mirzayeva", "Gulnora", Role.ACCOUNTING, "institution"),
    ("+998900000009", "Nazarov", "Otabek", Role.RESEARCH_OFFICE, "institution"),
    ("+998900000010", "Saidova", "Zarina", Role.DOCTORATE_OFFICE, "institution"),
    ("+998900000011", "Hasanov", "Ulug'bek", Role.MARKETING, "institution"),
    ("+998900000012", "Olimova", "Sevara", Role.DIPLOMA_OFFICE, "institution"),
    ("+998900000013", "Xolmatov", "Shohruh", Role.STUDENT, "faculty"),
    ("+998900000014", "Islomov", "Rustam", Role.MANAGEMENT, "institution"),
    ("+998900000015", "Tursunova", "Feruza", Role.LIBRARY, "institution"),
    ("+998900000016", "Ahmedov", "Doniyor", Role.DORMITORY, "institution"),
    ("+998900000017", "Umarov", "Farrux", Role.MINISTRY, "institution"),
    ("+998900000018", "Sobirova", "Kamola", Role.LEARNING_EDITOR, "institution"),
    ("+998900000019", "Jo'rayev", "Akmal", Role.EXAM_CENTRE, "institution"),
    ("+998900000020", "Valiyeva", "Madina", None, "institution"),  # demo learner
]
OPERATOR_PHONE = "+998900000000"

FACULTIES = [
    (
        "ITF",
        "Axborot texnologiyalari fakulteti",
        [("DAS", "Dasturiy injiniring kafedrasi"), ("KIB", "Kiberxavfsizlik kafedrasi")],
    ),
    ("IQF", "Iqtisodiyot fakulteti", [("MOL", "Moliya kafedrasi"), ("BUX", "Buxgalteriya hisobi kafedrasi")]),
]

# Other apps add their demo data by listing a callable here: f(institution, stdout) -> None.
DEMO_EXTENSIONS: list[str] = getattr(settings, "DEMO_EXTENSIONS", [])


class Command(BaseCommand):
    help = "Create the demo institution, one account per role and a demo learner (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--list", action="store_true", help="Only print the demo accounts.")
        parser.add_argument("--json", action="store_true", help="Print the accounts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["list"]:
            self._seed()
        accounts = self._accounts()
        if options["json"]:
            self.stdout.write(json.dumps(accounts, ensure_ascii=False))
            return
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for account in accounts:
            roles = ", ".join(f"{r['role']} @ {r['scope']}" for r in account["roles"]) or "learner"
            self.stdout.write(f"  {account['phone']}  {account['name']:<28} {roles}")

    @transaction.atomic
    def _seed(self) -> None:
        institution, _created = Institution.objects.get_or_create(
            code=INSTITUTION_CODE,
            defaults={"name": "Namuna davlat universiteti", "short_name": "NamDU"},
        )
        faculties: list[Faculty] = []
        departments: list[Department] = []
        for code, name, deps in FACULTIES:
            new_faculty, _c = Faculty.objects.get_or_create(institution=institution, code=code, defaults={"name": name})
            faculties.append(new_faculty)
            for dcode, dname in deps:
                new_department, _c = Department.objects.get_or_create(
                    institution=institution, code=dcode, defaults={"name": dname, "faculty": new_faculty}
                )
                departments.append(new_department)
        password = make_password(DEMO_PASSWORD)
        User.objects.get_or_create(
            phone=OPERATOR_PHONE,
            defaults={
                "password": password,
                "surname": "Operator",
                "first_name": "Platforma",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        for index, (phone, surname, first_name, role, scope) in enumerate(PEOPLE, start=1):
            female = first_name in {
                "Dilnoza",
                "Malika",
                "Nilufar",
                "Gulnora",
                "Zarina",
                "Sevara",
                "Feruza",
                "Kamola",
                "Madina",
            }
            birth = dt.date(1980 + index % 20, 1 + index % 12, 1 + index % 27)
            user, _c = User.objects.get_or_create(
                phone=phone,
                defaults={
                    "password": password,
                    "surname": surname,
                    "first_name": first_name,
                    "patronymic": "",
                    "birth_date": birth,
                    "gender": Gender.FEMALE if female else Gender.MALE,
                    "pinfl": make_pinfl(birth_date=birth, male=not female, area=261, serial=index),
                    "passport": f"AB{1000000 + index:07d}",
                    "workplace": institution.name,
                    "position": str(Role(role).label) if role else "Bosh mutaxassis",
                },
            )
            if role is None:
                continue
            faculty: Faculty | None = faculties[0] if scope in {"faculty", "department"} else None
            department: Department | None = departments[0] if scope == "department" else None
            RoleAssignment.objects.get_or_create(
                user=user, role=role, institution=institution, faculty=faculty, department=department
            )
        for path in DEMO_EXTENSIONS:
            import_string(path)(institution=institution, stdout=self.stdout)

    def _accounts(self) -> list[dict[str, Any]]:
        phones = [OPERATOR_PHONE] + [p[0] for p in PEOPLE]
        users = {
            u.phone: u
            for u in User.objects.filter(phone__in=phones).prefetch_related(
                "role_assignments__institution", "role_assignments__faculty", "role_assignments__department"
            )
        }
        result = []
        for phone in phones:
            user = users.get(phone)
            if user is None:
                continue
            roles = [{"role": a.role, "scope": a.scope_label} for a in user.role_assignments.all()]
            if user.is_superuser:
                roles.append({"role": "platform_operator", "scope": "platform"})
            result.append({"phone": phone, "password": DEMO_PASSWORD, "name": user.get_full_name(), "roles": roles})
        return result
