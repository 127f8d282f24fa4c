"""``python manage.py shop_assistant_eval --queries FILE.jsonl [--k 10] [--json]``.

Runs every judged query through the search service in each mode (hybrid, vector,
lexical) over the currently indexed catalog and prints nDCG, Recall and MRR at ``k``
per group (all, per query language, cross-lingual), and of the result lists (the first
100 results of each): the precision (share of returned results judged relevant) and the
mean count of results. Relevant ids are matched to
products through a field of the product model (``--id-field``, default ``sku``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...conf import app_settings, get_product_model
from ...evaluation import JudgedQuery, RankedList, evaluate, read_queries
from ...models import CatalogEntry
from ...search import InvalidSearch, search
from ...search.fusion import MODES
from ...search.service import MAX_PAGE_SIZE


class Command(BaseCommand):
    help = (
        "Evaluate search quality (nDCG/Recall/MRR@k, precision and count of the result "
        "lists) on judged queries in JSONL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", required=True, type=Path, help="Judged queries file.")
        parser.add_argument("--k", type=int, default=10, help="Cutoff (default 10).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--id-field",
            default="sku",
            help="Product model field holding the ids used in the queries file (default sku).",
        )
        parser.add_argument(
            "--modes", nargs="+", choices=MODES, default=list(MODES), help="Modes to run."
        )
        parser.add_argument(
            "--language",
            choices=("detect", "given"),
            default="detect",
            help="detect: negotiate the language as the API does without `lang` (default); "
            "given: pass each query's `lang` explicitly.",
        )
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        k: int = options["k"]
        if not 1 <= k <= 100:
            raise CommandError("--k must be between 1 and 100.")
        path: Path = options["queries"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            queries = read_queries(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        id_of, languages = self._catalog(options["id_field"])
        missing = {pid for q in queries for pid in q.grades} - set(languages)
        if missing and not options["json"]:
            self.stderr.write(f"{len(missing)} judged product id(s) are not in the index.")

        def ranker(mode: str) -> Any:
            def rank(query: JudgedQuery) -> RankedList:
                try:
                    result = search(
                        query.query,
                        lang=query.language if options["language"] == "given" else None,
                        page_size=max(k, MAX_PAGE_SIZE),
                        mode=mode,  # type: ignore[arg-type]
                        log=False,
                        with_facets=False,
                    )
                except InvalidSearch:
                    return RankedList([], 0)
                ids = [id_of.get(hit.product_id, "") for hit in result.hits]
                return RankedList(ids, result.count)

            return rank

        report = {mode: evaluate(queries, ranker(mode), languages, k) for mode in options["modes"]}
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(format_table(report, k))

    def _catalog(self, id_field: str) -> tuple[dict[Any, str], dict[str, list[str]]]:
        """Product pk → external id, and external id → languages of its indexed texts."""
        model = get_product_model()
        try:
            model._meta.get_field(id_field)
        except FieldDoesNotExist as exc:
            raise CommandError(f"{model._meta.label} has no field {id_field!r}.") from exc
        using = app_settings.DATABASE
        id_of = {
            pk: str(value)
            for pk, value in model._default_manager.using(using).values_list("pk", id_field)
        }
        languages = {
            id_of[product_id]: list(langs)
            for product_id, langs in CatalogEntry.objects.using(using)
            .published()
            .values_list("product_id", "languages")
            if product_id in id_of
        }
        return id_of, languages


def format_table(report: dict[str, dict[str, dict[str, Any]]], k: int) -> str:
    """A readable table: one row per group, nDCG/Recall/MRR per mode."""
    modes = list(report)
    groups = list(dict.fromkeys(g for mode in modes for g in report[mode]))
    metrics = [f"ndcg@{k}", f"recall@{k}", f"mrr@{k}", "precision", "count"]
    header = f"{'group':<16}{'n':>5}  " + "  ".join(
        f"{mode + ' ' + m.split('@')[0]:>16}" for mode in modes for m in metrics
    )
    lines = [header, "-" * len(header)]
    for group in groups:
        first = next(report[mode][group] for mode in modes if group in report[mode])
        cells = [
            f"{report[mode].get(group, {}).get(m, float('nan')):>16.3f}"
            for mode in modes
            for m in metrics
        ]
        lines.append(f"{group:<16}{first['n']:>5}  " + "  ".join(cells))
    return "\n".join(lines)
