"""Django's Redis cache, with one client per connection pool instead of a new one per operation.

Django's `RedisCacheClient.get_client` builds a `redis.Redis` object for every cache call; with redis-py 5+
that constructor copies its table of response callbacks, which costs more CPU than the cache call itself.
A `redis.Redis` client is safe to share between threads (each command borrows a connection from the pool),
so one per pool serves the whole process. Sessions (`cached_db`), token checks and throttles all go through it.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        base: Any = self  # Django's private attributes are not in the type stubs
        index = base._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in base._pools:
                base._pools[index] = base._pool_class.from_url(base._servers[index], **base._pool_options)
            client = self._clients[index] = base._client(connection_pool=base._pools[index])
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
