"""Celery tasks (``@shared_task`` only; the Celery app belongs to the host project)."""
