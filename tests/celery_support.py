"""Celery for the tests: a real broker (in-memory, or Redis when ``REDIS_URL`` is set),
with or without Celery's testing worker, and polling helpers."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from celery.contrib.testing.worker import start_worker

from .celery_app import app

T = TypeVar("T")

MEMORY = "memory://"


def broker_urls() -> list[str]:
    """In-memory always; Redis too when ``REDIS_URL`` is set (``.ci/run`` sets it)."""
    redis = os.environ.get("REDIS_URL")
    return [MEMORY, redis] if redis else [MEMORY]


def broker_id(url: str) -> str:
    return "redis" if url.startswith("redis") else "memory"


def _reset_pools() -> None:
    # Connection pools are bound to the broker they were made for.
    app._after_fork()


@contextmanager
def _sending_to(url: str, **options: Any) -> Iterator[Any]:
    """Tasks are sent to ``url`` instead of running eagerly (``options``: more conf)."""
    keys = ("broker_url", "task_always_eager", "broker_transport_options", *options)
    saved = {key: app.conf[key] for key in keys}
    # A short polling interval: the in-memory transport polls (1 s by default).
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_transport_options={"polling_interval": 0.1},
        **options,
    )
    _reset_pools()
    try:
        yield app
    finally:
        app.conf.update(saved)
        _reset_pools()


@contextmanager
def broker(url: str = MEMORY) -> Iterator[Any]:
    """Tasks are sent to ``url`` instead of running eagerly; queues purged before/after."""
    with _sending_to(url):
        app.control.purge()
        try:
            yield app
        finally:
            app.control.purge()


@contextmanager
def broker_down() -> Iterator[Any]:
    """Tasks are sent to a broker nobody listens for: every send fails at once."""
    with _sending_to("redis://127.0.0.1:1/0", task_publish_retry=False):
        yield app


@contextmanager
def worker(url: str = MEMORY) -> Iterator[Any]:
    """Celery's testing worker (a thread of this process) consuming from ``url``."""
    with (
        broker(url),
        start_worker(
            app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=30,
        ) as running,
    ):
        yield running


def wait_for(check: Callable[[], T], timeout: float, interval: float = 0.2) -> T:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def queued_messages(queue: str = "celery") -> int:
    """Messages waiting in ``queue`` of the current broker."""
    with app.connection_for_read() as connection:
        return connection.default_channel.queue_declare(queue, passive=True).message_count


def record_encodes(monkeypatch: Any) -> list[str]:
    """Every text the USE encoder embeds as a document from now on (any thread)."""
    from shop_assistant.embeddings.use import UniversalSentenceEncoder

    texts: list[str] = []
    original = UniversalSentenceEncoder.encode_documents

    def spy(self: Any, batch: Any) -> Any:
        texts.extend(batch)
        return original(self, batch)

    monkeypatch.setattr(UniversalSentenceEncoder, "encode_documents", spy)
    return texts
