"""Index jobs: chunks, progress, resume from the cursor, cancel, per-product errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from shop_assistant import tasks
from shop_assistant.catalog import ProductAdapter
from shop_assistant.indexing import Indexer
from shop_assistant.indexing.jobs import create_job, start_job
from shop_assistant.indexing.runner import JobRunner, run_job
from shop_assistant.models import CatalogEntry, Embedding, IndexJob, Passage

from .celery_support import broker, queued_messages, record_encodes
from .factories import product

pytestmark = pytest.mark.django_db

TITLES = [
    "Waterproof hiking jacket",
    "Ceramic coffee mug",
    "Stainless steel kettle",
    "Noise cancelling headphones",
    "Two person dome tent",
    "Trail running shoes",
    "Bamboo cutting board",
    "Wool hiking socks",
]


@pytest.fixture
def catalog(space, settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "WRITE_BATCH_SIZE": 3}
    return [product(title, f"{title}, described in one sentence.") for title in TITLES]


def passages_of(products):
    return Passage.objects.filter(entry__product__in=products)


def test_reindex_job_runs_in_chunks_and_records_its_progress(
    space, catalog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # queued on commit, runs eagerly
        job = start_job(IndexJob.Kind.REINDEX, space)
    job.refresh_from_db()
    assert job.status == IndexJob.Status.SUCCEEDED
    assert (job.total, job.done, job.failed) == (8, 8, 0)
    assert job.cursor == str(max(p.pk for p in catalog))
    assert job.result["passages_encoded"] == Passage.objects.count() > 8
    assert job.started_at <= job.heartbeat_at and job.finished_at is not None
    assert job.progress == 1.0 and job.eta is None
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()


def test_a_job_is_run_once(space, catalog):
    job = create_job(IndexJob.Kind.PRODUCTS, space, product_ids=[catalog[0].pk])
    assert run_job(job.pk).status == IndexJob.Status.SUCCEEDED
    assert run_job(job.pk) is None  # a duplicate message finds it finished


def test_dead_job_is_resumed_from_its_cursor(space, catalog, monkeypatch):
    first, rest = catalog[:3], catalog[3:]
    Indexer(space).index_ids([p.pk for p in first])  # the chunk committed before the crash
    old = timezone.now() - timedelta(minutes=10)
    job = create_job(IndexJob.Kind.REINDEX, space)
    IndexJob.objects.filter(pk=job.pk).update(
        status=IndexJob.Status.RUNNING,
        total=8,
        done=3,
        cursor=str(first[-1].pk),
        started_at=old,
        heartbeat_at=old,
        runner="dead-worker",
    )
    alive = create_job(IndexJob.Kind.PRODUCTS, space, product_ids=[catalog[0].pk])
    IndexJob.objects.filter(pk=alive.pk).update(
        status=IndexJob.Status.RUNNING, heartbeat_at=timezone.now(), runner="alive-worker"
    )
    encoded = record_encodes(monkeypatch)

    assert tasks.resume_stalled_jobs(stale_after=60) == [job.pk]

    job.refresh_from_db()
    assert job.status == IndexJob.Status.SUCCEEDED
    assert (job.done, job.total, job.failed) == (8, 8, 0)
    # Only the products after the cursor were encoded, each passage once.
    assert sorted(encoded) == sorted(passages_of(rest).values_list("text", flat=True))
    assert job.result["passages_encoded"] == len(encoded)
    assert Embedding.objects.filter(space=space).count() == Passage.objects.count()
    alive.refresh_from_db()
    assert alive.status == IndexJob.Status.RUNNING and alive.runner == "alive-worker"


def test_a_cancelled_job_stops_after_the_current_batch(space, catalog, monkeypatch):
    job = create_job(IndexJob.Kind.REINDEX, space)
    original = JobRunner._advance

    def advance_then_cancel(self, job_, ids):
        original(self, job_, ids)
        IndexJob.objects.filter(pk=job.pk).update(status=IndexJob.Status.CANCELLED)

    monkeypatch.setattr(JobRunner, "_advance", advance_then_cancel)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == IndexJob.Status.CANCELLED
    assert job.done == 3  # the first batch of three was recorded, then the cancel was seen
    assert CatalogEntry.objects.count() == 6  # the batch being written finished; no more


def test_a_product_that_fails_is_recorded_and_the_job_goes_on(space, catalog, monkeypatch):
    broken = catalog[4]
    original = ProductAdapter.to_document

    def to_document(self, obj):
        if obj.pk == broken.pk:
            raise ValueError("no title in any language")
        return original(self, obj)

    monkeypatch.setattr(ProductAdapter, "to_document", to_document)
    job = run_job(create_job(IndexJob.Kind.REINDEX, space).pk)
    assert job.status == IndexJob.Status.SUCCEEDED
    assert (job.done, job.failed) == (8, 1)
    assert job.errors == {str(broken.pk): "ValueError: no title in any language"}
    entry = CatalogEntry.objects.get(product=broken)
    assert entry.status == CatalogEntry.Status.FAILED
    indexed = CatalogEntry.objects.filter(status=CatalogEntry.Status.INDEXED)
    assert indexed.count() == 7


def test_a_chunk_that_raises_is_retried_product_by_product(
    space, catalog, monkeypatch, settings
):
    poison = catalog[1]
    original = Indexer._encode

    def encode(self, texts):
        if any(t.startswith(poison.title) for t in texts):
            raise RuntimeError("tokenizer crashed")
        return original(self, texts)

    monkeypatch.setattr(Indexer, "_encode", encode)
    job = run_job(create_job(IndexJob.Kind.REINDEX, space).pk)
    assert job.status == IndexJob.Status.SUCCEEDED
    assert (job.done, job.failed) == (8, 1)
    assert job.errors == {str(poison.pk): "RuntimeError: tokenizer crashed"}
    assert CatalogEntry.objects.get(product=poison).status == CatalogEntry.Status.FAILED
    assert not Passage.objects.filter(entry__product=poison).exists()  # nothing half-written
    assert CatalogEntry.objects.filter(status=CatalogEntry.Status.INDEXED).count() == 7

    # The encoder recovers: the periodic retry indexes what failed, and every product has
    # a vector for each of its passages (none partly written).
    monkeypatch.setattr(Indexer, "_encode", original)
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "RETRY_STALE_AFTER": 0}
    assert tasks.retry_stale_products() == 1
    assert CatalogEntry.objects.filter(status=CatalogEntry.Status.INDEXED).count() == 8
    without_vector = Passage.objects.exclude(embeddings__space=space)
    assert Passage.objects.filter(entry__product=poison).exists() and not without_vector.exists()


def test_reindex_async_queues_a_job_and_prints_its_id(
    space, catalog, capsys, django_capture_on_commit_callbacks
):
    with broker():  # a broker and no worker: the command must return at once
        with django_capture_on_commit_callbacks(execute=True):
            call_command("shop_assistant_reindex", "--all", "--async")
        assert queued_messages() == 1
    job = IndexJob.objects.get()
    assert capsys.readouterr().out.strip() == str(job.pk)
    assert job.status == IndexJob.Status.QUEUED and job.kind == IndexJob.Kind.REINDEX
    assert not CatalogEntry.objects.exists()  # nothing was indexed by the command


def test_reindex_async_with_ids_queues_a_products_job(space, catalog, capsys):
    with broker():
        call_command("shop_assistant_reindex", "--ids", str(catalog[2].pk), "--async")
    job = IndexJob.objects.get(pk=int(capsys.readouterr().out))
    assert job.kind == IndexJob.Kind.PRODUCTS and job.product_ids == [catalog[2].pk]
    assert job.total == 1
