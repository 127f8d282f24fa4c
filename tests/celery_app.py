"""The tests' Celery app (a project owns its ``Celery()``; the library only has shared tasks).

Worker subprocesses run ``celery -A tests.celery_app worker`` with
``DJANGO_SETTINGS_MODULE=tests.settings`` (tests/test_worker_fault.py).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

app = Celery("tests")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
