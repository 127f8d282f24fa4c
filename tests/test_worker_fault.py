"""A worker killed with SIGKILL in the middle of a full re-index, and in the middle of a
space build (while the active space keeps serving); a new worker finishes each.

Workers are real ``celery -A tests.celery_app worker`` subprocesses on Redis (the
in-memory transport cannot cross processes), on the test database, with the real USE
encoder. Products are generated in one language each with a one-sentence description, to
keep the run short on a shared 2-core CI machine; there are still 2,000 of them and about
14,000 passages (the attribute line comes in every language the category is named in).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from shop_assistant.indexing import Indexer
from shop_assistant.indexing.jobs import start_job
from shop_assistant.indexing.spaces import build_space, create_space
from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob, Passage
from shop_assistant.search import search
from shop_assistant.tasks import resume_stalled_jobs

from .catalog_data import generated_products
from .celery_support import broker, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PRODUCTS = 2000
REPO = Path(__file__).resolve().parent.parent
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
STALE_AFTER = 5  # seconds without a heartbeat before the resume task takes the job back


def redis_url() -> str:
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as exc:
        pytest.fail(f"The fault test needs Redis at REDIS_URL={url!r} (.ci/run starts it): {exc}")
    return url


def database_url_of_tests() -> str:
    """The URL of pytest-django's test database, for the worker subprocesses."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = quote(s["HOST"] or "localhost", safe="")
    return f"postgres://{auth}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker_process(name: str, broker_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_worker",  # a broker: tasks are queued
        "DATABASE_URL": database_url_of_tests(),
        "CELERY_BROKER_URL": broker_url,
    }
    command = [sys.executable, "-m", "celery", "-A", "tests.celery_app", "worker"]
    command += ["--pool=solo", "--concurrency=1", "--loglevel=info", f"--hostname={name}@%h"]
    command += ["--without-mingle", "--without-gossip"]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def forget_unacked(url: str) -> None:
    """The killed worker's unacknowledged message would come back after the visibility
    timeout (an hour) in some later run; it is ours, so clear it."""
    import redis

    redis.Redis.from_url(url).delete("unacked", "unacked_index", "unacked_mutex")


def job_state(job_id: int) -> IndexJob:
    return IndexJob.objects.get(pk=job_id)


def test_a_killed_workers_job_is_resumed_and_completed(space, tmp_path):
    generated_products(PRODUCTS, seed=11, single_language=True)
    url = redis_url()
    logs = tmp_path

    with broker(url):
        job = start_job(IndexJob.Kind.REINDEX, space)  # sent to Redis at once (autocommit)
        first = start_worker_process("first", url, logs / "first.log")
        try:
            wait_for(lambda: job_state(job.pk).done >= 400, timeout=600, interval=0.5)
        finally:
            stop(first, signal.SIGKILL)
        killed = job_state(job.pk)
        assert first.returncode == -signal.SIGKILL
        assert killed.status == IndexJob.Status.RUNNING and 400 <= killed.done < PRODUCTS

        second = start_worker_process("second", url, logs / "second.log")
        try:
            # What Celery beat does every minute: once the job's heartbeat is older than
            # the limit, resume_stalled_jobs puts it back in the queue.
            time.sleep(STALE_AFTER + 1)
            resume_stalled_jobs.apply_async(kwargs={"stale_after": STALE_AFTER})
            wait_for(lambda: job_state(job.pk).is_finished, timeout=900, interval=0.5)
        finally:
            stop(second)
            forget_unacked(url)

    finished = job_state(job.pk)
    log = (logs / "second.log").read_text(errors="replace")
    assert finished.status == IndexJob.Status.SUCCEEDED, log[-3000:]
    assert (finished.done, finished.total, finished.failed) == (PRODUCTS, PRODUCTS, 0)
    assert CatalogEntry.objects.filter(status=CatalogEntry.Status.INDEXED).count() == PRODUCTS
    # Exactly one vector per passage in the space: none missing, none duplicated.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1) FROM ("
            " SELECT p.id, count(e.id) AS n FROM shop_assistant_passage p"
            " LEFT JOIN shop_assistant_embedding e ON e.passage_id = p.id AND e.space_id = %s"
            " GROUP BY p.id) per_passage",
            [space.pk],
        )
        assert cursor.fetchone() == (0, 0)
    passages = Passage.objects.count()
    assert passages >= 3 * PRODUCTS
    assert Embedding.objects.filter(space=space).count() == passages
    # Committed chunks were not encoded again after the restart.
    assert finished.result["passages_encoded"] <= passages


BUILD_PRODUCTS = 600


def catalog_query() -> str:
    """A query the generated catalog answers (a product's own title): only matching
    products are results, so the query must name one."""
    entry = CatalogEntry.objects.order_by("pk").first()
    return next(iter(entry.titles.values()))


def test_a_space_build_survives_a_killed_worker_while_the_active_space_serves(space, tmp_path):
    generated_products(BUILD_PRODUCTS, seed=12, single_language=True)
    Indexer(space).index_all()  # the active space serves the whole catalog
    query = catalog_query()
    before = search(query, log=False).hits
    assert before
    url = redis_url()
    new = create_space(space.backend, {"denoise": True})  # another model: another space
    with broker(url):
        job = build_space(new, activate=True)  # queued at once (autocommit)
        first = start_worker_process("builder", url, tmp_path / "first.log")
        try:
            wait_for(lambda: job_state(job.pk).done >= 150, timeout=600, interval=0.3)
        finally:
            stop(first, signal.SIGKILL)
        # Mid-build, with its worker dead: the active space is unchanged and serves.
        assert EmbeddingSpace.objects.get(state=EmbeddingSpace.State.ACTIVE).pk == space.pk
        during = search(query, log=False).hits
        assert [h.product_id for h in during] == [h.product_id for h in before]

        second = start_worker_process("resumer", url, tmp_path / "second.log")
        try:
            time.sleep(STALE_AFTER + 1)
            resume_stalled_jobs.apply_async(kwargs={"stale_after": STALE_AFTER})
            wait_for(lambda: job_state(job.pk).is_finished, timeout=900, interval=0.5)
        finally:
            stop(second)
            forget_unacked(url)

    finished = job_state(job.pk)
    log = (tmp_path / "second.log").read_text(errors="replace")
    assert finished.status == IndexJob.Status.SUCCEEDED, log[-3000:]
    assert finished.result["canary"]["passed"] and finished.result["activated"]
    new.refresh_from_db()
    assert new.state == EmbeddingSpace.State.ACTIVE
    missing = Passage.objects.exclude(embeddings__space=new)
    assert not missing.exists()  # every passage has its vector in the new space
    assert search(query, log=False).hits  # and it serves


SPLIT_PRODUCTS = 600


def test_two_workers_share_one_split_job(space, tmp_path):
    generated_products(SPLIT_PRODUCTS, seed=13, single_language=True)
    url = redis_url()
    with broker(url):
        workers = [
            start_worker_process(name, url, tmp_path / f"{name}.log") for name in ("one", "two")
        ]
        try:
            for name in ("one", "two"):  # both consume before the parts are queued
                log = tmp_path / f"{name}.log"
                wait_for(lambda log=log: b"ready." in log.read_bytes(), timeout=120)
            job = start_job(IndexJob.Kind.REINDEX, space, parts=2)
            wait_for(lambda: job_state(job.pk).is_finished, timeout=900, interval=0.5)
        finally:
            for worker in workers:
                stop(worker)
            forget_unacked(url)

    finished = job_state(job.pk)
    parts = list(finished.parts.order_by("pk"))
    logs = "".join((tmp_path / f"{n}.log").read_text(errors="replace") for n in ("one", "two"))
    assert finished.status == IndexJob.Status.SUCCEEDED, logs[-3000:]
    assert len(parts) == 2 and all(p.status == IndexJob.Status.SUCCEEDED for p in parts)
    # Each part ran in its own worker process, over its own half of the catalog.
    assert parts[0].result["worker"] != parts[1].result["worker"]
    assert sorted(p.done for p in parts) == [SPLIT_PRODUCTS // 2] * 2
    assert (finished.done, finished.total, finished.failed) == (SPLIT_PRODUCTS, SPLIT_PRODUCTS, 0)
    # No product encoded twice, none missed: one vector per passage.
    passages = Passage.objects.count()
    assert finished.result["passages_encoded"] == passages
    assert Embedding.objects.filter(space=space).count() == passages
    assert not Passage.objects.exclude(embeddings__space=space).exists()
    assert CatalogEntry.objects.filter(status=CatalogEntry.Status.INDEXED).count() == SPLIT_PRODUCTS
    assert search(catalog_query(), log=False).hits
