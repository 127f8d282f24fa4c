"""Celery tasks (``@shared_task`` only; the Celery app belongs to the host project).

Every task takes ids and is idempotent (running it twice leaves the same rows: the
indexer skips passages that already have their vector in the space and writes each batch
in one transaction). Task names are those of :mod:`shop_assistant.core.queue`, the one
module that sends them. The periodic ones are listed, ready to merge into a host's
``CELERY_BEAT_SCHEDULE``, in :mod:`shop_assistant.schedule`.

Failures worth retrying (the database or a remote encoder away: ``TRANSIENT_ERRORS``)
are retried by Celery with exponential backoff, full jitter and a cap
(:class:`ShopAssistantTask`); messages are acknowledged only when done (``acks_late``),
so a worker killed mid-task gets its message delivered again. When a product task gives
up, its products are marked failed with the reason, and the periodic
``retry_stale_products`` takes them over.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from celery import Task, shared_task

from .conf import app_settings
from .core import queue
from .core.errors import TRANSIENT_ERRORS
from .core.ids import json_pk, to_pks
from .guide.conversations import purge_expired as purge_expired_conversations
from .indexing import freshness, service
from .indexing.jobs import release_stalled_jobs, start_job
from .indexing.runner import run_job
from .indexing.spaces import build_space, get_or_create_active_space
from .learning.service import learn
from .models import EmbeddingSpace, IndexJob
from .recommend.copurchase import refresh_bought_together
from .recommend.privacy import purge_expired_events
from .recommend.trending import refresh_trending

logger = logging.getLogger(__name__)


class ShopAssistantTask(Task):
    """Retry transient failures with backoff; when retries run out, :meth:`give_up`.

    Run eagerly (no broker), a task gives up at once: its caller is a web request that
    must not wait through retries, and the periodic retry of failed products takes over.
    """

    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 6
    acks_late = True
    reject_on_worker_lost = True

    def give_up(self, exc: BaseException, args: Sequence[Any]) -> None:
        """Record that the task's work failed for good (nothing to record by default)."""

    def retry(self, *args: Any, exc: BaseException | None = None, **kwargs: Any) -> Any:
        if self.request.is_eager and exc is not None:
            # Celery skips on_failure when an eager task propagates its exception.
            self.give_up(exc, self.request.args or ())
            raise exc
        return super().retry(*args, exc=exc, **kwargs)

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any):
        if not self.request.is_eager:
            self.give_up(exc, args)


class ProductTask(ShopAssistantTask):
    """A task over product ids (its first argument): when it gives up, they are marked
    failed, so the admin shows why and the periodic retry finds them."""

    def give_up(self, exc: BaseException, args: Sequence[Any]) -> None:
        ids = list(args[0]) if args else []
        message = f"gave up after {self.request.retries} retries: {type(exc).__name__}: {exc}"
        logger.error("Task %s on products %s %s", self.name, ids, message)
        with contextlib.suppress(*TRANSIENT_ERRORS):  # still away: the entries stay stale
            service.mark_failed(dict.fromkeys(ids, message))


class JobTask(ShopAssistantTask):
    """A task running an index job: when it gives up, the job is failed with the reason
    (a job a worker held is released by the runner first, so it is queued here)."""

    def give_up(self, exc: BaseException, args: Sequence[Any]) -> None:
        with contextlib.suppress(*TRANSIENT_ERRORS):
            IndexJob.objects.filter(pk=args[0], status=IndexJob.Status.QUEUED).update(
                status=IndexJob.Status.FAILED, errors={"job": f"{type(exc).__name__}: {exc}"}
            )


@shared_task(bind=True, name=queue.INDEX_PRODUCTS, base=ProductTask)
def index_products(self: Any, product_ids: Sequence[Any]) -> dict[str, Any]:
    """Index the current state of these products into every live space.

    Queued (coalesced) by the save receivers; deleted products are removed.
    """
    ids = to_pks(product_ids)
    freshness.claim_requests(ids)
    report = freshness.index_everywhere(ids)
    return {
        "products": report.products,
        "encoded": report.passages_encoded,
        "skipped": report.passages_skipped,
        "failed": report.failed,
        "removed": report.removed,
    }


@shared_task(bind=True, name=queue.REMOVE_PRODUCTS, base=ShopAssistantTask)
def remove_products(self: Any, product_ids: Sequence[Any]) -> int:
    """Delete the entries, passages and vectors of these products (deleted on the host)."""
    return service.remove_products(to_pks(product_ids))


@shared_task(bind=True, name=queue.RUN_INDEX_JOB, base=JobTask)
def run_index_job(self: Any, job_id: int) -> str | None:
    """Run (or resume from its cursor) one :class:`~shop_assistant.models.IndexJob`.

    A job already running elsewhere or finished is left alone, so duplicates are harmless.
    """
    job = run_job(job_id)
    return job.status if job else None


@shared_task(bind=True, name=queue.REINDEX_CATALOG, base=ShopAssistantTask)
def reindex_catalog(self: Any, space_id: int | None = None) -> int:
    """Re-index the whole catalog into a space (the active one by default) as a job."""
    space = EmbeddingSpace.objects.get(pk=space_id) if space_id else get_or_create_active_space()
    return start_job(IndexJob.Kind.REINDEX, space).pk


@shared_task(bind=True, name=queue.BUILD_SPACE, base=ShopAssistantTask)
def build_space_task(self: Any, space_id: int, activate: bool = False) -> int:
    """Build a space in state ``building`` (index, HNSW, canary, optional activation)."""
    return build_space(EmbeddingSpace.objects.get(pk=space_id), activate=activate).pk


@shared_task(name=queue.RESUME_STALLED_JOBS, base=ShopAssistantTask)
def resume_stalled_jobs(stale_after: float | None = None) -> list[int]:
    """Periodic: re-queue jobs whose worker stopped sending heartbeats (it died); each
    continues from its cursor. ``stale_after`` defaults to ``JOB_STALE_AFTER``."""
    job_ids = release_stalled_jobs(stale_after)
    for job_id in job_ids:
        queue.send(queue.RUN_INDEX_JOB, job_id)
    return job_ids


@shared_task(name=queue.RETRY_STALE_PRODUCTS, base=ShopAssistantTask)
def retry_stale_products(limit: int = 5000) -> int:
    """Periodic: index again the products left stale or failed, and those whose index
    request was never served (e.g. the broker was down when they were saved)."""
    ids = freshness.overdue_products(limit)
    size = max(int(app_settings.WRITE_BATCH_SIZE), 1)
    for start in range(0, len(ids), size):
        queue.send(queue.INDEX_PRODUCTS, [json_pk(pk) for pk in ids[start : start + size]])
    return len(ids)


@shared_task(name=queue.RECONCILE_INDEX, base=ShopAssistantTask)
def reconcile_index(limit: int | None = None) -> dict[str, int]:
    """Periodic: compare a bounded slice of the catalog with the index and re-index what
    changed without a signal (bulk updates, raw SQL); see :func:`.freshness.reconcile`."""
    report = freshness.reconcile(limit)
    return {"checked": report.checked, "outdated": len(report.outdated)}


@shared_task(name=queue.REFRESH_TRENDING, base=ShopAssistantTask)
def refresh_trending_task() -> int:
    """Periodic: recompute trending scores; return how many products trend."""
    return refresh_trending()


@shared_task(name=queue.REFRESH_BOUGHT_TOGETHER, base=ShopAssistantTask)
def refresh_bought_together_task() -> dict[str, int]:
    """Periodic: recompute co-purchase pairs and popularity."""
    report = refresh_bought_together()
    return {"baskets": report.baskets, "pairs": report.pairs, "products": report.products}


@shared_task(name=queue.PURGE_EXPIRED_EVENTS, base=ShopAssistantTask)
def purge_expired_events_task() -> int:
    """Periodic: delete events older than ``EVENT_RETENTION_DAYS`` (return how many) and
    the guide's conversations idle past ``GUIDE_CONVERSATION_TTL``."""
    purge_expired_conversations()
    return purge_expired_events()


@shared_task(name=queue.LEARN, base=ShopAssistantTask)
def learn_task(
    space_id: int,
    holdout: float = 0.2,
    languages: Sequence[str] | None = None,
    seed: int = 0,
    activate_if_better: bool = True,
) -> int:
    """Train a learned version of the space from its traffic (see ``shop_assistant_learn``);
    activated when it wins on the held-back queries. Returns the version's id."""
    space = EmbeddingSpace.objects.get(pk=space_id)
    version = learn(
        space,
        holdout=holdout,
        languages=languages,
        seed=seed,
        activate_if_better=activate_if_better,
    )
    return version.pk
