"""Attempts: start (draw once, fix the deadline), idempotent answer saves, exactly-once submit.

Invariants:
- The server draws and orders the questions once, at the start, and fixes the deadline from its own clock.
- A save carries the client's sequence number; an equal or older one changes nothing (idempotent retries).
- Saves take a lock on the attempt row that the submit also takes, so nothing is saved after a submit, and a
  save acknowledged before the submit is counted.
- Submitting is exactly once: whoever flips the state from open scores it; later calls return that result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import random
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.accounts.models import User
from edu.assessment.models import (
    Attempt,
    AttemptItem,
    AttemptState,
    Blueprint,
    Choice,
    IntegrityEvent,
    IntegrityEventKind,
    IntegrityPolicy,
    Question,
    QuestionKind,
    SubmittedBy,
)
from edu.core.errors import ApplicationError
from edu.core.rawrow import hot_fetch
from edu.journal.services import journal_record

TWO_PLACES = Decimal("0.01")
PAUSING_EVENTS = {IntegrityEventKind.BLUR, IntegrityEventKind.HIDDEN, IntegrityEventKind.FULLSCREEN_EXIT}


class AttemptClosedError(ApplicationError):
    status_code = 409


def grace_seconds() -> int:
    return min(60, max(0, int(getattr(settings, "ATTEMPT_GRACE_SECONDS", 15))))


# --- the draw plan, cached per process -------------------------------------------------------


@dataclass(frozen=True)
class SectionPlan:
    title: str
    draw: int
    candidates: tuple[int, ...]
    fixed: bool


@dataclass(frozen=True)
class Plan:
    sections: tuple[SectionPlan, ...]
    choices: dict[int, tuple[int, ...]]
    multiple: frozenset[int]
    time_limit: int


_plans: dict[tuple[int, float], tuple[float, Plan]] = {}
_plans_lock = threading.Lock()
PLAN_TTL_SECONDS = 30.0


def blueprint_plan(blueprint: Blueprint) -> Plan:
    """Sections with their candidate question ids and each question's choice ids.

    Cached in the process for PLAN_TTL_SECONDS: a start storm reads the banks once, not per taker.
    Editing the blueprint changes the key at once; question edits reach new attempts within the TTL.
    """
    key = (blueprint.pk, blueprint.updated_at.timestamp())
    now = time.monotonic()
    with _plans_lock:
        cached = _plans.get(key)
        if cached and now - cached[0] < PLAN_TTL_SECONDS:
            return cached[1]
    sections = list(blueprint.sections.all().prefetch_related("fixed_questions"))
    section_plans: list[SectionPlan] = []
    pool_ids = {s.pool_id for s in sections if s.pool_id}
    by_pool: dict[int, list[int]] = defaultdict(list)
    for qid, pool_id in Question.objects.filter(pool_id__in=pool_ids, is_active=True).values_list("id", "pool_id"):
        by_pool[pool_id].append(qid)
    for s in sections:
        fixed = [q.pk for q in s.fixed_questions.all() if q.is_active]
        if fixed:
            section_plans.append(SectionPlan(s.title, len(fixed), tuple(fixed), True))
        else:
            section_plans.append(SectionPlan(s.title, s.draw_count, tuple(by_pool.get(s.pool_id or 0, ())), False))
    question_ids = {q for sp in section_plans for q in sp.candidates}
    choices: dict[int, list[int]] = defaultdict(list)
    for cid, qid in (
        Choice.objects.filter(question_id__in=question_ids).order_by("order", "id").values_list("id", "question_id")
    ):
        choices[qid].append(cid)
    multiple = frozenset(
        Question.objects.filter(id__in=question_ids, kind=QuestionKind.MULTIPLE).values_list("id", flat=True)
    )
    time_limit = blueprint.time_limit_minutes or max(1, -(-sum(sp.draw for sp in section_plans) * 60 // 30))
    plan = Plan(tuple(section_plans), {k: tuple(v) for k, v in choices.items()}, multiple, time_limit)
    with _plans_lock:
        _plans[key] = (now, plan)
        for stale in [k for k, (t, _p) in _plans.items() if now - t > PLAN_TTL_SECONDS]:
            _plans.pop(stale, None)
    return plan


def blueprint_plan_problems(blueprint: Blueprint) -> list[str]:
    """Why the blueprint cannot be taken yet (a pool with too few questions, no sections)."""
    plan = blueprint_plan(blueprint)
    if not plan.sections:
        return [_("The test has no sections.")]
    return [
        _("Section “%(title)s” needs %(draw)d questions but its pool has %(have)d.")
        % {"title": s.title, "draw": s.draw, "have": len(s.candidates)}
        for s in plan.sections
        if len(s.candidates) < s.draw
    ]


# --- start ----------------------------------------------------------------------------------


def attempts_used(*, blueprint: Blueprint, user: User) -> int:
    return Attempt.objects.filter(blueprint=blueprint, user=user).count()


def attempt_start(*, blueprint: Blueprint, user: User, allowed_attempts: int | None = None) -> Attempt:
    """Start (or return the open) attempt. `allowed_attempts` lets a caller (e.g. a course that was
    studied again) allow more attempts than the blueprint's own limit."""
    # A hand-written query: the ORM's query building would cost more than the query (edu/core/rawrow.py).
    earlier = hot_fetch(
        f"SELECT id, state FROM {Attempt._meta.db_table} WHERE blueprint_id = %s AND user_id = %s",  # noqa: S608
        [blueprint.pk, user.pk],
        many=True,
    )
    open_ids = [pk for pk, state in earlier if state == AttemptState.OPEN]
    if open_ids:
        open_attempt = attempt_refresh(Attempt.objects.select_related("blueprint").get(pk=open_ids[0]))
        if open_attempt.is_open:
            return open_attempt
    now = timezone.now()
    if not blueprint.is_published:
        raise ApplicationError(_("This test is not open yet."))
    if blueprint.available_from and now < blueprint.available_from:
        raise ApplicationError(
            _("This test opens at %(time)s.")
            % {"time": timezone.localtime(blueprint.available_from).strftime("%d.%m.%Y %H:%M")}
        )
    if blueprint.available_until and now > blueprint.available_until:
        raise ApplicationError(_("This test is closed."))
    used = len(earlier)
    limit = allowed_attempts if allowed_attempts is not None else blueprint.attempts_allowed
    if limit is not None and used >= limit:
        raise ApplicationError(_("You have used all %(n)d attempts.") % {"n": limit})
    plan = blueprint_plan(blueprint)
    problems = blueprint_plan_problems(blueprint)
    if problems:
        raise ApplicationError(" ".join(problems))

    # Seeded per attempt with 128 bits from the OS: unpredictable draws without a system call per shuffle step.
    rng = random.Random(secrets.randbits(128))
    drawn: list[tuple[int, int, list[int]]] = []  # (section index, question id, choice order)
    for index, section in enumerate(plan.sections):
        ids = list(section.candidates) if section.fixed else rng.sample(section.candidates, k=section.draw)
        if blueprint.shuffle_questions:
            rng.shuffle(ids)
        for qid in ids:
            choices = plan.choices.get(qid, ())
            drawn.append((index, qid, _shuffled(rng, choices) if blueprint.shuffle_choices else list(choices)))
    attempt = Attempt(
        blueprint=blueprint,
        user=user,
        number=used + 1,
        started_at=now,
        deadline=now + dt.timedelta(minutes=plan.time_limit),
        sections=[s.title for s in plan.sections],
    )
    try:
        _attempt_insert(attempt, drawn, plan.multiple)
    except IntegrityError:
        # Two starts raced (double click, two devices): the other one won; use its attempt.
        existing = Attempt.objects.filter(blueprint=blueprint, user=user, state=AttemptState.OPEN).first()
        if existing is None:
            raise
        return existing
    # The page can be built from what was just drawn, without reading it back.
    attempt._drawn = [  # type: ignore[attr-defined]
        (qid, position, index, qid in plan.multiple, False, order, None, 0)
        for position, (index, qid, order) in enumerate(drawn, start=1)
    ]
    return attempt


# Every order of up to six choices, so that shuffling a question's choices is one random number.
_PERMUTATIONS = {n: tuple(itertools.permutations(range(n))) for n in range(7)}


def _shuffled(rng: random.Random, choices: tuple[int, ...]) -> list[int]:
    orders = _PERMUTATIONS.get(len(choices))
    if orders is None:
        shuffled = list(choices)
        rng.shuffle(shuffled)
        return shuffled
    return [choices[i] for i in orders[rng.randrange(len(orders))]]


# The attempt and its drawn questions in one statement (autocommit: one round trip, one commit): a start storm
# writes thousands of rows a second. The columns not given here are the model's defaults; a test compares the
# row with one written by the ORM.
_START_SQL = """
WITH a AS (
    INSERT INTO assessment_attempt
        (blueprint_id, user_id, number, state, started_at, deadline, submitted_by, sections, section_results,
         withheld_reason)
    VALUES (%(blueprint)s, %(user)s, %(number)s, 'open', %(started_at)s, %(deadline)s, '', %(sections)s::jsonb,
            '[]'::jsonb, '')
    RETURNING id
), i AS (
    INSERT INTO assessment_attemptitem
        (attempt_id, question_id, position, section_index, choice_order, multiple, seq, flagged)
    SELECT a.id, (e->>0)::bigint, t.n, (e->>1)::int, e->2, (e->>3)::bool, 0, false
    FROM a, jsonb_array_elements(%(items)s::jsonb) WITH ORDINALITY AS t(e, n)
)
SELECT id FROM a
"""


def _attempt_insert(attempt: Attempt, drawn: list[tuple[int, int, list[int]]], multiple: frozenset[int]) -> None:
    """Write the new attempt and its items; on PostgreSQL as one statement, elsewhere through the ORM."""
    if connection.vendor == "postgresql":
        values = {
            "blueprint": attempt.blueprint_id,
            "user": attempt.user_id,
            "number": attempt.number,
            "started_at": attempt.started_at,
            "deadline": attempt.deadline,
            "sections": json.dumps(attempt.sections),
            "items": json.dumps([[qid, index, order, qid in multiple] for index, qid, order in drawn]),
        }
        # Inside a caller's transaction a savepoint keeps a lost race from breaking it; alone, autocommit.
        with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
            (attempt.pk,) = hot_fetch(_START_SQL, values)
        attempt._state.adding = False
        attempt._state.db = connection.alias
        return
    with transaction.atomic():
        attempt.save(force_insert=True)
        AttemptItem.objects.bulk_create(
            AttemptItem(
                attempt_id=attempt.pk,
                question_id=qid,
                position=position,
                section_index=index,
                choice_order=order,
                multiple=qid in multiple,
            )
            for position, (index, qid, order) in enumerate(drawn, start=1)
        )


# --- reading an attempt ---------------------------------------------------------------------


def attempt_refresh(attempt: Attempt) -> Attempt:
    """An open attempt past its deadline (plus grace) is submitted now, with finish time = deadline."""
    if (
        attempt.is_open
        and attempt.paused_at is None
        and timezone.now() > attempt.deadline + dt.timedelta(seconds=grace_seconds())
    ):
        attempt_submit(attempt_id=attempt.pk, by=SubmittedBy.DEADLINE)
        attempt.refresh_from_db()
    return attempt


_content: dict[int, tuple[float, dict[str, Any]]] = {}
CONTENT_TTL_SECONDS = 30.0


def question_content(question_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Rendered text, image and answers of questions, cached in the process for a short while
    (a start storm renders each question once, not once per taker)."""
    from edu.assessment.richtext import render

    now = time.monotonic()
    found: dict[int, dict[str, Any]] = {}
    missing = []
    for qid in question_ids:
        cached = _content.get(qid)
        if cached and now - cached[0] < CONTENT_TTL_SECONDS:
            found[qid] = cached[1]
        else:
            missing.append(qid)
    if missing:
        rows = Question.objects.filter(pk__in=missing).values_list("id", "text", "image")
        answers: dict[int, dict[int, str]] = defaultdict(dict)
        for cid, qid, text in Choice.objects.filter(question_id__in=missing).values_list("id", "question_id", "text"):
            answers[qid][cid] = str(render(text))
        storage = Question._meta.get_field("image").storage
        for qid, text, image in rows:
            content = {
                "text": str(render(text)),
                "image": storage.url(image) if image else None,
                "choices": answers[qid],
            }
            _content[qid] = (now, content)
            found[qid] = content
        if len(_content) > 50_000:
            _content.clear()
    return found


def attempt_payload(attempt: Attempt) -> dict[str, Any]:
    """What the exam page and the API show: questions in the drawn order, saved answers, state, times."""
    drawn = getattr(attempt, "_drawn", None)  # just started: what was drawn, without reading it back
    items = (
        drawn
        if drawn is not None
        else list(
            AttemptItem.objects.filter(attempt=attempt)
            .order_by("position")
            .values_list(
                "question_id", "position", "section_index", "multiple", "flagged", "choice_order", "selected", "seq"
            )
        )
    )
    content = question_content([i[0] for i in items])
    sections = attempt.sections or []
    answers: dict[str, Any] = {}
    seqs: dict[str, int] = {}
    payload_questions = []
    for qid, position, section_index, multiple, flagged, choice_order, selected, seq in items:
        q = content[qid]
        payload_questions.append(
            {
                "id": qid,
                "position": position,
                "text": q["text"],
                "image": q["image"],
                "section": sections[section_index] if section_index < len(sections) else "",
                "multiple": multiple,
                "flagged": flagged,
                "choices": [{"id": cid, "text": q["choices"][cid]} for cid in choice_order if cid in q["choices"]],
            }
        )
        if selected:
            answers[str(qid)] = selected if multiple else selected[0]
        if seq:
            seqs[str(qid)] = seq
    blueprint = attempt.blueprint
    return {
        "id": attempt.pk,
        "blueprint": blueprint.pk,
        "title": blueprint.title,
        "number": attempt.number,
        "state": attempt.state,
        "navigation": blueprint.navigation,
        "integrity_policy": blueprint.integrity_policy,
        "started_at": attempt.started_at.isoformat(),
        "deadline": attempt.deadline.isoformat(),
        "server_time": timezone.now().isoformat(),
        "paused": attempt.paused_at is not None,
        "questions": payload_questions,
        "answers": answers,
        "seqs": seqs,
        "result": attempt_result(attempt) if not attempt.is_open else None,
    }


# --- saving answers -------------------------------------------------------------------------


def attempt_answer_save(
    *, attempt_id: int, user_id: int, question_id: int, choice_ids: list[int] | None, seq: int
) -> int:
    """Save one answer; return the sequence number now stored for that question.

    `choice_ids` None or [] clears the answer. Raises 404 for another person's attempt or a question not
    in it, AttemptClosedError after the submit or past the deadline plus grace.

    On PostgreSQL this is one statement (lock the attempt row, check, update) in autocommit: the hot path of a
    busy exam. Elsewhere the same rules run as ORM queries in a transaction.
    """
    if seq < 1:
        raise ApplicationError(_("The sequence number must be a positive integer."), field="seq")
    chosen = sorted(set(choice_ids or []))
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=grace_seconds())
    if connection.vendor == "postgresql":
        state, deadline, paused, choice_order, current_seq, multiple, updated = hot_fetch(
            _SAVE_SQL,
            {
                "attempt": attempt_id,
                "user": user_id,
                "question": question_id,
                "seq": seq,
                "now": now,
                "cutoff": cutoff,
                "chosen": json.dumps(chosen),
                "selected": json.dumps(chosen) if chosen else None,
            },
        )
        if isinstance(choice_order, str):  # Django has psycopg hand jsonb over as text
            choice_order = json.loads(choice_order)
        _raise_save_problem(state, deadline, paused, choice_order, multiple, chosen, cutoff)
        return int(updated if updated is not None else current_seq)
    with transaction.atomic():
        row = (
            Attempt.objects.select_for_update(no_key=True)
            .filter(pk=attempt_id, user_id=user_id)
            .values_list("state", "deadline", "paused_at")
            .first()
        )
        item = (
            AttemptItem.objects.filter(attempt_id=attempt_id, question_id=question_id)
            .values_list("choice_order", "seq", "multiple")
            .first()
        )
        state, deadline, paused_at = row if row else (None, None, None)
        choice_order, current_seq, multiple = item if item else (None, 0, False)
        _raise_save_problem(state, deadline, paused_at is not None, choice_order, multiple, chosen, cutoff)
        if seq <= current_seq:
            return int(current_seq)  # a repeated or older save: nothing changes
        AttemptItem.objects.filter(attempt_id=attempt_id, question_id=question_id, seq__lt=seq).update(
            selected=chosen or None, seq=seq, answered_at=now
        )
    return seq


def _raise_save_problem(
    state: str | None,
    deadline: dt.datetime | None,
    paused: bool | None,
    choice_order: list[int] | None,
    multiple: bool | None,
    chosen: list[int],
    cutoff: dt.datetime,
) -> None:
    if state is None or choice_order is None:
        raise Http404
    if state != AttemptState.OPEN:
        raise AttemptClosedError(_("This attempt is finished; answers can no longer be changed."))
    if paused:
        raise AttemptClosedError(_("The attempt is paused. Ask the proctor to resume it."))
    if deadline is not None and deadline < cutoff:
        raise AttemptClosedError(_("Time is over; this answer was not saved."))
    if any(c not in choice_order for c in chosen):
        raise ApplicationError(_("This answer does not belong to this question."), field="choice")
    if len(chosen) > 1 and not multiple:
        raise ApplicationError(_("Choose one answer."), field="choice")


# Lock the attempt row (as the submit does), check every rule and update only a newer sequence number.
_SAVE_SQL = """
WITH a AS (
    SELECT state, deadline, paused_at FROM assessment_attempt
    WHERE id = %(attempt)s AND user_id = %(user)s FOR NO KEY UPDATE
), i AS (
    SELECT choice_order, seq, multiple FROM assessment_attemptitem
    WHERE attempt_id = %(attempt)s AND question_id = %(question)s
), u AS (
    UPDATE assessment_attemptitem AS t
    SET selected = %(selected)s::jsonb, seq = %(seq)s, answered_at = %(now)s
    FROM a, i
    WHERE t.attempt_id = %(attempt)s AND t.question_id = %(question)s AND t.seq < %(seq)s
      AND a.state = 'open' AND a.paused_at IS NULL AND a.deadline >= %(cutoff)s
      AND i.choice_order @> %(chosen)s::jsonb
      AND (i.multiple OR jsonb_array_length(%(chosen)s::jsonb) <= 1)
    RETURNING t.seq
)
SELECT (SELECT state FROM a), (SELECT deadline FROM a), (SELECT paused_at IS NOT NULL FROM a),
       (SELECT choice_order FROM i), (SELECT seq FROM i), (SELECT multiple FROM i), (SELECT seq FROM u)
"""


def attempt_flag_set(*, attempt: Attempt, question_id: int, flagged: bool) -> None:
    if not attempt.is_open:
        raise AttemptClosedError(_("This attempt is finished; answers can no longer be changed."))
    updated = AttemptItem.objects.filter(attempt=attempt, question_id=question_id).update(flagged=flagged)
    if not updated:
        raise Http404


# --- submitting -----------------------------------------------------------------------------


def _percent(score: Decimal, max_score: Decimal) -> Decimal:
    if not max_score:
        return Decimal(0)
    return (score * 100 / max_score).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def attempt_submit(*, attempt_id: int, by: str = SubmittedBy.TAKER) -> Attempt:
    """Score and close the attempt exactly once. At the deadline, the finish time is the deadline."""
    return _submit(attempt_id, by)[0]


def _submit(attempt_id: int, by: str) -> tuple[Attempt, bool]:
    """(the attempt, whether this call closed it)."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().select_related("blueprint").get(pk=attempt_id)
        if attempt.state != AttemptState.OPEN:
            return attempt, False
        now = timezone.now()
        items = list(AttemptItem.objects.filter(attempt=attempt).order_by("position"))
        question_ids = [i.question_id for i in items]
        correct: dict[int, set[int]] = defaultdict(set)
        for qid, cid in Choice.objects.filter(question_id__in=question_ids, is_correct=True).values_list(
            "question_id", "id"
        ):
            correct[qid].add(cid)
        points = dict(Question.objects.filter(id__in=question_ids).values_list("id", "points"))
        per_section: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for item in items:
            worth = Decimal(points.get(item.question_id, 1))
            right = bool(item.selected) and set(item.selected or ()) == correct[item.question_id]
            item.points = worth if right else Decimal(0)
            per_section[item.section_index][0] += item.points
            per_section[item.section_index][1] += worth
        AttemptItem.objects.bulk_update(items, ["points"])
        score = sum((v[0] for v in per_section.values()), Decimal(0))
        max_score = sum((v[1] for v in per_section.values()), Decimal(0))
        titles = attempt.sections or []
        attempt.section_results = [
            {
                "name": titles[index] if index < len(titles) else str(index + 1),
                "score": float(values[0]),
                "max_score": float(values[1]),
                "percent": float(_percent(values[0], values[1])),
            }
            for index, values in sorted(per_section.items())
        ]
        attempt.score = score
        attempt.max_score = max_score
        attempt.percent = _percent(score, max_score)
        attempt.passed = attempt.percent >= attempt.blueprint.pass_percent
        attempt.state = AttemptState.SUBMITTED
        attempt.submitted_by = by
        attempt.submitted_at = min(now, attempt.deadline) if by == SubmittedBy.DEADLINE else now
        attempt.save(
            update_fields=[
                "section_results",
                "score",
                "max_score",
                "percent",
                "passed",
                "state",
                "submitted_by",
                "submitted_at",
            ]
        )
        transaction.on_commit(lambda: _announce_submitted(attempt.pk))
    return attempt, True


# Other apps react to a scored attempt (study plan, course unlock, certificate) by registering here.
SUBMIT_HANDLERS: list[Any] = []


def _announce_submitted(attempt_id: int) -> None:
    for handler in SUBMIT_HANDLERS:
        handler(attempt_id)


def attempt_submit_due() -> int:
    """The background job: submit every open attempt whose deadline (plus grace) passed. Returns how many."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace_seconds())
    ids = list(
        Attempt.objects.filter(state=AttemptState.OPEN, paused_at__isnull=True, deadline__lt=cutoff).values_list(
            "id", flat=True
        )[:5000]
    )
    return sum(_submit(attempt_id, SubmittedBy.DEADLINE)[1] for attempt_id in ids)


def attempt_result(attempt: Attempt) -> dict[str, Any]:
    """The result as the taker sees it: the score, or that it is withheld and why."""
    if attempt.is_withheld:
        return {"withheld": True, "reason": attempt.withheld_reason}
    return {
        "score": float(attempt.score or 0),
        "max_score": float(attempt.max_score or 0),
        "percent": float(attempt.percent or 0),
        "passed": bool(attempt.passed),
        "sections": attempt.section_results,
    }


# --- integrity and proctoring ---------------------------------------------------------------


def attempt_event_record(*, attempt: Attempt, kind: str, client_time: dt.datetime | None) -> bool:
    """Record what the page noticed; under the pause policy, leaving the page pauses the attempt.
    Returns whether the attempt is paused now."""
    if kind not in IntegrityEventKind.values or kind == IntegrityEventKind.RESUMED:
        raise ApplicationError(_("Unknown event."), field="kind")
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("blueprint").get(pk=attempt.pk)
        if not locked.is_open:
            return False
        pause = locked.blueprint.integrity_policy == IntegrityPolicy.PAUSE and kind in PAUSING_EVENTS
        IntegrityEvent.objects.create(attempt=locked, kind=kind, client_time=client_time, paused=pause)
        if pause and locked.paused_at is None:
            locked.paused_at = timezone.now()
            locked.save(update_fields=["paused_at"])
        return locked.paused_at is not None


@transaction.atomic
def attempt_resume(*, actor: Any, attempt: Attempt) -> Attempt:
    """A proctor lets a paused taker continue; the paused time is added to the deadline."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.paused_at is None or not locked.is_open:
        return locked
    now = timezone.now()
    locked.deadline += now - locked.paused_at
    locked.paused_at = None
    locked.save(update_fields=["deadline", "paused_at"])
    IntegrityEvent.objects.create(attempt=locked, kind=IntegrityEventKind.RESUMED)
    journal_record(
        action="update",
        instance=locked,
        before={"paused": True},
        after={"paused": False},
        actor=actor,
        institution_id=attempt.blueprint.institution_id,
    )
    return locked


@transaction.atomic
def attempt_withhold(*, actor: Any, attempt: Attempt, reason: str) -> Attempt:
    """T9: the result is withheld (e.g. after a video review); the taker sees that and the reason."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason."), field="reason")
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    before = {"withheld_reason": locked.withheld_reason}
    locked.withheld_reason = reason
    locked.withheld_by = actor.user
    locked.withheld_at = timezone.now()
    locked.save(update_fields=["withheld_reason", "withheld_by", "withheld_at"])
    journal_record(
        action="update",
        instance=locked,
        before=before,
        after={"withheld_reason": reason},
        actor=actor,
        institution_id=attempt.blueprint.institution_id,
    )
    return locked


@transaction.atomic
def attempt_release(*, actor: Any, attempt: Attempt) -> Attempt:
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if not locked.withheld_at:
        return locked
    journal_record(
        action="update",
        instance=locked,
        before={"withheld_reason": locked.withheld_reason},
        after={"withheld_reason": ""},
        actor=actor,
        institution_id=attempt.blueprint.institution_id,
    )
    locked.withheld_reason = ""
    locked.withheld_by = None
    locked.withheld_at = None
    locked.save(update_fields=["withheld_reason", "withheld_by", "withheld_at"])
    return locked


def attempt_review_items(attempt: Attempt) -> list[dict[str, Any]]:
    """After submitting (when the blueprint allows): each question, the taker's answer and the correct one."""
    from edu.assessment.richtext import render

    items = list(AttemptItem.objects.filter(attempt=attempt).order_by("position"))
    questions = {q.pk: q for q in Question.objects.filter(pk__in=[i.question_id for i in items])}
    choices = {c.pk: c for c in Choice.objects.filter(question_id__in=questions.keys())}
    rows = []
    for item in items:
        q = questions[item.question_id]
        selected: set[int] = set(item.selected) if item.selected else set()
        rows.append(
            {
                "position": item.position,
                "text": render(q.text),
                "explanation": render(q.explanation),
                "right": bool(item.points),
                "choices": [
                    {"text": render(choices[c].text), "chosen": c in selected, "correct": choices[c].is_correct}
                    for c in item.choice_order
                    if c in choices
                ],
            }
        )
    return rows


def process_caches_clear() -> None:
    """Forget the cached draw plans and question content (tests; after bulk edits)."""
    with _plans_lock:
        _plans.clear()
    _content.clear()
