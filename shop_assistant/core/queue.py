"""The only place that turns domain work into Celery messages.

Tasks are named here; :mod:`shop_assistant.tasks` registers its ``@shared_task`` functions
under these names. Work is sent by name through the Celery app's task registry, so the
domain (indexing, spaces, jobs) never imports the task module, which imports the domain.
Messages leave once the current transaction commits (``transaction.on_commit``): a task
never starts before the rows it reads exist. Sending is robust: a broker that cannot be
reached is logged and reported to the caller's ``on_error``, never raised into the
host's save.

With ``CELERY_TASK_ALWAYS_EAGER`` the task runs in this process, as Celery does for any
``apply_async``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

INDEX_PRODUCTS = "shop_assistant.index_products"
REMOVE_PRODUCTS = "shop_assistant.remove_products"
RUN_INDEX_JOB = "shop_assistant.run_index_job"
REINDEX_CATALOG = "shop_assistant.reindex_catalog"
BUILD_SPACE = "shop_assistant.build_space"
RESUME_STALLED_JOBS = "shop_assistant.resume_stalled_jobs"
RETRY_STALE_PRODUCTS = "shop_assistant.retry_stale_products"
RECONCILE_INDEX = "shop_assistant.reconcile_index"
REFRESH_TRENDING = "shop_assistant.refresh_trending"
REFRESH_BOUGHT_TOGETHER = "shop_assistant.refresh_bought_together"
PURGE_EXPIRED_EVENTS = "shop_assistant.purge_expired_events"
LEARN = "shop_assistant.learn"

OnError = Callable[[BaseException], Any]


def send(
    name: str,
    *args: Any,
    countdown: float | None = None,
    on_error: OnError | None = None,
) -> bool:
    """Send one message now; False (after ``on_error``) when it could not be sent."""
    try:
        current_app.tasks[name].apply_async(args=args, countdown=countdown)
    except Exception as exc:
        if current_app.conf.task_always_eager and current_app.conf.task_eager_propagates:
            raise  # run in-process on purpose: the caller sees what went wrong
        logger.exception("Could not queue %s%r", name, args)
        if on_error is not None:
            on_error(exc)
        return False
    return True


def send_on_commit(
    name: str,
    *args: Any,
    countdown: float | None = None,
    on_error: OnError | None = None,
    using: str | None = None,
) -> None:
    """:func:`send` once the current transaction on ``using`` commits (at once outside one)."""
    transaction.on_commit(
        partial(send, name, *args, countdown=countdown, on_error=on_error),
        using=using,
        robust=True,
    )
