"""``python manage.py shop_assistant_build_space --model PATH_OR_NAME [--activate]``.

Creates a new embedding space for a model, indexes the whole catalog into it (the
active space keeps serving), builds its HNSW index and runs the canary check; with
``--activate`` the space is activated when the canary passes. Runs here by default;
``--async`` queues the build for a Celery worker and prints the job id; ``--storage
halfvec`` indexes 16-bit floats (half the index size, for large catalogs).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from ...embeddings import EncoderConfigError
from ...indexing.runner import run_job
from ...indexing.spaces import build_space, create_space
from ...models import EmbeddingSpace, IndexJob

SENTENCE_TRANSFORMERS = "shop_assistant.embeddings.sentence_transformers.SentenceTransformerEncoder"


class Command(BaseCommand):
    help = "Build a new embedding space for a model (blue/green) and optionally activate it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--model", help="Model name or local path (the encoder's 'model' argument)."
        )
        parser.add_argument(
            "--backend",
            default=SENTENCE_TRANSFORMERS,
            help="Encoder class (dotted path); default: the sentence-transformers backend.",
        )
        parser.add_argument(
            "--config",
            default="{}",
            help='More encoder arguments as JSON, e.g. \'{"query_prompt": "query: "}\'.',
        )
        parser.add_argument("--name", help="Space name (default: derived from the model).")
        parser.add_argument(
            "--storage",
            choices=EmbeddingSpace.Storage.values,
            default=EmbeddingSpace.Storage.VECTOR,
            help="Index storage: vector (32-bit floats, default) or halfvec (16-bit floats: "
            "half the index size and build memory, for large catalogs).",
        )
        parser.add_argument(
            "--activate", action="store_true", help="Activate the space if the canary passes."
        )
        parser.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="Queue the build for a Celery worker and print the job id.",
        )
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def handle(self, *args: Any, **options: Any) -> None:
        config = self._config(options)
        name = options["name"]
        if name and slugify(name) != name:
            raise CommandError(f"--name must be a slug (letters, digits, - and _), not {name!r}.")
        if name and EmbeddingSpace.objects.filter(name=name).exists():
            raise CommandError(f"A space named {name!r} already exists.")
        try:
            space = create_space(
                options["backend"], config, name=name, storage=options["storage"]
            )
        except EncoderConfigError as exc:
            raise CommandError(str(exc)) from exc
        job = build_space(space, activate=options["activate"], queue=options["run_async"])
        if options["run_async"]:
            self.stdout.write(str(job.pk))
            return
        self.stderr.write(f"Building space {space.name} ({space.model_id}, {space.dimension}d)…")
        finished = run_job(job.pk) or IndexJob.objects.get(pk=job.pk)
        self._report(space, finished)

    def _config(self, options: dict[str, Any]) -> dict[str, Any]:
        try:
            config = json.loads(options["config"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"--config is not valid JSON: {exc}") from exc
        if not isinstance(config, dict):
            raise CommandError("--config must be a JSON object.")
        if options["model"]:
            config["model"] = options["model"]
        elif options["backend"] == SENTENCE_TRANSFORMERS and "model" not in config:
            raise CommandError("--model is required for the sentence-transformers backend.")
        return config

    def _report(self, space: EmbeddingSpace, job: IndexJob) -> None:
        space.refresh_from_db()
        canary = job.result.get("canary", {})
        self.stdout.write(
            f"Space {space.name}: {job.done} products, {job.failed} failed, "
            f"{job.result.get('passages_encoded', 0)} passages encoded; "
            f"canary recall {canary.get('recall', 0):.2f} "
            f"({'passed' if canary.get('passed') else 'FAILED'}); state {space.state}."
        )
        for pk, error in list(job.errors.items())[:20]:
            self.stderr.write(f"  {pk}: {error}")
        if job.status != IndexJob.Status.SUCCEEDED:
            raise CommandError(
                f"Build job #{job.pk} {job.status}; space {space.name} was not activated."
            )
