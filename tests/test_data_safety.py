"""Data safety: a deleted product leaves nothing behind that refers to it, and re-indexing
the catalog while shoppers search never shows them an empty page.

Real PostgreSQL + pgvector, the real USE encoder.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from shop_assistant import tasks
from shop_assistant.indexing import Indexer
from shop_assistant.models import (
    CatalogEntry,
    CoPurchase,
    Embedding,
    Interaction,
    Passage,
    TrendingScore,
)
from shop_assistant.recommend.copurchase import refresh_bought_together
from shop_assistant.recommend.trending import refresh_trending
from shop_assistant.search import search

from .factories import category, product


@pytest.mark.django_db
def test_a_deleted_product_leaves_no_vector_event_or_pair_behind(space):
    tents = category("tents")
    tent, other = (product(f"Dome tent {n}", "Sleeps two.", category=tents) for n in (1, 2))
    tasks.index_products([tent.pk, other.pk])
    for order in ("A", "B"):
        for item in (tent, other):
            Interaction.objects.create(
                event_id=f"{order}-{item.pk}",
                type="purchase",
                product=item,
                visitor_id="visitor-safety-1",
                order_id=order,
                timestamp="2026-11-30T10:00Z",
            )
    refresh_trending()
    refresh_bought_together()
    assert CoPurchase.objects.filter(product=other, other=tent).exists()

    pk = tent.pk
    tent.delete()
    tasks.remove_products([pk])

    assert not CatalogEntry.objects.filter(product_id=pk).exists()
    assert not Passage.objects.filter(entry__product_id=pk).exists()
    assert not Embedding.objects.filter(entry__product_id=pk).exists()
    assert not Interaction.objects.filter(product_id=pk).exists()
    assert not TrendingScore.objects.filter(product_id=pk).exists()
    assert not CoPurchase.objects.filter(other_id=pk).exists()
    assert [h.product_id for h in search("dome tent", log=False).hits] == [other.pk]


@pytest.mark.django_db(transaction=True)
def test_reindexing_during_traffic_never_returns_an_empty_page(space):
    kettles = category("kettles")
    items = [
        product(f"Steel kettle {n}", "Boils water quickly.", category=kettles) for n in range(120)
    ]
    Indexer(space).index_all()
    type(items[0]).objects.update(  # new texts, no signal: the run below encodes them all
        description="Boils a litre of water in three minutes. Auto shut-off and a lid lock."
    )
    pages: list[int] = []
    done = threading.Event()

    def shopper() -> None:
        try:
            while not done.is_set():
                pages.append(len(search("kettle", page_size=10, log=False).hits))
        finally:
            connection.close()

    thread = threading.Thread(target=shopper)
    thread.start()
    try:
        Indexer(space).index_all()
    finally:
        done.set()
        thread.join()
    assert len(pages) > 3 and min(pages) == 10, pages
