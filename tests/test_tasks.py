"""Celery tasks and automatic freshness, tasks run eagerly (a shop's no-broker mode).

Real PostgreSQL + pgvector and the real USE encoder; the encoder is only wrapped to count
what it embeds, or made to fail to exercise retries.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop_assistant import tasks
from shop_assistant.embeddings.use import UniversalSentenceEncoder
from shop_assistant.indexing import Indexer
from shop_assistant.indexing.freshness import claim_requests, request_index
from shop_assistant.models import CatalogEntry, Embedding, IndexRequest, Passage

from .celery_support import broker, queued_messages, record_encodes
from .factories import category, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def jacket(space):
    jackets = category("rain-jackets", en="Rain jackets", es="Chaquetas de lluvia")
    return product(
        "Waterproof hiking jacket",
        "A breathable shell with a hood.",
        translations={"es": {"title": "Chaqueta impermeable de senderismo"}},
        category=jackets,
        brand="Nordwand",
        color="navy",
    )


def rows(product_obj):
    """Everything stored for a product, to compare two runs."""
    entry = CatalogEntry.objects.get(product=product_obj)
    passages = sorted(entry.passages.values_list("id", "kind", "language", "position", "text"))
    vectors = sorted(
        Embedding.objects.filter(entry=entry).values_list("id", "passage_id", "content_hash")
    )
    return passages, vectors


def test_saving_a_product_indexes_it_after_commit(jacket, django_capture_on_commit_callbacks):
    assert not CatalogEntry.objects.filter(product=jacket).exists()  # nothing before commit
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jacket.title = "Waterproof mountain jacket"
        jacket.save()
    assert len(callbacks) == 1
    entry = CatalogEntry.objects.get(product=jacket)
    assert entry.status == CatalogEntry.Status.INDEXED
    assert entry.titles["en"] == "Waterproof mountain jacket"
    assert entry.passages.get(kind="title", language="en", position=0).text == entry.titles["en"]
    assert not IndexRequest.objects.exists()  # the request was served


def test_price_and_stock_change_update_facets_without_encoding(
    jacket, monkeypatch, django_capture_on_commit_callbacks
):
    tasks.index_products([jacket.pk])
    before = rows(jacket)
    encoded = record_encodes(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        jacket.price, jacket.stock = Decimal("79.90"), 0
        jacket.save()
    entry = CatalogEntry.objects.get(product=jacket)
    assert entry.price == Decimal("79.90") and entry.in_stock is False
    assert entry.status == CatalogEntry.Status.INDEXED
    assert encoded == []
    assert rows(jacket) == before


def test_index_products_twice_leaves_exactly_the_same_rows(jacket, monkeypatch):
    first = tasks.index_products([jacket.pk])
    assert first["encoded"] == Passage.objects.filter(entry__product=jacket).count() > 0
    before = rows(jacket)
    encoded = record_encodes(monkeypatch)
    second = tasks.index_products([jacket.pk])
    assert second["encoded"] == 0 and encoded == []
    assert rows(jacket) == before


def test_saves_within_the_window_queue_one_task(jacket, django_capture_on_commit_callbacks):
    with broker():  # a broker but no worker: tasks wait in the queue
        for n in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                jacket.title = f"Waterproof hiking jacket v{n}"
                jacket.save()
        assert queued_messages() == 1
    assert list(IndexRequest.objects.values_list("product_id", flat=True)) == [jacket.pk]


def test_a_save_while_the_task_runs_queues_a_new_round(jacket):
    with broker():
        assert request_index([jacket.pk]) == [jacket.pk]
        assert request_index([jacket.pk]) == []  # coalesced into the pending one
        claim_requests([jacket.pk])  # what the task does before reading the product
        assert request_index([jacket.pk]) == [jacket.pk]  # this save is not lost
        assert queued_messages() == 2


def test_deleting_a_product_removes_its_rows(jacket, django_capture_on_commit_callbacks):
    tasks.index_products([jacket.pk])
    entry = CatalogEntry.objects.get(product=jacket)
    pk = jacket.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jacket.delete()
    assert len(callbacks) == 1
    assert not CatalogEntry.objects.filter(pk=entry.pk).exists()
    assert not Passage.objects.filter(entry_id=entry.pk).exists()
    assert not Embedding.objects.filter(entry_id=entry.pk).exists()
    assert tasks.remove_products([pk]) == 0  # idempotent


def test_saving_a_related_row_reindexes_its_products(
    jacket, settings, django_capture_on_commit_callbacks
):
    related = {"testapp.Brand": "products"}
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "RELATED_MODELS": related}
    tasks.index_products([jacket.pk])
    with django_capture_on_commit_callbacks(execute=True):
        jacket.brand.name = "Fjellvind"
        jacket.brand.save()
    attributes = Passage.objects.get(entry__product=jacket, kind="attributes", language="en")
    assert attributes.text.startswith("Fjellvind · Rain jackets")


def test_eager_task_gives_up_at_once_and_the_periodic_task_recovers(jacket, monkeypatch, settings):
    """Without a broker a failing task must not keep the web request waiting."""
    attempts = []

    def down(self, texts):
        attempts.append(1)
        raise ConnectionError("encoder service unreachable")

    original = UniversalSentenceEncoder.encode_documents
    monkeypatch.setattr(UniversalSentenceEncoder, "encode_documents", down)
    with pytest.raises(ConnectionError):  # run in-process: the caller sees it, once
        tasks.index_products.delay([jacket.pk])
    assert len(attempts) == 1
    entry = CatalogEntry.objects.get(product=jacket)
    assert entry.status == CatalogEntry.Status.FAILED
    assert "gave up after 0 retries: ConnectionError: encoder service unreachable" in entry.error
    assert not entry.is_published  # a placeholder: never served before it is indexed

    monkeypatch.setattr(UniversalSentenceEncoder, "encode_documents", original)
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "RETRY_STALE_AFTER": 0}
    assert tasks.retry_stale_products() == 1
    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.INDEXED and entry.error == ""
    assert entry.is_published
    assert Embedding.objects.filter(entry=entry).count() == entry.passages.count()


def test_indexer_marks_a_product_its_adapter_cannot_read(space, jacket, monkeypatch):
    broken = product("Broken product", sku="BROKEN-1")
    from shop_assistant.catalog import ProductAdapter

    original = ProductAdapter.to_document

    def to_document(self, obj):
        if obj.sku == "BROKEN-1":
            raise ValueError("price field is not a number")
        return original(self, obj)

    monkeypatch.setattr(ProductAdapter, "to_document", to_document)
    report = Indexer(space).index_ids([jacket.pk, broken.pk])
    assert report.failed == 1 and report.products == 1
    entry = CatalogEntry.objects.get(product=broken)
    assert entry.status == CatalogEntry.Status.FAILED
    assert entry.error == "ValueError: price field is not a number"
    assert CatalogEntry.objects.get(product=jacket).status == CatalogEntry.Status.INDEXED
