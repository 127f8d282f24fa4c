"""The broker is down while a shop owner edits a product in the host's own admin: the save
succeeds, the product shows as not indexed at once, and a real Celery worker catches up
once the broker is back.

A Redis server of this test's own is the broker (so it can be stopped), with the demo
served by gunicorn and a ``celery -A demo_project worker`` subprocess, on the suite's
database.
"""

from __future__ import annotations

import re
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import requests

from .conftest import BIN, REPO, free_port, serve, stop, wait_until

ADMIN_PASSWORD = "shop-assistant-demo"  # demo_setup's admin


class FormFields(HTMLParser):
    """The fields a browser would submit with the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append(
                (name, a.get("value") or ("on" if a.get("type") == "checkbox" else ""))
            )
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def start_redis(port: int, directory: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    wait_until(lambda: redis.Redis(port=port).ping(), 20, what="Redis answering")
    return process


def entry(database_url: str, sku: str) -> tuple[str, str, dict]:
    with psycopg.connect(_libpq(database_url)) as connection:
        row = connection.execute(
            "SELECT e.status, e.error, e.titles FROM shop_assistant_catalogentry e "
            "JOIN shop_product p ON p.id = e.product_id WHERE p.sku = %s",
            [sku],
        ).fetchone()
    return row


def _libpq(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return f"host={unquote(parts.hostname or '')} port={parts.port} user=postgres dbname=postgres"


def test_a_save_with_the_broker_down_is_marked_and_caught_up_by_the_worker(demo, tmp_path):
    port = free_port()
    redis_dir = tmp_path / "redis"
    redis_dir.mkdir()
    broker = f"redis://127.0.0.1:{port}/0"
    env = {**demo.env, "CELERY_BROKER_URL": broker, "SHOP_ASSISTANT_WARM_UP": "0"}
    redis_server = start_redis(port, redis_dir)
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "demo_project",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=REPO,
        env=env,
        stdout=(tmp_path / "worker.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    server, url = serve(env, tmp_path / "server.log", workers=1)
    try:
        session = requests.Session()
        login = session.get(url + "/admin/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        session.post(
            url + "/admin/login/?next=/admin/",
            data={"csrfmiddlewaretoken": token, "username": "admin", "password": ADMIN_PASSWORD},
            timeout=30,
        )
        listing = session.get(url + "/admin/shop/product/?q=DEMO-EN-RAINJACKET", timeout=30)
        change = re.search(r'href="(/admin/shop/product/\d+/change/)', listing.text).group(1)
        form = session.get(url + change, timeout=30)
        parser = FormFields()
        parser.feed(form.text)
        fields = [(k, v) for k, v in parser.fields if k != "_addanother"]
        title = "Nordwand Storm rain jacket, new season"
        fields = [(k, title if k == "title" else v) for k, v in fields] + [("_save", "Save")]

        stop(redis_server)  # the broker goes away
        started = time.monotonic()
        saved = session.post(url + change, data=fields, timeout=60, allow_redirects=False)
        assert saved.status_code == 302, saved.text[-2000:]  # the host's save succeeded
        assert time.monotonic() - started < 30
        status, error, titles = entry(demo.database.url, "DEMO-EN-RAINJACKET")
        assert status == "failed" and error.startswith("could not be queued")
        assert titles["en"] != title  # the old text keeps serving meanwhile

        redis_server = start_redis(port, redis_dir)  # the broker is back
        subprocess.run(
            [
                str(BIN / "celery"),
                "-A",
                "demo_project",
                "call",
                "shop_assistant.retry_stale_products",
            ],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        wait_until(
            lambda: entry(demo.database.url, "DEMO-EN-RAINJACKET")[0] == "indexed",
            300,
            what="the worker re-indexing the product",
        )
        assert entry(demo.database.url, "DEMO-EN-RAINJACKET")[2]["en"] == title
    finally:
        stop(server)
        stop(worker)
        stop(redis_server)
