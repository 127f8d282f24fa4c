"""Embedding spaces, blue/green: which encoder serves, and switching models without downtime.

Lifecycle of a space (:data:`TRANSITIONS`, checked by :func:`transition`)::

    create_space() ──▶ building ──build job──▶ HNSW index, canary ──activate_space()──▶ active
                                                                                        │
    delete_space() ◀── retired ◀──────── another space is activated ◀────────────────────┘
                          └──────── rollback_space() reactivates it (and catches it up)

While a space is built, the active one keeps serving, and products saved meanwhile are
indexed into both (:func:`live_spaces`). Activation is one transaction that retires the
active space and activates the new one, so a reader sees either the old or the new
space, never none. :func:`active_space` is the one lookup of the serving space, memoized
per process (:mod:`shop_assistant.core.memo`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..conf import app_settings
from ..core import memo
from ..core.errors import Conflict
from ..core.loading import split_setting
from ..embeddings import load_encoder
from ..models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob, Passage
from . import ann
from .calibration import calibrate
from .canary import CanaryReport, canary_check
from .jobs import create_job, queue_job, start_job
from .service import Indexer
from .vocabulary import refresh_vocabulary

State = EmbeddingSpace.State

#: ``(state, action) -> new state`` (``None``: the space is gone). Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str | None] = {
    (State.BUILDING, "build"): State.BUILDING,
    (State.BUILDING, "activate"): State.ACTIVE,
    (State.RETIRED, "activate"): State.ACTIVE,  # a rollback
    (State.ACTIVE, "retire"): State.RETIRED,
    (State.BUILDING, "delete"): None,
    (State.RETIRED, "delete"): None,
}

_REFUSALS = {
    "build": "only a building space is built",
    "activate": "only a building or retired space is activated",
    "retire": "only the active space is retired",
    "delete": "activate another space first",
}


class SpaceError(Conflict):
    """A space operation that is not possible in the space's current state."""


def transition(name: str, state: str, action: str) -> str | None:
    """The state after ``action``, or :class:`SpaceError` when the lifecycle forbids it."""
    if (state, action) in TRANSITIONS:
        return TRANSITIONS[state, action]
    raise SpaceError(f"Space {name!r} is {state}; {_REFUSALS[action]}.")


def active_space(using: str = "default") -> EmbeddingSpace | None:
    """The serving space, memoized per process (None before anything was indexed)."""
    return memo.memoized(("active-space", using), EmbeddingSpace.objects.using(using).active)


def default_space_name() -> str:
    return "default"


def get_or_create_active_space() -> EmbeddingSpace:
    """The active space; on a fresh install, one is created from ``SHOP_ASSISTANT["ENCODER"]``."""
    space = EmbeddingSpace.objects.active()
    if space is not None:
        return space
    backend, config = split_setting('SHOP_ASSISTANT["ENCODER"]', app_settings.ENCODER)
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


def live_spaces(using: str = "default") -> list[EmbeddingSpace]:
    """The active space (created on first use) first, then the spaces being built."""
    active = get_or_create_active_space()
    building = EmbeddingSpace.objects.using(using).filter(
        state=EmbeddingSpace.State.BUILDING, dimension__gt=0
    )
    return [active, *building.order_by("pk")]


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


# -- creating and building ---------------------------------------------------------------
def unique_space_name(backend: str, config: dict[str, Any]) -> str:
    """A free slug from the model (``all-minilm-l6-v2``, ``all-minilm-l6-v2-2``, ...)."""
    model = str(config.get("model") or backend.rsplit(".", 1)[-1])
    base = slugify(re.split(r"[\\/]", model.rstrip("/\\"))[-1])[:48] or "space"
    taken = set(EmbeddingSpace.objects.filter(name__startswith=base).values_list("name", flat=True))
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def create_space(
    backend: str,
    config: dict[str, Any] | None = None,
    *,
    name: str | None = None,
    storage: str = EmbeddingSpace.Storage.VECTOR,
    resolve: bool = True,
) -> EmbeddingSpace:
    """A new space in state ``building``.

    With ``resolve`` the encoder is loaded now to record its model id and dimension (and
    to fail early on a bad backend or config); without it (the admin, which must not load
    models into web processes) the build job resolves them before indexing.
    """
    config = dict(config or {})
    space = EmbeddingSpace(
        name=name or unique_space_name(backend, config),
        backend=backend,
        config=config,
        model_id="",
        dimension=0,
        storage=storage,
        state=EmbeddingSpace.State.BUILDING,
    )
    if resolve:
        _resolve_into(space)
    space.save()
    return space


def resolve_space(space: EmbeddingSpace) -> EmbeddingSpace:
    """Record the model id and dimension of a space created without them."""
    if space.dimension and space.model_id:
        return space
    _resolve_into(space)
    space.save(update_fields=["model_id", "dimension"])
    return space


def _resolve_into(space: EmbeddingSpace) -> None:
    encoder = load_encoder(space.backend, space.config)
    space.model_id = encoder.model_id
    space.dimension = int(encoder.dimension)


def build_space(space: EmbeddingSpace, *, activate: bool = False, queue: bool = True) -> IndexJob:
    """The job that indexes the whole catalog into ``space``, builds its HNSW index, runs
    the canary and (with ``activate``) activates it when the canary passes; queued for a
    worker unless ``queue=False`` (the caller runs it, e.g. with ``run_job``)."""
    transition(space.name, space.state, "build")
    job = create_job(IndexJob.Kind.BUILD_SPACE, space, options={"activate": activate})
    return queue_job(job) if queue else job


@dataclass
class BuildOutcome:
    """The end of a space build: catch-up, canary, activation."""

    caught_up: int
    canary: CanaryReport
    activated: bool

    def as_result(self) -> dict[str, Any]:
        return {
            "caught_up": self.caught_up,
            "canary": self.canary.as_dict(),
            "activated": self.activated,
        }


def finish_build(space: EmbeddingSpace, *, activate: bool) -> BuildOutcome:
    """After the bulk pass: index what changed meanwhile, build the index, run the canary,
    and activate when asked and the canary passed."""
    behind = outdated_products(space)
    if behind:
        Indexer(space).index_ids(behind, build_index=False)
    ann.ensure_index(space)
    canary = canary_check(space)
    calibrate(space)  # this encoder's own relevance threshold
    refresh_vocabulary()
    activated = False
    if activate and canary.passed:
        activate_space(space, canary_passed=True)
        activated = True
    return BuildOutcome(caught_up=len(behind), canary=canary, activated=activated)


def outdated_products(space: EmbeddingSpace, using: str = "default") -> list[Any]:
    """Products with a passage that has no vector in ``space``, or one of older text."""
    sql = (
        f"SELECT DISTINCT e.product_id FROM {CatalogEntry._meta.db_table} e "
        f"JOIN {Passage._meta.db_table} p ON p.entry_id = e.id "
        f"LEFT JOIN {Embedding._meta.db_table} v ON v.passage_id = p.id AND v.space_id = %s "
        "WHERE v.id IS NULL OR v.content_hash <> p.content_hash ORDER BY 1"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [space.pk])
        return [row[0] for row in cursor.fetchall()]


# -- switching ---------------------------------------------------------------------------
def last_canary(space: EmbeddingSpace) -> dict[str, Any] | None:
    """The canary report of the space's latest finished build, if any."""
    job = (
        space.jobs.filter(kind=IndexJob.Kind.BUILD_SPACE, result__has_key="canary")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return job.result["canary"] if job else None


def activate_space(space: EmbeddingSpace, *, canary_passed: bool | None = None) -> EmbeddingSpace:
    """Make ``space`` the active one, atomically retiring the current active space.

    A building space needs a passed canary (its latest build's, unless ``canary_passed``
    is given), a valid HNSW index and a vector for every passage. A retired space (a
    rollback) needs only its index; see :func:`rollback_space`.
    """
    with transaction.atomic():
        spaces = {s.pk: s for s in EmbeddingSpace.objects.select_for_update().order_by("pk")}
        target = spaces.get(space.pk)
        if target is None:
            raise SpaceError(f"Space {space.name!r} no longer exists.")
        if target.state == EmbeddingSpace.State.ACTIVE:
            return target
        new_state = transition(target.name, target.state, "activate")
        if target.state == EmbeddingSpace.State.BUILDING:
            if canary_passed is None:
                canary = last_canary(target)
                canary_passed = bool(canary and canary.get("passed"))
            if not canary_passed:
                raise SpaceError(
                    f"Space {target.name!r} has no passed canary check: build it first."
                )
            missing = outdated_products(target)
            if missing:
                raise SpaceError(
                    f"Space {target.name!r} is missing vectors of {len(missing)} product(s); "
                    "build it again to catch up."
                )
        if ann.index_state(target) != "valid":
            raise SpaceError(f"Space {target.name!r} has no valid HNSW index yet.")
        for other in spaces.values():
            if other.state == EmbeddingSpace.State.ACTIVE:
                other.state = transition(other.name, other.state, "retire")
                other.save(update_fields=["state"])
        target.state = new_state
        target.activated_at = timezone.now()
        target.save(update_fields=["state", "activated_at"])
    return target


def previous_space() -> EmbeddingSpace | None:
    """The retired space that served most recently."""
    return (
        EmbeddingSpace.objects.filter(state=EmbeddingSpace.State.RETIRED)
        .exclude(activated_at=None)
        .order_by("-activated_at")
        .first()
    )


def rollback_space(space: EmbeddingSpace | None = None) -> tuple[EmbeddingSpace, IndexJob]:
    """Reactivate a retired space (the previous one by default) at once, and queue a job
    that catches it up with the products changed since it was retired."""
    target = space or previous_space()
    if target is None:
        raise SpaceError("There is no retired space to roll back to.")
    if target.state != EmbeddingSpace.State.RETIRED:
        raise SpaceError(f"Space {target.name!r} is {target.state}; only a retired one rolls back.")
    target = activate_space(target)
    job = start_job(IndexJob.Kind.REINDEX, target, options={"rollback": True})
    return target, job


def delete_space(space: EmbeddingSpace) -> None:
    """Delete a space that is not active, with its vectors and HNSW index."""
    transition(space.name, space.state, "delete")
    space.jobs.filter(status__in=[IndexJob.Status.QUEUED, IndexJob.Status.RUNNING]).update(
        status=IndexJob.Status.CANCELLED, finished_at=timezone.now()
    )
    ann.drop_index(space)
    with transaction.atomic():
        locked = EmbeddingSpace.objects.select_for_update().filter(pk=space.pk).first()
        if locked is None:
            return
        transition(locked.name, locked.state, "delete")  # activated meanwhile: refused
        with connections["default"].cursor() as cursor:  # one statement, not row by row
            cursor.execute(
                f"DELETE FROM {Embedding._meta.db_table} WHERE space_id = %s", [space.pk]
            )
        locked.delete()
