"""SMS gateways behind one interface. `SMS_BACKEND` picks one: console, eskiz, playmobile, locmem."""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Protocol

import httpx
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("edu.sms")


class SmsError(Exception):
    """The gateway refused or could not be reached; the task retries."""


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Send `text` to `phone` (+998…); return the gateway's message id."""
        ...


class ConsoleBackend:
    """Writes each message as one line to the server log, for development."""

    def send(self, phone: str, text: str) -> str:
        logger.warning("SMS to %s: %s", phone, text)
        return "console"


# Messages kept by the locmem backend, like Django's mail.outbox (tests read it).
outbox: list[tuple[str, str]] = []
_outbox_lock = threading.Lock()


class LocmemBackend:
    def send(self, phone: str, text: str) -> str:
        with _outbox_lock:
            outbox.append((phone, text))
        return f"locmem-{len(outbox)}"


def _digits(phone: str) -> str:
    return phone.lstrip("+")


class EskizBackend:
    """notify.eskiz.uz: a bearer token from /api/auth/login, refreshed on 401 via /api/auth/refresh."""

    TOKEN_CACHE_KEY = "sms:eskiz:token"  # noqa: S105 - a cache key

    def __init__(self) -> None:
        self.base_url = settings.ESKIZ_BASE_URL.rstrip("/")
        self.timeout = settings.SMS_TIMEOUT_SECONDS

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=self.timeout)

    def _login(self, client: httpx.Client) -> str:
        response = client.post(
            "/api/auth/login",
            data={"email": settings.ESKIZ_EMAIL, "password": settings.ESKIZ_PASSWORD},
        )
        if response.status_code != 200:
            raise SmsError(f"Eskiz login failed: HTTP {response.status_code}")
        token = str(response.json()["data"]["token"])
        cache.set(self.TOKEN_CACHE_KEY, token, 25 * 24 * 3600)
        return token

    def _refresh(self, client: httpx.Client, token: str) -> str:
        response = client.patch("/api/auth/refresh", headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 200:
            return self._login(client)
        new_token = str(response.json()["data"]["token"])
        cache.set(self.TOKEN_CACHE_KEY, new_token, 25 * 24 * 3600)
        return new_token

    def _post_sms(self, client: httpx.Client, token: str, phone: str, text: str) -> httpx.Response:
        return client.post(
            "/api/message/sms/send",
            headers={"Authorization": f"Bearer {token}"},
            data={"mobile_phone": _digits(phone), "message": text, "from": settings.SMS_SENDER},
        )

    def send(self, phone: str, text: str) -> str:
        try:
            with self._client() as client:
                token = cache.get(self.TOKEN_CACHE_KEY) or self._login(client)
                response = self._post_sms(client, token, phone, text)
                if response.status_code == 401:
                    token = self._refresh(client, token)
                    response = self._post_sms(client, token, phone, text)
        except httpx.HTTPError as exc:
            raise SmsError(f"Eskiz unreachable: {exc}") from exc
        if response.status_code != 200:
            raise SmsError(f"Eskiz refused: HTTP {response.status_code} {response.text[:200]}")
        return str(response.json().get("id", ""))


class PlayMobileBackend:
    """Play Mobile (smsxabar.uz) broker API: POST /broker-api/send with basic auth."""

    def send(self, phone: str, text: str) -> str:
        message_id = secrets.token_hex(8)
        payload = {
            "messages": [
                {
                    "recipient": _digits(phone),
                    "message-id": message_id,
                    "sms": {"originator": settings.SMS_SENDER, "content": {"text": text}},
                }
            ]
        }
        try:
            response = httpx.post(
                settings.PLAYMOBILE_BASE_URL.rstrip("/") + "/broker-api/send",
                json=payload,
                auth=(settings.PLAYMOBILE_LOGIN, settings.PLAYMOBILE_PASSWORD),
                timeout=settings.SMS_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError as exc:
            raise SmsError(f"Play Mobile unreachable: {exc}") from exc
        if response.status_code != 200:
            raise SmsError(f"Play Mobile refused: HTTP {response.status_code} {response.text[:200]}")
        return message_id


BACKENDS: dict[str, type[SmsBackend]] = {
    "console": ConsoleBackend,
    "locmem": LocmemBackend,
    "eskiz": EskizBackend,
    "playmobile": PlayMobileBackend,
}


def get_backend() -> SmsBackend:
    try:
        return BACKENDS[settings.SMS_BACKEND]()
    except KeyError:
        raise SmsError(f"Unknown SMS_BACKEND {settings.SMS_BACKEND!r}") from None
