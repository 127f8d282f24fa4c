"""Settings of the browser tests' live demo (a web server and a Celery worker, each a
subprocess): the demo's test settings on the test database the pytest process made
(``DATABASE_URL``), with a real broker, kombu's filesystem transport in a temporary folder
(``BROWSER_BROKER_DIR``), so admin actions queue work that the worker does."""

import os

from demo_project.tests.settings import *  # noqa: F403

CELERY_BROKER_URL = "filesystem://"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": os.environ["BROWSER_BROKER_DIR"],
    "data_folder_out": os.environ["BROWSER_BROKER_DIR"],
    "control_folder": os.environ["BROWSER_BROKER_DIR"] + "/control",
    "store_processed": False,
    "polling_interval": 0.2,
}
