"""A small local HTTP server that behaves like the Eskiz and Play Mobile APIs, for tests."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


class FakeGateway:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.valid_tokens = {"token-1"}
        self.issued = 0
        self.fail_next = 0  # answer 500 to this many send requests
        self.playmobile_auth = ("pm-user", "pm-pass")
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _reply(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self, body: bytes) -> dict[str, Any]:
                entry = {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                gateway.requests.append(entry)
                return entry

            def do_POST(self) -> None:
                body = self._body()
                self._record(body)
                if self.path == "/api/auth/login":
                    form = parse_qs(body.decode())
                    if form.get("email") == ["e@x.uz"] and form.get("password") == ["secret"]:
                        gateway.issued += 1
                        token = f"token-{gateway.issued}"
                        gateway.valid_tokens.add(token)
                        return self._reply(200, {"message": "token_generated", "data": {"token": token}})
                    return self._reply(401, {"message": "Invalid credentials"})
                if self.path == "/api/message/sms/send":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in gateway.valid_tokens:
                        return self._reply(401, {"message": "Expired"})
                    if gateway.fail_next:
                        gateway.fail_next -= 1
                        return self._reply(500, {"message": "Provider down"})
                    return self._reply(200, {"id": "e-1", "message": "Waiting for SMS provider", "status": "waiting"})
                if self.path == "/broker-api/send":
                    expected = base64.b64encode(":".join(gateway.playmobile_auth).encode()).decode()
                    if self.headers.get("Authorization") != f"Basic {expected}":
                        return self._reply(401, {"error": "unauthorized"})
                    if gateway.fail_next:
                        gateway.fail_next -= 1
                        return self._reply(500, {"error": "down"})
                    self.send_response(200)
                    self.send_header("Content-Length", "19")
                    self.end_headers()
                    self.wfile.write(b"Request is received")
                    return None
                return self._reply(404, {})

            def do_PATCH(self) -> None:
                self._record(self._body())
                if self.path == "/api/auth/refresh":
                    gateway.issued += 1
                    token = f"token-{gateway.issued}"
                    gateway.valid_tokens.add(token)
                    return self._reply(200, {"message": "token_generated", "data": {"token": token}})
                return self._reply(404, {})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeGateway:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sends(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]
