"""Demo and scale data for the university: faculties, departments, curricula, groups, students, teachers, a
semester of timetable with attendance and points, earlier semesters' final grades and GPA.

`seed_university` is registered in `settings.DEMO_EXTENSIONS` (run by `seed_demo`, i.e. on every `make run`):
it builds ~1,000 students once and returns at once when the data exist. `generate_scale_data` uses the same
builder for a large institution (30,000 students) for the benchmarks. Everything is written with
`bulk_create`; this is demo data, so it is not journaled row by row.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from edu.accounts.models import Gender, User
from edu.core.validators import make_pinfl
from edu.org.models import Department, Faculty, Institution, RoleAssignment
from edu.org.roles import Role
from edu.regulation.models import DataKind, DeadlinePeriod
from edu.university import models as m
from edu.university.bulk import fast_insert
from edu.university.services.gpa import gpa_recalculate
from edu.university.services.settings import institution_defaults_ensure

M = TypeVar("M", bound=models.Model)

DEMO_PASSWORD = "Demo-2026"  # noqa: S105 - the demo accounts' password, printed on purpose
BATCH = 5000

MALE = [
    "Aziz",
    "Bekzod",
    "Sardor",
    "Jasur",
    "Otabek",
    "Rustam",
    "Doniyor",
    "Farrux",
    "Akmal",
    "Shohruh",
    "Sanjar",
    "Javohir",
    "Umid",
    "Ulug‘bek",
    "Behruz",
    "Islom",
    "Timur",
    "Sherzod",
    "Alisher",
    "Bobur",
]
FEMALE = [
    "Dilnoza",
    "Malika",
    "Nilufar",
    "Gulnora",
    "Zarina",
    "Sevara",
    "Feruza",
    "Kamola",
    "Madina",
    "Nodira",
    "Shahlo",
    "Mohira",
    "Dildora",
    "Gulchehra",
    "Sabina",
    "Laylo",
    "Munisa",
    "Oydin",
    "Zilola",
    "Yulduz",
]
SURNAMES = [
    "Karimov",
    "Rahimov",
    "Toshmatov",
    "Yusupov",
    "Qodirov",
    "Ergashev",
    "Abdullayev",
    "Mirzayev",
    "Nazarov",
    "Saidov",
    "Hasanov",
    "Olimov",
    "Xolmatov",
    "Islomov",
    "Tursunov",
    "Ahmedov",
    "Umarov",
    "Sobirov",
    "Jo‘rayev",
    "Valiyev",
    "Raximov",
    "Usmonov",
    "Qosimov",
    "Aliyev",
    "Norboyev",
]
PATRONYMIC = ["Anvar", "Baxtiyor", "Davron", "Erkin", "G‘ayrat", "Hamid", "Ilhom", "Komil", "Laziz", "Mansur"]

FACULTIES = [
    (
        "ITF",
        "Axborot texnologiyalari fakulteti",
        [
            ("DAS", "Dasturiy injiniring kafedrasi"),
            ("KIB", "Kiberxavfsizlik kafedrasi"),
            ("AXT", "Axborot tizimlari kafedrasi"),
            ("MAT", "Oliy matematika kafedrasi"),
        ],
        [("60610500", "Dasturiy injiniring"), ("60611100", "Kiberxavfsizlik")],
    ),
    (
        "IQF",
        "Iqtisodiyot fakulteti",
        [
            ("MOL", "Moliya kafedrasi"),
            ("BUX", "Buxgalteriya hisobi kafedrasi"),
            ("IQN", "Iqtisodiyot nazariyasi kafedrasi"),
            ("MEN", "Menejment kafedrasi"),
        ],
        [("60410100", "Iqtisodiyot"), ("60410400", "Moliya va moliyaviy texnologiyalar")],
    ),
    (
        "PED",
        "Pedagogika fakulteti",
        [
            ("PED", "Pedagogika kafedrasi"),
            ("PSI", "Psixologiya kafedrasi"),
            ("XTL", "Xorijiy tillar kafedrasi"),
            ("JTS", "Jismoniy tarbiya kafedrasi"),
        ],
        [("60110100", "Pedagogika"), ("60111800", "Xorijiy til va adabiyoti")],
    ),
]
SUBJECT_WORDS = ["asoslari", "nazariyasi", "amaliyoti", "tahlili", "texnologiyalari", "metodlari"]


def _bulk(model: type[M], rows: Iterable[M]) -> list[M]:
    return model._default_manager.bulk_create(list(rows), batch_size=BATCH)


def academic_year_of(day: dt.date) -> int:
    return day.year if day.month >= 8 else day.year - 1


@dataclass
class Size:
    students: int = 1000
    groups: int = 40
    teachers_per_department: int = 10
    rooms: int = 60


class UniversityBuilder:
    """Builds a university's teaching data in an institution that already has its faculties' names."""

    def __init__(self, institution: Institution, size: Size, *, seed: int = 2026, today: dt.date | None = None) -> None:
        self.institution = institution
        self.size = size
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.year = academic_year_of(self.today)
        self.password = make_password(DEMO_PASSWORD)
        self._phone_seq = 0
        self._pinfl_seq = 0

    # --- people ----------------------------------------------------------------------------------------------

    def _phone(self, prefix: str) -> str:
        self._phone_seq += 1
        return f"+998{prefix}{self._phone_seq:07d}"

    def _person(self, *, phone: str, birth_year: int, area_base: int) -> dict[str, Any]:
        self._pinfl_seq += 1
        male = self.rng.random() < 0.5
        birth = dt.date(birth_year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        n = self._pinfl_seq
        surname = self.rng.choice(SURNAMES) + ("" if male else "a")
        return {
            "phone": phone,
            "password": self.password,
            "surname": surname,
            "first_name": self.rng.choice(MALE if male else FEMALE),
            "patronymic": self.rng.choice(PATRONYMIC) + ("ovich" if male else "ovna"),
            "birth_date": birth,
            "gender": Gender.MALE if male else Gender.FEMALE,
            "pinfl": make_pinfl(birth_date=birth, male=male, area=area_base + n // 999, serial=1 + n % 999),
            "passport": f"A{'BCDEFGHK'[n % 8]}{n:07d}",
            "language": "uz",
        }

    # --- the build -------------------------------------------------------------------------------------------

    @transaction.atomic
    def build(self, *, phone_prefixes: tuple[str, str] = ("93", "94"), area_base: int = 300) -> dict[str, int]:
        institution_defaults_ensure(institution_id=self.institution.pk)
        self._calendar()
        self._rooms()
        faculties = self._structure()
        self._study_plans(faculties)
        self._people(phone_prefixes, area_base)
        self._teaching()
        self._history()
        self._movements()
        DeadlinePeriod.objects.get_or_create(
            institution=self.institution,
            kind=DataKind.GRADES,
            period_start=self.previous_term[0],
            period_end=self.previous_term[1],
            defaults={
                "title": "O‘tgan semestr baholari",
                "due_at": timezone.make_aware(
                    dt.datetime.combine(self.previous_term[1] + dt.timedelta(days=10), dt.time(18))
                ),
            },
        )
        rows = gpa_recalculate(institution_id=self.institution.pk)
        return {
            "students": len(self.students),
            "teachers": len(self.teachers),
            "groups": len(self.groups),
            "lessons": self.lesson_count,
            "gpa_rows": rows,
        }

    def _calendar(self) -> None:
        y = self.year
        self.years = {}
        for code in range(y - 4, y + 5):
            self.years[code], _ = m.EducationYear.objects.get_or_create(institution=self.institution, code=code)
        m.EducationYear.objects.filter(institution=self.institution).update(current=False)
        m.EducationYear.objects.filter(pk=self.years[y].pk).update(current=True)
        autumn = (dt.date(y, 9, 2), dt.date(y + 1, 1, 25))
        spring = (dt.date(y + 1, 2, 1), dt.date(y + 1, 6, 30))
        for code in range(y - 4, y + 5):
            for kind, (start, end) in (
                ("11", (dt.date(code, 9, 2), dt.date(code + 1, 1, 25))),
                ("12", (dt.date(code + 1, 2, 1), dt.date(code + 1, 6, 30))),
            ):
                m.Term.objects.get_or_create(
                    institution=self.institution,
                    education_year=self.years[code],
                    semester_type=kind,
                    defaults={"start_date": start, "end_date": end},
                )
        in_spring = self.today >= spring[0]
        self.term = spring if in_spring else autumn
        self.previous_term = autumn if in_spring else (dt.date(y, 2, 1), dt.date(y, 6, 30))
        m.Term.objects.filter(institution=self.institution).update(current=False)
        m.Term.objects.filter(education_year=self.years[y], semester_type="12" if in_spring else "11").update(
            current=True
        )
        self.in_spring = in_spring

    def _rooms(self) -> None:
        self.rooms: list[m.Auditorium] = []
        if not self.size.rooms:
            return
        buildings = [
            m.Building.objects.get_or_create(
                institution=self.institution, name=f"{n}-bino", defaults={"address": "Universitet ko‘chasi, 1"}
            )[0]
            for n in (1, 2, 3)
        ]
        rows = []
        for i in range(self.size.rooms):
            building = buildings[i % 3]
            kind = "11" if i % 5 == 0 else ("12" if i % 5 == 1 else "13")
            capacity = 120 if kind == "11" else 32
            rows.append(
                m.Auditorium(
                    institution=self.institution,
                    building=building,
                    name=f"{100 + i}",
                    auditorium_type=kind,
                    capacity=capacity,
                )
            )
        self.rooms = _bulk(m.Auditorium, rows)

    def _structure(self) -> list[tuple[Faculty, list[Department], list[tuple[str, str]]]]:
        result = []
        for code, name, departments, specialties in FACULTIES:
            faculty, _ = Faculty.objects.get_or_create(institution=self.institution, code=code, defaults={"name": name})
            deps = [
                Department.objects.get_or_create(
                    institution=self.institution, code=dcode, defaults={"name": dname, "faculty": faculty}
                )[0]
                for dcode, dname in departments
            ]
            result.append((faculty, deps, specialties))
        return result

    def _study_plans(self, faculties: list[tuple[Faculty, list[Department], list[tuple[str, str]]]]) -> None:
        system = m.MarkingSystem.objects.get(institution=self.institution, code="13")
        self.departments = [d for _f, deps, _s in faculties for d in deps]
        subjects_by_department: dict[int, list[m.Subject]] = {}
        subject_rows = []
        for d in self.departments:
            for k in range(12):
                subject_rows.append(
                    m.Subject(
                        institution=self.institution,
                        department=d,
                        code=f"{d.code}{101 + k}",
                        name=f"{d.name.replace(' kafedrasi', '')} {SUBJECT_WORDS[k % 6]} {k // 6 + 1}",
                    )
                )
        for s in _bulk(m.Subject, subject_rows):
            subjects_by_department.setdefault(s.department_id, []).append(s)
        self.curricula: list[m.Curriculum] = []
        specialty_rows, curriculum_rows = [], []
        for faculty, _deps, specialties in faculties:
            for scode, sname in specialties:
                specialty_rows.append(
                    m.Specialty(
                        institution=self.institution,
                        faculty=faculty,
                        code=scode,
                        name=sname,
                        qualification=f"{sname} bakalavri",
                    )
                )
        specialties_saved = _bulk(m.Specialty, specialty_rows)
        for specialty in specialties_saved:
            for entry in range(self.year - 3, self.year + 1):
                curriculum_rows.append(
                    m.Curriculum(
                        institution=self.institution,
                        faculty_id=specialty.faculty_id,
                        specialty=specialty,
                        education_year=self.years[entry],
                        marking_system=system,
                        name=f"{specialty.name} {entry}",
                        semester_count=8,
                    )
                )
        self.curricula = _bulk(m.Curriculum, curriculum_rows)
        semester_rows = []
        terms = {(t.education_year_id, t.semester_type): t for t in m.Term.objects.filter(institution=self.institution)}
        for c in self.curricula:
            entry = c.education_year.code
            for n in range(1, 9):
                year = self.years[entry + (n - 1) // 2]
                term = terms[(year.pk, "11" if n % 2 else "12")]
                semester_rows.append(
                    m.CurriculumSemester(
                        institution=self.institution,
                        curriculum=c,
                        code=str(10 + n),
                        level=str(10 + (n + 1) // 2),
                        education_year=year,
                        start_date=term.start_date,
                        end_date=term.end_date,
                    )
                )
        _bulk(m.CurriculumSemester, semester_rows)
        # Five mandatory subjects a semester from the faculty's departments; two electives (one block) now.
        faculty_departments: dict[int | None, list[Department]] = defaultdict(list)
        for d in self.departments:
            faculty_departments[d.faculty_id].append(d)
        cs_rows = []
        for c in self.curricula:
            current = self.current_semester_code(c)
            pool = [s for d in faculty_departments[c.faculty_id] for s in subjects_by_department[d.pk]]
            for n in range(1, 9):
                code = str(10 + n)
                picked = [pool[(n * 5 + k) % len(pool)] for k in range(5)]
                for position, subject in enumerate(picked, start=1):
                    cs_rows.append(
                        m.CurriculumSubject(
                            institution=self.institution,
                            faculty_id=c.faculty_id,
                            department_id=subject.department_id,
                            curriculum=c,
                            subject=subject,
                            semester=code,
                            credit=Decimal(6 if position < 3 else 5 if position < 5 else 4),
                            total_acload=180,
                            rating_grade="11",
                            position=position,
                        )
                    )
                if code == current:
                    for k, subject in enumerate(pool[-2:]):
                        cs_rows.append(
                            m.CurriculumSubject(
                                institution=self.institution,
                                faculty_id=c.faculty_id,
                                department_id=subject.department_id,
                                curriculum=c,
                                subject=subject,
                                semester=code,
                                subject_type="12",
                                credit=Decimal(4),
                                total_acload=120,
                                elective_block="1",
                                capacity=40,
                                position=10 + k,
                            )
                        )
        self.curriculum_subjects = _bulk(m.CurriculumSubject, cs_rows)
        details, exams = [], []
        for cs in self.curriculum_subjects:
            lecture, practice = (30, 30) if not cs.is_elective else (30, 16)
            details += [
                m.CurriculumSubjectDetail(curriculum_subject=cs, training_type="11", academic_load=lecture),
                m.CurriculumSubjectDetail(curriculum_subject=cs, training_type="13", academic_load=practice),
                m.CurriculumSubjectDetail(
                    curriculum_subject=cs, training_type="17", academic_load=cs.total_acload - lecture - practice
                ),
            ]
            exams += [
                m.CurriculumSubjectExamType(curriculum_subject=cs, exam_type=t, max_ball=Decimal(b))
                for t, b in (("11", 30), ("12", 20), ("13", 50))
            ]
        _bulk(m.CurriculumSubjectDetail, details)
        _bulk(m.CurriculumSubjectExamType, exams)
        now = timezone.now()
        _bulk(
            m.ElectiveWindow,
            [
                m.ElectiveWindow(
                    institution=self.institution,
                    faculty_id=c.faculty_id,
                    curriculum=c,
                    semester=self.current_semester_code(c),
                    opens_at=now - dt.timedelta(days=3),
                    closes_at=now + dt.timedelta(days=30),
                )
                for c in self.curricula
            ],
        )

    def current_semester_code(self, curriculum: m.Curriculum) -> str:
        course = self.year - curriculum.education_year.code  # 0 for first-years
        return str(10 + course * 2 + (2 if self.in_spring else 1))

    def _people(self, prefixes: tuple[str, str], area_base: int) -> None:
        # Groups spread over the curricula (newer intakes first).
        order = sorted(self.curricula, key=lambda c: (-c.education_year.code, c.pk))
        group_rows = []
        for i in range(self.size.groups):
            c = order[i % len(order)]
            short = "".join(w[0] for w in c.specialty.name.split()[:2]).upper()
            group_rows.append(
                m.StudentGroup(
                    institution=self.institution,
                    faculty_id=c.faculty_id,
                    specialty_id=c.specialty_id,
                    curriculum=c,
                    name=f"{short}-{c.education_year.code % 100}-{i + 1:02d}",
                    education_lang="11" if i % 5 else "12",
                )
            )
        self.groups = _bulk(m.StudentGroup, group_rows)
        self.group_by_id = {g.pk: g for g in self.groups}
        per_group = max(1, self.size.students // len(self.groups))
        users = [
            self._person(
                phone=self._phone(prefixes[0]), birth_year=g.curriculum.education_year.code - 18, area_base=area_base
            )
            for g in self.groups
            for _ in range(per_group)
        ]
        user_ids = fast_insert(User, users, ids=True)
        prefix = f"{self.institution.code[:3]:0>3}"
        rows: list[dict[str, Any]] = []
        for index, user_id in enumerate(user_ids):
            g = self.groups[index // per_group]
            c = g.curriculum
            code = self.current_semester_code(c)
            rows.append(
                {
                    "institution_id": self.institution.pk,
                    "faculty_id": g.faculty_id,
                    "user_id": user_id,
                    "student_id_number": f"{prefix}{c.education_year.code % 100:02d}11{index + 1:05d}",
                    "group_id": g.pk,
                    "specialty_id": g.specialty_id,
                    "curriculum_id": c.pk,
                    "education_lang": g.education_lang,
                    "payment_form": "11" if self.rng.random() < 0.35 else "12",
                    "year_of_enter": c.education_year.code,
                    "semester": code,
                    "level": str(10 + (int(code) - 9) // 2),
                    "province": self.rng.choice(["1703", "1706", "1710", "1714", "1718", "1726", "1727", "1730"]),
                    "nationality": "1161",
                    "accommodation": self.rng.choice(["11", "11", "14", "15"]),
                }
            )
        for row, pk in zip(rows, fast_insert(m.Student, rows, ids=True), strict=True):
            row["pk"] = pk
        self.students = rows
        fast_insert(
            RoleAssignment,
            [
                {
                    "user_id": r["user_id"],
                    "role": Role.STUDENT,
                    "institution_id": self.institution.pk,
                    "faculty_id": None,
                    "department_id": None,
                }
                for r in rows
            ],
        )
        teacher_users = [
            self._person(
                phone=self._phone(prefixes[1]), birth_year=self.rng.randint(1960, 1995), area_base=area_base + 400
            )
            for _ in range(len(self.departments) * self.size.teachers_per_department)
        ]
        teacher_ids = fast_insert(User, teacher_users, ids=True)
        teachers: list[dict[str, Any]] = []
        for i, user_id in enumerate(teacher_ids):
            d = self.departments[i % len(self.departments)]
            teachers.append(
                {
                    "institution_id": self.institution.pk,
                    "faculty_id": d.faculty_id,
                    "department_id": d.pk,
                    "user_id": user_id,
                    "employee_id_number": f"{prefix}8{i + 1:06d}",
                    "academic_degree": "11" if i % 3 == 0 else "10",
                }
            )
        for row, pk in zip(teachers, fast_insert(m.Employee, teachers, ids=True), strict=True):
            row["pk"] = pk
        self.teachers = teachers
        start = dt.date(self.year - 5, 9, 1)
        fast_insert(
            m.Employment,
            [
                {
                    "institution_id": self.institution.pk,
                    "employee_id": e["pk"],
                    "faculty_id": e["faculty_id"],
                    "department_id": e["department_id"],
                    "position": self.rng.choice(["12", "13", "13", "14", "15"]),
                    "start_date": start,
                }
                for e in teachers
            ],
        )
        fast_insert(
            RoleAssignment,
            [
                {
                    "user_id": e["user_id"],
                    "role": Role.TEACHER,
                    "institution_id": self.institution.pk,
                    "faculty_id": e["faculty_id"],
                    "department_id": e["department_id"],
                }
                for e in teachers
            ],
        )

    def _teaching(self) -> None:
        """This semester: a lecture and a practical per subject and group, weekly, without clashes."""
        by_department: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for e in self.teachers:
            by_department[e["department_id"]].append(e)
        cs_by_curriculum: dict[tuple[int, str], list[m.CurriculumSubject]] = defaultdict(list)
        for cs in self.curriculum_subjects:
            cs_by_curriculum[(cs.curriculum_id, cs.semester)].append(cs)
        assignments: list[dict[str, Any]] = []
        load: dict[int, int] = defaultdict(int)
        for g in self.groups:
            for cs in cs_by_curriculum[(g.curriculum_id, self.current_semester_code(g.curriculum))]:
                staff = by_department[cs.department_id]
                for training in ("11", "13"):
                    teacher = min(staff, key=lambda e: (load[e["pk"]], e["pk"]))
                    load[teacher["pk"]] += 1
                    assignments.append(
                        {
                            "institution_id": self.institution.pk,
                            "faculty_id": g.faculty_id,
                            "department_id": cs.department_id,
                            "curriculum_subject_id": cs.pk,
                            "group_id": g.pk,
                            "training_type": training,
                            "employee_id": teacher["pk"],
                        }
                    )
        for row, pk in zip(assignments, fast_insert(m.TeachingAssignment, assignments, ids=True), strict=True):
            row["pk"] = pk
        self.assignments = assignments
        pairs = list(m.LessonPair.objects.filter(institution=self.institution).order_by("code"))
        slots = [(day, pair) for pair in pairs[:6] for day in range(6)]
        busy: set[tuple[str, int, int, int]] = set()
        rooms_by_kind = {
            "11": [r for r in self.rooms if r.auditorium_type == "11"],
            "13": [r for r in self.rooms if r.auditorium_type != "11"],
        }
        placed = []
        for a in assignments:
            for day, pair in slots:
                if ("g", a["group_id"], day, pair.pk) in busy or ("t", a["employee_id"], day, pair.pk) in busy:
                    continue
                room = next(
                    (r for r in rooms_by_kind[a["training_type"]] if ("r", r.pk, day, pair.pk) not in busy), None
                )
                if self.rooms and room is None:
                    continue
                busy.update({("g", a["group_id"], day, pair.pk), ("t", a["employee_id"], day, pair.pk)})
                if room is not None:
                    busy.add(("r", room.pk, day, pair.pk))
                placed.append((a, day, pair, room))
                break
        start, end = self.term
        monday = start - dt.timedelta(days=start.weekday())
        lessons = []
        for a, day, pair, room in placed:
            current = monday + dt.timedelta(days=day)
            while current <= end:
                if current >= start:
                    lessons.append(
                        {
                            "institution_id": self.institution.pk,
                            "faculty_id": a["faculty_id"],
                            "department_id": a["department_id"],
                            "assignment_id": a["pk"],
                            "group_id": a["group_id"],
                            "curriculum_subject_id": a["curriculum_subject_id"],
                            "training_type": a["training_type"],
                            "employee_id": a["employee_id"],
                            "auditorium_id": room.pk if room is not None else None,
                            "lesson_pair_id": pair.pk,
                            "lesson_date": current,
                            "topic_id": None,
                            "held": current <= self.today,
                        }
                    )
                current += dt.timedelta(days=7)
        for row, pk in zip(lessons, fast_insert(m.Lesson, lessons, ids=True), strict=True):
            row["pk"] = pk
        self.lesson_count = len(lessons)
        students_by_group: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for s in self.students:
            students_by_group[s["group_id"]].append(s)
        absences = []
        random_value = self.rng.random
        for lesson in lessons:
            if not lesson["held"]:
                continue
            for s in students_by_group[lesson["group_id"]]:
                roll = random_value()
                if roll < 0.06:
                    excused = roll < 0.025
                    absences.append(
                        {
                            "institution_id": self.institution.pk,
                            "faculty_id": lesson["faculty_id"],
                            "department_id": lesson["department_id"],
                            "lesson_id": lesson["pk"],
                            "student_id": s["pk"],
                            "group_id": lesson["group_id"],
                            "curriculum_subject_id": lesson["curriculum_subject_id"],
                            "lesson_date": lesson["lesson_date"],
                            "absent_on": 2 if excused else 0,
                            "absent_off": 0 if excused else 2,
                        }
                    )
        fast_insert(m.Attendance, absences)
        # Points of the current semester so far: JN after a month, ON after two.
        points = []
        for a in assignments:
            if a["training_type"] != "13":
                continue
            for exam_type, limit, after in (("11", 30, 30), ("12", 20, 60)):
                when = self.term[0] + dt.timedelta(days=after)
                if when > self.today:
                    continue
                for s in students_by_group[a["group_id"]]:
                    value = round(min(limit, max(0, self.rng.gauss(self._ability(s["pk"]) * limit, limit * 0.12))))
                    points.append(
                        {
                            "institution_id": self.institution.pk,
                            "faculty_id": a["faculty_id"],
                            "department_id": a["department_id"],
                            "student_id": s["pk"],
                            "group_id": a["group_id"],
                            "curriculum_subject_id": a["curriculum_subject_id"],
                            "exam_type": exam_type,
                            "points": Decimal(value),
                            "exam_date": when,
                            "employee_id": a["employee_id"],
                        }
                    )
        fast_insert(m.Performance, points)

    @staticmethod
    def _ability(pk: int) -> float:
        return 0.62 + 0.36 * ((pk * 7919) % 100) / 100

    def _history(self) -> None:
        """Approved final grades of the semesters each student has finished."""
        by_curriculum: dict[int, list[m.CurriculumSubject]] = defaultdict(list)
        for cs in self.curriculum_subjects:
            if not cs.is_elective:
                by_curriculum[cs.curriculum_id].append(cs)
        semesters = {
            (s.curriculum_id, s.code): s for s in m.CurriculumSemester.objects.filter(institution=self.institution)
        }
        year_code = {y.pk: y.code for y in self.years.values()}
        borders = [(5, 90), (4, 70), (3, 60), (2, 0)]
        records = []
        for s in self.students:
            current = int(s["semester"])
            ability = self._ability(s["pk"])
            for cs in by_curriculum[s["curriculum_id"]]:
                if int(cs.semester) >= current:
                    continue
                total = max(0.0, min(100.0, self.rng.gauss(ability * 100, 11)))
                grade = next(g for g, b in borders if total >= b)
                sem = semesters[(s["curriculum_id"], cs.semester)]
                records.append(
                    {
                        "institution_id": self.institution.pk,
                        "faculty_id": s["faculty_id"],
                        "department_id": cs.department_id,
                        "student_id": s["pk"],
                        "group_id": s["group_id"],
                        "curriculum_subject_id": cs.pk,
                        "education_year": year_code[sem.education_year_id],
                        "semester": cs.semester,
                        "subject_name": cs.subject.name,
                        "credit": cs.credit,
                        "total_point": Decimal(f"{total:.1f}"),
                        "grade": grade,
                        "rating_grade": "11",
                        "record_date": sem.end_date,
                        "status": m.RecordStatus.APPROVED,
                        "batch_id": None,
                    }
                )
        fast_insert(m.AcademicRecord, records)

    def _movements(self) -> None:
        """A few applied orders (academic leave, expulsion) so the movement report has something to show."""
        if len(self.students) < 20:
            return
        maker = User.objects.filter(is_superuser=True).first() or User.objects.get(pk=self.students[0]["user_id"])
        picked = self.rng.sample(self.students, 8)
        for n, (kind, status, chosen) in enumerate((("12", "13", picked[:4]), ("11", "12", picked[4:7]))):
            by_faculty: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for s in chosen:
                by_faculty[s["faculty_id"]].append(s)
            for faculty_id, students in by_faculty.items():
                date = self.term[0] + dt.timedelta(days=20 + 7 * n)
                decree = m.Decree.objects.create(
                    institution=self.institution,
                    faculty_id=faculty_id,
                    decree_type=kind,
                    number=f"{faculty_id}-{kind}-{n + 1}",
                    date=date,
                    status=m.DecreeStatus.APPLIED,
                    created_by=maker,
                    applied_at=timezone.now(),
                )
                for s in students:
                    m.DecreeStudent.objects.create(
                        decree=decree, student_id=s["pk"], reason="12" if kind == "12" else "11"
                    )
                    m.StudentMovement.objects.create(
                        institution=self.institution,
                        faculty_id=faculty_id,
                        student_id=s["pk"],
                        decree=decree,
                        decree_type=kind,
                        order_number=decree.number,
                        order_date=date,
                        from_status="11",
                        to_status=status,
                        from_group_id=s["group_id"],
                        to_group_id=s["group_id"],
                        from_level=s["level"],
                        to_level=s["level"],
                    )
                    m.Student.objects.filter(pk=s["pk"]).update(student_status=status)


def _link_demo_accounts(institution: Institution, builder: UniversityBuilder | None) -> None:
    """Give the demo accounts of seed_demo records to work with: the student a group, the teacher lessons."""
    by_role = {
        a.role: a for a in RoleAssignment.objects.filter(institution=institution, user__phone__startswith="+9989000000")
    }
    student_role = by_role.get(Role.STUDENT)
    if student_role and not m.Student.objects.filter(user_id=student_role.user_id).exists():
        group = (
            m.StudentGroup.objects.filter(institution=institution, faculty__code="ITF")
            .order_by("-curriculum__education_year__code", "name")
            .first()
        )
        if group is not None:
            template = m.Student.objects.filter(group=group).first()
            if template is not None:
                m.Student.objects.create(
                    institution=institution,
                    faculty_id=group.faculty_id,
                    user_id=student_role.user_id,
                    student_id_number=f"{institution.code[:3]:0>3}{group.curriculum.education_year.code % 100:02d}"
                    "1199999",
                    group=group,
                    specialty_id=group.specialty_id,
                    curriculum_id=group.curriculum_id,
                    year_of_enter=template.year_of_enter,
                    semester=template.semester,
                    level=template.level,
                )
    for role in (Role.TEACHER, Role.HEAD_OF_DEPARTMENT):
        assignment = by_role.get(role)
        if assignment is None or assignment.department_id is None:
            continue
        if m.Employee.objects.filter(user_id=assignment.user_id).exists():
            continue
        employee = m.Employee.objects.create(
            institution=institution,
            faculty_id=assignment.faculty_id,
            department_id=assignment.department_id,
            user_id=assignment.user_id,
            employee_id_number=f"{institution.code[:3]:0>3}70000{1 if role == Role.TEACHER else 2}",
        )
        m.Employment.objects.create(
            institution=institution,
            employee=employee,
            faculty_id=assignment.faculty_id,
            department_id=assignment.department_id,
            position="13" if role == Role.TEACHER else "16",
            start_date=dt.date(2020, 9, 1),
        )
        if role == Role.TEACHER:
            # The demo teacher takes over a handful of the department's classes, including the demo student's group.
            demo_group = (
                m.Student.objects.filter(user_id=by_role[Role.STUDENT].user_id)
                .values_list("group_id", flat=True)
                .first()
                if Role.STUDENT in by_role
                else None
            )
            items = m.TeachingAssignment.objects.filter(department_id=assignment.department_id)
            first = items.filter(group_id=demo_group).order_by("pk")[:2] if demo_group else items.none()
            chosen = list(first) + list(items.exclude(pk__in=[a.pk for a in first]).order_by("pk")[:4])
            for item in chosen:
                old = item.employee_id
                m.TeachingAssignment.objects.filter(pk=item.pk).update(employee=employee)
                m.Lesson.objects.filter(assignment=item).update(employee=employee)
                m.Performance.objects.filter(
                    curriculum_subject_id=item.curriculum_subject_id, group_id=item.group_id, employee_id=old
                ).update(employee=employee)


STAFF_CRITERIA = (
    ("teacher", "Ilmiy maqolalar (Scopus, Web of Science)", 30),
    ("teacher", "O‘quv-uslubiy qo‘llanma va darsliklar", 20),
    ("teacher", "Talabalar so‘rovnomasi natijasi", 25),
    ("department", "Grant va xo‘jalik shartnomalari", 40),
    ("department", "Ilmiy darajali o‘qituvchilar ulushi", 30),
    ("faculty", "Talabalar o‘zlashtirishi", 50),
    ("faculty", "Bitiruvchilarni ish bilan ta’minlash", 50),
)
WORK_TITLES = (
    ("methodological", "“{subject}” fanidan uslubiy qo‘llanma"),
    ("methodological", "“{subject}” fanidan ma’ruzalar matni"),
    ("research", "“{subject}” sohasida ilmiy maqola"),
    ("research", "Respublika ilmiy-amaliy anjumanida ma’ruza"),
    ("educational", "Talabalar bilan ma’naviy-ma’rifiy tadbir"),
)


def seed_staff_ratings(*, institution: Institution, seed: int = 2026) -> int:
    """Rating criteria of the current academic year with points for every teacher, department and faculty, and
    teachers' work entries (some approved, some waiting). Idempotent: nothing when points exist."""
    year = m.EducationYear.objects.filter(institution=institution, current=True).first()
    if year is None or m.RatingScore.objects.filter(institution=institution).exists():
        return 0
    rng = random.Random(seed)
    criteria = [
        m.RatingCriterion.objects.get_or_create(
            institution=institution,
            education_year=year,
            target=target,
            name=name,
            defaults={"max_points": Decimal(maximum)},
        )[0]
        for target, name, maximum in STAFF_CRITERIA
    ]
    teachers = list(m.Employee.objects.filter(institution=institution, employee_type="12", department__isnull=False))
    subjects: dict[str, list[Any]] = {
        "teacher": teachers,
        "department": list(Department.objects.filter(institution=institution)),
        "faculty": list(Faculty.objects.filter(institution=institution)),
    }
    field = {"teacher": "employee", "department": "department", "faculty": "faculty"}
    scores = [
        m.RatingScore(
            institution=institution,
            criterion=c,
            points=Decimal(rng.randint(int(c.max_points) // 4, int(c.max_points))),
            **{field[c.target]: who},
        )
        for c in criteria
        for who in subjects[c.target]
    ]
    _bulk(m.RatingScore, scores)
    names = list(m.Subject.objects.filter(institution=institution).values_list("name", flat=True)[:50]) or ["Fan"]
    works = []
    for teacher in teachers:
        department_id = teacher.department_id
        if department_id is None:
            continue
        for _ in range(rng.randint(1, 3)):  # every teacher has some, so "My rating" shows statuses in the demo
            kind, title = rng.choice(WORK_TITLES)
            status = rng.choice(["approved", "approved", "pending", "rejected"])
            works.append(
                m.TeacherWork(
                    institution=institution,
                    faculty_id=teacher.faculty_id,
                    department_id=department_id,
                    employee=teacher,
                    kind=kind,
                    title=title.format(subject=rng.choice(names)),
                    year=year.code,
                    hours=Decimal(rng.choice([2, 4, 6, 10, 20])),
                    status=status,
                    comment="" if status != "rejected" else "Hujjat ilova qilinmagan",
                )
            )
    _bulk(m.TeacherWork, works)
    return len(scores)


def seed_exams(*, institution: Institution) -> int:
    """The current semester's exam schedule: a midterm (12) mid-term and a final (13) at the term's end for every
    subject a group is taught, in the day's last two pairs (lessons use the first six), with no group, examiner
    or room booked twice. Once per institution; bulk-inserted (demo data, not journaled row by row)."""
    if m.ExamSchedule.objects.filter(institution=institution).exists():
        return 0
    term = m.Term.objects.filter(institution=institution, current=True).first()
    pairs = list(m.LessonPair.objects.filter(institution=institution).order_by("code"))[-2:]
    rooms = list(m.Auditorium.objects.filter(institution=institution, active=True, capacity__gte=25).order_by("name"))
    if term is None or not pairs or not rooms:
        return 0
    chosen: dict[tuple[int, int], Any] = {}
    for a in m.TeachingAssignment.objects.filter(institution=institution).order_by("group_id", "training_type", "pk"):
        # The practical's teacher examines when there is one (training type 13 sorts last).
        chosen[(a.group_id, a.curriculum_subject_id)] = a
    semester_years = {
        (c, code): year
        for c, code, year in m.CurriculumSemester.objects.filter(institution=institution).values_list(
            "curriculum_id", "code", "education_year_id"
        )
    }
    subjects = {cs.pk: cs for cs in m.CurriculumSubject.objects.filter(institution=institution)}
    curricula: dict[int, int] = dict(
        m.StudentGroup.objects.filter(institution=institution).values_list("pk", "curriculum_id")
    )
    busy: set[tuple[str, int, dt.date, int]] = set()
    rows = []
    index: dict[int, int] = defaultdict(int)
    for (group_id, cs_id), a in sorted(chosen.items()):
        k = index[group_id]
        index[group_id] += 1
        cs = subjects[cs_id]
        for exam_type, base in (
            ("12", term.start_date + dt.timedelta(days=56)),
            ("13", term.end_date - dt.timedelta(days=14)),
        ):
            day = base + dt.timedelta(days=k // len(pairs))
            pair = pairs[k % len(pairs)]
            for _attempt in range(30):
                if (
                    day.weekday() == 6
                    or ("g", group_id, day, pair.pk) in busy
                    or ("t", a.employee_id, day, pair.pk) in busy
                ):
                    day += dt.timedelta(days=1)
                    continue
                room = next((r for r in rooms if ("r", r.pk, day, pair.pk) not in busy), None)
                if room is None:
                    day += dt.timedelta(days=1)
                    continue
                busy.update(
                    {("g", group_id, day, pair.pk), ("t", a.employee_id, day, pair.pk), ("r", room.pk, day, pair.pk)}
                )
                rows.append(
                    m.ExamSchedule(
                        institution_id=institution.pk,
                        faculty_id=a.faculty_id,
                        group_id=group_id,
                        curriculum_subject_id=cs_id,
                        education_year_id=semester_years.get((curricula[group_id], cs.semester)),
                        exam_type=exam_type,
                        final_exam_type="11",
                        exam_date=day,
                        lesson_pair=pair,
                        auditorium=room,
                        employee_id=a.employee_id,
                    )
                )
                break
    return len(_bulk(m.ExamSchedule, rows))


def seed_university(*, institution: Institution, stdout: Any) -> None:
    """seed_demo extension: ~1,000 students and ~120 teachers once; a quick return when they exist."""
    size = settings.DEMO_UNIVERSITY_STUDENTS
    if not size:
        return
    if m.Student.objects.filter(institution=institution).exists():
        seed_staff_ratings(institution=institution)
        seed_exams(institution=institution)
        stdout.write("University demo data: present.")
        return
    builder = UniversityBuilder(
        institution, Size(students=size, groups=max(1, size // 25), teachers_per_department=10, rooms=60)
    )
    counts = builder.build()
    _link_demo_accounts(institution, builder)
    seed_staff_ratings(institution=institution)
    counts["exams"] = seed_exams(institution=institution)
    stdout.write(
        "University demo data: {students} students, {teachers} teachers, {groups} groups, {lessons} lessons, "
        "{exams} exam sittings.".format(**counts)
    )
