"""The database stops in the middle of traffic: requests get a 503 JSON error with
Retry-After within a bounded time (no hang, no HTML, no 500), and the service recovers by
itself once the database is back."""

from __future__ import annotations

import json
import threading
import time

CLIENTS = 5
OUTAGE_SECONDS = 10
REQUEST_TIMEOUT = 10.0


def test_a_database_outage_is_a_503_and_heals_by_itself(demo):
    results: list[tuple[float, int, dict, bytes, float]] = []
    stop_at = time.monotonic() + OUTAGE_SECONDS + 30
    lock = threading.Lock()

    def client(number: int) -> None:
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            started = time.monotonic()
            status, headers, body = demo.get(
                f"/api/assistant/search/?q=rain+jacket+{number}+{n % 7}", timeout=REQUEST_TIMEOUT
            )
            with lock:
                results.append((started, status, headers, body, time.monotonic() - started))
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(5)
    demo.database.stop()
    down_at = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    demo.database.start()
    up_at = time.monotonic()
    for thread in threads:
        thread.join()

    statuses = {status for _t, status, _h, _b, _e in results}
    assert statuses <= {200, 503}, statuses  # never a 500, never an HTML page
    during = [r for r in results if down_at + 1 < r[0] < up_at - 1]
    assert during and all(status == 503 for _t, status, *_rest in during)
    for _t, status, headers, body, elapsed in results:
        assert elapsed < REQUEST_TIMEOUT  # bounded: no request hangs
        assert headers.get("Content-Type", "").startswith("application/json")
        if status == 503:
            assert int(headers["Retry-After"]) > 0
            assert "temporarily unavailable" in json.loads(body)["detail"]
    healed = [status for started, status, *_rest in results if started > up_at + 5]
    assert healed and set(healed) == {200}, healed[-20:]
    print(f"{len(results)} requests: {len(during)} during the outage, all 503 + Retry-After")
