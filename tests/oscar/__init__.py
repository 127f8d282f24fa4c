"""A django-oscar 4.2 shop with shop_assistant, set up as the README says (its own
settings: ``pytest tests/oscar --ds tests.oscar.settings``, see the Makefile's
``test-oscar``)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
