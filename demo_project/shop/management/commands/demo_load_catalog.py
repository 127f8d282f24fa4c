"""``python manage.py demo_load_catalog --jsonl PATH [--replace]``: import ESCI-style products."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ...loading import IMPORT_CATEGORY, load_categories, load_products, read_esci_jsonl
from ...models import OrderLine, Product


class Command(BaseCommand):
    help = "Import products from a JSONL file in the format of shared/eval/products.jsonl."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, type=Path, help="Products file.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete every other product first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["jsonl"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            items = read_esci_jsonl(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            if options["replace"]:
                keep = [item["sku"] for item in items]
                doomed = Product.objects.exclude(sku__in=keep)
                OrderLine.objects.filter(product__in=doomed).delete()
                deleted, _ = doomed.delete()
                self.stdout.write(f"Removed {deleted} rows not in {path.name}.")
            categories = load_categories(
                [{"slug": IMPORT_CATEGORY, "parent": None, "names": {"en": "Imported"}}]
            )
            count = load_products(items, categories)
        self.stdout.write(
            f"Loaded {count} products from {path}. Index them with "
            "`python manage.py shop_assistant_reindex --all`."
        )
