"""Celery tasks (``@shared_task`` only; the Celery app belongs to the host project).

Every task takes ids, is idempotent (running it twice leaves the same rows: the indexer
skips passages that already have their vector and writes each batch in one transaction),
acknowledges its message only when done (``acks_late``; a message of a worker killed
mid-task is delivered again) and retries transient failures -- the database or a remote
encoder away -- with exponential backoff, jitter and a cap.

Periodic tasks a host schedules with Celery beat (the demo's ``CELERY_BEAT_SCHEDULE``)::

    "shop-assistant-resume-jobs":  {"task": "shop_assistant.resume_stalled_jobs",
                                    "schedule": 60.0},
    "shop-assistant-retry-stale":  {"task": "shop_assistant.retry_stale_products",
                                    "schedule": 300.0},
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Sequence
from typing import Any

from celery import shared_task

from .conf import app_settings
from .indexing import freshness
from .indexing.jobs import TRANSIENT_ERRORS, release_stalled_jobs, run_job, start_job
from .indexing.service import mark_failed
from .indexing.service import remove_products as remove_entries
from .models import EmbeddingSpace, IndexJob

logger = logging.getLogger(__name__)

MAX_RETRIES = 6
BACKOFF_BASE = 2.0  # seconds before the first retry; doubled for each next one
BACKOFF_CAP = 600.0  # never wait longer than this between two attempts

TASK_OPTIONS: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
}


def backoff(retries: int) -> float:
    """Seconds before retry number ``retries + 1``: exponential, capped, with full jitter
    on the upper half so that many failed tasks do not come back at the same instant."""
    delay = min(BACKOFF_BASE * (2**retries), BACKOFF_CAP)
    return delay / 2 + random.uniform(0, delay / 2)


def _retry(task: Any, exc: BaseException) -> None:
    """Schedule a retry (raises ``Retry``) while retries remain; return once exhausted.

    Run eagerly (no broker), a task gives up at once instead: the caller (a web request)
    must not wait, and the periodic retry of failed products takes over.
    """
    if task.request.is_eager:
        return
    if task.request.retries < task.max_retries:
        raise task.retry(exc=exc, countdown=backoff(task.request.retries))


@shared_task(bind=True, name="shop_assistant.index_products", **TASK_OPTIONS)
def index_products(self: Any, product_ids: Sequence[Any]) -> dict[str, Any]:
    """Index the current state of these products into every live space.

    Queued (coalesced) by the save receivers; deleted products are removed.
    """
    ids = freshness.normalize_ids(product_ids)
    freshness.claim_requests(ids)
    try:
        report = freshness.index_everywhere(ids)
    except TRANSIENT_ERRORS as exc:
        _retry(self, exc)
        message = f"gave up after {self.request.retries} retries: {type(exc).__name__}: {exc}"
        logger.error("Indexing products %s %s", ids, message)
        with contextlib.suppress(*TRANSIENT_ERRORS):  # still away: entries stay stale
            mark_failed(dict.fromkeys(ids, message))
        return {"products": 0, "failed": len(ids)}
    return {
        "products": report.products,
        "encoded": report.passages_encoded,
        "skipped": report.passages_skipped,
        "failed": report.failed,
        "removed": report.removed,
    }


@shared_task(bind=True, name="shop_assistant.remove_products", **TASK_OPTIONS)
def remove_products(self: Any, product_ids: Sequence[Any]) -> int:
    """Delete the entries, passages and vectors of these products (deleted on the host)."""
    try:
        return remove_entries(freshness.normalize_ids(product_ids))
    except TRANSIENT_ERRORS as exc:
        _retry(self, exc)
        raise


@shared_task(bind=True, name="shop_assistant.run_index_job", **TASK_OPTIONS)
def run_index_job(self: Any, job_id: int) -> str | None:
    """Run (or resume from its cursor) one :class:`~shop_assistant.models.IndexJob`.

    A job already running elsewhere or finished is left alone, so duplicates are harmless.
    """
    try:
        job = run_job(job_id)
    except TRANSIENT_ERRORS as exc:
        _retry(self, exc)
        IndexJob.objects.filter(pk=job_id, status=IndexJob.Status.QUEUED).update(
            status=IndexJob.Status.FAILED, errors={"job": f"{type(exc).__name__}: {exc}"}
        )
        return IndexJob.Status.FAILED
    return job.status if job else None


@shared_task(bind=True, name="shop_assistant.reindex_catalog", **TASK_OPTIONS)
def reindex_catalog(self: Any, space_id: int | None = None) -> int:
    """Re-index the whole catalog into a space (the active one by default) as a job."""
    from .spaces import get_or_create_active_space

    space = EmbeddingSpace.objects.get(pk=space_id) if space_id else get_or_create_active_space()
    job = start_job(IndexJob.Kind.REINDEX, space)
    return job.pk


@shared_task(bind=True, name="shop_assistant.build_space", **TASK_OPTIONS)
def build_space(self: Any, space_id: int, activate: bool = False) -> int:
    """Build a space in state ``building`` (index, HNSW, canary, optional activation)."""
    from .spaces import build_space as start_build

    return start_build(EmbeddingSpace.objects.get(pk=space_id), activate=activate).pk


@shared_task(name="shop_assistant.resume_stalled_jobs", acks_late=True)
def resume_stalled_jobs(stale_after: float | None = None) -> list[int]:
    """Periodic: re-queue jobs whose worker stopped sending heartbeats (it died); each
    continues from its cursor. ``stale_after`` defaults to ``JOB_STALE_AFTER``."""
    job_ids = release_stalled_jobs(stale_after)
    for job_id in job_ids:
        run_index_job.delay(job_id)
    return job_ids


@shared_task(name="shop_assistant.retry_stale_products", acks_late=True)
def retry_stale_products(limit: int = 5000) -> int:
    """Periodic: index again the products left stale or failed, and those whose index
    request was never served (e.g. the broker was down when they were saved)."""
    ids = freshness.overdue_products(limit)
    size = max(int(app_settings.WRITE_BATCH_SIZE), 1)
    for start in range(0, len(ids), size):
        index_products.delay(ids[start : start + size])
    return len(ids)


from .recommend.tasks import *  # noqa: E402,F401,F403
