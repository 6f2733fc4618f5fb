#!/usr/bin/env python
"""Fault test of the exam engine (issue 3): takers keep saving while the app server is killed with kill -9 and
restarted, and PostgreSQL is restarted once. Then:
  - every acknowledged save is in the database (the newest acknowledged sequence number, or a newer one);
  - nothing is duplicated (one attempt per taker, one row per drawn question);
  - every expired attempt is submitted exactly once, at its deadline, even with two job runners at once.
Exits non-zero on any violation. Needs PostgreSQL on 127.0.0.1 (user postgres) and the right to restart it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench_exam as bench  # noqa: E402

TAKERS = 60
DB = "edu_fault"


def env() -> dict[str, str]:
    e = bench.env()
    e["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    e["REDIS_URL"] = "redis://127.0.0.1:6379/8"
    e["DB_CONN_MAX_AGE"] = "0"
    return e


def prepare() -> int:
    bench.DB = DB
    bench.psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    bench.psql(f"CREATE DATABASE {DB}")
    subprocess.run(["redis-cli", "-n", "8", "flushdb"], check=True, capture_output=True)
    bench.run([bench.PY, "manage.py", "migrate", "-v0"], env=env())
    out = bench.run([bench.PY, "manage.py", "bench_fixture", "--takers", str(TAKERS), "--questions", "20"], env=env())
    return int(json.loads(out.strip().splitlines()[-1])["blueprint"])


def start_server() -> subprocess.Popen:  # type: ignore[type-arg]
    proc = subprocess.Popen(
        bench.server_command(3),
        cwd=ROOT,
        env=env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            if httpx.get(bench.BASE + "/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start")


def kill_server(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    os.killpg(proc.pid, signal.SIGKILL)  # the master and every worker, no goodbye
    proc.wait()


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)


class Taker:
    def __init__(self, n: int) -> None:
        self.token = f"bench-{n}"
        self.attempt: dict | None = None
        self.acked: dict[int, tuple[int, int]] = {}  # question id -> (seq, choice) of the newest acknowledged save
        self.seq = 0


async def taker_loop(taker: Taker, blueprint: int, stop: asyncio.Event, client: httpx.AsyncClient) -> None:
    headers = {"Authorization": f"Bearer {taker.token}"}
    rng = random.Random(taker.token)
    while not stop.is_set():
        try:
            if taker.attempt is None:
                r = await client.post("/api/v1/attempts", json={"blueprint": blueprint}, headers=headers)
                if r.status_code in (200, 201):
                    taker.attempt = r.json()
                continue
            q = rng.choice(taker.attempt["questions"])
            choice = rng.choice(q["choices"])["id"]
            taker.seq += 1
            seq = taker.seq
            while not stop.is_set():  # retry the same save until the server answers it
                try:
                    r = await client.put(
                        f"/api/v1/attempts/{taker.attempt['id']}/answers/{q['id']}",
                        json={"choice": choice, "seq": seq},
                        headers=headers,
                    )
                except httpx.HTTPError:
                    await asyncio.sleep(0.2)
                    continue
                if r.status_code == 200:
                    if r.json()["seq"] == seq:
                        taker.acked[q["id"]] = (seq, choice)
                    break
                if r.status_code >= 500 or r.status_code == 401:
                    await asyncio.sleep(0.2)
                    continue
                raise SystemExit(f"unexpected {r.status_code}: {r.text[:200]}")
            await asyncio.sleep(0.01)
        except httpx.HTTPError:
            await asyncio.sleep(0.2)


async def drive(blueprint: int) -> list[Taker]:
    takers = [Taker(n) for n in range(TAKERS)]
    stop = asyncio.Event()
    async with httpx.AsyncClient(base_url=bench.BASE, timeout=10) as client:
        tasks = [asyncio.create_task(taker_loop(t, blueprint, stop, client)) for t in takers]
        server = start_server()
        await asyncio.sleep(4)
        print("  kill -9 the app server")
        kill_server(server)
        await asyncio.sleep(1)
        server = start_server()
        await asyncio.sleep(3)
        print("  restart PostgreSQL")
        await asyncio.to_thread(restart_postgres)
        await asyncio.sleep(4)
        print("  kill -9 again")
        kill_server(server)
        server = start_server()
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*tasks)
        kill_server(server)
    return takers


def check(takers: list[Taker], blueprint: int) -> list[str]:
    import psycopg

    problems: list[str] = []
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={DB}", autocommit=True) as db:
        attempts = db.execute(
            "SELECT user_id, count(*) FROM assessment_attempt GROUP BY user_id HAVING count(*) > 1"
        ).fetchall()
        if attempts:
            problems.append(f"duplicate attempts: {attempts[:5]}")
        rows = db.execute(
            "SELECT attempt_id, count(*), count(DISTINCT question_id) FROM assessment_attemptitem GROUP BY attempt_id"
        ).fetchall()
        problems += [f"attempt {a}: {n} items, {d} distinct" for a, n, d in rows if n != 60 or d != 60]
        saves = 0
        for taker in takers:
            if taker.attempt is None:
                problems.append(f"{taker.token} never started")
                continue
            stored = {
                qid: (seq, selected)
                for qid, seq, selected in db.execute(
                    "SELECT question_id, seq, selected FROM assessment_attemptitem WHERE attempt_id = %s",
                    (taker.attempt["id"],),
                ).fetchall()
            }
            for qid, (seq, choice) in taker.acked.items():
                saves += 1
                got_seq, selected = stored[qid]
                if got_seq < seq or (got_seq == seq and selected != [choice]):
                    problems.append(
                        f"lost save: attempt {taker.attempt['id']} q{qid} seq {seq} -> {got_seq} {selected}"
                    )
        print(f"  {saves} acknowledged saves checked across {len(takers)} takers")
        # Every attempt expires; two job runners race to submit them.
        deadline = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        db.execute("UPDATE assessment_attempt SET deadline = %s", (deadline,))
    job = [
        bench.PY,
        "manage.py",
        "shell",
        "-c",
        "from edu.assessment.services.attempts import attempt_submit_due; print(attempt_submit_due())",
    ]
    runners = [subprocess.Popen(job, cwd=ROOT, env=env(), stdout=subprocess.PIPE, text=True) for _ in range(2)]
    submitted = sum(int(p.communicate()[0].strip().splitlines()[-1]) for p in runners)
    again = int(bench.run(job, env=env()).strip().splitlines()[-1])
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={DB}", autocommit=True) as db:
        total, done, at_deadline = db.execute(
            "SELECT count(*), count(*) FILTER (WHERE state = 'submitted'), "
            "count(*) FILTER (WHERE submitted_at = deadline AND submitted_by = 'deadline') FROM assessment_attempt"
        ).fetchone()
    if not (submitted == total == done == at_deadline and again == 0):
        problems.append(
            f"expiry: {total} attempts, job runs submitted {submitted} (+{again} on a third run), "
            f"{done} submitted, {at_deadline} at their deadline"
        )
    else:
        print(f"  {total} expired attempts submitted exactly once at their deadline by two racing job runners")
    return problems


def main() -> None:
    print("fault-exam: kill -9 the app server and restart PostgreSQL while takers save")
    blueprint = prepare()
    takers = asyncio.run(drive(blueprint))
    problems = check(takers, blueprint)
    bench.psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems[:30]))
        raise SystemExit(1)
    print("OK: no acknowledged save lost, nothing duplicated")


if __name__ == "__main__":
    main()
