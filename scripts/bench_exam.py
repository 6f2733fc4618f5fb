#!/usr/bin/env python
"""make bench-exam: answer saves and a start storm against a production-like server on this machine.

The production server (granian running config.wsgi, 2 workers) + PostgreSQL + Redis, a fresh database
`edu_bench`. Prints, in one run:
  (a) answer saves: throughput and p50/p99 latency at rising numbers of simulated takers (wrk connections),
      next to the raw PostgreSQL upsert rate of the same machine (pgbench, same concurrency) and the ratio;
  (b) a start storm: N starts of the 60-question, 10-pool blueprint (default 10,000).
BENCH_SERVER=gunicorn runs gunicorn instead, to compare; BENCH_WORKER_CLASS (gthread) and BENCH_THREADS (4)
change its worker class and the threads per worker.
"""

from __future__ import annotations

import argparse
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
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, **kw)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def psql(sql: str, db: str = "postgres") -> str:
    return run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])


def prepare(takers: int) -> int:
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB}")
    run(["redis-cli", "-n", "7", "flushdb"])
    run([PY, "manage.py", "migrate", "-v0"], env=env())
    out = run([PY, "manage.py", "bench_fixture", "--takers", str(takers)], env=env())
    return int(json.loads(out.strip().splitlines()[-1])["blueprint"])


SERVER = os.environ.get("BENCH_SERVER", "granian")


def server_command(workers: int, server: str = SERVER) -> list[str]:
    """The production server (granian, a Rust HTTP server running the WSGI app: README, Deploying), or gunicorn
    to compare (BENCH_SERVER=gunicorn; BENCH_WORKER_CLASS, default gthread)."""
    threads = os.environ.get("BENCH_THREADS", "4")
    if server == "gunicorn":
        return [
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi",
            *("-w", str(workers), "-b", f"127.0.0.1:{PORT}"),
            *("-k", os.environ.get("BENCH_WORKER_CLASS", "gthread"), "--threads", threads),
            *("--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"),
            *("--backlog", "4096", "--keep-alive", "30"),
        ]
    return [
        str(Path(PY).parent / "granian"),
        *("--interface", "wsgi", "config.wsgi:application"),
        *("--workers", str(workers), "--blocking-threads", threads),
        *("--host", "127.0.0.1", "--port", str(PORT), "--backlog", "4096", "--log-level", "warning"),
    ]


def start_server(workers: int) -> subprocess.Popen:  # type: ignore[type-arg]
    proc = subprocess.Popen(
        server_command(workers),
        cwd=ROOT,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=open(Path(tempfile.gettempdir()) / "bench-server.log", "w"),  # noqa: SIM115
    )
    for _ in range(100):
        try:
            if httpx.get(BASE + "/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{SERVER} did not start; see " + str(Path(tempfile.gettempdir()) / "bench-server.log"))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


STORM_LUA = r"""
-- Taker n starts the blueprint with token "bench-n"; each of the %(threads)d threads takes every %(threads)d-th n.
local body = '{"blueprint": %(blueprint)d}'
local threads = 0
local counter = 0
setup = function(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
init = function(args)
  counter = tonumber(tid) or 0
  -- wrk calls request() once on the first thread's state to inspect it and discards the result.
  if counter == 0 then counter = -%(threads)d end
end
request = function()
  if counter < 0 or counter >= %(count)d then
    counter = counter + %(threads)d
    return wrk.format("GET", "/healthz")
  end
  local n = counter
  counter = counter + %(threads)d
  return wrk.format("POST", "/api/v1/attempts",
    {["Authorization"] = "Bearer bench-" .. n, ["Content-Type"] = "application/json"}, body)
end
local shown = 0
response = function(status, headers, body)
  if status ~= 201 and status ~= 200 and shown < 3 then
    shown = shown + 1
    io.write("unexpected start " .. status .. ": " .. body:sub(1, 160):gsub("\n", " ") .. "\n")
  end
end
"""


def start_storm(blueprint: int, count: int, connections: int, folder: Path) -> dict[str, float]:
    """`count` starts through wrk (a C load generator, so the client takes little of the 2 cores).

    The storm's duration is read from the server's own records: from the first attempt's start to the last one's.
    """
    script = folder / "storm.lua"
    script.write_text(STORM_LUA % {"blueprint": blueprint, "count": count, "threads": 2})
    proc = subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", "-d600s", "--latency", "--timeout", "60s", "-s", str(script), BASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 600
    seen, still = -1, 0
    while time.monotonic() < deadline:
        time.sleep(1)
        done = int(psql("SELECT count(*) FROM assessment_attempt", DB))
        still = still + 1 if done == seen else 0
        seen = done
        if done >= count or (done and still >= 5):  # all started, or the rest were refused (counted as errors)
            break
    proc.send_signal(signal.SIGINT)  # wrk stops and prints its summary
    out, _ = proc.communicate(timeout=60)
    started, span = psql(
        "SELECT count(*), extract(epoch FROM max(started_at) - min(started_at)) FROM assessment_attempt", DB
    ).split("|")
    for line in out.splitlines():
        if line.startswith("unexpected start"):
            print("      " + line)
    return {"started": float(started), "seconds": float(span), **latencies(out)}


def saved_attempts(folder: Path) -> Path:
    """The first 3,000 takers' attempts as the save script's data file, read from the database."""
    data = folder / "attempts.txt"
    rows = psql(
        "SELECT a.id || ' bench-' || substr(u.phone, 6)::int || ' ' || string_agg(i.question_id || ':' || "
        "array_to_string(ARRAY(SELECT jsonb_array_elements_text(i.choice_order)), ','), ';' ORDER BY i.position) "
        "FROM assessment_attempt a JOIN accounts_user u ON u.id = a.user_id "
        "JOIN assessment_attemptitem i ON i.attempt_id = a.id "
        "WHERE substr(u.phone, 6)::int < 3000 GROUP BY a.id, u.phone",
        DB,
    )
    data.write_text(rows.strip() + "\n")
    return data


def latencies(out: str) -> dict[str, float]:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)

    def latency(label: str) -> float:
        m = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": float(errors.group(1)) if errors else 0,
    }


LUA = r"""
-- One attempt per line: "<attempt id> <token> <question id>:<choice>,<choice>,...;<question id>:...".
-- (A Lua table literal of 3,000 attempts is too large for LuaJIT's constant table, so the data is parsed.)
local data = {}
for line in io.lines("%(data)s") do
  local id, token, rest = line:match("^(%%d+) (%%S+) (.*)$")
  if id then
    local qs = {}
    for qid, choices in rest:gmatch("(%%d+):([%%d,]+)") do
      local cs = {}
      for c in choices:gmatch("%%d+") do cs[#cs + 1] = c end
      qs[#qs + 1] = {qid, cs}
    end
    data[#data + 1] = {id = id, token = token, q = qs}
  end
end
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
  local body = '{"choice": ' .. choice .. ', "seq": ' .. (counter + thread_id * 1000000000) .. '}'
  return wrk.format("PUT", "/api/v1/attempts/" .. a.id .. "/answers/" .. q[1],
    {["Authorization"] = "Bearer " .. a.token, ["Content-Type"] = "application/json"}, body)
end
local shown = 0
response = function(status, headers, body)
  if status ~= 200 and shown < 3 then
    shown = shown + 1
    io.write("unexpected answer " .. status .. ": " .. body:sub(1, 160):gsub("\n", " ") .. "\n")
  end
end
"""


def write_lua(data: Path, folder: Path) -> Path:
    script = folder / "save.lua"
    script.write_text(LUA % {"data": data})
    return script


def wrk(script: Path, connections: int, seconds: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", str(script)]
    out = run([*command, BASE])
    for line in out.splitlines():
        if line.startswith("unexpected answer"):
            print("      " + line)
    return latencies(out)


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
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (4 threads each)")
    args = parser.parse_args()
    missing = [tool for tool in ("wrk", "pgbench", "psql") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"bench-exam needs {', '.join(missing)}: apt-get install wrk postgresql-client postgresql-contrib")
    print(f"bench-exam on {os.cpu_count()} cores; {SERVER} {args.workers} workers; PostgreSQL + Redis")
    blueprint = prepare(args.starts)
    server = start_server(args.workers)
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            storm = start_storm(blueprint, args.starts, 64, folder)
            print(
                f"(b) start storm: {storm['started']:.0f} starts of a 60-question, 10-pool blueprint in "
                f"{storm['seconds']:.1f} s ({storm['started'] / max(storm['seconds'], 0.001):.0f}/s), "
                f"p50 {storm['p50']:.0f} ms, p99 {storm['p99']:.0f} ms, {storm['errors']:.0f} errors"
                "  [target: 10,000 within 60 s]"
            )
            script = write_lua(saved_attempts(folder), folder)
            print("(a) answer saves          saves/s   p50 ms   p99 ms  errors | PostgreSQL upserts/s  ratio")
            for takers in [int(t) for t in args.takers.split(",")]:
                r = wrk(script, takers, args.seconds)
                # PostgreSQL allows 100 connections and the server holds some: the raw rate is measured with at
                # most 60 clients (a pool in front of PostgreSQL would do the same for the app).
                raw = pgbench(min(takers, 60), max(5, args.seconds // 2))
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
