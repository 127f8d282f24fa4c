"""Index job records: create, queue, cancel, re-queue, and release the stalled ones.

An :class:`~shop_assistant.models.IndexJob` is queued for a worker through
:mod:`shop_assistant.core.queue` once its row is committed; the worker runs it with
:mod:`.runner`, which records progress on the row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..conf import app_settings, get_product_model
from ..core import queue
from ..core.ids import json_pk, to_pks
from ..models import EmbeddingSpace, IndexJob

logger = logging.getLogger(__name__)


def create_job(
    kind: str,
    space: EmbeddingSpace,
    *,
    product_ids: Sequence[Any] = (),
    options: dict[str, Any] | None = None,
    parts: int | None = None,
) -> IndexJob:
    """A queued job; :func:`queue_job` hands it to a worker.

    With ``parts`` > 1 (default ``INDEX_JOB_PARTS``) the job is split into that many parts
    over disjoint products, one per worker: several workers share it, and no product is
    encoded twice. The job itself then runs no products: it sums its parts' progress and
    finishes (HNSW index, canary, activation) once they are all done.
    """
    ids = [json_pk(pk) for pk in dict.fromkeys(product_ids)]
    job = IndexJob.objects.create(
        kind=kind,
        space=space,
        product_ids=ids,
        total=len(ids),
        options=dict(options or {}),
    )
    count = int(app_settings.INDEX_JOB_PARTS if parts is None else parts)
    if count > 1:
        _split(job, count)
    return job


def _split(job: IndexJob, count: int) -> None:
    """Parts of ``job``, each over a contiguous share of its products in pk order."""
    if job.product_ids:
        ids = sorted(to_pks(job.product_ids))
        size = -(-len(ids) // count)
        shares = [
            {"product_ids": [json_pk(pk) for pk in ids[i : i + size]]}
            for i in range(0, len(ids), size)
        ]
        for share in shares:
            share["total"] = len(share["product_ids"])
    else:
        pks = get_product_model()._default_manager.order_by("pk").values_list("pk", flat=True)
        total = pks.count()
        bounds = [json_pk(pks[total * i // count - 1]) for i in range(1, count) if total >= count]
        edges = [None, *bounds, None]
        shares = [
            {"options": {"after": edges[i], "upto": edges[i + 1]}} for i in range(len(edges) - 1)
        ]
    if len(shares) < 2:
        return
    for share in shares:
        IndexJob.objects.create(
            kind=job.kind,
            space=job.space,
            parent=job,
            product_ids=share.get("product_ids", []),
            total=share.get("total", 0),
            options={**job.options, **share.get("options", {}), "part": True},
        )
    job.status = IndexJob.Status.RUNNING  # its parts run; it only finishes
    job.started_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "started_at", "heartbeat_at"])


def queue_job(job: IndexJob) -> IndexJob:
    """Queue the job's task (or one per part) once the current transaction commits (at
    once outside one)."""
    parts = list(job.parts.values_list("pk", flat=True))
    for job_id in parts or [job.pk]:
        queue.send_on_commit(queue.RUN_INDEX_JOB, job_id)
    return job


def start_job(
    kind: str,
    space: EmbeddingSpace,
    *,
    product_ids: Sequence[Any] = (),
    options: dict[str, Any] | None = None,
    parts: int | None = None,
) -> IndexJob:
    """Create and queue a job: what the admin, the commands and the tasks call."""
    job = create_job(kind, space, product_ids=product_ids, options=options, parts=parts)
    return queue_job(job)


def cancel_jobs(job_ids: Sequence[int]) -> int:
    """Cancel unfinished jobs (and their parts); a running one stops after its current
    chunk."""
    ids = list(job_ids)
    return IndexJob.objects.filter(
        Q(pk__in=ids) | Q(parent__in=ids),
        status__in=[IndexJob.Status.QUEUED, IndexJob.Status.RUNNING],
    ).update(status=IndexJob.Status.CANCELLED, finished_at=timezone.now())


def requeue_jobs(job_ids: Sequence[int]) -> list[int]:
    """Put failed or cancelled jobs back in the queue; they continue from their cursor
    (a split job: its parts that did not succeed)."""
    stopped = [IndexJob.Status.FAILED, IndexJob.Status.CANCELLED]
    ids = list(
        IndexJob.objects.filter(pk__in=list(job_ids), status__in=stopped).values_list(
            "pk", flat=True
        )
    )
    parts = IndexJob.objects.filter(parent__in=ids, status__in=stopped)
    parents = set(
        IndexJob.objects.filter(parts__isnull=False, pk__in=ids).values_list("pk", flat=True)
    )
    IndexJob.objects.filter(pk__in=parents).update(
        status=IndexJob.Status.RUNNING, finished_at=None, runner=""
    )
    queued = [pk for pk in ids if pk not in parents] + list(parts.values_list("pk", flat=True))
    IndexJob.objects.filter(pk__in=queued).update(
        status=IndexJob.Status.QUEUED, finished_at=None, runner=""
    )
    for job_id in queued:
        queue.send_on_commit(queue.RUN_INDEX_JOB, job_id)
    return ids


def release_stalled_jobs(stale_after: float | None = None) -> list[int]:
    """Jobs to (re)start: running ones without a recent heartbeat (their worker died) are
    put back to ``queued``; queued ones waiting that long (their message was lost) too."""
    seconds = float(app_settings.JOB_STALE_AFTER if stale_after is None else stale_after)
    cutoff = timezone.now() - timedelta(seconds=seconds)
    with transaction.atomic():
        stalled = list(
            IndexJob.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=IndexJob.Status.RUNNING, heartbeat_at__lt=cutoff)
                | Q(status=IndexJob.Status.QUEUED, created_at__lt=cutoff)
                & (Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff))
            )
            .values_list("pk", flat=True)
        )
        IndexJob.objects.filter(pk__in=stalled).update(
            status=IndexJob.Status.QUEUED, runner="", heartbeat_at=timezone.now()
        )
    if stalled:
        logger.warning("Resuming index jobs without heartbeat: %s", stalled)
    return stalled
