"""Counters in the cache for limits that reset by themselves (sign-in lockouts)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` seconds for one identity (a phone, an IP, …)."""

    name: str
    limit: int
    window: int

    def _keys(self, ident: str) -> tuple[str, str]:
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        return f"rl:{self.name}:{digest}:n", f"rl:{self.name}:{digest}:t"

    def count(self, ident: str) -> int:
        return int(cache.get(self._keys(ident)[0]) or 0)

    def hit(self, ident: str) -> int:
        count_key, until_key = self._keys(ident)
        cache.add(until_key, time.time() + self.window, self.window)
        cache.add(count_key, 0, self.window)
        try:
            return int(cache.incr(count_key))
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, self.window)
            return 1

    def exceeded(self, ident: str) -> bool:
        return self.count(ident) >= self.limit

    def retry_after(self, ident: str) -> int:
        until = cache.get(self._keys(ident)[1])
        if until is None:
            return 0
        return max(1, int(until - time.time()))

    def reset(self, ident: str) -> None:
        cache.delete_many(list(self._keys(ident)))
