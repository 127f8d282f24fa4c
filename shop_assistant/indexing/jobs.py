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

from ..conf import app_settings
from ..core import queue
from ..core.ids import json_pk
from ..models import EmbeddingSpace, IndexJob

logger = logging.getLogger(__name__)


def create_job(
    kind: str,
    space: EmbeddingSpace,
    *,
    product_ids: Sequence[Any] = (),
    options: dict[str, Any] | None = None,
) -> IndexJob:
    """A queued job; :func:`queue_job` hands it to a worker."""
    ids = [json_pk(pk) for pk in dict.fromkeys(product_ids)]
    return IndexJob.objects.create(
        kind=kind,
        space=space,
        product_ids=ids,
        total=len(ids),
        options=dict(options or {}),
    )


def queue_job(job: IndexJob) -> IndexJob:
    """Queue the job's task once the current transaction commits (at once outside one)."""
    queue.send_on_commit(queue.RUN_INDEX_JOB, job.pk)
    return job


def start_job(
    kind: str,
    space: EmbeddingSpace,
    *,
    product_ids: Sequence[Any] = (),
    options: dict[str, Any] | None = None,
) -> IndexJob:
    """Create and queue a job: what the admin, the commands and the tasks call."""
    return queue_job(create_job(kind, space, product_ids=product_ids, options=options))


def cancel_jobs(job_ids: Sequence[int]) -> int:
    """Cancel unfinished jobs; a running one stops after its current chunk."""
    return IndexJob.objects.filter(
        pk__in=list(job_ids), status__in=[IndexJob.Status.QUEUED, IndexJob.Status.RUNNING]
    ).update(status=IndexJob.Status.CANCELLED, finished_at=timezone.now())


def requeue_jobs(job_ids: Sequence[int]) -> list[int]:
    """Put failed or cancelled jobs back in the queue; they continue from their cursor."""
    ids = list(
        IndexJob.objects.filter(
            pk__in=list(job_ids),
            status__in=[IndexJob.Status.FAILED, IndexJob.Status.CANCELLED],
        ).values_list("pk", flat=True)
    )
    IndexJob.objects.filter(pk__in=ids).update(
        status=IndexJob.Status.QUEUED, finished_at=None, runner=""
    )
    for job in IndexJob.objects.filter(pk__in=ids):
        queue_job(job)
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
