#!/usr/bin/env python
"""make bench-exam: answer saves and a start storm against a production-like server on this machine.

gunicorn + PostgreSQL + Redis, a fresh database `edu_bench`. Prints, in one run:
  (a) answer saves: throughput and p50/p99 latency at rising numbers of simulated takers (wrk connections),
      next to the raw PostgreSQL upsert rate of the same machine (pgbench, same concurrency) and the ratio;
  (b) a start storm: N starts of the 60-question, 10-pool blueprint (default 10,000).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8799
DB = "edu_bench"
BASE = f"http://127.0.0.1:{PORT}"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_ENV": "production",
            "SECRET_KEY": "bench-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
            "REDIS_URL": "redis://127.0.0.1:6379/7",
            "TASKS_MODE": "redis",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "BEHIND_TLS_PROXY": "0",
            "LOG_LEVEL": "WARNING",
            "CACHE_KEY_PREFIX": "bench",
        }
    )
    return e


def run(cmd: list[str], **kw) -> str:  # type: ignore[no-untyped-def]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, **kw).stdout


def psql(sql: str, db: str = "postgres") -> str:
    return run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])


def prepare(takers: int) -> int:
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB}")
    run(["redis-cli", "-n", "7", "flushdb"])
    run([PY, "manage.py", "migrate", "-v0"], env=env())
    out = run([PY, "manage.py", "bench_fixture", "--takers", str(takers)], env=env())
    return int(json.loads(out.strip().splitlines()[-1])["blueprint"])


def start_server(workers: int) -> subprocess.Popen:  # type: ignore[type-arg]
    proc = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "-k",
            "gthread",
            "--threads",
            "4",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
            "--backlog",
            "4096",
            "--keep-alive",
            "30",
        ],
        cwd=ROOT,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=open(Path(tempfile.gettempdir()) / "bench-gunicorn.log", "w"),  # noqa: SIM115
    )
    for _ in range(100):
        try:
            if httpx.get(BASE + "/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start; see " + str(Path(tempfile.gettempdir()) / "bench-gunicorn.log"))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


async def start_storm(blueprint: int, count: int, concurrency: int) -> tuple[float, list[float], list[dict]]:
    latencies: list[float] = []
    attempts: list[dict] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=BASE, limits=limits, timeout=120) as client:

        async def worker() -> None:
            nonlocal errors
            while True:
                try:
                    n = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                r = await client.post(
                    "/api/v1/attempts", json={"blueprint": blueprint}, headers={"Authorization": f"Bearer bench-{n}"}
                )
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 201:
                    errors += 1
                    continue
                body = r.json()
                if n < 3000:
                    attempts.append(
                        {
                            "token": f"bench-{n}",
                            "id": body["id"],
                            "q": [[q["id"], [c["id"] for c in q["choices"]]] for q in body["questions"]],
                        }
                    )

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    if errors:
        print(f"  start errors: {errors}")
    return elapsed, latencies, attempts


LUA = r"""
local data = dofile("%(data)s")
local counter = 0
local thread_id = 0
local threads = 0
setup = function(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
init = function(args)
  thread_id = tonumber(tid) or 0
  counter = thread_id * 1000003
end
request = function()
  counter = counter + 1
  local a = data[(counter %% #data) + 1]
  local q = a.q[(math.floor(counter / #data) %% #a.q) + 1]
  local choice = q[2][(counter %% #q[2]) + 1]
  local seq = os.time() * 1000 + (counter %% 1000)
  local body = '{"choice": ' .. choice .. ', "seq": ' .. (counter + thread_id * 1000000000) .. '}'
  return wrk.format("PUT", "/api/v1/attempts/" .. a.id .. "/answers/" .. q[1],
    {["Authorization"] = "Bearer " .. a.token, ["Content-Type"] = "application/json"}, body)
end
local non2xx = 0
response = function(status, headers, body)
  if status ~= 200 then non2xx = non2xx + 1 end
end
"""


def write_lua(attempts: list[dict], folder: Path) -> Path:
    data = folder / "attempts.lua"
    lines = ["return {"]
    for a in attempts:
        qs = ",".join("{%d,{%s}}" % (q[0], ",".join(map(str, q[1]))) for q in a["q"])
        lines.append('{id=%d,token="%s",q={%s}},' % (a["id"], a["token"], qs))
    lines.append("}")
    data.write_text("\n".join(lines))
    script = folder / "save.lua"
    script.write_text(LUA % {"data": data})
    return script


def wrk(script: Path, connections: int, seconds: int) -> dict[str, float]:
    out = run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", str(script), BASE]
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def latency(label: str) -> float:
        m = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "errors": float(errors.group(1)) if errors else 0}


def pgbench(connections: int, seconds: int) -> float:
    psql(
        "DROP TABLE IF EXISTS bench_upsert; CREATE TABLE bench_upsert (attempt_id int, question_id int, "
        "selected jsonb, seq bigint, answered_at timestamptz, PRIMARY KEY (attempt_id, question_id)); "
        "INSERT INTO bench_upsert SELECT a, q, NULL, 0, NULL FROM generate_series(1, 3000) a, "
        "generate_series(1, 60) q;",
        DB,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(
            "\\set a random(1, 3000)\n\\set q random(1, 60)\n"
            "UPDATE bench_upsert SET selected = jsonb_build_array(:q), seq = seq + 1, answered_at = now() "
            "WHERE attempt_id = :a AND question_id = :q;\n"
        )
        sql = f.name
    out = run(
        [
            "pgbench",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-n",
            "-c",
            str(connections),
            "-j",
            "2",
            "-T",
            str(seconds),
            "-f",
            sql,
            DB,
        ]
    )
    os.unlink(sql)
    return float(re.search(r"tps = ([\d.]+)", out).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--takers", default="25,50,100,200", help="simulated takers (connections) for saves")
    parser.add_argument("--starts", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (4 threads each)")
    args = parser.parse_args()
    missing = [tool for tool in ("wrk", "pgbench", "psql") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"bench-exam needs {', '.join(missing)}: apt-get install wrk postgresql-client postgresql-contrib")
    print(f"bench-exam on {os.cpu_count()} cores; gunicorn {args.workers} workers; PostgreSQL + Redis")
    blueprint = prepare(args.starts)
    server = start_server(args.workers)
    try:
        elapsed, latencies, attempts = asyncio.run(start_storm(blueprint, args.starts, 64))
        print(
            f"(b) start storm: {args.starts} starts of a 60-question, 10-pool blueprint in {elapsed:.1f} s "
            f"({args.starts / elapsed:.0f}/s), p50 {pct(latencies, 50) * 1000:.0f} ms, "
            f"p99 {pct(latencies, 99) * 1000:.0f} ms  [target: within 60 s]"
        )
        with tempfile.TemporaryDirectory() as folder:
            script = write_lua(attempts, Path(folder))
            print("(a) answer saves          saves/s   p50 ms   p99 ms  errors | PostgreSQL upserts/s  ratio")
            for takers in [int(t) for t in args.takers.split(",")]:
                r = wrk(script, takers, args.seconds)
                raw = pgbench(takers, max(5, args.seconds // 2))
                print(
                    f"    {takers:4d} takers      {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7.0f} |"
                    f" {raw:18.0f}  {r['rps'] / raw:5.2f}"
                )
            print("    [target: >= 1,000 saves/s at p99 <= 100 ms]")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
