"""Rules of the codebase that a tool enforces, not a wiki (STYLE.md)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDGE_FILES = [
    p for p in (ROOT / "edu").rglob("*.py") if p.name in {"views.py", "api.py"} or p.parent.name in {"views", "api"}
]


def test_views_and_apis_never_query_models_directly():
    """Views read through access functions and scoped selectors, so scope cannot be forgotten."""
    offenders = []
    for path in EDGE_FILES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "Use a selector or access function instead of Model.objects in: " + ", ".join(offenders)


def test_edge_files_exist_to_be_checked():
    assert len(EDGE_FILES) >= 4


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k" * 20 + "production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "edu.example.uz",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_ENV": "production", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_health_endpoint(client):
    assert client.get("/healthz").json() == {"status": "ok"}
