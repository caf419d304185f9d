"""Load benchmark: the site under gunicorn against a bare Django baseline.

    make bench                      # or: .venv/bin/python bench/run.py --help

It needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaulting to the
local servers) and wrk (Debian: ``apt-get install wrk``). It seeds a large
data set once (``manage.py seed_scale``) and a small one in a second database
for the scale check, serves the site with production settings (DEBUG off,
2 sync workers, loopback only) and the baseline with the same gunicorn
settings, and loads each target with wrk after a warm-up: a site pass and a
baseline pass in turn, several rounds (``--rounds``), so that a ratio is the
site's mean over the baseline's mean across the rounds rather than one pass
against one pass, which on a shared 2-core machine moves by a fifth. Results
go to ``bench/results/<timestamp>.json`` and ``.md``.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=4, help="seconds a pass")
    parser.add_argument(
        "--rounds", type=int, default=3, help="site and baseline passes a target"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory-requests", type=int, default=20_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mgsite_bench"
        ),
    )
    parser.add_argument(
        "--small-database-url",
        default=os.environ.get(
            "BENCH_SMALL_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/mgsite_bench_small",
        ),
        help="a second database, seeded with 50 products, for the scale check",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
    )
    return parser.parse_args()


def site_env(args, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mgsite.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(env, *command):
    subprocess.run(
        [BIN / "python", "manage.py", *command], cwd=ROOT, env=env, check=True
    )


def ensure_database(url):
    """Create the PostgreSQL database ``url`` names, when it is missing."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            print(f"creating database {name}", flush=True)
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(app, env, cwd=ROOT):
    port = free_port()
    process = subprocess.Popen(
        [
            BIN / "gunicorn",
            app,
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--access-logfile=/dev/null",
            "--error-logfile=-",
            "--log-level=error",
        ],
        cwd=cwd,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn for {app} did not start")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, args, duration=None, script=None, env=None):
    output = subprocess.run(
        [
            "wrk",
            f"--threads={args.threads}",
            f"--connections={args.connections}",
            f"--duration={duration or args.duration}s",
            "--latency",
            *(["--script", script] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(latency.get("50")),
        "p99_ms": to_ms(latency.get("99")),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def to_ms(value):
    if not value:
        return None
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return round(float(number) * UNIT[unit], 3)


def worker_pids(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def rss_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def memory_run(process, base, urls, total, args):
    """Load the targets in turn with wrk until ``total`` requests are served;
    sample each worker's RSS after the first and the second half."""
    env = {**os.environ, "WRK_PATHS": ",".join(urls)}
    script = str(ROOT / "bench" / "rotate.lua")
    samples, done = {}, 0
    for goal in (total // 2, total):
        while done < goal:
            done += wrk(base + "/", args, duration=5, script=script, env=env)[
                "requests"
            ]
        samples[done] = {pid: round(rss_mb(pid), 1) for pid in worker_pids(process)}
    return samples


def median_of(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def rounds(url, baseline_url, args):
    """``args.rounds`` site passes, each followed by a baseline pass; the
    ratio is the site's mean rate over the baseline's mean rate."""
    site, baseline = [], []
    for _ in range(args.rounds):
        site.append(wrk(url, args))
        time.sleep(1)  # let the site's workers finish what wrk left queued
        baseline.append(wrk(baseline_url, args))
        time.sleep(1)
    site_rps = sum(p["rps"] for p in site) / len(site)
    baseline_rps = sum(p["rps"] for p in baseline) / len(baseline)
    return {
        "requests": sum(p["requests"] for p in site),
        "rps": round(site_rps, 1),
        "p50_ms": median_of(p["p50_ms"] for p in site),
        "p99_ms": max((p["p99_ms"] for p in site if p["p99_ms"]), default=None),
        "non_2xx": sum(p["non_2xx"] for p in site),
        "baseline_rps": round(baseline_rps, 1),
        "ratio": round(site_rps / baseline_rps, 4),
        "ratios": [
            round(s["rps"] / b["rps"], 4) for s, b in zip(site, baseline, strict=True)
        ],
    }


def run_pass(label, args, env, targets, baseline_base):
    site, base = gunicorn("mgsite.wsgi", env)
    try:
        for target in targets.values():
            wrk(base + target["url"], args, duration=2)  # warm-up
        wrk(baseline_base + "/", args, duration=2)
        rows = {}
        for name, target in targets.items():
            rows[name] = rounds(base + target["url"], baseline_base + "/", args)
            print(
                f"  {label:9} {name:22} {rows[name]['rps']:9.1f} rps  "
                f"ratio {rows[name]['ratio']:.3f} "
                f"({min(rows[name]['ratios']):.3f}-{max(rows[name]['ratios']):.3f})",
                flush=True,
            )
        memory = None
        if label == "uncached" and args.memory_requests:
            memory = memory_run(
                site,
                base,
                [t["url"] for t in targets.values()],
                args.memory_requests,
                args,
            )
        return rows, memory
    finally:
        stop(site)


def markdown(result):
    settings = result["settings"]
    lines = [
        f"Benchmark {result['started']} — {result['machine']}; wrk "
        f"{settings['connections']} connections, "
        f"{settings['rounds']} rounds of a {settings['duration']} s site pass "
        "and a baseline pass for each target.",
        "",
        "| target | mode | req/s | p50 ms | p99 ms | ratio to baseline "
        "| ratio by round | warm queries | median render ms | cold queries "
        "| cold render ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for mode in ("uncached", "cached"):
        for name, row in result["passes"][mode].items():
            target = result["targets"][name]
            lines.append(
                f"| {name} | {mode} | {row['rps']:.0f} | {row['p50_ms']} | "
                f"{row['p99_ms']} | {row['ratio']:.3f} | "
                f"{' '.join(f'{r:.3f}' for r in row['ratios'])} | "
                f"{target.get('queries', '')} | "
                f"{target.get('render_ms', '')} | {target.get('cold_queries', '')} | "
                f"{target.get('cold_render_ms', '')} |"
            )
    lines += ["", "| check | value |", "| --- | --- |"]
    for key, value in result["scale"].items():
        lines.append(f"| {key} | {value} |")
    for requests, pids in (result.get("memory") or {}).items():
        lines.append(f"| worker RSS after {requests} requests (MB) | {pids} |")
    return "\n".join(lines) + "\n"


def probe(env, *options):
    """In-process measurements (bench/targets.py) under ``env``."""
    output = subprocess.run(
        [BIN / "python", "bench/targets.py", *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def compliance_check_seconds(env):
    started = time.monotonic()
    finished = subprocess.run(
        [BIN / "python", "manage.py", "compliance_check"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return round(time.monotonic() - started, 2), finished.returncode


def scale_checks(args, env, scale):
    small_env = site_env(args, DATABASE_URL=args.small_database_url)
    manage(small_env, "migrate", "--no-input", "-v0")
    manage(
        small_env,
        "seed_scale",
        f"--seed={args.seed}",
        "--products=50",
        "--sources=250",
        "--claims=500",
        "--articles=75",
    )
    # 50 products, 2,000, then 50 again, back to back: the machine's speed
    # drifts between minutes, so the small figure is the mean of the two
    # probes on either side of the large one.
    first, large, second = (
        probe(e, "--only=catalogue", "--renders=40")["targets"]["catalogue"]
        for e in (small_env, env, small_env)
    )
    for key, label in (("render_ms", ""), ("cold_render_ms", "cold_")):
        small_ms = round((first[key] + second[key]) / 2, 2)
        scale[f"catalogue_{label}ms_at_50_products"] = small_ms
        scale[f"catalogue_{label}ms_at_full_size"] = large[key]
        scale[f"catalogue_{label}full_over_50"] = round(large[key] / small_ms, 2)
    seconds, exit_code = compliance_check_seconds(env)
    scale["compliance_check_s"] = seconds
    scale["compliance_check_exit"] = exit_code
    return scale


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: install it with `apt-get install wrk`.")
    ensure_database(args.database_url)
    ensure_database(args.small_database_url)
    env = site_env(args)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_scale", f"--seed={args.seed}")
    manage(env, "collectstatic", "--no-input", "-v0")

    measured = probe(env)
    targets = measured["targets"]
    scale = scale_checks(args, env, measured["scale"])
    print(json.dumps(scale), flush=True)

    baseline, baseline_base = gunicorn(
        "baseline:application", {**os.environ}, cwd=ROOT / "bench"
    )
    try:
        print("uncached passes", flush=True)
        uncached, memory = run_pass(
            "uncached",
            args,
            site_env(args, PAGE_CACHE_SECONDS="0"),
            targets,
            baseline_base,
        )
        print("cached passes", flush=True)
        cached, _ = run_pass("cached", args, env, targets, baseline_base)
    finally:
        stop(baseline)

    result = {
        "started": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{os.cpu_count()} cores",
        "settings": vars(args)
        | {
            "database_url": "postgres",
            "small_database_url": "postgres",
            "redis_url": "redis",
        },
        "targets": targets,
        "scale": scale,
        "passes": {"uncached": uncached, "cached": cached},
        "memory": memory,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = result["started"].replace(":", "")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown(result)
    (RESULTS / f"{stamp}.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
