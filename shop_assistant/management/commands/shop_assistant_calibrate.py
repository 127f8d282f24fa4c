"""``python manage.py shop_assistant_calibrate [--space NAME] [--queries FILE.jsonl]``.

Calibrates an embedding space's relevance threshold (the similarity a product must reach
to be a search result without matching the query's keywords; see
:mod:`shop_assistant.indexing.calibration`) and stores it on the space. By default on the
catalog's own category names (what a build or a full reindex does); with ``--queries``,
on judged queries (the ``shared/eval`` format), their products matched through a field of
the product model (``--id-field``, default ``sku``), keeping 98 % of the judged-relevant
products above the thresholds. ``--dry-run`` prints without storing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...conf import get_product_model
from ...evaluation import read_queries
from ...indexing.calibration import JUDGED_RECALL, calibrate, judged_pairs
from ...models import CatalogEntry, EmbeddingSpace


class Command(BaseCommand):
    help = "Calibrate an embedding space's relevance threshold on labelled pairs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--space", help="Space name (default: the active space).")
        parser.add_argument("--queries", type=Path, help="Judged queries (JSONL) to use.")
        parser.add_argument(
            "--id-field",
            default="sku",
            help="Product model field holding the ids used in the queries file (default sku).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Print, do not store.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        space = self._space(options["space"])
        pairs = None
        source = "catalog"
        if options["queries"] is not None:
            pairs = self._judged(space, options["queries"], options["id_field"])
            source = f"queries:{options['queries'].name}"
        result = calibrate(
            space,
            pairs,
            source=source,
            save=not options["dry_run"],
            recall_target=JUDGED_RECALL if pairs is not None else None,
        )
        self.stdout.write(json.dumps({"space": space.name, **result.as_dict()}, indent=2))

    def _space(self, name: str | None) -> EmbeddingSpace:
        spaces = EmbeddingSpace.objects.all()
        space = spaces.filter(name=name).first() if name else spaces.active()
        if space is None:
            raise CommandError(f"No space named {name!r}." if name else "No active space.")
        return space

    def _judged(self, space: EmbeddingSpace, path: Path, id_field: str) -> Any:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            queries = read_queries(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        model = get_product_model()
        try:
            model._meta.get_field(id_field)
        except FieldDoesNotExist as exc:
            raise CommandError(f"{model._meta.label} has no field {id_field!r}.") from exc
        pk_of = {str(v): pk for pk, v in model._default_manager.values_list("pk", id_field)}
        entry_of_pk = dict(CatalogEntry.objects.published().values_list("product_id", "id"))

        def entry_of(external_id: str) -> int | None:
            pk = pk_of.get(external_id)
            return entry_of_pk.get(pk) if pk is not None else None

        return judged_pairs(space, [(q.query, q.grades) for q in queries], entry_of)
