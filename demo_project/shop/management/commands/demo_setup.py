"""``python manage.py demo_setup``: migrate, load and index the demo catalog, create an admin.

Idempotent: a second run changes nothing and encodes nothing.
"""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from shop_assistant.indexing.jobs import create_job
from shop_assistant.indexing.runner import run_job
from shop_assistant.indexing.spaces import get_or_create_active_space
from shop_assistant.models import IndexJob

from ...activity import generate_demo_activity
from ...catalog_data import CATEGORIES, demo_catalog
from ...faq_data import load_faq
from ...loading import load_categories, load_products

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Set up the demo shop: migrate, load and index the demo catalog, create an admin user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        categories = load_categories(CATEGORIES)
        count = load_products(demo_catalog(), categories)
        self.stdout.write(f"Demo catalog: {count} products in {len(categories)} categories.")
        self.stdout.write(f"Demo FAQ: {load_faq()} entries.")
        # Indexed here, in this process, but as an index job: it shows in the admin.
        job = create_job(IndexJob.Kind.REINDEX, get_or_create_active_space())
        job = run_job(job.pk)
        encoded = job.result.get("passages_encoded", 0)
        skipped = job.result.get("passages_skipped", 0)
        self.stdout.write(
            f"Indexed (job #{job.pk}, {job.status}): {job.done} products, {encoded} passages "
            f"encoded, {skipped} skipped as unchanged, {job.failed} failed"
        )
        self.stdout.write(generate_demo_activity())
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "shop-assistant-demo")
        user, created = get_user_model().objects.get_or_create(
            username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.is_staff = user.is_superuser = True
            user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Admin user: {ADMIN_USERNAME} / password: {password}")
        )
