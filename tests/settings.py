"""Test settings: the demo project on a throwaway embedded PostgreSQL (or ``DATABASE_URL``)."""

import os
import tempfile
from pathlib import Path

if not os.environ.get("DATABASE_URL"):
    # One embedded server per test session, deleted at exit; subprocesses (workers)
    # inherit DATABASE_URL from the environment that demo_project.database exports.
    from demo_project.database import embedded_database_url

    _pgdata = Path(tempfile.mkdtemp(prefix="shop_assistant_tests_")) / "pg"
    os.environ["DATABASE_URL"] = embedded_database_url(_pgdata, cleanup_mode="delete")

from demo_project.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
# A read replica alias mirroring the default database: search, recommendations and Q&A
# tests point SHOP_ASSISTANT["DATABASE"] at it to prove that reads go through it.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
