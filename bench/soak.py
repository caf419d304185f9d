"""Soak under faults: the site keeps answering while Redis and the database
fail underneath it.

    .venv/bin/python bench/soak.py [--seconds 60] [--connections 8]

Serves the site with gunicorn (production settings, loopback only) and
reaches PostgreSQL and Redis through two small TCP relays this script runs,
so it can stop or freeze them without touching the real servers (which
other programs may share). It seeds a database of its own
(``<name>_soak`` of DATABASE_URL) with the demo content, then loads a
rotation of public URLs from ``--connections`` clients for ``--seconds``,
in five equal phases:

    normal, Redis stopped (refused), Redis frozen (accepts, never answers),
    database stopped, normal again

and prints, per phase, the answers by status class (each counted in the
phase it was answered in), errors, requests a second and the slowest
answer, then which URLs failed. The goal: no 5xx outside the database
outage, and the site back to normal after it.
"""

import argparse
import collections
import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
URLS = [
    "/",
    "/products/",
    "/products/?sort=price",
    "/products/?form=&format=&topic=&min_price=&max_price=&sort=name",
    "/search/?q=magnesium",
    "/search/?q=sleep",
    "/api/v2/products/",
    "/robots.txt",
    "/does-not-exist/",
]
PHASES = ["normal", "redis stopped", "redis frozen", "database stopped", "recovered"]
CLIENT_TIMEOUT = 20


class Relay:
    """A loopback TCP relay to ``target``: ``up`` forwards, ``stopped``
    refuses (closes every connection at once), ``frozen`` accepts and
    forwards nothing."""

    def __init__(self, target):
        self.target = target
        self.mode = "up"
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def set(self, mode):
        self.mode = mode
        if mode != "up":
            with self.lock:
                if mode == "stopped":
                    for sock in self.sockets:
                        with contextlib.suppress(OSError):
                            sock.shutdown(socket.SHUT_RDWR)
                            sock.close()
                self.sockets = [] if mode == "stopped" else self.sockets

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            if self.mode == "stopped":
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self.pump, args=(source, sink), daemon=True
                ).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                while self.mode == "frozen":
                    time.sleep(0.05)
                if self.mode == "stopped":
                    break
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()


def free_port():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def relayed(url, relay):
    parts = urllib.parse.urlparse(url)
    netloc = parts.netloc.rsplit("@", 1)
    auth = f"{netloc[0]}@" if len(netloc) == 2 else ""
    return parts._replace(netloc=f"{auth}127.0.0.1:{relay.port}").geturl()


def target_of(url, default_port):
    parts = urllib.parse.urlparse(url)
    return (parts.hostname or "127.0.0.1", parts.port or default_port)


def soak_database_url(url):
    parts = urllib.parse.urlparse(url)
    return parts._replace(path=f"{parts.path}_soak").geturl()


def environment(database_url, redis_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mgsite.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
    }


def seed(database_url):
    """A fresh database with the demo content."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {
        **environment(database_url, ""),
        "DJANGO_SETTINGS_MODULE": "mgsite.settings.dev",
    }
    for command in (
        ["migrate", "--no-input"],
        ["load_demo"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run(
            [BIN / "python", "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )


def load(port, deadline, phase_of, results, failures):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    n = 0
    while (now := time.monotonic()) < deadline:
        url = URLS[n % len(URLS)]
        n += 1
        started = now
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            outcome = f"{response.status // 100}xx"
        except (OSError, http.client.HTTPException):
            outcome = "error"
            connection.close()
        # Counted in the phase it was answered in: the state that answered it.
        phase = phase_of(time.monotonic())
        results[phase][outcome] += 1
        if outcome in ("5xx", "error"):
            failures[phase][f"{outcome} {url}"] += 1
        results[phase]["slowest"] = max(
            results[phase]["slowest"], time.monotonic() - started
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-db", type=int, default=15)
    args = parser.parse_args()

    base_database = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mgsite"
    )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    database_url = soak_database_url(base_database)
    print(f"seeding {urllib.parse.urlparse(database_url).path.lstrip('/')} ...")
    seed(database_url)

    db_relay = Relay(target_of(database_url, 5432))
    redis_relay = Relay(target_of(redis_url, 6379))
    site_redis = urllib.parse.urlparse(redis_url)._replace(
        netloc=f"127.0.0.1:{redis_relay.port}", path=f"/{args.redis_db}"
    )
    port = free_port()
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "mgsite.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=environment(relayed(database_url, db_relay), site_redis.geturl()),
    )
    try:
        wait_for(port)
        warm_up(port)
        results, failures = run(args, port, db_relay, redis_relay)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, args.seconds / len(PHASES))
    for phase, counts in failures.items():
        for what, count in counts.most_common():
            print(f"{phase}: {count} × {what}")


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def warm_up(port, rounds=2):
    """Each URL a few times first, so the first phase measures a warm site."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for url in URLS * rounds:
        connection.request("GET", url)
        connection.getresponse().read()


def run(args, port, db_relay, redis_relay):
    phase_seconds = args.seconds / len(PHASES)
    start = time.monotonic()
    deadline = start + args.seconds

    def phase_of(now):
        return PHASES[min(int((now - start) / phase_seconds), len(PHASES) - 1)]

    results = {phase: collections.Counter({"slowest": 0.0}) for phase in PHASES}
    failures = {phase: collections.Counter() for phase in PHASES}
    threads = [
        threading.Thread(
            target=load, args=(port, deadline, phase_of, results, failures)
        )
        for _ in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    modes = [
        ("up", "up"),
        ("up", "stopped"),
        ("up", "frozen"),
        ("stopped", "up"),
        ("up", "up"),
    ]
    for number, (database, redis) in enumerate(modes):
        db_relay.set(database)
        redis_relay.set(redis)
        print(f"{time.monotonic() - start:5.1f} s: {PHASES[number]}")
        time.sleep(max(0, start + (number + 1) * phase_seconds - time.monotonic()))
    for thread in threads:
        thread.join()
    return results, failures


def report(results, phase_seconds):
    print()
    print("| phase | 2xx | 3xx | 4xx | 5xx | errors | req/s | slowest |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for phase, counts in results.items():
        total = sum(v for k, v in counts.items() if k != "slowest")
        print(
            f"| {phase} | {counts['2xx']} | {counts['3xx']} | {counts['4xx']} | "
            f"{counts['5xx']} | {counts['error']} | {total / phase_seconds:.1f} | "
            f"{counts['slowest']:.2f} s |"
        )


if __name__ == "__main__":
    main()
