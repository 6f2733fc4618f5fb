"""A lean WSGI path for the two busiest requests of an exam: starting it and saving one answer, with a bearer token.

During an exam every taker saves an answer every few seconds, and at the opening minute thousands start at
once. Through the whole Django stack (thirteen middlewares, DRF's request, authentication, negotiation and
rendering) a save costs about 2 ms of CPU and a start several more. This wrapper answers only the plain
success cases itself:

    PUT  /api/v1/attempts/<id>/answers/<question id>   {"choice": id|null | "choices": [...], "seq": n}
    POST /api/v1/attempts                              {"blueprint": id}

with `Authorization: Bearer <token>`, no cookies and a JSON body. It authenticates with the same token function,
checks access with the same selector, runs the same service and sends the same body and the same security
headers as the full stack. Everything else — a cookie (so a language or a session is involved), a host Django
would refuse, an insecure request that must be redirected, a malformed body, an unknown token, and every refusal
(closed attempt or test, no attempts left, foreign choice, 404) — goes on to Django untouched, which answers it (in
the user's language) exactly as before. Both are idempotent (a save has its sequence number; a start returns the
open attempt), so running a refused request again in Django changes nothing.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeGuard

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, close_old_connections, connection
from django.http import Http404
from django.http.request import split_domain_port, validate_host

from edu.core.errors import ApplicationError

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

PATH = re.compile(r"^/api/v1/attempts/(\d{1,18})/answers/(\d{1,18})$")
START_PATH = "/api/v1/attempts"
MAX_BODY = 2048


def success_headers(secure: bool, allow: str = "PUT, OPTIONS") -> list[tuple[str, str]]:
    """The headers Django's stack puts on a successful save or start made with a token and no cookie."""
    from edu.core.middleware import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

    headers = [
        ("Content-Type", "application/json"),
        ("Allow", allow),
        ("X-Frame-Options", "DENY"),
        ("Vary", "Cookie"),
        ("Content-Language", settings.LANGUAGE_CODE),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
    if secure and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers


def _is_secure(environ: dict[str, Any]) -> bool:
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        header, value = proxy
        return bool(environ.get(header, "").split(",")[0].strip() == value)
    return bool(environ.get("wsgi.url_scheme") == "https")


def _host_allowed(environ: dict[str, Any]) -> bool:
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _is_id(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse(body: bytes) -> tuple[list[int], int] | None:
    """(chosen ids, seq) of a well-formed save body, else None (Django then explains what is wrong)."""
    data = _json_object(body)
    if data is None:
        return None
    seq = data.get("seq")
    if not _is_id(seq) or seq < 1:
        return None
    if "choices" in data:
        chosen = data["choices"]
        if not isinstance(chosen, list) or len(chosen) > 10 or not all(_is_id(c) for c in chosen):
            return None
        return chosen, seq
    choice = data.get("choice")
    if choice is None:
        return [], seq
    return ([choice], seq) if _is_id(choice) else None


def _start_body(body: bytes) -> int | None:
    """The test's id of a well-formed start body, else None (Django then explains what is wrong)."""
    data = _json_object(body)
    blueprint = data.get("blueprint") if data is not None else None
    return blueprint if _is_id(blueprint) else None


class ExamFastPath:
    """WSGI middleware: plain successful starts and answer saves skip the Django stack; all else passes through."""

    def __init__(self, app: WSGIApp):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("PUT", "POST") or "HTTP_COOKIE" in environ:
            return self.app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        match = PATH.match(path) if method == "PUT" else None  # a save; otherwise only a start is handled here
        auth = environ.get("HTTP_AUTHORIZATION", "")
        is_ours = match is not None if method == "PUT" else path == START_PATH
        if not is_ours or not auth.startswith("Bearer "):
            return self.app(environ, start_response)
        secure = _is_secure(environ)
        if (settings.SECURE_SSL_REDIRECT and not secure) or not _host_allowed(environ):
            return self.app(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.app(environ, start_response)
        if not 0 < length <= MAX_BODY:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # Django reads it again if the request passes on
        key = auth[7:].strip()
        if match is not None:
            seq = self._save(int(match.group(1)), int(match.group(2)), key, body)
            if seq is None:
                return self.app(environ, start_response)
            status, allow, data = "200 OK", "PUT, OPTIONS", {"saved": True, "seq": seq}
        else:
            started = self._start(key, body)
            if started is None:
                return self.app(environ, start_response)
            data, created = started
            status, allow = ("201 Created" if created else "200 OK"), "POST, OPTIONS"
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        start_response(status, [*success_headers(secure, allow), ("Content-Length", str(len(payload)))])
        return [payload]

    def _start(self, key: str, body: bytes) -> tuple[dict[str, Any], bool] | None:
        from edu.accounts.tokens import api_token_user
        from edu.assessment import selectors
        from edu.assessment.services.attempts import attempt_payload, attempt_start

        blueprint_id = _start_body(body)
        if blueprint_id is None or not key:
            return None
        with _guarded():
            user = api_token_user(key)
            if user is None:
                return None
            blueprint = selectors.access_blueprint_for_taker(user, blueprint_id)
            attempt = attempt_start(blueprint=blueprint, user=user)
            return attempt_payload(attempt), hasattr(attempt, "_drawn")
        return None  # refused: Django answers it

    def _save(self, attempt_id: int, question_id: int, key: str, body: bytes) -> int | None:
        from edu.accounts.tokens import api_token_user
        from edu.assessment.services.attempts import attempt_answer_save

        parsed = _parse(body)
        if parsed is None or not key:
            return None
        with _guarded():
            user = api_token_user(key)
            if user is None:
                return None
            chosen, seq = parsed
            return attempt_answer_save(
                attempt_id=attempt_id, user_id=user.pk, question_id=question_id, choice_ids=chosen, seq=seq
            )
        return None  # refused: Django answers it


@contextmanager
def _guarded() -> Iterator[None]:
    """Refusals are swallowed (the caller then returns None and Django answers, with the message in the user's
    language); a database error closes the connection first (the database restarted: Django reconnects). Django's
    request_finished would close a broken or too old connection; here a healthy one is reused without the
    per-request health check (a broken one fails and is replaced)."""
    try:
        yield
    except (ApplicationError, Http404, ObjectDoesNotExist):
        pass
    except DatabaseError:
        close_old_connections()
    finally:
        if connection.errors_occurred or (connection.close_at is not None and time.monotonic() >= connection.close_at):
            close_old_connections()
