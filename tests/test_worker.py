"""The pipeline with a real Celery worker: Celery's testing worker consuming from the
in-memory transport, and from Redis when ``REDIS_URL`` is set (``.ci/run`` sets it)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from shop_assistant import tasks
from shop_assistant.embeddings.use import UniversalSentenceEncoder
from shop_assistant.indexing import Indexer
from shop_assistant.models import CatalogEntry, IndexJob, IndexRequest

from .celery_support import broker_id, broker_urls, record_encodes, wait_for, worker
from .factories import product
from .testapp.models import Product

pytestmark = pytest.mark.django_db(transaction=True)

ROUND_TRIP = 60  # seconds: generous for a loaded CI machine; the usual is about 2 s


@pytest.fixture(params=broker_urls(), ids=broker_id)
def live_worker(request, settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "INDEX_COALESCE_SECONDS": 1}
    with worker(request.param) as running:
        yield running


@pytest.fixture
def catalog(space):
    """Indexed before the worker starts (request it before ``live_worker``)."""
    items = [
        product("Ceramic coffee mug", "Holds 350 ml. Dishwasher safe.", color="white"),
        product("Waterproof hiking jacket", "A breathable shell with a hood."),
        product("Stainless steel kettle", "Boils 1.7 litres in three minutes."),
    ]
    Indexer(space).index_all()
    return items


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(
        "ops", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


def top_product(space, text: str) -> int:
    """The product whose passage is nearest to ``text`` in the active space (ANN via SQL)."""
    vector = str(space.get_encoder().encode_queries([text])[0].tolist())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.product_id FROM shop_assistant_embedding e "
            "JOIN shop_assistant_catalogentry c ON c.id = e.entry_id WHERE e.space_id = %s "
            "ORDER BY (e.embedding::vector(512)) <=> %s::vector(512) LIMIT 1",
            [space.pk, vector],
        )
        return cursor.fetchone()[0]


def product_form(obj: Product, **changes) -> dict:
    """The test shop Product admin's change form, filled with the product's current values."""
    data = {
        "sku": obj.sku,
        "language": obj.language,
        "title": obj.title,
        "description": obj.description,
        "bullet_points": obj.bullet_points,
        "translations": "{}",
        "price": str(obj.price),
        "currency": obj.currency,
        "stock": obj.stock,
        "category": obj.category_id or "",
        "brand": obj.brand_id or "",
        "color": obj.color,
        "material": obj.material,
        "size": obj.size,
        "attributes": "{}",
        "group": obj.group,
        "is_published": "on",
    }
    return {**data, **changes}


def test_saving_a_product_in_the_admin_changes_search_results(space, catalog, staff, live_worker):
    mug = catalog[0]
    query = "solar powered camping lantern"
    assert top_product(space, query) != mug.pk
    response = staff.post(
        reverse("admin:testapp_product_change", args=[mug.pk]),
        product_form(
            mug,
            title="Solar powered camping lantern",
            description="Charges in the sun, lights the tent all night.",
        ),
    )
    assert response.status_code == 302  # saved; the request did not wait for indexing
    wait_for(lambda: top_product(space, query) == mug.pk, ROUND_TRIP)
    entry = CatalogEntry.objects.get(product=mug)
    assert entry.titles == {"en": "Solar powered camping lantern"}
    assert entry.status == CatalogEntry.Status.INDEXED
    assert not IndexRequest.objects.filter(product=mug).exists()


def test_many_saves_in_the_window_are_encoded_once(
    space, catalog, live_worker, monkeypatch, settings
):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "INDEX_COALESCE_SECONDS": 3}
    kettle = catalog[2]
    encoded = record_encodes(monkeypatch)
    for n in range(5):
        kettle.title = f"Stainless steel kettle, edition {n}"
        kettle.save()  # each save commits (autocommit) and fires its on_commit at once
    wait_for(
        lambda: CatalogEntry.objects.get(product=kettle).titles["en"].endswith("edition 4"),
        ROUND_TRIP,
    )
    titles = [text for text in encoded if text.startswith("Stainless steel kettle")]
    assert titles == ["Stainless steel kettle, edition 4"]


def test_rebuild_from_the_admin_is_done_by_the_worker(space, catalog, staff, live_worker):
    response = staff.post(reverse("admin:shop_assistant_catalogentry_rebuild"))
    job = IndexJob.objects.get()
    assert response["Location"].endswith(f"/indexjob/{job.pk}/change/")
    wait_for(lambda: IndexJob.objects.get(pk=job.pk).is_finished, ROUND_TRIP)
    job.refresh_from_db()
    assert job.status == IndexJob.Status.SUCCEEDED
    assert (job.done, job.total, job.failed) == (3, 3, 0)
    assert job.result["passages_encoded"] == 0  # all up to date: nothing re-encoded
    status = staff.get(reverse("admin:shop_assistant_indexjob_status", args=[job.pk])).json()
    assert status["percent"] == 100.0 and status["finished"] is True


def test_a_transient_failure_is_retried_after_a_backoff(live_worker, space, monkeypatch):
    attempts = []
    original = UniversalSentenceEncoder.encode_documents

    def flaky(self, texts):
        attempts.append(len(texts))
        if len(attempts) < 3:
            raise ConnectionError("encoder service unreachable")
        return original(self, texts)

    monkeypatch.setattr(UniversalSentenceEncoder, "encode_documents", flaky)
    lamp = product("Brass desk lamp", "Warm light for reading.")  # queued on commit
    wait_for(
        lambda: CatalogEntry.objects.filter(
            product=lamp, status=CatalogEntry.Status.INDEXED
        ).exists(),
        ROUND_TRIP,
    )
    assert len(attempts) == 3


def test_exhausted_retries_leave_the_product_failed(live_worker, space, monkeypatch):
    monkeypatch.setattr(tasks.index_products, "max_retries", 2)  # backoff: ≤ 1 s, then ≤ 2 s

    def down(self, texts):
        raise ConnectionError("encoder service unreachable")

    monkeypatch.setattr(UniversalSentenceEncoder, "encode_documents", down)
    lamp = product("Brass desk lamp", "Warm light for reading.")
    entry = wait_for(
        lambda: CatalogEntry.objects.filter(
            product=lamp, status=CatalogEntry.Status.FAILED
        ).first(),
        ROUND_TRIP,
    )
    assert entry.error.startswith("gave up after 2 retries: ConnectionError")
