"""Embedding spaces: which encoder serves, and the first space made from settings."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .conf import app_settings
from .embeddings import load_encoder
from .models import EmbeddingSpace


def default_space_name() -> str:
    return "default"


def get_or_create_active_space() -> EmbeddingSpace:
    """The active space; on a fresh install, one is created from ``SHOP_ASSISTANT["ENCODER"]``."""
    space = EmbeddingSpace.objects.active()
    if space is not None:
        return space
    backend = app_settings.ENCODER["CLASS"]
    config = dict(app_settings.ENCODER.get("CONFIG", {}))
    encoder = load_encoder(backend, config)
    try:
        with transaction.atomic():
            space, _ = EmbeddingSpace.objects.get_or_create(
                name=default_space_name(),
                defaults={
                    "backend": backend,
                    "config": config,
                    "model_id": encoder.model_id,
                    "dimension": encoder.dimension,
                    "state": EmbeddingSpace.State.ACTIVE,
                    "activated_at": timezone.now(),
                },
            )
    except IntegrityError:  # another process created it first
        space = EmbeddingSpace.objects.get(state=EmbeddingSpace.State.ACTIVE)
    return space


def get_space(name: str | None) -> EmbeddingSpace:
    """The named space, or the active one (created on first use) when ``name`` is None."""
    if name is None:
        return get_or_create_active_space()
    try:
        return EmbeddingSpace.objects.get(name=name)
    except EmbeddingSpace.DoesNotExist:
        known = ", ".join(EmbeddingSpace.objects.values_list("name", flat=True)) or "none"
        raise EmbeddingSpace.DoesNotExist(
            f"No embedding space named {name!r} (known: {known})."
        ) from None
