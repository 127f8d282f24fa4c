"""``python manage.py shop_assistant_reindex [--all | --ids 1 2 …] [--space NAME] [--async]``.

Synchronous by default (a progress bar, then a summary); ``--async`` queues an index job
for a Celery worker and prints its id (progress shows in the admin).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...indexing import Indexer
from ...indexing.jobs import start_job
from ...models import EmbeddingSpace, IndexJob
from ...spaces import get_space


class ProgressBar:
    """A one-line progress bar on stderr: ``[#####.....] 500/1000 products  12.3 s``."""

    def __init__(self, stream: Any = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} products  {elapsed:.1f} s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Index host products into an embedding space (the active one by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="Index the whole catalog.")
        which.add_argument("--ids", nargs="+", metavar="ID", help="Index these product ids.")
        parser.add_argument("--space", metavar="NAME", help="Embedding space (default: active).")
        parser.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="Queue an index job for a Celery worker and print its id.",
        )
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            space = get_space(options["space"])
        except EmbeddingSpace.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
        if options["run_async"]:
            self._queue(space, options)
            return
        indexer = Indexer(space)
        progress = ProgressBar(self.stderr._out if options["verbosity"] else _Null())
        if options["all"]:
            report = indexer.index_all(progress=progress)
        else:
            report = indexer.index_ids(_parse_ids(options["ids"]), progress=progress)
        self.stdout.write(f"Space {space.name}: {report.summary()}")
        for pk, error in report.errors.items():
            self.stderr.write(f"  product {pk}: {error}")
        if report.failed:
            raise CommandError(f"{report.failed} product(s) failed to index.")


    def _queue(self, space: EmbeddingSpace, options: dict[str, Any]) -> None:
        ids = [] if options["all"] else _parse_ids(options["ids"])
        kind = IndexJob.Kind.REINDEX if options["all"] else IndexJob.Kind.PRODUCTS
        job = start_job(kind, space, product_ids=ids)
        self.stdout.write(str(job.pk))
        if options["verbosity"] > 1:
            self.stderr.write(f"Queued index job #{job.pk} ({kind}) for space {space.name}.")


class _Null:
    def write(self, _text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def _parse_ids(values: list[str]) -> list[Any]:
    return [int(v) if v.isdigit() else v for v in values]
