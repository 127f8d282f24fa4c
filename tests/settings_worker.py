"""Settings of the Celery worker subprocesses of tests/test_worker_fault.py: the test
settings with a real broker (``CELERY_BROKER_URL``), so tasks are queued, not run eagerly."""

import os

from tests.settings import *  # noqa: F403

CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
# One message at a time per worker: the parts of a split job go to different workers.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
