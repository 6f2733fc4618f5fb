"""The Eskiz and Play Mobile adapters against a local fake of their HTTP APIs (never the internet)."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache
from django.test import override_settings

from edu.sms.backends import ConsoleBackend, EskizBackend, PlayMobileBackend, SmsError
from edu.sms.tasks import sms_send_task
from edu.sms.tests.fake_gateway import FakeGateway


@pytest.fixture
def gateway():
    with FakeGateway() as fake:
        yield fake


def eskiz_settings(gateway):
    return override_settings(
        SMS_BACKEND="eskiz",
        ESKIZ_BASE_URL=gateway.url,
        ESKIZ_EMAIL="e@x.uz",
        ESKIZ_PASSWORD="secret",
        SMS_SENDER="4546",
    )


def test_eskiz_logs_in_then_sends(gateway):
    with eskiz_settings(gateway):
        EskizBackend().send("+998901234567", "Kod: 123456")
    assert [r["path"] for r in gateway.requests] == ["/api/auth/login", "/api/message/sms/send"]
    form = parse_qs(gateway.requests[1]["body"].decode())
    assert form == {"mobile_phone": ["998901234567"], "message": ["Kod: 123456"], "from": ["4546"]}
    assert gateway.requests[1]["headers"]["Authorization"] == "Bearer token-1"


def test_eskiz_reuses_its_token_and_refreshes_an_expired_one(gateway):
    with eskiz_settings(gateway):
        EskizBackend().send("+998901234567", "a")
        EskizBackend().send("+998901234567", "b")
        assert len(gateway.sends("/api/auth/login")) == 1
        gateway.valid_tokens.clear()  # the token expires
        EskizBackend().send("+998901234567", "c")
    assert [r["path"] for r in gateway.requests[-3:]] == [
        "/api/message/sms/send",
        "/api/auth/refresh",
        "/api/message/sms/send",
    ]
    assert cache.get(EskizBackend.TOKEN_CACHE_KEY) == "token-2"


def test_eskiz_wrong_credentials_raise(gateway):
    with (
        override_settings(ESKIZ_BASE_URL=gateway.url, ESKIZ_EMAIL="e@x.uz", ESKIZ_PASSWORD="nope"),
        pytest.raises(SmsError),
    ):
        EskizBackend().send("+998901234567", "x")


def test_playmobile_sends_with_basic_auth(gateway):
    with override_settings(
        PLAYMOBILE_BASE_URL=gateway.url, PLAYMOBILE_LOGIN="pm-user", PLAYMOBILE_PASSWORD="pm-pass", SMS_SENDER="3700"
    ):
        PlayMobileBackend().send("+998935551122", "Kod: 654321")
    request = gateway.sends("/broker-api/send")[0]
    payload = json.loads(request["body"])
    message = payload["messages"][0]
    assert message["recipient"] == "998935551122"
    assert message["sms"] == {"originator": "3700", "content": {"text": "Kod: 654321"}}
    assert message["message-id"]


def test_playmobile_bad_credentials_raise(gateway):
    with (
        override_settings(PLAYMOBILE_BASE_URL=gateway.url, PLAYMOBILE_LOGIN="x", PLAYMOBILE_PASSWORD="y"),
        pytest.raises(SmsError),
    ):
        PlayMobileBackend().send("+998935551122", "x")


def test_unreachable_gateway_raises():
    with override_settings(PLAYMOBILE_BASE_URL="http://127.0.0.1:9", SMS_TIMEOUT_SECONDS=1), pytest.raises(SmsError):
        PlayMobileBackend().send("+998935551122", "x")


def test_task_retries_a_failing_gateway_until_it_delivers(gateway):
    gateway.fail_next = 2
    with override_settings(
        SMS_BACKEND="playmobile",
        PLAYMOBILE_BASE_URL=gateway.url,
        PLAYMOBILE_LOGIN="pm-user",
        PLAYMOBILE_PASSWORD="pm-pass",
    ):
        # The in-process queue runs the task and its retries at once when the delay is zero.
        sms_send_task.huey.enqueue(sms_send_task.s("+998935551122", "Kod: 1", retry_delay=0))
    assert len(gateway.sends("/broker-api/send")) == 3  # two failures, then delivered


def test_console_backend_writes_one_log_line(caplog):
    with caplog.at_level(logging.WARNING, logger="edu.sms"):
        ConsoleBackend().send("+998901234567", "Kod: 111222")
    assert "SMS to +998901234567: Kod: 111222" in caplog.text
