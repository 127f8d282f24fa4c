"""The shop's Celery app, as the README's install section writes it."""

import os

from celery import Celery

from shop_assistant.schedule import BEAT_SCHEDULE

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oscar.settings")

app = Celery("oscar_shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {**app.conf.beat_schedule, **BEAT_SCHEDULE}
