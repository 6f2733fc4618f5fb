from __future__ import annotations

from collections.abc import Iterator

import pytest

from edu.org.middleware import ACTIVE_ROLE_SESSION_KEY
from edu.university.classifiers import classifier_cache_clear


@pytest.fixture(autouse=True)
def _fresh_classifiers() -> Iterator[None]:
    """Institution-specific codes of a rolled-back test must not linger in the process cache."""
    classifier_cache_clear()
    yield
    classifier_cache_clear()


def act_as(client, assignment):  # type: ignore[no-untyped-def]
    client.force_login(assignment.user)
    session = client.session
    session[ACTIVE_ROLE_SESSION_KEY] = assignment.pk
    session.save()
    return client
