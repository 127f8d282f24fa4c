"""Running an :class:`~shop_assistant.models.IndexJob`: chunks, heartbeat, resume, errors.

A job walks its products in primary-key order, a chunk of a few write batches at a time
(the :class:`~shop_assistant.indexing.Indexer` encodes one batch while it writes the
previous one, each in one transaction). As each batch commits the job advances
``cursor`` (the last pk done), ``done`` and ``heartbeat_at``; failures and figures
(``failed``, ``errors``, ``result``) are added after each chunk.
A run that dies is resumed from ``cursor`` (:func:`.jobs.release_stalled_jobs` puts it
back in the queue); re-running a batch is harmless because the Indexer skips passages that
already have a vector in the space, and writes each batch atomically.

Every progress write is conditional on the run's ``runner`` token and on the job still
running, so a run whose job was cancelled or handed to another worker stops by itself.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from .. import signals
from ..conf import app_settings, get_product_model
from ..core.errors import TRANSIENT_ERRORS
from ..core.ids import to_pk
from ..models import IndexJob
from . import ann
from .calibration import calibrate
from .service import Indexer, IndexReport, mark_failed
from .spaces import finish_build, resolve_space
from .vocabulary import refresh_vocabulary

logger = logging.getLogger(__name__)

#: Per-product error messages kept on a job (the ``failed`` count keeps counting).
MAX_JOB_ERRORS = 200

#: Write batches per chunk: within a chunk the Indexer encodes one batch while it writes
#: the previous one; the cursor advances after every batch either way.
CHUNK_BATCHES = 5


class LostJob(Exception):
    """The job was cancelled or taken over by another run; this run stops."""


class JobRunner:
    """Runs one job to its end, or until it is cancelled or its worker dies."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.token = uuid.uuid4().hex
        self.job: IndexJob | None = None

    # -- lifecycle ---------------------------------------------------------------------
    def claim(self) -> IndexJob | None:
        """Take the job if it is queued; None when another run has it or it is finished."""
        now = timezone.now()
        claimed = IndexJob.objects.filter(pk=self.job_id, status=IndexJob.Status.QUEUED).update(
            status=IndexJob.Status.RUNNING,
            runner=self.token,
            heartbeat_at=now,
            started_at=Coalesce(F("started_at"), now),
        )
        if not claimed:
            return None
        self.job = IndexJob.objects.select_related("space").get(pk=self.job_id)
        worker = f"{socket.gethostname()}:{os.getpid()}"  # which worker ran it (admin, tests)
        self._write(self.job, result={**self.job.result, "worker": worker})
        self.job.result = {**self.job.result, "worker": worker}
        return self.job

    def run(self) -> IndexJob | None:
        """Claim and run the job; transient errors release it (to be retried) and re-raise."""
        job = self.claim()
        if job is None:
            return None
        try:
            if job.parts.exists():  # a split job: its parts run; this run finishes it
                self._finish_parent(job)
            else:
                self._prepare(job)
                self._run_chunks(job)
                self._finish(job)
        except LostJob:
            logger.info("Index job %s was cancelled or taken over; stopping.", self.job_id)
        except TRANSIENT_ERRORS:
            self._release()
            raise
        except Exception as exc:
            logger.exception("Index job %s failed", self.job_id)
            self._fail(job, f"{type(exc).__name__}: {exc}")
        return IndexJob.objects.filter(pk=self.job_id).first()

    def _prepare(self, job: IndexJob) -> None:
        if job.kind == IndexJob.Kind.BUILD_SPACE:
            job.space = resolve_space(job.space)
        if not job.product_ids and not job.cursor and not job.done:
            total = self._catalog(job).count()
            self._write(job, total=total)
            job.total = total

    def _catalog(self, job: IndexJob) -> Any:
        """The job's products in pk order (a part: its share of them)."""
        products = get_product_model()._default_manager.order_by("pk")
        after, upto = job.options.get("after"), job.options.get("upto")
        if after is not None:
            products = products.filter(pk__gt=to_pk(after))
        if upto is not None:
            products = products.filter(pk__lte=to_pk(upto))
        return products

    # -- the chunks ----------------------------------------------------------------------
    def _run_chunks(self, job: IndexJob) -> None:
        # The HNSW index is made once, by _finish, when missing: built over all the
        # vectors at the end is faster than growing it insert by insert.
        indexer = Indexer(job.space)
        size = max(int(app_settings.WRITE_BATCH_SIZE), 1) * CHUNK_BATCHES
        while ids := self._next_ids(job, size):
            self._index_chunk(job, indexer, ids)

    def _next_ids(self, job: IndexJob, size: int) -> list[Any]:
        after = to_pk(job.cursor) if job.cursor else None
        if job.product_ids:
            ids = sorted(to_pk(pk) for pk in job.product_ids)
            return [pk for pk in ids if after is None or pk > after][:size]
        products = self._catalog(job)
        if after is not None:
            products = products.filter(pk__gt=after)
        return list(products.values_list("pk", flat=True)[:size])

    def _index_chunk(self, job: IndexJob, indexer: Indexer, ids: list[Any]) -> None:
        """Index a chunk (several batches, encoding one while the previous is written),
        advancing the cursor as each batch commits. If the chunk raises, the products of
        its unwritten batches are indexed one by one to isolate the culprit."""
        committed = 0

        def advance(done: int, _total: int) -> None:
            nonlocal committed
            self._advance(job, ids[committed:done])
            committed = done

        try:
            report = indexer.index_ids(ids, progress=advance, build_index=False)
        except (LostJob, *TRANSIENT_ERRORS):
            raise
        except Exception:
            rest = ids[committed:]
            logger.warning("Index job %s: a batch failed; %d one by one", job.pk, len(rest))
            report = self._one_by_one(job, indexer, rest)
        self._record(job, report)

    def _one_by_one(self, job: IndexJob, indexer: Indexer, ids: list[Any]) -> IndexReport:
        report = IndexReport()
        for pk in ids:
            try:
                report.merge(indexer.index_ids([pk], build_index=False))
            except TRANSIENT_ERRORS:
                raise
            except Exception as exc:
                message = f"{type(exc).__name__}: {exc}"
                report.failed += 1
                report.errors[pk] = message
                mark_failed({pk: message})
            self._advance(job, [pk])
        return report

    # -- bookkeeping ---------------------------------------------------------------------
    def _advance(self, job: IndexJob, ids: list[Any]) -> None:
        """Record products as done (their batch is committed): cursor, counts, heartbeat."""
        if not ids:
            return
        done = job.done + len(ids)
        fields = {"done": done, "total": max(job.total, done), "cursor": str(ids[-1])}
        self._write(job, **fields)
        for name, value in fields.items():
            setattr(job, name, value)
        if job.parent_id:  # the split job shows its parts' progress, and is alive
            IndexJob.objects.filter(pk=job.parent_id).update(
                done=F("done") + len(ids), heartbeat_at=timezone.now()
            )

    def _record(self, job: IndexJob, report: IndexReport) -> None:
        """Add a chunk's failures and figures to the job."""
        errors = dict(job.errors)
        for pk, message in report.errors.items():
            if len(errors) >= MAX_JOB_ERRORS:
                break
            errors[str(pk)] = message
        result = dict(job.result)
        result["passages_encoded"] = result.get("passages_encoded", 0) + report.passages_encoded
        result["passages_skipped"] = result.get("passages_skipped", 0) + report.passages_skipped
        fields = {"failed": job.failed + report.failed, "errors": errors, "result": result}
        self._write(job, **fields)
        for name, value in fields.items():
            setattr(job, name, value)

    def _write(self, job: IndexJob, **fields: Any) -> None:
        """Update the job if this run still holds it; otherwise stop the run."""
        updated = IndexJob.objects.filter(
            pk=job.pk, runner=self.token, status=IndexJob.Status.RUNNING
        ).update(heartbeat_at=timezone.now(), **fields)
        if not updated:
            raise LostJob(job.pk)

    def _finish(self, job: IndexJob) -> None:
        if job.parent_id:  # a part: done; the last part to end finishes the split job
            self._write(job, status=IndexJob.Status.SUCCEEDED, finished_at=timezone.now())
            finish_split_job(job.parent_id)
            return
        result = dict(job.result)
        if job.kind == IndexJob.Kind.REINDEX and not job.product_ids:
            result["removed"] = Indexer(job.space).remove_missing()
        ann.ensure_index(job.space)
        if job.kind == IndexJob.Kind.REINDEX and not job.product_ids:
            calibrate(job.space)  # the whole catalog changed: its threshold is redone
            refresh_vocabulary()
        status = IndexJob.Status.SUCCEEDED
        errors = dict(job.errors)
        if job.kind == IndexJob.Kind.BUILD_SPACE:
            outcome = finish_build(job.space, activate=bool(job.options.get("activate")))
            result.update(outcome.as_result())
            if not outcome.canary.passed:
                status = IndexJob.Status.FAILED
                errors["canary"] = outcome.canary.summary()
        self._write(job, status=status, finished_at=timezone.now(), result=result, errors=errors)
        job.status, job.result, job.errors = status, result, errors
        signals.job_finished.send(sender=IndexJob, job=job)

    def _finish_parent(self, job: IndexJob) -> None:
        """Sum the parts into ``job`` and finish it, once every part has ended."""
        parts = list(job.parts.all())
        if not all(part.is_finished for part in parts):
            self._write(job, status=IndexJob.Status.RUNNING, runner="")  # parts still run
            return
        result: dict[str, Any] = {"parts": len(parts)}
        errors: dict[str, Any] = {}
        for part in parts:
            for key in ("passages_encoded", "passages_skipped"):
                result[key] = result.get(key, 0) + part.result.get(key, 0)
            errors.update(part.errors)
        fields = {
            "done": sum(p.done for p in parts),
            "total": sum(p.total for p in parts),
            "failed": sum(p.failed for p in parts),
            "result": result,
            "errors": dict(list(errors.items())[:MAX_JOB_ERRORS]),
        }
        self._write(job, **fields)
        for name, value in fields.items():
            setattr(job, name, value)
        unfinished = [p.pk for p in parts if p.status != IndexJob.Status.SUCCEEDED]
        if unfinished:
            self._fail(job, f"parts {unfinished} did not succeed")
            return
        self._finish(job)

    def _release(self) -> None:
        try:
            IndexJob.objects.filter(
                pk=self.job_id, runner=self.token, status=IndexJob.Status.RUNNING
            ).update(status=IndexJob.Status.QUEUED, runner="")
        except TRANSIENT_ERRORS:  # the database is away: resume_stalled_jobs will see it
            logger.warning("Could not release index job %s", self.job_id)

    def _fail(self, job: IndexJob, message: str) -> None:
        errors = {**job.errors, "job": message}
        failed = IndexJob.objects.filter(pk=job.pk, runner=self.token).update(
            status=IndexJob.Status.FAILED, finished_at=timezone.now(), errors=errors
        )
        if failed:
            job.status, job.errors = IndexJob.Status.FAILED, errors
            signals.job_finished.send(sender=IndexJob, job=job)


def finish_split_job(job_id: int) -> IndexJob | None:
    """Finish a split job whose parts have all ended; exactly one caller does it (the
    others, and any call while a part still runs, do nothing)."""
    runner = JobRunner(job_id)
    if (
        IndexJob.objects.filter(parent_id=job_id)
        .exclude(
            status__in=[
                IndexJob.Status.SUCCEEDED,
                IndexJob.Status.FAILED,
                IndexJob.Status.CANCELLED,
            ]
        )
        .exists()
    ):
        return None
    claimed = IndexJob.objects.filter(pk=job_id, status=IndexJob.Status.RUNNING, runner="").update(
        runner=runner.token, heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    job = IndexJob.objects.select_related("space").get(pk=job_id)
    try:
        runner._finish_parent(job)
    except TRANSIENT_ERRORS:
        runner._release()
        raise
    return IndexJob.objects.filter(pk=job_id).first()


def run_job(job_id: int) -> IndexJob | None:
    """Run a queued job in this process (what the task does); None if not claimable."""
    return JobRunner(job_id).run()
