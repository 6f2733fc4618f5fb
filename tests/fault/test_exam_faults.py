"""The exam engine survives kill -9 of the app server and a PostgreSQL restart (issue 3).

Runs scripts/fault_exam.py, which drives real takers against the production server (granian) + PostgreSQL. It
restarts the machine's PostgreSQL, so it runs only when asked: FAULT_TESTS=1 (CI does, after the other suites).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    os.environ.get("FAULT_TESTS") != "1",
    reason="restarts PostgreSQL: set FAULT_TESTS=1 to run (CI does; so does `make fault-exam`)",
)
def test_no_acknowledged_save_is_lost_when_servers_die():
    result = subprocess.run(
        [sys.executable, "scripts/fault_exam.py"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "OK: no acknowledged save lost" in result.stdout
