"""``python manage.py shop_assistant_maintain [--only KEY …]``: every periodic job, once.

For shops without Celery beat: run it from cron (``*/5 * * * *``). Each job of
:data:`shop_assistant.schedule.PERIODIC_TASKS` runs here, in this process, exactly as beat
would have a worker run it; the work a job queues in turn (re-indexing products, resuming
a job) goes through your Celery configuration, to a worker or in-process with
``CELERY_TASK_ALWAYS_EAGER``. Every job is idempotent: an overlapping or repeated run
does no harm. Exits non-zero when a job failed (cron mails the output).
"""

from __future__ import annotations

import json
from typing import Any

from celery import current_app
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ... import tasks  # noqa: F401  (registers the tasks with the Celery app)
from ...schedule import PERIODIC_TASKS


class Command(BaseCommand):
    help = "Run each periodic shop_assistant job once (for cron, instead of Celery beat)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="KEY",
            choices=[periodic.key for periodic in PERIODIC_TASKS],
            help="Run only these jobs (their beat schedule keys).",
        )
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = set(options["only"] or [periodic.key for periodic in PERIODIC_TASKS])
        failed: list[str] = []
        for periodic in PERIODIC_TASKS:
            if periodic.key not in wanted:
                continue
            try:
                result = current_app.tasks[periodic.task].run()
            except Exception as exc:  # one failing job must not stop the others
                failed.append(periodic.key)
                self.stderr.write(f"{periodic.key}: failed: {type(exc).__name__}: {exc}")
                continue
            if options["verbosity"]:
                self.stdout.write(f"{periodic.key}: {json.dumps(result, default=str)}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}")
