"""Load: 20 concurrent clients against gunicorn on a 100,000-product catalog.

    .venv/bin/python benchmarks/bench_load.py [--products 100000] [--clients 20]
        [--seconds 60] [--workers 3] [--rate R] [--data-dir DIR]

Builds (or reuses, with ``--data-dir``) the catalog of ``bench_search.py`` — generated
products with their entries, full-text passages and synthetic clustered vectors — in its
own embedded PostgreSQL, then serves the demo project with gunicorn (``--workers``
processes, ``DEBUG`` off, no throttle) and runs ``--clients`` client threads on
loopback for ``--seconds``, each with its own keep-alive connection and anonymous
visitor, mixing what a storefront sends: search (40 %), similar products (15 %),
personalized recommendations (15 %), a question about a product (15 %) and a view event
(15 %). Each client sends its next request as soon as it has the answer (the most the
server can serve: latency is then the queue of 20 requests), or, with ``--rate``, the
clients together send about R requests per second at random times (latency at a given
traffic, counted from when each request was due). Prints and appends to
benchmarks/RESULTS.md: requests per second, per endpoint the count, error count and
p50 / p95 / p99 latency (client side, the full HTTP round trip), the CPU each request
cost the workers, the database, the client threads (and the machine's idle time per
request), and each worker's resident memory before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build_catalog, make_queries, prewarm, setup_django  # noqa: E402

MIX = [("search", 40), ("similar", 15), ("recommendations", 15), ("ask", 15), ("event", 15)]
QUESTIONS = ["Is it in stock?", "What does it cost?", "Which colour is it?", "Is it waterproof?"]


class Client(threading.Thread):
    """One shopper: a keep-alive connection, a visitor token, requests until the end."""

    def __init__(
        self,
        port: int,
        until: float,
        queries: list[str],
        products: list[int],
        seed: int,
        interval: float = 0.0,
    ):
        super().__init__(daemon=True)
        self.port, self.until = port, until
        self.interval = interval  # mean seconds between this client's requests (0: none)
        self.queries, self.products = queries, products
        self.rng = random.Random(seed)
        self.results: list[tuple[str, int, float]] = []
        self.token = ""

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Visitor-Id"] = self.token
        payload = json.dumps(body).encode() if body is not None else None
        for attempt in range(2):  # a connection the server closed is reopened once
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def event(self) -> tuple[str, str, dict]:
        product = self.rng.choice(self.products)
        event = {"event_id": f"e{self.rng.getrandbits(48)}", "type": "view", "product_id": product}
        return "POST", "/api/assistant/events/", {"events": [event]}

    def run(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        status, body = self.request(*self.event())  # a first view: the visitor's token
        self.token = json.loads(body).get("visitor_token", "")
        kinds = [kind for kind, weight in MIX for _ in range(weight)]
        due = time.perf_counter()
        while time.monotonic() < self.until:
            if self.interval:  # paced: requests due at random (Poisson) times
                due += self.rng.expovariate(1 / self.interval)
                time.sleep(max(0.0, due - time.perf_counter()))
            kind = self.rng.choice(kinds)
            product = self.rng.choice(self.products)
            if kind == "search":
                query = urllib.parse.quote_plus(self.rng.choice(self.queries))
                method, path, body = "GET", f"/api/assistant/search/?q={query}", None
            elif kind == "similar":
                method, path, body = "GET", f"/api/assistant/products/{product}/similar/", None
            elif kind == "recommendations":
                method, path, body = "GET", "/api/assistant/recommendations/", None
            elif kind == "ask":
                question = self.rng.choice(QUESTIONS)
                method, path = "POST", "/api/assistant/ask/"
                body = {"question": question, "product_id": product}
            else:
                method, path, body = self.event()
            # From when the request was due: a request sent late because the previous
            # answer came late waited as long as a shopper would have.
            started = min(due, time.perf_counter()) if self.interval else time.perf_counter()
            status, _ = self.request(method, path, body)
            self.results.append((kind, status, (time.perf_counter() - started) * 1000))


def worker_rss(master: int) -> list[float]:
    import psutil

    return [round(p.memory_info().rss / 2**20, 1) for p in psutil.Process(master).children()]


def database_server() -> int:
    """The embedded PostgreSQL's postmaster pid (the parent of this process's backend)."""
    import psutil
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    return psutil.Process(backend).parent().pid


def cpu_times(master: int) -> dict[int, float]:
    """User + system CPU seconds of ``master``'s children (gunicorn's workers, the
    database's backends) by pid, and under ``-1`` those of its children that exited (a
    backend closed after ``CONN_MAX_AGE``): the kernel adds them to the parent's."""
    import psutil

    parent = psutil.Process(master)
    reaped = parent.cpu_times()
    times = {-1: reaped.children_user + reaped.children_system}
    for child in parent.children():
        try:
            own = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        times[child.pid] = own.user + own.system
    return times


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two :func:`cpu_times`: the children alive at the end since the
    first (or since they started), those that exited meanwhile up to their end."""
    exited = [pid for pid in before if pid != -1 and pid not in after]
    spent = after[-1] - before[-1] - sum(before[pid] for pid in exited)
    return spent + sum(t - before.get(pid, 0.0) for pid, t in after.items() if pid != -1)


def cpu_snapshot(server: int, database: int) -> dict[str, Any]:
    import psutil

    own = psutil.Process().cpu_times()
    machine = psutil.cpu_times()
    return {
        "workers": cpu_times(server),
        "database": cpu_times(database),
        "clients": own.user + own.system,
        "idle": machine.idle + getattr(machine, "iowait", 0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="Requests per second all clients aim at together (Poisson arrivals); "
        "default 0: each client sends its next request as soon as it has the answer.",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data-dir", type=Path, help="Keep and reuse the database here.")
    parser.add_argument("--no-results-file", action="store_true")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench_load_")) / "pg"
    reuse = args.data_dir is not None and (data_dir / "PG_VERSION").exists()
    setup_django(data_dir, keep=args.data_dir is not None)
    from shop_assistant.models import CatalogEntry

    if not reuse:
        print(f"Building {args.products} products in {data_dir} ...", flush=True)
        build_catalog(args.products, args.seed)
    prewarm()
    products = list(CatalogEntry.objects.values_list("product_id", flat=True)[:5000])
    queries = make_queries(500, args.seed)

    port = 18000 + os.getpid() % 1000
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_project.settings",
        "DJANGO_DEBUG": "0",
        "DEMO_THROTTLE": "off",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "demo_project.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--timeout=120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while True:  # every worker loads its models at start (shop_assistant.warm_up)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/api/assistant/schema/?format=json")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(1)
        warm = Client(port, time.monotonic() + 10, queries, products, seed=0)  # all paths
        warm.run()
        before = worker_rss(server.pid)
        database = database_server()
        cpu_before = cpu_snapshot(server.pid, database)
        until = time.monotonic() + args.seconds
        clients = [
            Client(
                port,
                until,
                queries,
                products,
                seed=args.seed + i,
                interval=args.clients / args.rate if args.rate else 0.0,
            )
            for i in range(args.clients)
        ]
        started = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.monotonic() - started
        cpu_after = cpu_snapshot(server.pid, database)
        after = worker_rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    results = [r for client in clients for r in client.results]
    lines = [
        f"| clients | {args.clients} on gunicorn ×{args.workers}, {elapsed:.0f} s, "
        f"{args.products:,} products, "
        + (f"paced at {args.rate:g} requests/s" if args.rate else "no pause between requests")
        + " |",
        f"| requests/s | **{len(results) / elapsed:.1f}** ({len(results)} requests) |",
        f"| errors (non-2xx) | {sum(1 for _k, s, _e in results if s >= 300)} |",
    ]
    for kind, _weight in MIX:
        times = np.array([ms for k, _s, ms in results if k == kind] or [0.0])
        errors = sum(1 for k, s, _ms in results if k == kind and s >= 300)
        p50, p95, p99 = (float(np.percentile(times, q)) for q in (50, 95, 99))
        lines.append(
            f"| {kind} | n={len(times)}, errors {errors}, p50 {p50:.0f} ms, "
            f"p95 {p95:.0f} ms, p99 {p99:.0f} ms |"
        )
    spent = {
        k: cpu_spent(v, cpu_after[k]) if isinstance(v, dict) else cpu_after[k] - v
        for k, v in cpu_before.items()
    }
    cpu = {k: v * 1000 / max(len(results), 1) for k, v in spent.items()}
    lines.append(
        "| CPU ms per request | "
        + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
        + f" (idle: summed over {os.cpu_count()} cores) |"
    )
    lines.append(f"| worker RSS MB before → after | {before} → {after} |")
    print("\n".join(lines))
    if not args.no_results_file:
        with (ROOT / "benchmarks" / "RESULTS.md").open("a") as out:
            out.write(
                f"\n## Load, {dt.date.today()}\n\n"
                f"`.venv/bin/python benchmarks/bench_load.py --products {args.products} "
                f"--clients {args.clients} --seconds {args.seconds:g} --workers {args.workers}"
                + (f" --rate {args.rate:g}" if args.rate else "")
                + "`\n\n"
                "| figure | value |\n|---|---|\n" + "\n".join(lines) + "\n"
            )


if __name__ == "__main__":
    main()
