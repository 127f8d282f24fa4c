"""Recommendations that need no extra service: similar, bought together, personalized, trending.

Everything runs on the shop's own PostgreSQL: product vectors from the active embedding
space, visitor events (:class:`~shop_assistant.models.Interaction`), co-purchase pairs
and popularity scores refreshed by periodic Celery tasks (:mod:`.tasks`).
"""
