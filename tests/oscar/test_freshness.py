"""The freshness guarantee on oscar: a save with the broker down is marked at once and
indexed by the next maintenance run, and a lost task never blocks later saves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from celery import current_app
from django.core.management import call_command
from django.utils import timezone

from shop_assistant.models import CatalogEntry, IndexRequest

pytestmark = pytest.mark.django_db(transaction=True)  # autocommit, as oscar's views run


@contextmanager
def sending_to(url: str, **options: Any) -> Iterator[None]:
    """Tasks go to ``url`` instead of running in-process (the shop's own Celery app)."""
    keys = ("broker_url", "task_always_eager", *options)
    saved = {key: current_app.conf[key] for key in keys}
    current_app.conf.update(broker_url=url, task_always_eager=False, **options)
    current_app._after_fork()  # connection pools belong to the broker they were made for
    try:
        yield
    finally:
        current_app.conf.update(saved)
        current_app._after_fork()


@pytest.fixture
def indexed(shop):
    call_command("shop_assistant_reindex", "--all", verbosity=0)
    return shop


def test_a_stock_change_with_the_broker_down_is_marked_and_caught_up(indexed, settings):
    record = indexed.lamp.stockrecords.get()
    record.num_in_stock = 0
    with sending_to("redis://127.0.0.1:1/0", task_publish_retry=False):
        record.save()  # the shop's save goes through; the task could not be queued
    entry = CatalogEntry.objects.get(product=indexed.lamp)
    assert entry.status == CatalogEntry.Status.FAILED and entry.in_stock is True
    assert not IndexRequest.objects.exists()  # nothing blocks the next save

    call_command("shop_assistant_maintain", "--only", "shop-assistant-retry-stale", verbosity=0)
    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.INDEXED and entry.in_stock is False


def test_a_lost_task_does_not_block_the_next_save(indexed, settings):
    with sending_to("memory://"):  # queued, and no worker ever takes it
        indexed.lamp.title = "Brass reading lamp"
        indexed.lamp.save()
        current_app.control.purge()
    assert IndexRequest.objects.filter(product_id=indexed.lamp.pk).exists()
    IndexRequest.objects.update(requested_at=timezone.now() - timedelta(hours=1))
    indexed.lamp.title = "Brass library lamp"
    indexed.lamp.save()  # in-process again: the lost request is superseded
    entry = CatalogEntry.objects.get(product=indexed.lamp)
    assert entry.titles == {"en": "Brass library lamp"}
    assert entry.status == CatalogEntry.Status.INDEXED
    assert not IndexRequest.objects.exists()
