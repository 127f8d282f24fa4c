"""The periodic tasks, ready for a host's Celery beat or for cron.

With Celery beat, merge :data:`BEAT_SCHEDULE` into your app's schedule::

    # yourproject/celery.py
    from shop_assistant.schedule import BEAT_SCHEDULE

    app.conf.beat_schedule = {**app.conf.beat_schedule, **BEAT_SCHEDULE}

(or ``CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE, ...}`` in the settings). Without beat,
run ``python manage.py shop_assistant_maintain`` from cron every few minutes: it runs
each job of :data:`PERIODIC_TASKS` once. Every job is idempotent, so running it more
often than scheduled, or from both beat and cron, does no harm.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .core import queue

__all__ = ["BEAT_SCHEDULE", "PERIODIC_TASKS", "PeriodicTask"]


class PeriodicTask(NamedTuple):
    key: str  # the beat schedule entry
    task: str  # the Celery task name (shop_assistant.core.queue)
    seconds: float  # how often beat sends it
    purpose: str


#: Every periodic job, in the order ``shop_assistant_maintain`` runs them: changes are
#: found (reconcile) before the retry indexes what is stale.
PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask(
        "shop-assistant-resume-jobs",
        queue.RESUME_STALLED_JOBS,
        60.0,
        "resume index jobs whose worker died or whose message was lost",
    ),
    PeriodicTask(
        "shop-assistant-reconcile",
        queue.RECONCILE_INDEX,
        300.0,
        "re-index products changed without a signal (bulk updates, raw SQL)",
    ),
    PeriodicTask(
        "shop-assistant-retry-stale",
        queue.RETRY_STALE_PRODUCTS,
        300.0,
        "index again stale or failed products and lost index requests",
    ),
    PeriodicTask(
        "shop-assistant-trending",
        queue.REFRESH_TRENDING,
        600.0,
        "recompute trending scores",
    ),
    PeriodicTask(
        "shop-assistant-bought-together",
        queue.REFRESH_BOUGHT_TOGETHER,
        3600.0,
        "recompute co-purchase pairs from orders and purchase events",
    ),
    PeriodicTask(
        "shop-assistant-purge-events",
        queue.PURGE_EXPIRED_EVENTS,
        86400.0,
        "delete events older than EVENT_RETENTION_DAYS",
    ),
)

#: Celery beat entries of :data:`PERIODIC_TASKS` (``app.conf.beat_schedule``).
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    periodic.key: {"task": periodic.task, "schedule": periodic.seconds}
    for periodic in PERIODIC_TASKS
}
