"""The freshness guarantee: an index request never blocks later ones, a save with the
broker down is never silently lost, ``reindex --ids`` serves what it covers, and the
periodic reconciliation catches changes that sent no signal.

Real PostgreSQL + pgvector, the real USE encoder, Celery's in-memory broker where a
queue matters.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from shop_assistant import tasks
from shop_assistant.indexing import freshness
from shop_assistant.indexing.freshness import reconcile, request_index
from shop_assistant.models import CatalogEntry, IndexRequest, Passage

from .celery_support import broker, broker_down, queued_messages
from .factories import category, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamp(space):
    lamps = category("lamps", en="Lamps", es="Lámparas")
    item = product("Brass desk lamp", "Warm light for reading.", category=lamps, brand="Lumo")
    tasks.index_products([item.pk])
    return item


def age_requests(seconds: float) -> None:
    IndexRequest.objects.update(requested_at=timezone.now() - timedelta(seconds=seconds))


def test_a_lost_request_does_not_block_later_saves(lamp, settings):
    """Its task never ran (a worker lost it): the next save after the timeout queues again."""
    settings.SHOP_ASSISTANT = {
        **settings.SHOP_ASSISTANT,
        "INDEX_COALESCE_SECONDS": 10,
        "INDEX_REQUEST_TIMEOUT": 60,
    }
    with broker():
        assert request_index([lamp.pk]) == [lamp.pk]
        age_requests(30)  # still within the window: coalesced
        assert request_index([lamp.pk]) == []
        age_requests(71)  # past the window: that task is lost
        assert request_index([lamp.pk]) == [lamp.pk]
        assert queued_messages() == 2
    assert IndexRequest.objects.get().requested_at > timezone.now() - timedelta(seconds=5)


def test_reindex_ids_serves_the_pending_requests_it_covers(lamp, space):
    other = product("Oak bookshelf", "Five shelves.")
    with broker():  # queued, never run
        request_index([lamp.pk, other.pk])
    lamp.title = "Brass reading lamp"
    lamp.save()
    call_command("shop_assistant_reindex", "--ids", str(lamp.pk), verbosity=0)
    assert list(IndexRequest.objects.values_list("product_id", flat=True)) == [other.pk]
    assert CatalogEntry.objects.get(product=lamp).titles["en"] == "Brass reading lamp"


def test_a_save_with_the_broker_down_is_marked_at_once_and_queued_again_later(lamp, settings):
    with broker_down():
        lamp.title = "Brass reading lamp"
        lamp.save()
        assert request_index([lamp.pk]) == []  # the save went through, the task did not
    entry = CatalogEntry.objects.get(product=lamp)
    assert entry.status == CatalogEntry.Status.FAILED
    assert entry.error.startswith("could not be queued: ")
    assert not IndexRequest.objects.exists()  # nothing blocks the next save
    assert entry.titles["en"] == "Brass desk lamp"  # the old text keeps serving meanwhile

    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "RETRY_STALE_AFTER": 0}
    assert tasks.retry_stale_products() == 1  # the broker is back (eager here)
    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.INDEXED
    assert entry.titles["en"] == "Brass reading lamp"


def test_reconciliation_finds_changes_that_sent_no_signal(lamp, space):
    others = [product(f"Oak bookshelf {n}", "Five shelves.") for n in range(3)]
    tasks.index_products([p.pk for p in others])
    type(lamp).objects.filter(pk=lamp.pk).update(title="Brass reading lamp")  # no signal
    assert CatalogEntry.objects.get(product=lamp).status == CatalogEntry.Status.INDEXED

    report = reconcile(limit=10)

    assert report.checked == 4 and report.outdated == [lamp.pk]
    entry = CatalogEntry.objects.get(product=lamp)
    assert entry.titles["en"] == "Brass reading lamp"  # re-indexed (eagerly here)
    assert Passage.objects.get(entry=entry, kind="title", language="en").text == (
        "Brass reading lamp"
    )
    assert reconcile(limit=10).outdated == []  # nothing left to do


def test_reconciliation_walks_the_catalog_in_bounded_slices(lamp, space, monkeypatch):
    items = [product(f"Oak bookshelf {n}", "Five shelves.") for n in range(5)]
    tasks.index_products([p.pk for p in items])
    monkeypatch.setattr(freshness.get_adapter().__class__, "updated_field", lambda self, m: None)
    seen = []
    for _ in range(3):  # two products per pass: six products in three passes
        seen.append(reconcile(limit=2).checked)
    assert seen == [2, 2, 2]
    type(lamp).objects.filter(pk__in=[p.pk for p in items]).update(title="Pine bookshelf")
    outdated = set()
    for _ in range(3):
        outdated |= set(reconcile(limit=2).outdated)
    assert outdated == {p.pk for p in items}  # every product was looked at again
