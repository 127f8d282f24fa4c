"""``python manage.py shop_assistant_simulate_traffic --queries FILE.jsonl [--sessions N]
[--seed S] [--languages es ...]``.

Replays judged queries (the ``shop_assistant_eval`` format) through the search service as
visitors: each search is logged, clicks follow a position-biased click model over the
judged products shown (with noise and abandoned searches), some clicks lead to
add-to-cart and purchase, all through the events pipeline with the search's query id.
For demos and for evaluating ``shop_assistant_learn``; never on a live shop's data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...conf import app_settings
from ...evaluation import read_queries
from ...learning.data import product_ids
from ...learning.traffic import ClickModel, simulate_traffic


class Command(BaseCommand):
    help = "Simulate visitors searching judged queries, clicking and buying (for learning)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", required=True, type=Path, help="Judged queries file.")
        parser.add_argument(
            "--sessions", type=int, help="Visits to simulate (default: 5 per query)."
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument("--languages", nargs="+", help="Only the queries in these languages.")
        parser.add_argument(
            "--id-field",
            default="sku",
            help="Product model field holding the ids used in the queries file (default sku).",
        )
        parser.add_argument(
            "--random-clicks",
            action="store_true",
            help="Clicks that ignore the judgements (traffic that teaches nothing).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["queries"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            queries = read_queries(path)
            id_of = product_ids(options["id_field"], app_settings.DATABASE)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["languages"]:
            queries = [q for q in queries if q.language in options["languages"]]
        if not queries:
            raise CommandError("No queries to replay (check --languages).")
        sessions = options["sessions"] if options["sessions"] is not None else 5 * len(queries)
        if sessions < 1:
            raise CommandError("--sessions must be at least 1.")
        report = simulate_traffic(
            queries,
            id_of=id_of,
            sessions=sessions,
            seed=options["seed"],
            model=ClickModel(random_clicks=options["random_clicks"]),
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
        else:
            self.stdout.write(
                f"{report.searches} searches over {len(queries)} queries: {report.clicks} "
                f"clicks, {report.carts} add-to-carts, {report.purchases} purchases, "
                f"{report.abandoned} abandoned."
            )
