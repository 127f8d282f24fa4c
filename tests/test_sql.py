"""core.sql: a transaction-local setting and its statement in one round trip."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from shop_assistant.core.sql import execute_with_local_settings, fetch_with_local_settings

SETTING = "SELECT set_config('application_name', %s, true)"


@pytest.mark.django_db(transaction=True)
def test_the_setting_holds_for_the_statement_alone_in_one_round_trip():
    with connection.cursor() as cursor:
        cursor.execute("SHOW application_name")
        (before,) = cursor.fetchone()
    with CaptureQueriesContext(connection) as captured:
        rows = fetch_with_local_settings(
            "default",
            SETTING,
            ["perf17-probe"],
            "SELECT current_setting('application_name'), %s",
            [7],
        )

    assert rows == [("perf17-probe", 7)]
    assert len(captured.captured_queries) == 1  # no BEGIN / COMMIT of its own
    assert not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("SHOW application_name")
        assert cursor.fetchone() == (before,)  # gone with its implicit transaction


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_setting_still_applies():
    with transaction.atomic():
        rows = fetch_with_local_settings(
            "default", SETTING, ["perf17-atomic"], "SELECT current_setting('application_name')", []
        )
        assert connection.in_atomic_block

    assert rows == [("perf17-atomic",)]


@pytest.mark.django_db(transaction=True)
def test_a_write_after_set_local_is_committed_in_one_round_trip():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS perf17_probe (value text)")
    try:
        with CaptureQueriesContext(connection) as captured:
            execute_with_local_settings(
                "default",
                "SET LOCAL synchronous_commit = off",
                "INSERT INTO perf17_probe (value) VALUES (%s)",
                ["stored"],
            )

        assert len(captured.captured_queries) == 1
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM perf17_probe")
            assert cursor.fetchall() == [("stored",)]
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE perf17_probe")


@pytest.mark.django_db(transaction=True)
def test_independent_reads_are_sent_together_and_parsed_each_in_order():
    from shop_assistant.core.sql import Statement, run_together

    first = Statement("SELECT %s::int + 1", [1], lambda rows: rows[0][0])
    second = Statement(
        "SELECT x FROM unnest(%s::text[]) x WHERE x LIKE 'b%%' ORDER BY x",
        [["a", "b1", "b2"]],
        list,
    )
    with CaptureQueriesContext(connection) as captured:
        results = run_together("default", [first, None, second])

    assert results == [2, None, [("b1",), ("b2",)]]
    assert len(captured.captured_queries) == 1
    with transaction.atomic():
        assert run_together("default", [second, first]) == [[("b1",), ("b2",)], 2]
