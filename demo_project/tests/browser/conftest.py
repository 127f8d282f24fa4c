"""The browser tests' live demo: the demo catalog (indexed once per session by the
``demo_catalog`` fixture, committed in the test database) served by ``manage.py runserver``
and worked on by a real Celery worker, both subprocesses of this session, and driven by the
system's Chromium through Playwright (no browser download: ``/usr/bin/chromium``).

Each test opens its own browser context (a new visitor: no cookies, empty storage), fails
on any console error and saves a screenshot under ``.data/screenshots/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connections

REPO = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO / ".data" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER_SETTINGS = "demo_project.tests.browser.settings_server"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The URL of pytest-django's test database (the subprocesses use it)."""
    from django.db import connection

    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = quote(s["HOST"] or "localhost", safe="")
    return f"postgres://{auth}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_their_sessions_to_end(timeout: float = 15) -> None:
    """The subprocesses' database sessions outlive them briefly; the test database can
    only be dropped once they are gone."""
    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if not cursor.fetchone()[0]:
                return
            time.sleep(0.2)


def _wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The demo server exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The demo server did not answer within {timeout} s")


@pytest.fixture(scope="session")
def live_demo(demo_catalog, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The demo's base URL, served and worked on by subprocesses on the test database."""
    folder = tmp_path_factory.mktemp("live_demo")
    broker = folder / "broker"
    broker.mkdir()
    with django_db_blocker.unblock():
        database = _database_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": "filesystem://",
        "BROWSER_BROKER_DIR": str(broker),
        "DEMO_THROTTLE": "off",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    port = _free_port()
    server_log, worker_log = folder / "server.log", folder / "worker.log"
    worker_command = [sys.executable, "-m", "celery", "-A", "demo_project", "worker"]
    worker_command += ["--pool=solo", "--concurrency=1", "--loglevel=info"]
    worker_command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    server_command = [sys.executable, "manage.py", "runserver", "--noreload", "--insecure"]
    server_command += [f"127.0.0.1:{port}"]
    with worker_log.open("wb") as out:
        worker = subprocess.Popen(
            worker_command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    with server_log.open("wb") as out:
        server = subprocess.Popen(
            server_command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_http(base + "/", server, server_log)
        # The first search loads the encoder: done here, not inside a test's time budget.
        urllib.request.urlopen(base + "/api/assistant/search/?q=tent", timeout=300).read()
        yield base
    finally:
        _stop(server)
        _stop(worker)
        with django_db_blocker.unblock():
            _wait_for_their_sessions_to_end()
            connections.close_all()
        for name, log in (("server", server_log), ("worker", worker_log)):
            sys.stderr.write(f"\n--- live demo {name} log (tail) ---\n{log.read_text()[-2000:]}\n")


@pytest.fixture(scope="session")
def browser(live_demo) -> Iterator[Any]:
    """Chromium for the session. Playwright's sync API keeps an event loop on this thread,
    which Django's guard takes for async code: the tests' own database reads (plain sync
    code between browser steps) are allowed while it runs, as Playwright's docs advise."""
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # The tests' database connections were opened while Playwright ran (in its
            # context, which Django's connection handler keys them by): closed here, or
            # the test database could not be dropped at the end of the session.
            connections.close_all()
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture
def open_page(live_demo, browser, request) -> Iterator[Callable[..., Any]]:
    """``open_page(path, **context_options)``: a page of a new visitor at ``path``.

    Console errors and uncaught exceptions fail the test; the last page opened is saved
    as ``.data/screenshots/<test name>.png``.
    """
    contexts: list[Any] = []
    errors: list[str] = []
    pages: list[Any] = []

    def open_(path: str = "/", **options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "en-US")
        context = browser.new_context(base_url=live_demo, **options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda m: (
                errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None
            ),
        )
        page.on(
            "response",
            lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path)
        pages.append(page)
        return page

    yield open_
    if pages:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_")
        pages[-1].screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    for context in contexts:
        context.close()
    assert not errors, f"console errors: {errors}"


@pytest.fixture(scope="session")
def staff_user(django_db_blocker, live_demo) -> tuple[str, str]:
    """A superuser, committed (the live server sees it): (username, password)."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        user_model = get_user_model()
        if not user_model.objects.filter(username="staff").exists():
            user_model.objects.create_superuser("staff", "staff@example.com", "browser-pass-1")
    return "staff", "browser-pass-1"
