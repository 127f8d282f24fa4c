"""Settings of the demo's test suite: the demo project on a throwaway embedded PostgreSQL
(or ``DATABASE_URL``), tasks run in-process."""

import os
import tempfile
from pathlib import Path

if not os.environ.get("DATABASE_URL"):
    # One embedded server per test session, deleted at exit; subprocesses inherit
    # DATABASE_URL from the environment.
    from demo_project.database import embedded_database_url

    _pgdata = Path(tempfile.mkdtemp(prefix="shop_assistant_demo_tests_")) / "pg"
    os.environ["DATABASE_URL"] = embedded_database_url(_pgdata, cleanup_mode="delete")

from demo_project.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
# A read replica alias mirroring the default database, as in the library's test settings.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
