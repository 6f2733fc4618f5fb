"""Data for `make bench-exam`: an institution, 10 pools, the 60-question blueprint and N takers with API tokens.

Tokens are deterministic ("bench-<n>") so the load generator knows them. For benchmark databases only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from edu.accounts.models import ApiToken, User
from edu.assessment.models import Audience, Blueprint, BlueprintSection, Choice, Question, QuestionPool
from edu.org.models import Institution


class Command(BaseCommand):
    help = "Create benchmark data (refuses to run on a database that already has users)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--takers", type=int, default=10000)
        parser.add_argument("--pools", type=int, default=10)
        parser.add_argument("--questions", type=int, default=100, help="questions per pool")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.exists():
            raise CommandError("bench_fixture runs only on an empty database")
        institution = Institution.objects.create(name="Bench", code="BENCH")
        blueprint = Blueprint.objects.create(
            institution=institution,
            title="Bench 60",
            time_limit_minutes=60,
            audience=Audience.EVERYONE,
            is_published=True,
            attempts_allowed=None,
        )
        for p in range(options["pools"]):
            pool = QuestionPool.objects.create(institution=institution, name=f"Pool {p}", code=f"B{p}")
            questions = Question.objects.bulk_create(
                Question(pool=pool, text=f"Question {p}.{i}?") for i in range(options["questions"])
            )
            Choice.objects.bulk_create(
                Choice(question=q, text=f"Answer {c}", is_correct=c == 0, order=c) for q in questions for c in range(4)
            )
            BlueprintSection.objects.create(
                blueprint=blueprint, title=pool.name, order=p, pool=pool, draw_count=60 // options["pools"]
            )
        password = make_password("bench-password")
        users = User.objects.bulk_create(
            User(phone=f"+9989{n:08d}", password=password, surname="Bench", first_name=str(n))
            for n in range(options["takers"])
        )
        expires = timezone.now() + dt.timedelta(days=1)
        ApiToken.objects.bulk_create(
            ApiToken(user=u, key_hash=hashlib.sha256(f"bench-{n}".encode()).hexdigest(), expires_at=expires)
            for n, u in enumerate(users)
        )
        self.stdout.write(json.dumps({"blueprint": blueprint.pk, "takers": len(users)}))
