"""``python manage.py shop_assistant_reindex [--all | --ids 1 2 …] [--space NAME] [--async]``.

Synchronous by default (a tqdm progress bar on stderr, then a summary); ``--async``
queues an index job for a Celery worker and prints its id (progress shows in the admin).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ...core.ids import to_pks
from ...indexing import Indexer
from ...indexing.freshness import claim_requests
from ...indexing.jobs import start_job
from ...indexing.spaces import get_space
from ...models import EmbeddingSpace, IndexJob


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
        parser.add_argument(
            "--parts",
            type=int,
            help="With --async: split the job into this many parts, one per worker "
            "(default: SHOP_ASSISTANT['INDEX_JOB_PARTS']).",
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
        ids = None if options["all"] else _parse_ids(options["ids"])
        if space.state == EmbeddingSpace.State.ACTIVE:  # this run serves their pending saves
            claim_requests(ids)
        indexer = Indexer(space)
        with tqdm(unit="product", disable=not options["verbosity"], file=self.stderr._out) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            if ids is None:
                report = indexer.index_all(progress=progress)
            else:
                report = indexer.index_ids(ids, progress=progress)
        self.stdout.write(f"Space {space.name}: {report.summary()}")
        for pk, error in report.errors.items():
            self.stderr.write(f"  product {pk}: {error}")
        if report.failed:
            raise CommandError(f"{report.failed} product(s) failed to index.")

    def _queue(self, space: EmbeddingSpace, options: dict[str, Any]) -> None:
        ids = [] if options["all"] else _parse_ids(options["ids"])
        kind = IndexJob.Kind.REINDEX if options["all"] else IndexJob.Kind.PRODUCTS
        job = start_job(kind, space, product_ids=ids, parts=options["parts"])
        self.stdout.write(str(job.pk))
        if options["verbosity"] > 1:
            self.stderr.write(f"Queued index job #{job.pk} ({kind}) for space {space.name}.")


def _parse_ids(values: list[str]) -> list[Any]:
    try:
        return to_pks(values)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
