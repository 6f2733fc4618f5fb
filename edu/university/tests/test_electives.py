"""Electives inside the window, one per block, with capacities that hold under concurrent choices."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from edu.core.errors import ApplicationError
from edu.org.actor import Actor
from edu.org.models import RoleAssignment
from edu.org.roles import Role
from edu.university.models import CurriculumSubject, ElectiveChoice, ElectiveWindow
from edu.university.services.electives import elective_choose
from edu.university.tests.conftest import act_as
from edu.university.tests.factories import SubjectFactory, add_subject, build_world, student_in


def _setup(world, capacity: int):  # type: ignore[no-untyped-def]
    a = world.a
    subjects = [
        add_subject(
            a.curriculum,
            SubjectFactory(department=a.department, institution=world.institution),
            semester=a.subject.semester,
            subject_type="12",
            capacity=capacity,
            block="A",
        )
        for _ in range(2)
    ]
    now = timezone.now()
    ElectiveWindow.objects.create(
        institution=world.institution,
        faculty=a.faculty,
        curriculum=a.curriculum,
        semester=a.subject.semester,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
    )
    return subjects


def _actor(student) -> Actor:  # type: ignore[no-untyped-def]
    assignment = RoleAssignment.objects.get(user=student.user, role=Role.STUDENT)
    return Actor(user=student.user, assignment=assignment, assignments=[assignment])


@pytest.mark.django_db
def test_choose_one_per_block_within_the_window_and_capacity(client):
    world = build_world()
    first, second = _setup(world, capacity=1)
    act_as(client, world.actors[Role.STUDENT])
    client.post(reverse("university:my_electives"), {"subject": first.pk, "action": "choose"})
    assert ElectiveChoice.objects.filter(student=world.a.student, curriculum_subject=first).exists()
    # A second subject of the same block is refused until the first is cancelled.
    client.post(reverse("university:my_electives"), {"subject": second.pk, "action": "choose"})
    assert ElectiveChoice.objects.filter(student=world.a.student).count() == 1
    # The place is taken: another student cannot have it.
    other = student_in(world.a.group, semester=world.a.student.semester)
    with pytest.raises(ApplicationError):
        elective_choose(actor=_actor(other), student=other, subject=first)
    # Cancelling frees the place.
    client.post(reverse("university:my_electives"), {"subject": first.pk, "action": "cancel"})
    elective_choose(actor=_actor(other), student=other, subject=first)
    first.refresh_from_db()
    assert first.chosen_count == 1
    # Outside the window nothing changes.
    ElectiveWindow.objects.update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    client.post(reverse("university:my_electives"), {"subject": second.pk, "action": "choose"})
    assert not ElectiveChoice.objects.filter(student=world.a.student).exists()


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_choices():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer at a time, so there is no concurrency to test; run on PostgreSQL")
    world = build_world(with_actors=False)
    subject, _ = _setup(world, capacity=3)
    students = [student_in(world.a.group, semester=world.a.student.semester) for _ in range(10)]
    barrier = threading.Barrier(len(students))
    outcomes: list[str] = []
    lock = threading.Lock()

    def choose(student) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            elective_choose(actor=_actor(student), student=student, subject=subject)
            result = "ok"
        except ApplicationError:
            result = "full"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=choose, args=(s,)) for s in students]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    subject.refresh_from_db()
    assert outcomes.count("ok") == 3 and outcomes.count("full") == 7
    assert subject.chosen_count == 3
    assert ElectiveChoice.objects.filter(curriculum_subject=subject).count() == 3
    assert CurriculumSubject.objects.filter(pk=subject.pk, chosen_count__lte=3).exists()
