"""``python manage.py shop_assistant_learn [--space NAME] [--holdout 0.2] [--languages es]
[--seed S] [--activate-if-better] [--queries FILE.jsonl] [--rollback]``.

Trains a new learned version of the serving space from the search log and the events
attributed to it (a query adapter and fusion weights), evaluates it against the current
one on the held-back queries (their visitors' choices, or the judged labels of
``--queries``), prints the report and, with ``--activate-if-better``, activates it when it
wins. ``--rollback`` restores the version active before the current one. The Celery task
``shop_assistant.learn`` and the space admin's "Learn from traffic" action run the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...evaluation import read_queries
from ...indexing.spaces import get_space
from ...learning.data import held_back, product_ids
from ...learning.service import (
    Judgements,
    LearningError,
    format_report,
    learn,
    rollback_version,
)
from ...models import EmbeddingSpace


class Command(BaseCommand):
    help = "Learn a query adapter and fusion weights from the shop's search traffic."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--space", help="Space to learn for (default: the active one).")
        parser.add_argument(
            "--holdout", type=float, default=0.2, help="Share of queries held back (0.2)."
        )
        parser.add_argument("--languages", nargs="+", help="Only searches in these languages.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--activate-if-better",
            action="store_true",
            help="Activate the new version when it beats the current one on held-back queries.",
        )
        parser.add_argument(
            "--queries",
            type=Path,
            help="Judged queries (shop_assistant_eval format): evaluate on their labels.",
        )
        parser.add_argument(
            "--id-field", default="sku", help="Product field of the judged ids (default sku)."
        )
        parser.add_argument(
            "--write-holdout",
            type=Path,
            help="Write the held-back judged queries of --queries to this JSONL file.",
        )
        parser.add_argument(
            "--adapter-scale",
            type=float,
            help="Apply the query adapter at this strength (default: chosen on validation "
            "queries, 0 when it does not help new queries).",
        )
        parser.add_argument(
            "--rollback", action="store_true", help="Restore the previously active version."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            space = get_space(options["space"])
        except EmbeddingSpace.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
        if options["rollback"]:
            try:
                restored = rollback_version(space)
            except LearningError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Rolled back: version {restored.pk} is active."
                if restored
                else "Rolled back: no learned version is active (built-in search)."
            )
            return
        judgements = self._judgements(options)
        try:
            version = learn(
                space,
                holdout=options["holdout"],
                languages=options["languages"],
                seed=options["seed"],
                activate_if_better=options["activate_if_better"],
                judgements=judgements,
                adapter_scale=options["adapter_scale"],
                log=(lambda m: None) if options["json"] else self.stderr.write,
            )
        except LearningError as exc:
            raise CommandError(str(exc)) from exc
        if options["write_holdout"] and judgements is not None:
            self._write_holdout(options, version.report["seed"])
        if options["json"]:
            report = {"version": version.pk, "state": version.state, **version.report}
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(format_report(version))

    def _judgements(self, options: dict[str, Any]) -> Judgements | None:
        path: Path | None = options["queries"]
        if path is None:
            if options["write_holdout"]:
                raise CommandError("--write-holdout needs --queries.")
            return None
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            return Judgements(read_queries(path), product_ids(options["id_field"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

    def _write_holdout(self, options: dict[str, Any], seed: int) -> None:
        languages = options["languages"]
        lines = [
            line
            for line in options["queries"].read_text(encoding="utf-8").splitlines()
            if line.strip()
            and held_back(json.loads(line)["query"], options["holdout"], seed)
            and (not languages or json.loads(line)["lang"] in languages)
        ]
        options["write_holdout"].write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.stderr.write(f"{len(lines)} held-back judged queries → {options['write_holdout']}")
