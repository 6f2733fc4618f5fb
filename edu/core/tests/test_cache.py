"""The shared-client Redis cache behaves as Django's own (run where Redis is configured, as in CI)."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from django.core.cache import caches

from edu.core.cache import SharedClientRedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis to test")


def make_cache() -> SharedClientRedisCache:
    return SharedClientRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}"})


def test_values_round_trip_expire_and_delete_through_one_client():
    cache = make_cache()
    cache.set("a", {"user": 1, "roles": ["dean"]}, 30)
    assert cache.get("a") == {"user": 1, "roles": ["dean"]}
    assert cache.add("a", "other") is False
    cache.set("n", 0)
    assert cache.incr("n") == 1
    cache.set("gone", 1, timeout=-1)
    assert cache.get("gone") is None
    cache.delete("a")
    assert cache.get("a", "missing") == "missing"
    client = cache._cache.get_client()  # type: ignore[attr-defined]
    assert cache._cache.get_client(write=True) is client  # type: ignore[attr-defined]


def test_threads_share_the_client_without_mixing_answers():
    cache = make_cache()
    errors: list[str] = []

    def worker(n: int) -> None:
        for i in range(50):
            key = f"k{n}-{i}"
            cache.set(key, (n, i), 30)
            if cache.get(key) != (n, i):
                errors.append(key)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_the_project_uses_it_when_redis_is_configured():
    assert isinstance(caches["default"], SharedClientRedisCache)
