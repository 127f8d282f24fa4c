"""Periodic Celery tasks of the recommendations (``@shared_task`` only).

Schedule them with Celery beat, e.g. trending every 10 minutes, bought-together
hourly and the retention purge daily (the demo's ``CELERY_BEAT_SCHEDULE``). Each is
idempotent: it recomputes from the events, so a retry or an overlap does no harm.
"""

from __future__ import annotations

from celery import shared_task

from .copurchase import refresh_bought_together
from .privacy import purge_expired_events
from .trending import refresh_trending

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 3}


@shared_task(name="shop_assistant.refresh_trending", **RETRY)
def refresh_trending_task() -> int:
    """Recompute trending scores; return how many products trend."""
    return refresh_trending()


@shared_task(name="shop_assistant.refresh_bought_together", **RETRY)
def refresh_bought_together_task() -> dict[str, int]:
    """Recompute co-purchase pairs and popularity."""
    report = refresh_bought_together()
    return {"baskets": report.baskets, "pairs": report.pairs, "products": report.products}


@shared_task(name="shop_assistant.purge_expired_events", **RETRY)
def purge_expired_events_task() -> int:
    """Delete events older than ``EVENT_RETENTION_DAYS``; return how many."""
    return purge_expired_events()


__all__ = ["purge_expired_events_task", "refresh_bought_together_task", "refresh_trending_task"]
